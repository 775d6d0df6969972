"""The showcase's JSON API, mounted at /api/v1/showcase/.

Same services and rules as the pages. Transitions are explicit POST actions
(``/works/{id}/vote``, ``/works/{id}/approve`` ...); every error is the one
envelope of ``common.api``.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import File, Router, Status
from ninja.files import UploadedFile

from accounts.api_auth import API_AUTH, DEFERRED_AUTH
from common.api import responses
from common.errors import NotAllowed, NotFound
from common.middleware import client_ip
from common.uploads import UploadTooLarge
from showcase import selectors
from showcase.errors import InvalidWork
from showcase.forms import WorkFieldsForm
from showcase.media import MediaRefused
from showcase.models import Showcase, Work, WorkMedia
from showcase.schemas import (
    AnswerIn,
    CountOut,
    DrawOut,
    HistoryStepOut,
    InvalidateIn,
    MediaOut,
    MyWorkOut,
    PingOut,
    RankOut,
    ReasonIn,
    RemainingOut,
    ResultOut,
    ReviewItemOut,
    ScoreIn,
    ShowcaseOut,
    StateOut,
    SubmitIn,
    VoteIn,
    VoteOut,
    WorkChangesIn,
    WorkIn,
    WorkOut,
)
from showcase.services import voting, works
from showcase.stages import stage_of

router = Router(tags=["showcase"])


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


def _checked_fields(data):
    """``data`` cleaned by the page's form, or :class:`InvalidWork` naming
    each field it refuses."""
    form = WorkFieldsForm(data)
    if not form.is_valid():
        raise InvalidWork(
            fields={name: list(errors) for name, errors in form.errors.items()}
        )
    return form.cleaned_data


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


@router.post(
    "/works/{work_id}/vote", response=responses(200, VoteOut), auth=DEFERRED_AUTH
)
def vote(request, work_id: int, payload: VoteIn | None = None):
    """Cast one vote. Send an ``Idempotency-Key`` header (or body field) so a
    retried request counts once and gets the same answer."""
    # A bearer token arrives unchecked: cast_vote checks it with the vote.
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
        vote_id=result.vote_id,
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


@router.post("/works", response=responses(201, StateOut), auth=API_AUTH)
def create_work(request, payload: WorkIn):
    """Save a new draft (while stories are being collected)."""
    from showcase.submit_views import _own_company

    work = works.create_work(
        _showcase(),
        actor=request.auth,
        company=_own_company(request.auth),
        **_checked_fields(payload.dict()),
    )
    return Status(201, StateOut(id=work.pk, state=work.state))


@router.post(
    "/works/{work_id}/submit", response=responses(200, StateOut), auth=API_AUTH
)
def submit(request, work_id: int, payload: SubmitIn):
    work = works.submit_work(
        _own_work(request, work_id),
        actor=request.auth,
        pledge_accepted=payload.pledge_accepted,
    )
    return StateOut(id=work.pk, state=work.state)


def _own_work(request, work_id):
    return get_object_or_404(
        Work.objects.select_related("showcase"), pk=work_id, submitter=request.auth
    )


def _media_out(item):
    return MediaOut(
        id=item.pk,
        kind=item.kind,
        codec=item.codec,
        size=item.size,
        duration_seconds=item.duration_seconds,
        url=reverse("showcase:media", args=[item.pk]),
    )


def _poster_url(work):
    return reverse("showcase:poster", args=[work.pk]) if work.poster else None


def _my_work_out(work):
    return MyWorkOut(
        id=work.pk,
        title=work.title,
        kind=work.kind,
        direction=work.direction,
        authors=work.authors,
        description=work.description,
        story=work.story,
        state=work.state,
        decision_reason=work.decision_reason,
        submitted_at=work.submitted_at,
        poster_url=_poster_url(work),
        media=[_media_out(item) for item in work.media.all()],
        history=[
            HistoryStepOut(
                at=step.at,
                action=step.action,
                label=str(step.label),
                reason=step.reason,
            )
            for step in work.history
        ],
    )


@router.get("/me/works", response=responses(200, list[MyWorkOut]), auth=API_AUTH)
def my_works(request):
    """The caller's works of the current showcase, newest first, with their
    media files and history (submitted, sent back with the reason ...)."""
    return [_my_work_out(w) for w in selectors.own_works(request.auth, _showcase())]


def _mine_out(request, work):
    for own in selectors.own_works(request.auth, work.showcase):
        if own.pk == work.pk:
            return _my_work_out(own)
    raise NotFound()


@router.patch("/works/{work_id}", response=responses(200, MyWorkOut), auth=API_AUTH)
def edit_work(request, work_id: int, payload: WorkChangesIn):
    """Change one's draft while stories are being collected. The fields sent
    replace the draft's; the result is checked as the page form checks it."""
    work = _own_work(request, work_id)
    changes = payload.dict(exclude_none=True)
    current = {name: getattr(work, name) for name in WorkFieldsForm.base_fields}
    fields = _checked_fields({**current, **changes})
    works.update_draft(
        work, actor=request.auth, **{name: fields[name] for name in changes}
    )
    return _mine_out(request, work)


