from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Key indicators")

    def ready(self):
        from indicators import rules  # noqa: F401 -- registers the rules
