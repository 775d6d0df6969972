from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can, scope_of


def console_menu(user):
    items = []
    scope = scope_of(user)
    if scope.partner_ids or scope.is_company_staff:
        items.append(
            {"url": reverse("serviceweek:console_orders"), "label": _("Service orders")}
        )
    if can(user, "serviceweek.view_figures"):
        items.append(
            {
                "url": reverse("serviceweek:figures"),
                "label": _("Service week figures"),
            }
        )
    return items
