from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can
from complaints.summary import places_for


def console_menu(user):
    if not can(user, "complaints.use_console"):
        return []
    items = [
        {"url": reverse("complaints:queue"), "label": _("Complaints")},
        {"url": reverse("complaints:hotline"), "label": _("Hotline complaint")},
    ]
    if places_for(user):
        items.append(
            {"url": reverse("complaints:summary"), "label": _("17:00 summary")}
        )
    return items
