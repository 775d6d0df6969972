"""Reads of the showcase; every page, endpoint and export uses these.

Ranking order (one tie-break everywhere, stable across reloads and exports):
more valid votes first, then earlier approval, then the lower work id. The
displayed rank is the competition rank: works with equal votes share it.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from accounts.permissions import can, is_conflicted, scope_of
from accounts.roles import Role
from common.masking import mask_name
from common.models import AuditEntry
from showcase.enums import WorkState
from showcase.lottery import draw_order
from showcase.models import Draw, PublishedResult, QuizQuestion, Showcase, Work

RANKING_ORDER = ("-vote_count", "approved_at", "id")


def current_showcase(*, now=None):
    """The showcase the pages are about: the one whose story collection began
    most recently (running or over), or before any has begun the next one;
    None without any. Setting up next year's does not replace this year's."""
    now = now or timezone.now()
    begun = Showcase.objects.filter(collection_starts_at__lte=now)
    return (
        begun.order_by("-collection_starts_at").first()
        or Showcase.objects.order_by("collection_starts_at").first()
    )


def votable_works(showcase):
    return Work.objects.filter(showcase=showcase, state=WorkState.APPROVED)


def story_candidates(showcase):
    """The approved works that may go into the story collection, in the order
    it lists them: the ranking order (votes), whatever the experts' final
    scores; organisers pick works but cannot reorder them."""
    return list(
        votable_works(showcase).select_related("company").order_by(*RANKING_ORDER)
    )


def ranking(showcase):
    """``[(rank, work)]`` of the approved works, by valid votes."""
    works = list(
        votable_works(showcase).select_related("company").order_by(*RANKING_ORDER)
    )
    return with_competition_rank(works, key=lambda work: work.vote_count)


def with_competition_rank(items, *, key):
    """Pair each item of an already ordered list with its 1-2-2-4 rank."""
    ranked = []
    previous = object()
    rank = 0
    for position, item in enumerate(items, start=1):
        value = key(item)
        if value != previous:
            rank = position
            previous = value
        ranked.append((rank, item))
    return ranked


def works_visible_to(user, showcase=None):
    """Approved works for anyone; all works for organisers and reviewers
    (except their own company's); a person's own works whatever their state."""
    works = Work.objects.all()
    if showcase is not None:
        works = works.filter(showcase=showcase)
    public = Q(state=WorkState.APPROVED)
    if not user.is_authenticated:
        return works.filter(public)
    scope = scope_of(user)
    own = Q(submitter=user)
    if can(user, "showcase.manage") or scope.has(Role.REVIEWER):
        return works.exclude(
            Q(company_id__in=scope.affiliated_company_ids) & ~own & ~public
        )
    return works.filter(public | own)


# The steps of a work's history shown to its submitter, by audit action.
HISTORY_STEPS = {
    "showcase.work.submit": pgettext_lazy("work history", "submitted for review"),
    "showcase.work.approve": pgettext_lazy("work history", "approved"),
    "showcase.work.reject": pgettext_lazy("work history", "sent back"),
    "showcase.work.revise": pgettext_lazy("work history", "taken back to revise"),
    "showcase.work.veto": pgettext_lazy("work history", "vetoed"),
}


def own_works(user, showcase):
    """The person's own works of ``showcase``, newest first, with their media
    and each one's ``history``: :class:`HistoryStep` items, oldest first."""
    works = list(
        Work.objects.filter(showcase=showcase, submitter=user)
        .prefetch_related("media")
        .order_by("-created_at", "-id")
    )
    history = defaultdict(list)
    entries = AuditEntry.objects.filter(
        object_type="showcase.work",
        object_id__in=[str(work.pk) for work in works],
        action__in=list(HISTORY_STEPS),
    ).order_by("at", "id")
    for entry in entries:
        # A revision carries the rejection's reason too; it is shown once.
        reason = "" if entry.action == "showcase.work.revise" else entry.reason
        history[entry.object_id].append(
            HistoryStep(
                at=entry.at,
                action=entry.action.rsplit(".", 1)[1],
                label=HISTORY_STEPS[entry.action],
                reason=reason,
            )
        )
    for work in works:
        work.history = history[str(work.pk)]
    return works


@dataclass(frozen=True)
class HistoryStep:
    at: dt.datetime
    action: str  # submit, approve, reject, revise, veto
    label: str
    reason: str


def review_queue(user, showcase):
    """Submitted works a reviewer may decide, oldest first: not their own
    company's, nor those they submitted themselves."""
    if not scope_of(user).has(Role.REVIEWER):
        return Work.objects.none()
    return (
        _not_judged_by(user, Work.objects.filter(showcase=showcase))
        .filter(state=WorkState.SUBMITTED)
        .select_related("company")
        .prefetch_related("media")
        .order_by("submitted_at", "id")
    )


def vetoable_works(user, showcase):
    """Approved works a reviewer may still veto (same exclusions as the queue)."""
    if not scope_of(user).has(Role.REVIEWER):
        return Work.objects.none()
    return _not_judged_by(user, votable_works(showcase))


def _not_judged_by(user, works, prefix=""):
    return works.exclude(
        **{f"{prefix}company_id__in": scope_of(user).affiliated_company_ids}
    ).exclude(**{f"{prefix}submitter": user})


def may_see_scores(user, work):
    return can(user, "showcase.view_scores", work) and not is_conflicted(
        user, work.company_id, submitter_id=work.submitter_id
    )


def finalists_for_expert(user, showcase):
    """Finalists an expert may score (not their own company's, nor works they
    submitted), each with the expert's own score or None; no other expert's
    score is read."""
    from showcase.models import ExpertScore, Finalist

    finalists = list(
        _not_judged_by(
            user,
            Finalist.objects.filter(showcase=showcase, work__state=WorkState.APPROVED),
            prefix="work__",
        )
        .select_related("work", "work__company")
        .order_by("vote_rank", "work_id")
    )
    mine = {
        score.finalist_id: score
        for score in ExpertScore.objects.filter(expert=user, finalist__in=finalists)
    }
    return [(finalist, mine.get(finalist.pk)) for finalist in finalists]


def published_results(showcase):
    """The published TOP list as it was published; a work vetoed since keeps
    its place with ``withdrawn`` set."""
    rows = list(
        PublishedResult.objects.filter(showcase=showcase)
        .select_related("work", "work__company")
        .order_by("rank")
    )
    for row in rows:
        row.withdrawn = row.work.state != WorkState.APPROVED
    return rows


# -- the gala's quiz and draws ----------------------------------------------


def quiz_questions(showcase):
    """Every question of ``showcase`` for its organisers, oldest first, with
    how many answered (``answer_count``) and answered correctly
    (``correct_count``)."""
    return QuizQuestion.objects.filter(showcase=showcase).annotate(
        answer_count=Count("answers"),
        correct_count=Count("answers", filter=Q(answers__choice=F("correct_choice"))),
    )


PROOF_HASH_SHOWN = 16


def audience_label(person):
    """A person as the gala's big screen shows them: the masked name and the
    last four digits of the mobile number, never the whole number."""
    name = mask_name(person.full_name) or pgettext("draw entrant", "resident")
    if not person.mobile:
        return name
    return _("%(name)s (mobile ending %(tail)s)") % {
        "name": name,
        "tail": person.mobile[-4:],
    }


def _labels(person_ids):
    from accounts.models import User

    people = User.objects.filter(pk__in=set(person_ids)).only("full_name", "mobile")
    return {person.pk: audience_label(person) for person in people}


@dataclass(frozen=True)
class Entrant:
    number: int  # the entrant's account number, which the draw's hash uses
    label: str
    hash: str = ""
    won: bool = False


@dataclass(frozen=True)
class DrawProof:
    """A drawn draw as published: the entrants in the draw's order (by the
    SHA-256 of ``"<seed>:<number>"``, smallest first), the winners first."""

    draw: Draw
    condition: str
    entrants: list = field(default_factory=list)
    winners: list = field(default_factory=list)
    excluded: list = field(default_factory=list)


def entry_condition(draw):
    """Who enters ``draw``, in words."""
    if draw.question_id is None:
        return _("Everyone who answered any question of the gala correctly enters.")
    return _("Everyone who answered “%(question)s” correctly enters.") % {
        "question": draw.question.text
    }


def draws_with_winners(showcase):
    """The draws of ``showcase``, newest first, each with ``winner_labels``
    and its ``condition`` of entry."""
    draws = list(
        Draw.objects.filter(showcase=showcase)
        .select_related("question")
        .order_by("-committed_at")
    )
    labels = _labels(number for draw in draws for number in draw.winners)
    for draw in draws:
        draw.condition = entry_condition(draw)
        draw.winner_labels = [
            Entrant(number, labels.get(number, "")) for number in draw.winners
        ]
    return draws


def draw_proof(draw):
    """What anyone needs to check ``draw``; empty lists before it is drawn.

    An entrant's number is their account number, since the draw's tickets
    are computed from it; it is published beside the masked name, and tells
    apart two entrants whose masked names and mobile endings are the same.
    Every entrant is listed on one page, without paging.
    """
    if draw.drawn_at is None:
        return DrawProof(draw, entry_condition(draw))
    labels = _labels([*draw.entrants, *draw.excluded])
    winners = set(draw.winners)
    entrants = [
        Entrant(number, labels.get(number, ""), ticket, number in winners)
        for ticket, number in draw_order(draw.seed, draw.entrants)
    ]
    return DrawProof(
        draw,
        entry_condition(draw),
        entrants=entrants,
        winners=[entrant for entrant in entrants if entrant.won],
        excluded=[Entrant(n, labels.get(n, "")) for n in draw.excluded],
    )
