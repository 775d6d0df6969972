"""Reads of the showcase; every page, endpoint and export uses these.

Ranking order (one tie-break everywhere, stable across reloads and exports):
more valid votes first, then earlier approval, then the lower work id. The
displayed rank is the competition rank: works with equal votes share it.
"""

from django.db.models import Q
from django.utils import timezone

from accounts.permissions import can, is_conflicted, scope_of
from accounts.roles import Role
from showcase.enums import WorkState
from showcase.models import PublishedResult, Showcase, Work

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


def review_queue(user, showcase):
    """Submitted works a reviewer may decide, oldest first."""
    if not scope_of(user).has(Role.REVIEWER):
        return Work.objects.none()
    scope = scope_of(user)
    return (
        Work.objects.filter(showcase=showcase, state=WorkState.SUBMITTED)
        .exclude(company_id__in=scope.affiliated_company_ids)
        .select_related("company")
        .order_by("submitted_at", "id")
    )


def may_see_scores(user, work):
    return can(user, "showcase.view_scores", work) and not is_conflicted(
        user, work.company_id
    )


def finalists_for_expert(user, showcase):
    """Finalists an expert may score (not their own company's), each with the
    expert's own score or None; no other expert's score is read."""
    from showcase.models import ExpertScore, Finalist

    scope = scope_of(user)
    finalists = list(
        Finalist.objects.filter(showcase=showcase, work__state=WorkState.APPROVED)
        .exclude(work__company_id__in=scope.affiliated_company_ids)
        .select_related("work", "work__company")
        .order_by("vote_rank", "work_id")
    )
    mine = {
        score.finalist_id: score
        for score in ExpertScore.objects.filter(expert=user, finalist__in=finalists)
    }
    return [(finalist, mine.get(finalist.pk)) for finalist in finalists]


def published_results(showcase):
    """The published TOP list as it was published, without works vetoed since."""
    return list(
        PublishedResult.objects.filter(
            showcase=showcase, work__state=WorkState.APPROVED
        )
        .select_related("work", "work__company")
        .order_by("rank")
    )
