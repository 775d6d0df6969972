"""From the frozen tally to the published TOP 20.

Cut line: the ``finalist_count`` (50) best by votes advance, and every work
tied with the last of them advances too. Final order: higher final score,
then higher expert score, then more votes, then earlier approval, then the
lower work id (so no two works ever share a final place).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from showcase import scores
from showcase.enums import Stage, WorkState
from showcase.errors import (
    AlreadyClosed,
    AlreadyPublished,
    AlreadyScored,
    NotFlagged,
    ResultsNotReady,
    ResultsPublished,
    ScoreOutOfRange,
    ScoresMissing,
    ScoresUnconfirmed,
    VotingStillOpen,
    WorkWithdrawn,
)
from showcase.models import ExpertScore, Finalist, PublishedResult, Showcase
from showcase.selectors import RANKING_ORDER, votable_works, with_competition_rank
from showcase.services.locks import hold_showcase
from showcase.stages import require_stage

# Expert totals further apart than this are shown to the chair to confirm.
SPREAD_LIMIT = 30


def finalists_cut(ordered_works, count, *, votes=lambda work: work.vote_count):
    """The first ``count`` of ``ordered_works`` and all tied with the last."""
    if len(ordered_works) <= count:
        return list(ordered_works)
    line = votes(ordered_works[count - 1])
    return [work for work in ordered_works if votes(work) >= line]


def close_voting(showcase, *, actor, now=None):
    """Freeze the tally and draw the finalists.

    Takes ``FOR UPDATE`` on the showcase row, so it waits for every vote in
    flight (each holds ``FOR KEY SHARE``); after it, every vote is refused.
    Side effects: ``tally_frozen_at`` is set, one :class:`Finalist` per
    advancing work keeps its votes and rank, one audit entry.
    """
    if not can(actor, "showcase.manage", showcase):
        raise NotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked = Showcase.objects.select_for_update().get(pk=showcase.pk)
        if locked.tally_frozen_at is not None:
            raise AlreadyClosed()
        if now < locked.voting_ends_at:
            raise VotingStillOpen(locked.voting_ends_at)
        locked.tally_frozen_at = now
        locked.save(update_fields=["tally_frozen_at"])
        works = list(votable_works(locked).order_by(*RANKING_ORDER))
        advancing = finalists_cut(works, locked.finalist_count)
        ranked = with_competition_rank(advancing, key=lambda work: work.vote_count)
        Finalist.objects.bulk_create(
            Finalist(showcase=locked, work=work, votes=work.vote_count, vote_rank=rank)
            for rank, work in ranked
        )
        audit.record(
            "showcase.showcase.close_voting",
            locked,
            actor=actor,
            after={"finalists": len(advancing), "frozen_at": now.isoformat()},
        )
    return locked


def score_finalist(finalist, *, actor, creativity, appeal, integration, now=None):
    """An expert's scores of a finalist, once (blind: no other score shown).

    Refused for a vetoed work and once the results are published; both are
    judged under the showcase's lock (:func:`hold_showcase`). A chair's
    earlier confirmation of the finalist's scores lapses: the new score may
    change the spread the chair looked at.
    """
    if not can(actor, "showcase.score_work", finalist):
        raise NotAllowed()
    now = now or timezone.now()
    require_stage(finalist.showcase, Stage.EXPERT_REVIEW, now=now)
    values = [Decimal(str(v)) for v in (creativity, appeal, integration)]
    if any(v < 0 or v > 100 for v in values):
        raise ScoreOutOfRange()
    try:
        with transaction.atomic():
            held = hold_showcase(finalist.showcase_id)
            if held.results_published_at is not None:
                raise ResultsPublished()
            finalist = Finalist.objects.select_related("work").get(pk=finalist.pk)
            if finalist.work.state != WorkState.APPROVED:
                raise WorkWithdrawn()
            if ExpertScore.objects.filter(finalist=finalist, expert=actor).exists():
                raise AlreadyScored()
            score = ExpertScore.objects.create(
                finalist=finalist,
                expert=actor,
                creativity=values[0],
                appeal=values[1],
                integration=values[2],
                scored_at=now,
            )
            if finalist.scores_confirmed_at is not None:
                finalist.scores_confirmed_at = None
                finalist.save(update_fields=["scores_confirmed_at"])
            audit.record("showcase.score.submit", finalist, actor=actor)
    except IntegrityError:
        # The same expert's parallel request stored its score first
        # (unique constraint expert_scores_once).
        raise AlreadyScored() from None
    return score


@dataclass
class ResultRow:
    """A finalist's figures, exact (``showcase.scores``); shown rounded."""

    finalist: Finalist
    votes: int
    public: Fraction
    expert_totals: list = field(default_factory=list)
    expert: Fraction = Fraction(0)
    final: Fraction = Fraction(0)
    flagged: bool = False
    rank: int = 0

    @property
    def work(self):
        return self.finalist.work

    def sort_key(self):
        work = self.finalist.work
        return (-self.final, -self.expert, -self.votes, work.approved_at, work.pk)


