"""Daily upkeep of the showcase: the vote request counts of past minutes."""

import logging

from django.utils import timezone
from django_tasks import task

from common.scheduler import periodic
from showcase.models import VoteRequestCount

logger = logging.getLogger(__name__)


def prune_vote_request_counts(*, now=None):
    """Delete the request counts of minutes before the current one.

    Only the current minute's counts are ever read, so this changes no
    limit. Returns how many rows were deleted.
    """
    minute = int((now or timezone.now()).timestamp()) // 60
    deleted, _ = VoteRequestCount.objects.filter(minute__lt=minute).delete()
    return deleted


@periodic("showcase.prune_vote_request_counts", at="04:30")
@task()
def prune_vote_request_counts_daily(due_iso):
    deleted = prune_vote_request_counts()
    logger.info("vote request counts pruned: %s rows", deleted)
