"""Reads of the showcase; every page, endpoint and export uses these.

Ranking order (one tie-break everywhere, stable across reloads and exports):
more valid votes first, then earlier approval, then the lower work id. The
displayed rank is the competition rank: works with equal votes share it.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from accounts.permissions import can, is_conflicted, scope_of
from accounts.roles import Role
from common.models import AuditEntry
from showcase.enums import WorkState
from showcase.models import Showcase, Work

RANKING_ORDER = ("-vote_count", "approved_at", "id")


def current_showcase():
    """The showcase of the latest year, or None."""
    return Showcase.objects.order_by("-year").first()


def votable_works(showcase):
    return Work.objects.filter(showcase=showcase, state=WorkState.APPROVED)


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
    submitted), with a flag whether they have scored each; no other expert's
    score is read."""
    from showcase.models import ExpertScore, Finalist

    finalists = list(
        _not_judged_by(
            user,
            Finalist.objects.filter(showcase=showcase, work__state=WorkState.APPROVED),
            prefix="work__",
        ).select_related("work", "work__company")
    )
    mine = set(
        ExpertScore.objects.filter(expert=user, finalist__in=finalists).values_list(
            "finalist_id", flat=True
        )
    )
    return [(finalist, finalist.pk in mine) for finalist in finalists]