def results(showcase):
    """Every valid finalist's figures and final rank, computed from scratch."""
    weights = _weights(showcase)
    finalists = list(
        Finalist.objects.filter(showcase=showcase, work__state=WorkState.APPROVED)
        .select_related("work", "work__company")
        .prefetch_related("scores__expert")
    )
    max_votes = max((f.votes for f in finalists), default=0)
    rows = []
    for finalist in finalists:
        totals = _expert_totals(finalist, weights)
        row = ResultRow(
            finalist=finalist,
            votes=finalist.votes,
            public=scores.public_score(finalist.votes, max_votes),
            expert_totals=totals,
        )
        row.expert = scores.work_expert_score([t for _e, t in totals])
        row.final = scores.final_score(row.public, row.expert)
        row.flagged = _flagged(totals)
        rows.append(row)
    rows.sort(key=ResultRow.sort_key)
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


def confirm_scores(finalist, *, actor, now=None):
    """The chair confirms a flagged finalist's scores, as they stand now.

    Refused unless the finalist's expert totals are spread wider than
    ``SPREAD_LIMIT``, for a vetoed work and once the results are published,
    all judged under the showcase's lock; a later score makes the
    confirmation lapse (:func:`score_finalist`).
    """
    if not can(actor, "showcase.confirm_scores", finalist):
        raise NotAllowed()
    with transaction.atomic():
        held = hold_showcase(finalist.showcase_id)
        if held.results_published_at is not None:
            raise ResultsPublished()
        finalist = (
            Finalist.objects.select_related("work")
            .prefetch_related("scores__expert")
            .get(pk=finalist.pk)
        )
        if finalist.work.state != WorkState.APPROVED:
            raise WorkWithdrawn()
        if not _flagged(_expert_totals(finalist, _weights(held))):
            raise NotFlagged()
        finalist.scores_confirmed_at = now or timezone.now()
        finalist.save(update_fields=["scores_confirmed_at"])
        audit.record("showcase.finalist.confirm_scores", finalist, actor=actor)
    return finalist


def _expert_totals(finalist, weights):
    """``[(expert, weighted total)]`` of ``finalist``'s score sheets, by expert."""
    return [
        (
            s.expert,
            scores.expert_total(s.creativity, s.appeal, s.integration, weights=weights),
        )
        for s in sorted(finalist.scores.all(), key=lambda s: s.expert_id)
    ]


def _flagged(totals):
    """Whether the experts' totals lie more than ``SPREAD_LIMIT`` apart, so
    that the chair must confirm them."""
    return scores.spread([total for _expert, total in totals]) > SPREAD_LIMIT


def _weights(showcase):
    return (
        showcase.weight_creativity,
        showcase.weight_appeal,
        showcase.weight_integration,
    )


def publish_results(showcase, *, actor, now=None):
    """Publish the TOP ``published_count``, once.

    Refused until voting has closed, every finalist has at least one expert
    score and the chair has confirmed every flagged one. Side effects, in one
    transaction holding the showcase's row: ``results_published_at`` is set,
    one :class:`PublishedResult` per place keeps the figures as shown, one
    audit entry names the published works. Afterwards scores, confirmations
    and vote invalidations are refused (each checks under
    :func:`hold_showcase`).
    """
    if not can(actor, "showcase.manage", showcase):
        raise NotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked = Showcase.objects.select_for_update().get(pk=showcase.pk)
        if locked.results_published_at is not None:
            raise AlreadyPublished()
        if locked.tally_frozen_at is None or not locked.finalists.exists():
            raise ResultsNotReady()
        rows = results(locked)
        unscored = sum(1 for row in rows if not row.expert_totals)
        if unscored:
            raise ScoresMissing(unscored)
        if any(r.flagged and r.finalist.scores_confirmed_at is None for r in rows):
            raise ScoresUnconfirmed()
        top = rows[: locked.published_count]
        PublishedResult.objects.bulk_create(
            PublishedResult(
                showcase=locked,
                work=row.work,
                rank=row.rank,
                votes=row.votes,
                public_score=scores.shown(row.public),
                expert_score=scores.shown(row.expert),
                final_score=scores.shown(row.final),
            )
            for row in top
        )
        locked.results_published_at = now
        locked.save(update_fields=["results_published_at"])
        audit.record(
            "showcase.showcase.publish_results",
            locked,
            actor=actor,
            after={"top": ",".join(str(row.work.pk) for row in top)},
        )
    showcase.results_published_at = now
    return top
