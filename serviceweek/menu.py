from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can, scope_of
from accounts.roles import Role


def console_menu(user):
    items = []
    scope = scope_of(user)
    if scope.partner_ids or scope.is_company_staff:
        items.append(
            {"url": reverse("serviceweek:console_orders"), "label": _("Service orders")}
        )
    if scope.partner_ids:
        items.append(
            {
                "url": reverse("serviceweek:partner_packages"),
                "label": _("Packages and teams"),
            }
        )
    if scope.is_company_staff or scope.is_official:
        items.append(
            {
                "url": reverse("serviceweek:follow_ups"),
                "label": _("Follow-ups of low ratings"),
            }
        )
    if scope.is_company_staff:
        items.append(
            {"url": reverse("serviceweek:actions"), "label": _("Day-one actions")}
        )
        items.append(
            {
                "url": reverse("serviceweek:book_for"),
                "label": _("Book for a resident"),
            }
        )
    if scope.is_company_staff or scope.is_official:
        items.append({"url": reverse("serviceweek:care"), "label": _("Care pairings")})
    if scope.is_company_staff or getattr(user, "party_member", None) is not None:
        items.append(
            {
                "url": reverse("serviceweek:care_registrations"),
                "label": _("Registered households"),
            }
        )
    if (
        scope.has(Role.CITY_OFFICER, Role.SYSTEM_ADMIN)
        or scope.subdistrict_ids
        or scope.district_ids
    ):
        items.append(
            {"url": reverse("serviceweek:booths"), "label": _("Market day booths")}
        )
    if can(user, "serviceweek.view_figures"):
        items.append(
            {
                "url": reverse("serviceweek:coverage"),
                "label": _("Coverage of the day-one actions"),
            }
        )
        items.append(
            {
                "url": reverse("serviceweek:figures"),
                "label": _("Service week figures"),
            }
        )
    return items
