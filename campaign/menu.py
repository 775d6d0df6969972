from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can


def console_menu(user):
    if not can(user, "campaign.view_tasks"):
        return []
    return [{"url": reverse("campaign:task_list"), "label": _("Campaign tasks")}]
