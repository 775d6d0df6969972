from django import template

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
