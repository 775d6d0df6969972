"""The showcase row as the lock that orders changes to its results.

Every change that moves a work's figures after votes are cast (a veto, an
invalidation of votes, an expert's score, the chair's confirmation) first
holds the showcase's row with :func:`hold_showcase`; closing the vote and
publishing the results take ``FOR UPDATE`` on the same row. So each of those
changes falls wholly before or wholly after a close or a publication, and
the locks are always taken in one order (showcase, then works by id, then
votes and finalists), which cannot deadlock.

``FOR NO KEY UPDATE`` lets votes go on (each holds ``FOR KEY SHARE`` on the
showcase) while it makes the holders take turns: a veto and a score of the
same work never interleave. SQLite writes one transaction at a time, so
there the lock is not needed and Django leaves it out.
"""

from common.errors import NotFound
from showcase.models import Showcase


def hold_showcase(showcase_id):
    """The showcase as it is now, held until the transaction ends.

    Call inside the change's transaction, before any other lock.
    """
    showcase = Showcase.objects.select_for_update(no_key=True).filter(pk=showcase_id)
    held = showcase.first()
    if held is None:
        raise NotFound()
    return held
