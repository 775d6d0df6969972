from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartydaysConfig(AppConfig):
    name = "partydays"
    verbose_name = _("Theme party days")
