from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Forms end each label with gettext(":"); Django's own Chinese catalog keeps the
# half-width colon, this catalog (which comes first) gives the full-width one.
LABEL_SUFFIX = gettext_noop(":")


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared machinery")

    def ready(self):
        from common import checks  # noqa: F401 -- registers the deploy checks
