"""Ratings of orders, their follow-ups, and the survey after the week."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from common.inputs import within
from common.transitions import transition
from notifications.services import notify
from serviceweek import errors, plan
from serviceweek.enums import (
    DONE_STATES,
    FOLLOW_UP_MOVES,
    ORDER_MOVES,
    FollowUpState,
    OrderState,
)
from serviceweek.models import FollowUp, Order, Rating, SurveyResponse
from serviceweek.services import notices

LOW_RATING = 2


def _score(value):
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise errors.ScoreOutOfRange()
    return value


# The longest rating or survey comment kept; a longer one is refused, never
# cut short.
RATING_COMMENT_MAX = 1000
SURVEY_COMMENT_MAX = 1000


@transaction.atomic
def rate_order(order, *, actor, overall, timeliness, attitude, comment=""):
    """Rate a completed order, once. Any of the three scores at 2 or less
    opens a follow-up for the estate's property company, whose staff are told."""
    locked = (
        Order.objects.select_for_update(of=("self",))
        .select_related("package", "household__estate", "resident", "booked_by")
        .get(pk=order.pk)
    )
    if not can(actor, "serviceweek.rate_order", locked):
        raise NotAllowed()
    if locked.state == OrderState.RATED:
        raise errors.AlreadyRated()
    if locked.state != OrderState.COMPLETED:
        raise errors.NotRatable()
    scores = {
        "overall": _score(overall),
        "timeliness": _score(timeliness),
        "attitude": _score(attitude),
    }

    comment = within(comment, RATING_COMMENT_MAX).strip()

    rating = Rating.objects.create(order=locked, comment=comment, **scores)
    transition(
        locked,
        OrderState.RATED,
        actor=actor,
        table=ORDER_MOVES,
        action="serviceweek.order.rate",
        allowed=True,
        changes={},
    )
    if min(scores.values()) <= LOW_RATING:
        _open_follow_up(rating, locked, actor=actor)
    notices.order_moved(locked, "rate")
    return rating


def _open_follow_up(rating, order, *, actor):
    from accounts.models import User
    from accounts.roles import COMPANY_ROLES

    company_id = order.household.estate.company_id
    follow_up = FollowUp.objects.create(rating=rating, company_id=company_id)
    audit.record("serviceweek.follow_up.open", follow_up, actor=actor)
    if company_id is None:
        return follow_up
    staff = User.objects.filter(
        roles__role__in=COMPANY_ROLES, roles__company_id=company_id, is_active=True
    ).distinct()
    for person in staff:
        notify(
            person,
            title=_("A resident gave a low rating; please follow up"),
            body=str(order.package),
        )
    return follow_up


@transaction.atomic
def close_follow_up(follow_up, *, actor, outcome):
    if not (outcome or "").strip():
        raise errors.ReasonRequired()
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    return transition(
        locked,
        FollowUpState.CLOSED,
        actor=actor,
        table=FOLLOW_UP_MOVES,
        action="serviceweek.follow_up.close",
        allowed=can(actor, "serviceweek.close_follow_up", locked),
        changes={"outcome": outcome.strip()},
    )


def answer_survey(week, *, actor, satisfaction, comment=""):
    """One answer per household, from 7/7 to 7/12, tied to its orders."""
    if actor.household_id is None:
        raise errors.NoHousehold()
    opens, closes = plan.survey_window_of(week.year)
    if not opens <= timezone.localdate() <= closes:
        raise errors.SurveyClosed()
    _score(satisfaction)
    comment = within(comment, SURVEY_COMMENT_MAX).strip()
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                week=week,
                household_id=actor.household_id,
                respondent=actor,
                satisfaction=satisfaction,
                comment=comment,
            )
            response.orders.set(
                Order.objects.filter(
                    household_id=actor.household_id,
                    package__theme_day__week=week,
                    state__in=DONE_STATES,
                )
            )
            audit.record("serviceweek.survey.answer", response, actor=actor)
    except IntegrityError:
        raise errors.SurveyAnswered() from None
    return response
