"""Complaint categories, states, outcomes and the transition table."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    REPAIR = "repair", pgettext_lazy("complaint category", "repairs")
    ELEVATOR = "elevator", pgettext_lazy("complaint category", "elevator")
    CLEANING = "cleaning", pgettext_lazy("complaint category", "cleaning")
    SECURITY = "security", pgettext_lazy("complaint category", "security and order")
    GREENERY = "greenery", pgettext_lazy("complaint category", "greenery")
    PARKING = "parking", pgettext_lazy("complaint category", "parking")
    FEES = "fees", pgettext_lazy("complaint category", "fees")
    NOISE = "noise", pgettext_lazy("complaint category", "noise")
    ATTITUDE = "attitude", pgettext_lazy("complaint category", "service attitude")
    OTHER = "other", pgettext_lazy("complaint category", "other")


class Channel(models.TextChoices):
    MOBILE = "mobile", pgettext_lazy("complaint channel", "mobile page")
    API = "api", pgettext_lazy("complaint channel", "mini-program")
    HOTLINE = "hotline", pgettext_lazy("complaint channel", "hotline")


class State(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("complaint state", "received")
    ROUTED = "routed", pgettext_lazy("complaint state", "routed")
    RESPONDED = "responded", pgettext_lazy("complaint state", "responded")
    RESOLVED = "resolved", pgettext_lazy("complaint state", "awaiting confirmation")
    REOPENED = "reopened", pgettext_lazy("complaint state", "reopened")
    CLOSED = "closed", pgettext_lazy("complaint state", "closed")


class Outcome(models.TextChoices):
    """How a closed complaint ended; only CONFIRMED counts as resolved."""

    CONFIRMED = (
        "confirmed",
        pgettext_lazy("complaint outcome", "resolved and confirmed"),
    )
    NOT_OURS = "not_ours", pgettext_lazy("complaint outcome", "not our responsibility")
    CANNOT_FIX = "cannot_fix", pgettext_lazy("complaint outcome", "cannot be fixed")
    DUPLICATE = "duplicate", pgettext_lazy("complaint outcome", "duplicate")


# Outcomes a handler may close with; CONFIRMED is the resident's alone.
HANDLER_OUTCOMES = (Outcome.NOT_OURS, Outcome.CANNOT_FIX, Outcome.DUPLICATE)

TRANSITIONS = {
    State.RECEIVED: {State.ROUTED},
    State.ROUTED: {State.RESPONDED, State.CLOSED},
    State.RESPONDED: {State.RESOLVED, State.CLOSED},
    State.RESOLVED: {State.CLOSED, State.REOPENED},
    State.REOPENED: {State.RESOLVED, State.CLOSED},
    State.CLOSED: set(),
}

# States in which the handler still owes work (the clocks may run).
OPEN_STATES = (State.RECEIVED, State.ROUTED, State.RESPONDED, State.REOPENED)
# States in which a complaint may wait on the resident (resolution clock paused).
PAUSABLE_STATES = (State.ROUTED, State.RESPONDED, State.REOPENED)
