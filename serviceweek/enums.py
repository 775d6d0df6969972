"""Choices of the service week and the order state machine's moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    PIECE = "piece", pgettext_lazy("unit", "unit (台)")
    SQUARE_METRE = "sqm", pgettext_lazy("unit", "square metre (㎡)")
    VISIT = "visit", pgettext_lazy("unit", "visit (次)")


class OrderState(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("order state", "booked")
    ACCEPTED = "accepted", pgettext_lazy("order state", "accepted")
    ASSIGNED = "assigned", pgettext_lazy("order state", "assigned")
    IN_SERVICE = "in_service", pgettext_lazy("order state", "in service")
    COMPLETED = "completed", pgettext_lazy("order state", "completed")
    RATED = "rated", pgettext_lazy("order state", "rated")
    CANCELLED = "cancelled", pgettext_lazy("order state", "cancelled")
    REJECTED = "rejected", pgettext_lazy("order state", "rejected")


S = OrderState

# The order's life. "Declining" an accepted order puts it back in the
# partner's pool (booked) for another member of staff to take; rejecting a
# booked order ends it and frees its place.
ORDER_MOVES = {
    S.BOOKED: {S.ACCEPTED, S.REJECTED, S.CANCELLED},
    S.ACCEPTED: {S.BOOKED, S.ASSIGNED, S.CANCELLED},
    S.ASSIGNED: {S.IN_SERVICE, S.ACCEPTED, S.CANCELLED},
    S.IN_SERVICE: {S.COMPLETED},
    S.COMPLETED: {S.RATED},
    S.RATED: set(),
    S.CANCELLED: set(),
    S.REJECTED: set(),
}

# States that hold a place in a slot (and a free quota, when the service is free).
HOLDING_STATES = frozenset({S.BOOKED, S.ACCEPTED, S.ASSIGNED, S.IN_SERVICE})
ACTIVE_STATES = HOLDING_STATES
DONE_STATES = frozenset({S.COMPLETED, S.RATED})


class FollowUpState(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up state", "open")
    CLOSED = "closed", pgettext_lazy("follow-up state", "closed")


FOLLOW_UP_MOVES = {
    FollowUpState.OPEN: {FollowUpState.CLOSED},
    FollowUpState.CLOSED: set(),
}


class ActionKind(models.TextChoices):
    """The three campaigns of 7/1 基础服务提质日."""

    ELEVATOR = "elevator", _("elevator inspection")
    FIRE = "fire", _("fire-system inspection")
    WATER = "water", _("water-supply inspection")
    GARAGE = "garage", _("garage clean-up")
    STAIRWELL = "stairwell", _("stairwell clean-up")
    DRILL = "drill", _("security drill")


class MarketZone(models.TextChoices):
    REPAIR = "repair", _("convenience repair zone")
    EXCHANGE = "exchange", _("green exchange zone")
    POLICY = "policy", _("policy advice zone")
    PRODUCE = "produce", _("local produce zone")


class CareKind(models.TextChoices):
    ELDERLY_ALONE = "elderly_alone", _("resident aged 60+ living alone")
    DISABLED = "disabled", _("family with a disabled member")


class VisitKind(models.TextChoices):
    VISIT = "visit", _("home visit")
    ERRAND = "errand", _("shopping errand")
