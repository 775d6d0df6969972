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
            {"url": reverse("showcase:settings"), "label": _("Showcase settings")}
        )
        items.append(
            {"url": reverse("showcase:anomalies"), "label": _("Voting anomalies")}
        )
        items.append(
            {"url": reverse("showcase:results"), "label": _("Showcase results")}
        )
        items.append(
            {"url": reverse("showcase:gala_console"), "label": _("Gala quiz and draws")}
        )
        items.append(
            {
                "url": reverse("showcase:stories"),
                "label": _("The Red Steward story collection"),
            }
        )
    if scope.has(Role.EXPERT):
        items.append({"url": reverse("showcase:expert"), "label": _("Expert scoring")})
    if scope.has(Role.PANEL_CHAIR):
        items.append(
            {"url": reverse("showcase:chair"), "label": _("Scores to confirm")}
        )
    return items
