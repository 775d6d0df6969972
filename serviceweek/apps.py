from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceweekConfig(AppConfig):
    name = "serviceweek"
    verbose_name = _("Service week")

    def ready(self):
        from serviceweek import rules  # noqa: F401 -- registers the rules
