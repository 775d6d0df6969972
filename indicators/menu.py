from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can


def console_menu(user):
    if not can(user, "indicators.view_complaint_rate"):
        return []
    return [{"url": reverse("indicators:complaint_rate"), "label": _("Complaint rate")}]
