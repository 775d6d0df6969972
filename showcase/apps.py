from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    name = "showcase"
    verbose_name = _("Achievement showcase")

    def ready(self):
        from showcase import rules  # noqa: F401 -- registers the rules
