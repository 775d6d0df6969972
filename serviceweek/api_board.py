"""The rest of the week in the JSON API: survey, follow-ups, standard lists,
day-one actions, care, market booths and figures. Mounted by ``api.py``."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import responses
from common.errors import NotFound
from places.selectors import estates_visible_to
from serviceweek import figures, selectors
from serviceweek.models import CarePairing, PartyMember, StandardList
from serviceweek.services import care
from serviceweek.services.basic import publish_standard_list, record_day_one_action
from serviceweek.services.feedback import answer_survey, close_follow_up

router = Router(tags=["serviceweek"])


def _week():
    week = selectors.current_week(timezone.localdate())
    if week is None:
        raise NotFound()
    return week


class SurveyIn(Schema):
    satisfaction: int
    comment: str = ""


class SurveyOut(Schema):
    id: int
    satisfaction: int
    orders: list[int]


@router.post("/survey", response=responses(201, SurveyOut), auth=API_AUTH)
def answer(request, payload: SurveyIn):
    response = answer_survey(
        _week(),
        actor=request.auth,
        satisfaction=payload.satisfaction,
        comment=payload.comment,
    )
    return Status(
        201,
        {
            "id": response.pk,
            "satisfaction": response.satisfaction,
            "orders": list(response.orders.values_list("pk", flat=True)),
        },
    )


class FollowUpOut(Schema):
    id: int
    order_id: int
    overall: int
    comment: str
    state: str
    outcome: str


class OutcomeIn(Schema):
    outcome: str


def _follow_up_out(item):
    return {
        "id": item.pk,
        "order_id": item.rating.order_id,
        "overall": item.rating.overall,
        "comment": item.rating.comment,
        "state": item.state,
        "outcome": item.outcome,
    }


@router.get("/follow-ups", response=responses(200, list[FollowUpOut]), auth=API_AUTH)
def list_follow_ups(request):
    return [
        _follow_up_out(f) for f in selectors.follow_ups_visible_to(request.auth)[:200]
    ]


@router.post(
    "/follow-ups/{follow_up_id}/close",
    response=responses(200, FollowUpOut),
    auth=API_AUTH,
)
def close(request, follow_up_id: int, payload: OutcomeIn):
    item = get_object_or_404(
        selectors.follow_ups_visible_to(request.auth), pk=follow_up_id
    )
    return _follow_up_out(
        close_follow_up(item, actor=request.auth, outcome=payload.outcome)
    )


class StandardItemIn(Schema):
    category: str = ""
    text: str


class StandardsIn(Schema):
    items: list[StandardItemIn]


class StandardsOut(Schema):
    estate_id: int
    version: int
    items: list[StandardItemIn]


def _standards_out(standard_list):
    return {
        "estate_id": standard_list.estate_id,
        "version": standard_list.version,
        "items": [
            {"category": i.category, "text": i.text} for i in standard_list.items.all()
        ],
    }


@router.get(
    "/estates/{estate_id}/standards",
    response=responses(200, StandardsOut),
    auth=API_AUTH,
)
def get_standards(request, estate_id: int):
    estate = get_object_or_404(estates_visible_to(request.auth), pk=estate_id)
    current = StandardList.objects.filter(estate=estate).first()
    if current is None:
        raise NotFound()
    return _standards_out(current)


@router.post(
    "/estates/{estate_id}/standards",
    response=responses(201, StandardsOut),
    auth=API_AUTH,
)
def publish_standards(request, estate_id: int, payload: StandardsIn):
    estate = get_object_or_404(estates_visible_to(request.auth), pk=estate_id)
    published = publish_standard_list(
        estate,
        actor=request.auth,
        items=[(i.category, i.text) for i in payload.items],
    )
    return Status(201, _standards_out(published))


class ActionIn(Schema):
    kind: str
    done_on: dt.date
    result: str


class ActionOut(Schema):
    id: int
    estate_id: int
    kind: str
    done_on: dt.date
    result: str


@router.post(
    "/estates/{estate_id}/actions", response=responses(201, ActionOut), auth=API_AUTH
)
def record_action(request, estate_id: int, payload: ActionIn):
    """Record a 7/1 action; photos are added on the console page."""
    estate = get_object_or_404(estates_visible_to(request.auth), pk=estate_id)
    action = record_day_one_action(
        estate,
        actor=request.auth,
        week=_week(),
        kind=payload.kind,
        done_on=payload.done_on,
        result=payload.result,
    )
    return Status(
        201,
        {
            "id": action.pk,
            "estate_id": estate.pk,
            "kind": action.kind,
            "done_on": action.done_on,
            "result": action.result,
        },
    )


class CareIn(Schema):
    household_id: int
    kind: str
    full_name: str
    consent_note: str
    mobile: str = ""
    birth_year: int | None = None
    needs: str = ""


class CareRowOut(Schema):
    household: str
    kind: str
    name: str
    mobile: str
    party_member: str
    signed_on: dt.date
    last_visit_on: dt.date | None = None
    home_visits: int = 0


class CareRegisteredOut(Schema):
    id: int


class PairIn(Schema):
    party_member_user_id: int
    signed_on: dt.date


class VisitIn(Schema):
    kind: str
    visited_on: dt.date
    note: str = ""


@router.post("/care", response=responses(201, CareRegisteredOut), auth=API_AUTH)
def register_care(request, payload: CareIn):
    from places.models import Household

    household = get_object_or_404(Household, pk=payload.household_id)
    recipient = care.register_care_recipient(
        household,
        actor=request.auth,
        kind=payload.kind,
        full_name=payload.full_name,
        consent_note=payload.consent_note,
        mobile=payload.mobile,
        birth_year=payload.birth_year,
        needs=payload.needs,
    )
    return Status(201, {"id": recipient.pk})


@router.post(
    "/care/{recipient_id}/pair", response=responses(201, CareRowOut), auth=API_AUTH
)
def pair(request, recipient_id: int, payload: PairIn):
    from serviceweek.models import CareRecipient

    recipient = get_object_or_404(CareRecipient, pk=recipient_id)
    member = get_object_or_404(PartyMember, user_id=payload.party_member_user_id)
    pairing = care.pair_care_recipient(
        recipient, actor=request.auth, party_member=member, signed_on=payload.signed_on
    )
    return Status(201, care.care_row(pairing, viewer=request.auth))


@router.post(
    "/care/pairings/{pairing_id}/visits",
    response=responses(201, CareRowOut),
    auth=API_AUTH,
)
def visit(request, pairing_id: int, payload: VisitIn):
    pairing = get_object_or_404(CarePairing, pk=pairing_id)
    care.log_care_visit(
        pairing,
        actor=request.auth,
        kind=payload.kind,
        visited_on=payload.visited_on,
        note=payload.note[:300],
    )
    return Status(201, care.care_row(pairing, viewer=request.auth))


@router.get("/care/pairings", response=responses(200, list[CareRowOut]), auth=API_AUTH)
def list_pairings(request, missing_visit: bool = False):
    if missing_visit:
        pairings = care.missing_weekly_visit(request.auth, today=timezone.localdate())
    else:
        pairings = care.pairings_visible_to(request.auth)
    return [care.care_row(p, viewer=request.auth) for p in pairings[:500]]


class BoothOut(Schema):
    id: int
    community: str
    zone: str
    zone_label: str
    name: str
    services: str
    place: str
    opens_at: dt.time
    closes_at: dt.time


@router.get("/booths", response=responses(200, list[BoothOut]))
def list_booths(request):
    return [
        {
            "id": b.pk,
            "community": str(b.community),
            "zone": b.zone,
            "zone_label": str(b.get_zone_display()),
            "name": b.name,
            "services": b.services,
            "place": b.place,
            "opens_at": b.opens_at,
            "closes_at": b.closes_at,
        }
        for b in selectors.booths_near(request.user, _week())
    ]


class FigureRowOut(Schema):
    name: str | None
    total: int
    completed: int
    cancelled: int
    completion_rate: Decimal
    cancellation_rate: Decimal
    overall: Decimal | None
    timeliness: Decimal | None
    attitude: Decimal | None
    discount: Decimal


class FiguresOut(Schema):
    all: FigureRowOut
    theme_day: list[FigureRowOut]
    partner: list[FigureRowOut]
    district: list[FigureRowOut]


@router.get("/figures", response=responses(200, FiguresOut), auth=API_AUTH)
def get_figures(request):
    if not can(request.auth, "serviceweek.view_figures"):
        raise PermissionDenied
    return figures.figures_for(request.auth)
