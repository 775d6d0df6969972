"""Readable names of audit actions for history panels.

Actions are dotted codes (``serviceweek.order.accept``); people read the verb
at their end in their language. A verb without a name here is shown as its code.
"""

from django import template
from django.utils.translation import pgettext_lazy

register = template.Library()

VERBS = {
    "accept": pgettext_lazy("audit", "accepted"),
    "admin_change": pgettext_lazy("audit", "changed in the back office"),
    "answer": pgettext_lazy("audit", "answered"),
    "approve": pgettext_lazy("audit", "approved"),
    "assign": pgettext_lazy("audit", "assigned"),
    "bind": pgettext_lazy("audit", "home recorded"),
    "bind_wechat": pgettext_lazy("audit", "WeChat bound"),
    "book": pgettext_lazy("audit", "booked"),
    "close": pgettext_lazy("audit", "closed"),
    "close_voting": pgettext_lazy("audit", "voting closed"),
    "complete": pgettext_lazy("audit", "completed"),
    "configure_voting": pgettext_lazy("audit", "voting rules set"),
    "confirm": pgettext_lazy("audit", "confirmed"),
    "confirm_scores": pgettext_lazy("audit", "scores confirmed"),
    "create": pgettext_lazy("audit", "created"),
    "import": pgettext_lazy("audit", "imported"),
    "invalidate": pgettext_lazy("audit", "votes invalidated"),
    "invalidate_by_veto": pgettext_lazy("audit", "votes dropped by veto"),
    "open": pgettext_lazy("audit", "opened"),
    "pair": pgettext_lazy("audit", "paired"),
    "pause": pgettext_lazy("audit", "paused"),
    "publish": pgettext_lazy("audit", "published"),
    "publish_results": pgettext_lazy("audit", "results published"),
    "rate": pgettext_lazy("audit", "rated"),
    "receive": pgettext_lazy("audit", "received"),
    "recategorise": pgettext_lazy("audit", "category changed"),
    "record": pgettext_lazy("audit", "recorded"),
    "register": pgettext_lazy("audit", "registered"),
    "reject": pgettext_lazy("audit", "rejected"),
    "remove": pgettext_lazy("audit", "removed"),
    "reopen": pgettext_lazy("audit", "reopened"),
    "resolve": pgettext_lazy("audit", "resolved"),
    "respond": pgettext_lazy("audit", "responded"),
    "resume": pgettext_lazy("audit", "resumed"),
    "reveal_contact": pgettext_lazy("audit", "contact details viewed"),
    "route": pgettext_lazy("audit", "routed"),
    "start": pgettext_lazy("audit", "started"),
    "status": pgettext_lazy("audit", "status changed"),
    "submit": pgettext_lazy("audit", "submitted"),
    "update": pgettext_lazy("audit", "changed"),
    "veto": pgettext_lazy("audit", "vetoed"),
    "visit": pgettext_lazy("audit", "visit logged"),
    "withdraw": pgettext_lazy("audit", "withdrawn"),
}


@register.filter
def action_label(action):
    """The readable name of the last part of a dotted audit action."""
    verb = str(action).rsplit(".", 1)[-1]
    return VERBS.get(verb, action)
