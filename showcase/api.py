"""The showcase's JSON API, mounted at /api/v1/showcase/.

Same services and rules as the pages. Transitions are explicit POST actions
(``/works/{id}/vote``, ``/works/{id}/approve`` ...); every error is the one
envelope of ``common.api``.
"""

import datetime as dt

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
from showcase.api_gala import router as gala_router
from showcase.api_stories import router as stories_router
from showcase.errors import InvalidWork
from showcase.forms import WorkFieldsForm
from showcase.media import MediaRefused
from showcase.models import Showcase, Work, WorkMedia
from showcase.schemas import (
    CountOut,
    FinalistToScoreOut,
    FlaggedOut,
    HistoryStepOut,
    InvalidateIn,
    MediaOut,
    MyScoreOut,
    MyWorkOut,
    NewShowcaseIn,
    PingOut,
    RankOut,
    ReasonIn,
    RemainingOut,
    ResultOut,
    ReviewItemOut,
    ScoreIn,
    ShowcaseOut,
    ShowcaseSettingsIn,
    ShowcaseSettingsOut,
    StateOut,
    SubmitIn,
    TopOut,
    VoteIn,
    VoteOut,
    WorkChangesIn,
    WorkIn,
    WorkOut,
)
from showcase.services import voting, works
from showcase.stages import stage_of

router = Router(tags=["showcase"])
router.add_router("", gala_router)
router.add_router("", stories_router)


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


@router.get(
    "/expert/finalists",
    response=responses(200, list[FinalistToScoreOut]),
    auth=API_AUTH,
)
def finalists_to_score(request):
    """The finalists the calling expert may score, with their own scores."""
    from accounts.permissions import scope_of
    from accounts.roles import Role
    from showcase.scores import shown

    if not scope_of(request.auth).has(Role.EXPERT):
        raise NotAllowed()
    rows = []
    for finalist, mine in selectors.finalists_for_expert(request.auth, _showcase()):
        work = finalist.work
        rows.append(
            FinalistToScoreOut(
                finalist_id=finalist.pk,
                work_id=work.pk,
                title=work.title,
                kind=work.kind,
                authors=work.authors,
                my_scores=MyScoreOut(
                    creativity=str(shown(mine.creativity)),
                    appeal=str(shown(mine.appeal)),
                    integration=str(shown(mine.integration)),
                )
                if mine
                else None,
            )
        )
    return rows


@router.get("/chair/flagged", response=responses(200, list[FlaggedOut]), auth=API_AUTH)
def flagged(request):
    """For the panel's chair: finalists whose experts' totals lie far apart."""
    from accounts.permissions import can, scope_of
    from accounts.roles import Role
    from showcase.scores import shown
    from showcase.services import results

    if not scope_of(request.auth).has(Role.PANEL_CHAIR):
        raise NotAllowed()
    return [
        FlaggedOut(
            finalist_id=row.finalist.pk,
            work_id=row.work.pk,
            title=row.work.title,
            expert_totals=[str(shown(total)) for _e, total in row.expert_totals],
            confirmed=row.finalist.scores_confirmed_at is not None,
        )
        for row in results.results(_showcase())
        if row.flagged and can(request.auth, "showcase.confirm_scores", row.finalist)
    ]


@router.post(
    "/finalists/{finalist_id}/confirm",
    response=responses(200, CountOut),
    auth=API_AUTH,
)
def confirm(request, finalist_id: int):
    """The panel's chair confirms a flagged finalist's scores."""
    from showcase.models import Finalist
    from showcase.services import results

    finalist = get_object_or_404(
        Finalist.objects.select_related("work", "showcase"), pk=finalist_id
    )
    results.confirm_scores(finalist, actor=request.auth)
    return CountOut(count=finalist.scores.count())


@router.post("/results/publish", response=responses(200, list[TopOut]), auth=API_AUTH)
def publish(request):
    """Publish the TOP list (organisers), once every finalist is scored."""
    from showcase.services import results

    showcase = _showcase()
    results.publish_results(showcase, actor=request.auth)
    return _top_rows(showcase)


@router.get("/top", response=responses(200, list[TopOut]), auth=None)
def top(request):
    """The published TOP list as it was published (empty before)."""
    return _top_rows(_showcase())


def _top_rows(showcase):
    return [
        TopOut(
            rank=row.rank,
            work_id=row.work.pk,
            title=row.work.title,
            company=str(row.work.company or ""),
            votes=row.votes,
            public_score=str(row.public_score),
            expert_score=str(row.expert_score),
            final_score=str(row.final_score),
            withdrawn=row.withdrawn,
        )
        for row in selectors.published_results(showcase)
    ]


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


def _settings_out(showcase):
    from showcase.services.setup import fixed_fields

    fields = {
        name: getattr(showcase, name)
        for name in ShowcaseSettingsOut.model_fields
        if hasattr(showcase, name)
    }
    fields.update(stage=stage_of(showcase), fixed=fixed_fields(showcase))
    return ShowcaseSettingsOut(**fields)


def _aware(value):
    from django.utils import timezone

    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


@router.get(
    "/showcases", response=responses(200, list[ShowcaseSettingsOut]), auth=API_AUTH
)
def showcase_settings(request):
    """Every year's showcase with its settings (organisers)."""
    from accounts.permissions import can

    if not can(request.auth, "showcase.manage"):
        raise NotAllowed()
    return [_settings_out(s) for s in Showcase.objects.order_by("-year")]


@router.post("/showcases", response=responses(201, ShowcaseSettingsOut), auth=API_AUTH)
def new_showcase(request, payload: NewShowcaseIn):
    """Set up a year's showcase with the plan's stages from the given start."""
    from showcase.services import setup

    showcase = setup.create_showcase(
        actor=request.auth,
        year=payload.year,
        title=payload.title,
        collection_starts_at=_aware(payload.collection_starts_at),
    )
    return Status(201, _settings_out(showcase))


@router.patch(
    "/showcases/{showcase_id}",
    response=responses(200, ShowcaseSettingsOut),
    auth=API_AUTH,
)
def change_showcase(request, showcase_id: int, payload: ShowcaseSettingsIn):
    """Change the settings sent; refusals name their fields."""
    from showcase.services import setup

    showcase = get_object_or_404(Showcase, pk=showcase_id)
    changes = {
        name: _aware(value)
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None
    }
    return _settings_out(setup.update_showcase(showcase, actor=request.auth, **changes))
