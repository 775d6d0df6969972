from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared machinery")

    def ready(self):
        from common import checks  # noqa: F401 -- registers the deploy checks
