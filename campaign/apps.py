from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    verbose_name = _("Campaign plan")

    def ready(self):
        from campaign import rules  # noqa: F401 -- registers the rules
