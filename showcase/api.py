"""The showcase's JSON API, mounted at /api/v1/showcase/.

Same services and rules as the pages. Transitions are explicit POST actions
(``/works/{id}/vote``, ``/works/{id}/approve`` ...); every error is the one
envelope of ``common.api``.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from accounts.api_auth import API_AUTH
from common.api import responses
from common.errors import NotFound
from common.middleware import client_ip
from showcase import selectors
from showcase.models import Showcase
from showcase.services import voting, works
from showcase.stages import stage_of

router = Router(tags=["showcase"])


class PingOut(Schema):
    ok: bool


class ShowcaseOut(Schema):
    id: int
    year: int
    title: str
    stage: str
    voting_starts_at: dt.datetime
    voting_ends_at: dt.datetime
    votes_per_day: int
    votes_per_work_per_day: int


class WorkOut(Schema):
    id: int
    title: str
    kind: str
    direction: str
    authors: str
    company: str | None
    description: str
    story: str
    state: str
    votes: int


class RankOut(Schema):
    rank: int
    work_id: int
    title: str
    votes: int


class VoteIn(Schema):
    idempotency_key: str | None = None


class VoteOut(Schema):
    vote_id: int
    work_id: int
    votes: int
    remaining_today: int
    replayed: bool


class RemainingOut(Schema):
    remaining_today: int
    votes_per_day: int


class ReasonIn(Schema):
    reason: str


class StateOut(Schema):
    id: int
    state: str


def _showcase(showcase_id=None):
    showcase = (
        Showcase.objects.filter(pk=showcase_id).first()
        if showcase_id
        else selectors.current_showcase()
    )
    if showcase is None:
        raise NotFound()
    return showcase


def _work_out(work):
    return WorkOut(
        id=work.pk,
        title=work.title,
        kind=work.kind,
        direction=work.direction,
        authors=work.authors,
        company=str(work.company) if work.company_id else None,
        description=work.description,
        story=work.story,
        state=work.state,
        votes=work.vote_count,
    )


def _visible_work(request, work_id):
    user = request.user
    return get_object_or_404(
        selectors.works_visible_to(user).select_related("showcase", "company"),
        pk=work_id,
    )


@router.get("/ping", response=responses(200, PingOut), auth=None)
def ping(request):
    """A trivial answer of the same stack, without database work."""
    return PingOut(ok=True)


@router.get("/current", response=responses(200, ShowcaseOut), auth=None)
def current(request):
    showcase = _showcase()
    return ShowcaseOut(
        id=showcase.pk,
        year=showcase.year,
        title=showcase.title,
        stage=stage_of(showcase),
        voting_starts_at=showcase.voting_starts_at,
        voting_ends_at=showcase.voting_ends_at,
        votes_per_day=showcase.votes_per_day,
        votes_per_work_per_day=showcase.votes_per_work_per_day,
    )


@router.get("/works", response=responses(200, list[WorkOut]), auth=None)
def list_works(request):
    showcase = _showcase()
    queryset = selectors.votable_works(showcase).select_related("company")
    return [_work_out(w) for w in queryset.order_by("id")]


@router.get("/works/{work_id}", response=responses(200, WorkOut), auth=None)
def work_detail(request, work_id: int):
    return _work_out(_visible_work(request, work_id))


@router.get("/ranking", response=responses(200, list[RankOut]), auth=None)
def ranking(request):
    return [
        RankOut(rank=rank, work_id=w.pk, title=w.title, votes=w.vote_count)
        for rank, w in selectors.ranking(_showcase())
    ]


@router.get("/me/remaining", response=responses(200, RemainingOut), auth=API_AUTH)
def remaining(request):
    showcase = _showcase()
    return RemainingOut(
        remaining_today=voting.remaining_votes(showcase, request.auth),
        votes_per_day=showcase.votes_per_day,
    )


@router.post("/works/{work_id}/vote", response=responses(200, VoteOut), auth=API_AUTH)
def vote(request, work_id: int, payload: VoteIn | None = None):
    """Cast one vote. Send an ``Idempotency-Key`` header (or body field) so a
    retried request counts once and gets the same answer."""
    key = request.headers.get("Idempotency-Key") or (
        payload.idempotency_key if payload else None
    )
    # cast_vote reads the work under lock and refuses any not votable.
    result = voting.cast_vote(
        work_id,
        actor=request.auth,
        idempotency_key=key,
        ip=client_ip(request),
        device=request.headers.get("X-Device-Id", ""),
    )
    return VoteOut(
        vote_id=result.vote.pk,
        work_id=work_id,
        votes=result.votes,
        remaining_today=result.remaining_today,
        replayed=result.replayed,
    )


@router.post(
    "/works/{work_id}/approve", response=responses(200, StateOut), auth=API_AUTH
)
def approve(request, work_id: int):
    work = works.approve_work(_visible_work(request, work_id), actor=request.auth)
    return StateOut(id=work.pk, state=work.state)


@router.post(
    "/works/{work_id}/reject", response=responses(200, StateOut), auth=API_AUTH
)
def reject(request, work_id: int, payload: ReasonIn):
    work = works.reject_work(
        _visible_work(request, work_id), actor=request.auth, reason=payload.reason
    )
    return StateOut(id=work.pk, state=work.state)


@router.post("/works/{work_id}/veto", response=responses(200, StateOut), auth=API_AUTH)
def veto(request, work_id: int, payload: ReasonIn):
    work = works.veto_work(
        _visible_work(request, work_id), actor=request.auth, reason=payload.reason
    )
    return StateOut(id=work.pk, state=work.state)
