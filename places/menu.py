from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can


def console_menu(user):
    items = []
    if can(user, "places.view_estates"):
        items.append({"url": reverse("places:estate_list"), "label": _("Estates")})
    if can(user, "organizations.view_companies"):
        items.append(
            {
                "url": reverse("organizations:company_list"),
                "label": _("Property companies"),
            }
        )
    return items
