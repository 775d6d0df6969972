from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can


def console_menu(user):
    if not can(user, "campaign.view_tasks"):
        return []
    tasks = reverse("campaign:task_list")
    return [
        {"url": tasks, "label": _("Campaign tasks")},
        {"url": f"{tasks}?attention=1", "label": _("Overdue and due soon")},
    ]
