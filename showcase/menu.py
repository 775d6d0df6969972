"""The showcase's entries in the staff console menu."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can, scope_of
from accounts.roles import Role


def console_menu(user):
    scope = scope_of(user)
    items = []
    if can(user, "showcase.submit_work"):
        # Company staff enter their company's works from the console.
        items.append(
            {"url": reverse("showcase:my_works"), "label": _("Showcase: my works")}
        )
    if scope.has(Role.REVIEWER):
        items.append(
            {"url": reverse("showcase:review_queue"), "label": _("Work review")}
        )
    if can(user, "showcase.manage"):
        items.append(
            {"url": reverse("showcase:anomalies"), "label": _("Voting anomalies")}
        )
        items.append(
            {"url": reverse("showcase:results"), "label": _("Showcase results")}
        )
    if scope.has(Role.EXPERT):
        items.append({"url": reverse("showcase:expert"), "label": _("Expert scoring")})
    return items
