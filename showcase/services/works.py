"""Entering and reviewing works: draft, edit, submit, approve, reject, veto.

A person enters, changes and deletes their own drafts while stories are
being collected; a rejected work may be revised (back to a draft) and
submitted again in that stage. Media files are checked (``showcase.media``)
before anything is stored.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.permissions import can
from common import audit
from common.errors import InvalidTransition, NotAllowed, NotFound
from common.middleware import current_request_meta
from common.transitions import transition
from showcase import media
from showcase.enums import WORK_TRANSITIONS, Stage, WorkKind, WorkState
from showcase.errors import (
    CollectionClosed,
    MediaMismatch,
    MediaRequired,
    PledgeRequired,
    ReasonRequired,
    WorkNotEditable,
)
from showcase.models import Pledge, Work, WorkMedia
from showcase.services import notices
from showcase.services.locks import hold_showcase
from showcase.services.voting import invalidate_votes
from showcase.services.work_media import (
    attach,
    delete_after_commit,
    detach,
    files_dropped_on_failure,
    refresh_poster,
)
from showcase.stages import require_stage, stage_of

REVIEW_HOURS = 48
PLEDGE_VERSION = "2026-1"
EDITABLE_FIELDS = ("title", "kind", "direction", "description", "story", "authors")


def review_due_at(work):
    """The 48-clock-hour review deadline, counted from submission."""
    if work.submitted_at is None:
        return None
    return work.submitted_at + dt.timedelta(hours=REVIEW_HOURS)


def _require_collection(showcase, now):
    if stage_of(showcase, now=now) != Stage.COLLECTION:
        raise CollectionClosed()


def editing_refusal(work, *, actor, now=None):
    """Why ``actor`` may not change or delete ``work`` now, as the error a
    change would raise, or None: only one's own drafts, only while stories
    are being collected. Pages ask it to offer only what will work."""
    if not can(actor, "showcase.edit_work", work):
        return NotAllowed()
    if stage_of(work.showcase, now=now) != Stage.COLLECTION:
        return CollectionClosed()
    if work.state != WorkState.DRAFT:
        return WorkNotEditable(work)
    return None


def _require_editable(work, *, actor, now):
    refusal = editing_refusal(work, actor=actor, now=now)
    if refusal is not None:
        raise refusal


def _locked(work):
    """The work's row as it is now, locked until the transaction ends.

    Call inside the change's transaction: a submission (or deletion) by
    another request may have committed since ``work`` was read, and a change
    waiting for the lock must then be judged on the state it finds.
    """
    locked = Work.objects.select_for_update().filter(pk=work.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _lock_draft(work):
    locked = _locked(work)
    if locked.state != WorkState.DRAFT:
        raise WorkNotEditable(locked)


def create_work(
    showcase,
    *,
    actor,
    company=None,
    upload=None,
    pledge_accepted=False,
    now=None,
    **fields,
):
    """A new draft, only while stories are being collected.

    With ``upload`` the draft gets its first media file, and with
    ``pledge_accepted`` it is submitted at once (:func:`submit_work`). The
    file is checked before anything is stored, and the rest runs in one
    transaction: when any part is refused, no work is left behind, so that
    sending the form again makes no duplicate. Audit entry
    ``showcase.work.create``, then those of the steps that follow.
    """
    if not can(actor, "showcase.submit_work"):
        raise NotAllowed()
    now = now or timezone.now()
    _require_collection(showcase, now)
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    if pledge_accepted and upload is None:
        raise MediaRequired()
    checked = None
    if upload is not None:
        checked = media.check_upload(upload, work_kind=values.get("kind"))
    with files_dropped_on_failure() as stored, transaction.atomic():
        work = Work.objects.create(
            showcase=showcase, submitter=actor, company=company, **values
        )
        audit.record("showcase.work.create", work, actor=actor, after=values)
        if checked is not None:
            attach(work, upload, checked, actor=actor, stored=stored)
        if pledge_accepted:
            submit_work(work, actor=actor, pledge_accepted=True, now=now)
    return work


def update_draft(work, *, actor, upload=None, remove=(), now=None, **fields):
    """Change one's draft: its fields, a file to add, files (ids) to remove.

    Everything is checked before anything changes: the new file against the
    work's (new) type, and the files kept against a changed type (a photo
    work holds pictures, the others videos within their type's length).
    Then, in one transaction: the fields are saved (audit entry
    ``showcase.work.update`` with before and after), the files are removed
    (``showcase.work.remove_media``; their files leave the storage after
    commit) and the poster is made again from the first file kept, and the
    new file is attached (``showcase.work.add_media``).
    """
    _require_editable(work, actor=actor, now=now)
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    kind = values.get("kind", work.kind)
    items = list(work.media.order_by("pk"))
    wanted = set(remove)
    removed = [item for item in items if item.pk in wanted]
    if len(removed) != len(wanted):
        raise NotFound()
    _require_fit(kind, [item for item in items if item not in removed])
    checked = media.check_upload(upload, work_kind=kind) if upload else None
    changed = {n: v for n, v in values.items() if getattr(work, n) != v}

    with files_dropped_on_failure() as stored, transaction.atomic():
        _lock_draft(work)
        if changed:
            before = {name: getattr(work, name) for name in changed}
            for name, value in changed.items():
                setattr(work, name, value)
            work.save(update_fields=list(changed))
            audit.record(
                "showcase.work.update", work, actor=actor, before=before, after=changed
            )
        for item in removed:
            detach(item, actor=actor)
        if removed:
            refresh_poster(work, stored=stored)
        if checked is not None:
            attach(work, upload, checked, actor=actor, stored=stored)
    return work


def _fits(kind, item):
    if kind == WorkKind.PHOTOGRAPHY:
        return item.kind == WorkMedia.Kind.IMAGE
    return (
        item.kind == WorkMedia.Kind.VIDEO
        and (item.duration_seconds or 0) <= media.MAX_SECONDS[WorkKind(kind)]
    )


def _require_fit(kind, items):
    if not all(_fits(kind, item) for item in items):
        raise MediaMismatch()


def add_media(work, uploaded, *, actor, now=None):
    """Check an uploaded file and attach it to one's draft.

    Refused with the reason when the file is not what it claims or is over
    the type's caps (``showcase.media``). The first video gives the work its
    poster frame, the first picture a smaller copy of itself as its poster.
    """
    _require_editable(work, actor=actor, now=now)
    checked = media.check_upload(uploaded, work_kind=work.kind)
    with files_dropped_on_failure() as stored, transaction.atomic():
        _lock_draft(work)
        return attach(work, uploaded, checked, actor=actor, stored=stored)


def remove_media(item, *, actor, now=None):
    """Remove one media file of one's draft; the poster is made again from
    the first file left. Audit entry ``showcase.work.remove_media``."""
    work = item.work
    _require_editable(work, actor=actor, now=now)
    with files_dropped_on_failure() as stored, transaction.atomic():
        _lock_draft(work)
        detach(item, actor=actor)
        refresh_poster(work, stored=stored)
    return work


def delete_draft(work, *, actor, now=None):
    """Delete one's draft with its media files and pledges.

    The audit entry ``showcase.work.delete`` keeps its fields; the files
    leave the storage once the deletion has committed.
    """
    _require_editable(work, actor=actor, now=now)
    with transaction.atomic():
        _lock_draft(work)
        files = [item.file for item in work.media.all()] + [work.poster]
        audit.record(
            "showcase.work.delete",
            work,
            actor=actor,
            before={name: getattr(work, name) for name in EDITABLE_FIELDS},
        )
        for field_file in files:
            delete_after_commit(field_file)
        work.delete()


def revise_work(work, *, actor, now=None):
    """Take one's rejected work back as a draft to change and submit again,
    while stories are being collected.

    The rejection reason stays on the work until it is submitted again, and
    for good in its history: the audit entry ``showcase.work.revise`` carries
    it as its reason.
    """
    if not can(actor, "showcase.edit_work", work):
        raise NotAllowed()
    _require_collection(work.showcase, now)
    with transaction.atomic():
        locked = _locked(work)
        work.state, work.decision_reason = locked.state, locked.decision_reason
        return transition(
            work,
            WorkState.DRAFT,
            actor=actor,
            table=WORK_TRANSITIONS,
            action="showcase.work.revise",
            reason=work.decision_reason,
        )


def submit_work(work, *, actor, pledge_accepted, now=None):
    """Submit a draft for review, signing the originality pledge.

    Refused without the pledge or without any media file. Side effects: a
    :class:`Pledge` (text version, signer, time, IP) is stored, the work
    moves to submitted, its 48-hour clock starts and an earlier decision
    (a rejection before a revision) is cleared from the work; the audit log
    keeps it.
    """
    if not can(actor, "showcase.edit_work", work):
        raise NotAllowed()
    if not pledge_accepted:
        raise PledgeRequired()
    now = now or timezone.now()
    _require_collection(work.showcase, now)
    with transaction.atomic():
        if _locked(work).state != WorkState.DRAFT:
            raise InvalidTransition()
        if not work.media.exists():
            raise MediaRequired()
        Pledge.objects.create(
            work=work,
            text_version=PLEDGE_VERSION,
            signer=actor,
            signed_at=now,
            ip=current_request_meta().get("ip"),
        )
        return transition(
            work,
            WorkState.SUBMITTED,
            actor=actor,
            table=WORK_TRANSITIONS,
            action="showcase.work.submit",
            changes={"submitted_at": now, "decided_at": None, "decision_reason": ""},
        )


def approve_work(work, *, actor, now=None):
    """Approve a submitted work; the submitter is told (after commit).

    The move is judged on the work's row as it is once locked, so a veto or
    another decision that committed meanwhile is never overwritten.
    """
    now = now or timezone.now()
    require_stage(work.showcase, Stage.COLLECTION, Stage.REVIEW, now=now)
    with transaction.atomic():
        work.state = _locked(work).state
        transition(
            work,
            WorkState.APPROVED,
            actor=actor,
            table=WORK_TRANSITIONS,
            action="showcase.work.approve",
            allowed=can(actor, "showcase.review_work", work),
            changes={"approved_at": now, "decided_at": now},
        )
        notices.work_approved(work)
    return work


def reject_work(work, *, actor, reason, now=None):
    """Send a submitted work back with the reason; the submitter is told
    (inbox and SMS, after commit) and may revise it while collecting."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    now = now or timezone.now()
    require_stage(work.showcase, Stage.COLLECTION, Stage.REVIEW, now=now)
    with transaction.atomic():
        work.state = _locked(work).state
        transition(
            work,
            WorkState.REJECTED,
            actor=actor,
            table=WORK_TRANSITIONS,
            action="showcase.work.reject",
            allowed=can(actor, "showcase.review_work", work),
            changes={"decided_at": now, "decision_reason": reason},
            reason=reason,
        )
        notices.work_rejected(work, reason)
    return work


def veto_work(work, *, actor, reason, now=None):
    """One reviewer's veto for infringement (一票否决), also after approval.

    Side effects, in one transaction: the showcase is held
    (:func:`hold_showcase`: the veto falls wholly before or after closing the
    vote), the work's row is locked (votes in flight wait and are then
    refused), the work moves to vetoed with the reason, and all its valid
    votes are invalidated with the reason, so they leave the tally and the
    ranking; the audit log has both steps. The submitter is told with the
    reason (inbox and SMS) after commit.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    now = now or timezone.now()
    with transaction.atomic():
        hold_showcase(work.showcase_id)
        locked = _locked(work)
        transition(
            locked,
            WorkState.VETOED,
            actor=actor,
            table=WORK_TRANSITIONS,
            action="showcase.work.veto",
            allowed=can(actor, "showcase.review_work", locked),
            changes={"decided_at": now, "decision_reason": reason},
            reason=reason,
        )
        invalidate_votes(
            locked.votes.all(),
            actor=actor,
            reason=f"veto: {reason}",
            action="showcase.vote.invalidate_by_veto",
        )
        locked.refresh_from_db()
        notices.work_vetoed(locked, reason)
    return locked
