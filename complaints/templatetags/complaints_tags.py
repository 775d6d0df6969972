from django import template
from django.utils.translation import gettext_lazy as _

from common.deadlines import DeadlineState
from complaints.deadlines import overall_state, resolution_state, response_state

register = template.Library()

CSS = {
    DeadlineState.ON_TIME: "ok",
    DeadlineState.MET: "ok",
    DeadlineState.DUE_SOON: "warn",
    DeadlineState.OVERDUE: "bad",
    DeadlineState.MISSED: "bad",
}


def _shown(state):
    if state is None:
        return None
    return {"label": DeadlineState(state).label, "css": CSS[state], "value": state}


@register.simple_tag
def deadline_of(complaint, clock="overall"):
    """``{label, css, value}`` of a complaint's clock, derived now."""
    compute = {
        "overall": overall_state,
        "response": response_state,
        "resolution": resolution_state,
    }[clock]
    return _shown(compute(complaint))


ACTION_LABELS = {
    "complaints.complaint.receive": _("received"),
    "complaints.complaint.route": _("routed to the handler"),
    "complaints.complaint.respond": _("first answer given"),
    "complaints.complaint.resolve": _("reported resolved"),
    "complaints.complaint.pause": _("waiting on the resident"),
    "complaints.complaint.resume": _("clock resumed"),
    "complaints.complaint.recategorise": _("category changed"),
    "complaints.complaint.close": _("closed with a reason"),
    "complaints.complaint.confirm": _("resident confirmed the fix"),
    "complaints.complaint.reopen": _("resident reopened it"),
    "complaints.complaint.rate": _("resident rated the handling"),
    "complaints.complaint.note": _("message added"),
}


@register.filter
def action_label(action):
    """A person's words for an audit action code."""
    return ACTION_LABELS.get(action, action)
