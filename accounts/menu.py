from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import scope_of
from accounts.roles import Role


def console_menu(user):
    items = [{"url": reverse("accounts:profile"), "label": _("Me")}]
    if user.is_staff and scope_of(user).has(Role.SYSTEM_ADMIN):
        items.append(
            {
                "url": reverse("admin:accounts_user_changelist"),
                "label": _("People and roles"),
            }
        )
    return items
