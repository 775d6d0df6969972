"""Entering and reviewing works: draft, submit, approve, reject, veto."""

import datetime as dt
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from common.middleware import current_request_meta
from common.transitions import transition
from showcase import media
from showcase.enums import WORK_TRANSITIONS, Stage, WorkState
from showcase.errors import (
    MediaRequired,
    PledgeRequired,
    ReasonRequired,
    StageNotOpen,
)
from showcase.models import Pledge, Work, WorkMedia
from showcase.services.voting import invalidate_votes
from showcase.stages import require_stage

REVIEW_HOURS = 48
PLEDGE_VERSION = "2026-1"
EDITABLE_FIELDS = ("title", "kind", "direction", "description", "story", "authors")


def review_due_at(work):
    """The 48-clock-hour review deadline, counted from submission."""
    if work.submitted_at is None:
        return None
    return work.submitted_at + dt.timedelta(hours=REVIEW_HOURS)


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
    require_stage(showcase, Stage.COLLECTION, now=now)
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    if pledge_accepted and upload is None:
        raise MediaRequired()
    checked = None
    if upload is not None:
        checked = media.check_upload(upload, work_kind=values.get("kind"))
    with _files_dropped_on_failure() as stored, transaction.atomic():
        work = Work.objects.create(
            showcase=showcase, submitter=actor, company=company, **values
        )
        audit.record("showcase.work.create", work, actor=actor, after=values)
        if checked is not None:
            _attach(work, upload, checked, actor=actor, stored=stored)
        if pledge_accepted:
            submit_work(work, actor=actor, pledge_accepted=True, now=now)
    return work


def update_draft(work, *, actor, now=None, **fields):
    """Edit a draft; drafts stay editable until review starts."""
    if not can(actor, "showcase.edit_work", work):
        raise NotAllowed()
    require_stage(work.showcase, Stage.COLLECTION, now=now)
    if work.state != WorkState.DRAFT:
        raise StageNotOpen()
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(work, name, fields[name])
    work.save(update_fields=[n for n in EDITABLE_FIELDS if n in fields])
    return work


def add_media(work, uploaded, *, actor, now=None):
    """Check an uploaded file and attach it to a draft.

    Refused with the reason when the file is not what it claims or is over
    the type's caps (``showcase.media``). The first video gives the work its
    poster frame, the first picture a smaller copy of itself as its poster.
    """
    if not can(actor, "showcase.edit_work", work):
        raise NotAllowed()
    require_stage(work.showcase, Stage.COLLECTION, now=now)
    if work.state != WorkState.DRAFT:
        raise StageNotOpen()
    checked = media.check_upload(uploaded, work_kind=work.kind)
    with _files_dropped_on_failure() as stored, transaction.atomic():
        return _attach(work, uploaded, checked, actor=actor, stored=stored)


def _attach(work, uploaded, checked, *, actor, stored):
    """Store a checked file as the work's media (and its poster, when the
    work has none yet); each file stored is added to ``stored``."""
    item = WorkMedia(
        work=work,
        kind=checked.kind,
        size=checked.size,
        duration_seconds=checked.duration,
        codec=checked.codec,
    )
    # Named after the type the check found, so that it is served as that.
    item.file.save(f"media{checked.extension}", uploaded, save=False)
    stored.append(item.file)
    item.save()
    if checked.poster and not work.poster:
        work.poster.save("poster.jpg", ContentFile(checked.poster), save=False)
        stored.append(work.poster)
        work.save(update_fields=["poster"])
    audit.record(
        "showcase.work.add_media",
        work,
        actor=actor,
        after={"media": item.pk, "kind": item.kind, "codec": item.codec},
    )
    return item


@contextmanager
def _files_dropped_on_failure():
    """Collects the files stored inside the block and deletes them from the
    storage when it fails: the rows that named them were rolled back."""
    stored = []
    try:
        yield stored
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise


def submit_work(work, *, actor, pledge_accepted, now=None):
    """Submit a draft for review, signing the originality pledge.

    Refused without the pledge or without any media file. Side effects: a
    :class:`Pledge` (text version, signer, time, IP) is stored, the work
    moves to submitted and its 48-hour clock starts.
    """
    if not can(actor, "showcase.edit_work", work):
        raise NotAllowed()
    if not pledge_accepted:
        raise PledgeRequired()
    now = now or timezone.now()
    require_stage(work.showcase, Stage.COLLECTION, now=now)
    if not work.media.exists():
        raise MediaRequired()
    with transaction.atomic():
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
            allowed=can(actor, "showcase.edit_work", work),
            changes={"submitted_at": now},
        )


def approve_work(work, *, actor, now=None):
    now = now or timezone.now()
    require_stage(work.showcase, Stage.COLLECTION, Stage.REVIEW, now=now)
    return transition(
        work,
        WorkState.APPROVED,
        actor=actor,
        table=WORK_TRANSITIONS,
        action="showcase.work.approve",
        allowed=can(actor, "showcase.review_work", work),
        changes={"approved_at": now, "decided_at": now},
    )


def reject_work(work, *, actor, reason, now=None):
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    now = now or timezone.now()
    require_stage(work.showcase, Stage.COLLECTION, Stage.REVIEW, now=now)
    return transition(
        work,
        WorkState.REJECTED,
        actor=actor,
        table=WORK_TRANSITIONS,
        action="showcase.work.reject",
        allowed=can(actor, "showcase.review_work", work),
        changes={"decided_at": now, "decision_reason": reason},
        reason=reason,
    )


def veto_work(work, *, actor, reason, now=None):
    """One reviewer's veto for infringement (一票否决), also after approval.

    Side effects, in one transaction: the work's row is locked (votes in
    flight wait and are then refused), the work moves to vetoed with the
    reason, and all its valid votes are invalidated with the reason, so they
    leave the tally and the ranking; the audit log has both steps.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    now = now or timezone.now()
    with transaction.atomic():
        locked = Work.objects.select_for_update().get(pk=work.pk)
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
    return locked
