"""Writes of complaints after intake: answer, resolve, wait, close, rate.

Every function locks the complaint's row first (``select_for_update``), so
two staff members acting at once cannot both move it, and reads the clock
once, so the recorded times and on-time verdicts agree.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import can
from common import audit
from common.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from common.transitions import transition
from complaints.deadlines import compute_deadlines, policy_in_force
from complaints.enums import (
    HANDLER_OUTCOMES,
    OPEN_STATES,
    PAUSABLE_STATES,
    TRANSITIONS,
    Category,
    Outcome,
    State,
)
from complaints.models import Complaint, ComplaintNote, ComplaintRating
from notifications.services import notify


class TextRequired(DomainError):
    code = "text_required"
    status = 422
    default_message = gettext_lazy("Please write a few words.")

    def __init__(self, message=None):
        message = message or self.default_message
        super().__init__(message, fields={"text": [message]})


def _text(text):
    text = (text or "").strip()
    if not text:
        raise TextRequired()
    return text


def _locked(complaint):
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("policy", "estate", "company", "subdistrict", "complainant")
        .get(pk=complaint.pk)
    )


def _tell_complainant(complaint, title, body=""):
    notify(
        complaint.complainant,
        title=title,
        body=body,
        url=reverse("complaints:detail", args=[complaint.pk]),
        sms=complaint.channel == "hotline",
    )


def _resume_changes(complaint, now):
    if complaint.paused_at is None:
        return {}
    waited = now - complaint.paused_at
    return {
        "paused_at": None,
        "paused_total": complaint.paused_total + waited,
        "resolution_due_at": complaint.resolution_due_at + waited,
    }


@transaction.atomic
def respond_to_complaint(complaint, *, actor, text):
    """First answer: stops the first-response clock only (and records it)."""
    complaint = _locked(complaint)
    allowed = can(actor, "complaints.handle", complaint)
    text = _text(text) if allowed else text
    now = timezone.now()
    transition(
        complaint,
        State.RESPONDED,
        actor=actor,
        table=TRANSITIONS,
        action="complaints.complaint.respond",
        allowed=allowed,
        changes={
            "first_responded_at": now,
            "response_on_time": now <= complaint.first_response_due_at,
        },
        after_commit=[
            lambda: _tell_complainant(complaint, _("Your complaint was answered"), text)
        ],
    )
    ComplaintNote.objects.create(
        complaint=complaint, author=actor, kind=ComplaintNote.Kind.RESPONSE, text=text
    )
    return complaint


@transaction.atomic
def resolve_complaint(complaint, *, actor, text):
    """Report the problem fixed; the resident then confirms or reopens.

    A complaint waiting on the resident is resumed first, so the waited time
    is added before the on-time verdict is recorded.
    """
    complaint = _locked(complaint)
    allowed = can(actor, "complaints.handle", complaint)
    text = _text(text) if allowed else text
    now = timezone.now()
    changes = _resume_changes(complaint, now)
    due = changes.get("resolution_due_at", complaint.resolution_due_at)
    changes.update({"resolved_at": now, "resolution_on_time": now <= due})
    transition(
        complaint,
        State.RESOLVED,
        actor=actor,
        table=TRANSITIONS,
        action="complaints.complaint.resolve",
        allowed=allowed,
        changes=changes,
        after_commit=[
            lambda: _tell_complainant(
                complaint,
                _("Your complaint is reported resolved"),
                _("Please confirm that it is resolved, or reopen it."),
            )
        ],
    )
    ComplaintNote.objects.create(
        complaint=complaint, author=actor, kind=ComplaintNote.Kind.RESOLUTION, text=text
    )
    return complaint


@transaction.atomic
def pause_complaint(complaint, *, actor, reason):
    """Wait on the resident: the resolution clock stops until resumed."""
    complaint = _locked(complaint)
    if not can(actor, "complaints.handle", complaint):
        raise NotAllowed()
    reason = _text(reason)
    if complaint.state not in PAUSABLE_STATES or complaint.is_paused:
        raise InvalidTransition()
    complaint.paused_at = timezone.now()
    complaint.save(update_fields=["paused_at"])
    audit.record(
        "complaints.complaint.pause",
        complaint,
        actor=actor,
        after={"paused_at": complaint.paused_at},
        reason=reason,
    )
    return complaint


@transaction.atomic
def resume_complaint(complaint, *, actor):
    """End the wait: the resolution deadline moves by exactly the time waited."""
    complaint = _locked(complaint)
    if not can(actor, "complaints.handle", complaint):
        raise NotAllowed()
    if not complaint.is_paused:
        raise InvalidTransition()
    before = {"resolution_due_at": complaint.resolution_due_at}
    changes = _resume_changes(complaint, timezone.now())
    for name, value in changes.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=list(changes))
    audit.record(
        "complaints.complaint.resume",
        complaint,
        actor=actor,
        before=before,
        after=changes,
    )
    return complaint


@transaction.atomic
def recategorise_complaint(complaint, *, actor, category, reason=""):
    """Change the category of an open complaint and recompute its deadlines.

    The policy is the new category's version in force when the complaint
    was received; time already waited on the resident is kept.
    """
    complaint = _locked(complaint)
    if not can(actor, "complaints.handle", complaint):
        raise NotAllowed()
    if category not in Category.values:
        raise DomainError(_("Choose a category."), code="invalid_category", status=422)
    if complaint.state not in OPEN_STATES or category == complaint.category:
        raise InvalidTransition()
    policy = policy_in_force(category, complaint.received_at)
    deadlines = compute_deadlines(
        complaint.received_at, policy, paused_total=complaint.paused_total
    )
    if complaint.first_responded_at is not None:
        deadlines.pop("first_response_due_at")
    changes = {"category": category, "policy": policy, **deadlines}
    before = {name: getattr(complaint, name) for name in changes}
    for name, value in changes.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=list(changes))
    audit.record(
        "complaints.complaint.recategorise",
        complaint,
        actor=actor,
        before={**before, "policy": before["policy"].pk},
        after={**changes, "policy": policy.pk},
        reason=reason,
    )
    return complaint


def _original(complaint, candidate):
    while candidate is not None and candidate.duplicate_of_id is not None:
        candidate = candidate.duplicate_of
    if candidate is None or candidate.pk == complaint.pk:
        raise DomainError(
            _("Name the complaint this one repeats."),
            code="duplicate_needs_original",
            status=422,
            fields={"duplicate_of": [_("Name the complaint this one repeats.")]},
        )
    return candidate


@transaction.atomic
def close_complaint(complaint, *, actor, outcome, reason, duplicate_of=None):
    """Close without a fix: not our responsibility, cannot fix, or duplicate.

    A duplicate names its original (followed to the first of a chain); later
    notes on it go to the original. Closing answers the resident, so an
    unanswered complaint's first response is recorded now.
    """
    complaint = _locked(complaint)
    allowed = can(actor, "complaints.handle", complaint)
    if not allowed:
        raise NotAllowed()
    if outcome not in HANDLER_OUTCOMES:
        raise DomainError(_("Choose how it ends."), code="invalid_outcome", status=422)
    reason = _text(reason)
    if complaint.state == State.RESOLVED:
        raise InvalidTransition()
    now = timezone.now()
    changes = {"outcome": outcome, "closed_at": now, "paused_at": None}
    if outcome == Outcome.DUPLICATE:
        original = _original(complaint, duplicate_of)
        if original.estate_id != complaint.estate_id:
            raise DomainError(
                _("A duplicate must be about the same estate."),
                code="duplicate_other_estate",
                status=422,
            )
        changes["duplicate_of"] = original
    if complaint.first_responded_at is None:
        changes["first_responded_at"] = now
        changes["response_on_time"] = now <= complaint.first_response_due_at
    label = Outcome(outcome).label
    transition(
        complaint,
        State.CLOSED,
        actor=actor,
        table=TRANSITIONS,
        action="complaints.complaint.close",
        changes=changes,
        reason=reason,
        after_commit=[
            lambda: _tell_complainant(
                complaint, _("Your complaint was closed: %s") % label, reason
            )
        ],
    )
    ComplaintNote.objects.create(
        complaint=complaint, author=actor, kind=ComplaintNote.Kind.CLOSE, text=reason
    )
    return complaint


@transaction.atomic
def confirm_complaint(complaint, *, actor):
    """The resident confirms the fix: the only way a complaint counts resolved.

    A complaint nobody confirms or reopens stays awaiting confirmation;
    nothing closes it on the resident's behalf, so it never counts resolved.
    """
    complaint = _locked(complaint)
    allowed = can(actor, "complaints.act_as_complainant", complaint)
    if allowed and complaint.state != State.RESOLVED:
        raise InvalidTransition()
    return transition(
        complaint,
        State.CLOSED,
        actor=actor,
        table=TRANSITIONS,
        action="complaints.complaint.confirm",
        allowed=allowed,
        changes={"outcome": Outcome.CONFIRMED, "closed_at": timezone.now()},
    )


@transaction.atomic
def reopen_complaint(complaint, *, actor, reason):
    """The resident says it is not fixed; the resolution clock runs on."""
    complaint = _locked(complaint)
    allowed = can(actor, "complaints.act_as_complainant", complaint)
    reason = _text(reason) if allowed else reason
    transition(
        complaint,
        State.REOPENED,
        actor=actor,
        table=TRANSITIONS,
        action="complaints.complaint.reopen",
        allowed=allowed,
        changes={"resolved_at": None, "resolution_on_time": None},
        reason=reason,
    )
    ComplaintNote.objects.create(
        complaint=complaint, author=actor, kind=ComplaintNote.Kind.REOPEN, text=reason
    )
    return complaint


@transaction.atomic
def rate_complaint(complaint, *, actor, score, comment=""):
    """The resident rates a closed complaint's handling, once."""
    complaint = _locked(complaint)
    if not can(actor, "complaints.act_as_complainant", complaint):
        raise NotAllowed()
    if complaint.state != State.CLOSED:
        raise InvalidTransition()
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise DomainError(
            _("Give 1 to 5 stars."),
            code="invalid_score",
            status=422,
            fields={"score": [_("Give 1 to 5 stars.")]},
        )
    try:
        with transaction.atomic():
            rating = ComplaintRating.objects.create(
                complaint=complaint, score=score, comment=(comment or "").strip()[:500]
            )
    except IntegrityError:
        raise Conflict(
            _("You have already rated this."), code="already_rated"
        ) from None
    audit.record(
        "complaints.complaint.rate", complaint, actor=actor, after={"score": score}
    )
    return rating


@transaction.atomic
def add_note(complaint, *, actor, text):
    """Add to a complaint; on a duplicate the note goes to its original."""
    complaint = _locked(complaint)
    if not can(actor, "complaints.add_note", complaint):
        raise NotAllowed()
    text = _text(text)
    target = complaint.duplicate_of or complaint
    if target.state == State.CLOSED and target.pk == complaint.pk:
        raise InvalidTransition()
    kind = (
        ComplaintNote.Kind.RESIDENT
        if actor.pk == complaint.complainant_id
        else ComplaintNote.Kind.RESPONSE
    )
    note = ComplaintNote.objects.create(
        complaint=target, author=actor, kind=kind, text=text
    )
    audit.record(
        "complaints.complaint.note", target, actor=actor, after={"note": note.pk}
    )
    return note