@router.delete("/works/{work_id}", response=responses(204, None), auth=API_AUTH)
def delete_work(request, work_id: int):
    """Delete one's draft with its files, while stories are being collected."""
    works.delete_draft(_own_work(request, work_id), actor=request.auth)
    return Status(204, None)


@router.post("/works/{work_id}/media", response=responses(201, MediaOut), auth=API_AUTH)
def add_media(request, work_id: int, file: File[UploadedFile]):
    """Attach a video or picture to one's draft (multipart field ``file``),
    checked as on the page; a refusal names the field ``file``."""
    work = _own_work(request, work_id)
    try:
        item = works.add_media(work, file, actor=request.auth)
    except (MediaRefused, UploadTooLarge) as refusal:
        refusal.fields = {"file": [refusal.message]}
        raise
    return Status(201, _media_out(item))


@router.delete("/media/{media_id}", response=responses(204, None), auth=API_AUTH)
def remove_media(request, media_id: int):
    """Remove a file of one's draft; the poster is made again from the rest."""
    item = get_object_or_404(
        WorkMedia.objects.select_related("work", "work__showcase"),
        pk=media_id,
        work__submitter=request.auth,
    )
    works.remove_media(item, actor=request.auth)
    return Status(204, None)


@router.post(
    "/works/{work_id}/revise", response=responses(200, StateOut), auth=API_AUTH
)
def revise(request, work_id: int):
    """Take one's rejected work back as a draft to change and submit again."""
    work = works.revise_work(_own_work(request, work_id), actor=request.auth)
    return StateOut(id=work.pk, state=work.state)


@router.get(
    "/review-queue", response=responses(200, list[ReviewItemOut]), auth=API_AUTH
)
def review_queue(request):
    from common.deadlines import deadline_state

    rows = []
    for work in selectors.review_queue(request.auth, _showcase()):
        due = works.review_due_at(work)
        rows.append(
            ReviewItemOut(
                id=work.pk,
                title=work.title,
                kind=work.kind,
                direction=work.direction,
                authors=work.authors,
                description=work.description,
                story=work.story,
                poster_url=_poster_url(work),
                media=[_media_out(item) for item in work.media.all()],
                submitted_at=work.submitted_at,
                due_at=due,
                deadline=deadline_state(due),
            )
        )
    return rows


@router.post("/votes/invalidate", response=responses(200, CountOut), auth=API_AUTH)
def invalidate(request, payload: InvalidateIn):
    count = voting.invalidate_votes_by(
        _showcase(),
        actor=request.auth,
        reason=payload.reason,
        vote_ids=payload.vote_ids,
    )
    return CountOut(count=count)


@router.post("/close-voting", response=responses(200, CountOut), auth=API_AUTH)
def close_voting(request):
    from showcase.services import results

    showcase = results.close_voting(_showcase(), actor=request.auth)
    return CountOut(count=showcase.finalists.count())


@router.post(
    "/finalists/{finalist_id}/score", response=responses(200, CountOut), auth=API_AUTH
)
def score(request, finalist_id: int, payload: ScoreIn):
    from showcase.models import Finalist
    from showcase.services import results

    finalist = get_object_or_404(
        Finalist.objects.select_related("work", "showcase"), pk=finalist_id
    )
    results.score_finalist(finalist, actor=request.auth, **payload.dict())
    return CountOut(count=finalist.scores.count())


@router.get("/results", response=responses(200, list[ResultOut]), auth=API_AUTH)
def results_list(request):
    """Every finalist's figures; scores hidden where the caller is conflicted."""
    from accounts.permissions import can
    from showcase.scores import shown
    from showcase.services import results

    showcase = _showcase()
    if not can(request.auth, "showcase.manage", showcase):
        raise NotAllowed()
    rows = []
    for row in results.results(showcase):
        see = selectors.may_see_scores(request.auth, row.work)
        rows.append(
            ResultOut(
                rank=row.rank,
                work_id=row.work.pk,
                title=row.work.title,
                votes=row.votes,
                public_score=str(shown(row.public)),
                expert_scores=[str(shown(t)) for _e, t in row.expert_totals]
                if see
                else [],
                expert_score=str(shown(row.expert)) if see else "",
                final_score=str(shown(row.final)) if see else "",
            )
        )
    return rows


@router.post(
    "/quiz/{question_id}/answer", response=responses(200, CountOut), auth=API_AUTH
)
def answer(request, question_id: int, payload: AnswerIn):
    from showcase.models import QuizQuestion
    from showcase.services import gala

    question = get_object_or_404(
        QuizQuestion.objects.select_related("showcase"), pk=question_id
    )
    gala.answer_question(question, actor=request.auth, choice=payload.choice)
    return CountOut(count=1)


@router.get("/draws", response=responses(200, list[DrawOut]), auth=None)
def draws(request):
    from showcase.models import Draw

    return [
        DrawOut(
            id=d.pk,
            title=d.title,
            seed_hash=d.seed_hash,
            seed=d.seed if d.drawn_at else None,
            entrants=d.entrants if d.drawn_at else [],
            winners=d.winners if d.drawn_at else [],
        )
        for d in Draw.objects.filter(showcase=_showcase())
    ]
