"""The complaints API for the mini-program and offices: the pages' services."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import File, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import responses
from common.errors import InvalidTransition, NotAllowed, NotFound
from common.uploads import check_size
from complaints import handling
from complaints.enums import Channel, State
from complaints.models import ComplaintPhoto
from complaints.schemas import (
    CloseIn,
    ComplaintIn,
    ComplaintOut,
    HotlineIn,
    NoteOut,
    RateIn,
    RatingOut,
    RecategoriseIn,
    SummaryOut,
    TextIn,
)
from complaints.selectors import complaint_for, queue_for
from complaints.services import (
    MAX_PHOTOS,
    PHOTO_LIMIT_MB,
    InvalidComplaint,
    submit_complaint,
    submit_hotline_complaint,
)
from complaints.summary import Place, current_summary_day, places_for, summary_for_page
from places.models import Estate

router = Router(tags=["complaints"], auth=API_AUTH)


def _complaint(request, pk):
    complaint = complaint_for(request.auth, pk)
    if complaint is None:
        raise NotFound()
    return complaint


@router.get("/", response=responses(200, list[ComplaintOut]))
def list_complaints(request, state: str = ""):
    """Complaints visible to the caller: their own, or their queue as staff."""
    return list(
        queue_for(request.auth, state=state or None).prefetch_related("photos")[:200]
    )


def _submit(request, payload, **extra):
    estate = get_object_or_404(Estate, pk=payload.estate_id)
    complaint, created = submit_complaint(
        estate,
        actor=request.auth,
        category=payload.category,
        description=payload.description,
        idempotency_key=payload.idempotency_key,
        service_week_order_id=payload.service_week_order_id,
        **extra,
    )
    return Status(201 if created else 200, complaint)


@router.post("/", response=responses(201, ComplaintOut, extra={200: ComplaintOut}))
def create_complaint(request, payload: ComplaintIn):
    """Complain; a retry with the same idempotency key answers 200 with the first."""
    return _submit(request, payload, channel=Channel.API)


@router.post(
    "/hotline", response=responses(201, ComplaintOut, extra={200: ComplaintOut})
)
def create_hotline_complaint(request, payload: HotlineIn):
    """Staff enter a telephone complaint on the caller's behalf."""
    if not can(request.auth, "complaints.use_console"):
        raise NotAllowed()
    complaint, created = submit_hotline_complaint(
        get_object_or_404(Estate, pk=payload.estate_id),
        actor=request.auth,
        mobile=payload.mobile,
        category=payload.category,
        description=payload.description,
        idempotency_key=payload.idempotency_key,
        service_week_order_id=payload.service_week_order_id,
    )
    return Status(201 if created else 200, complaint)


@router.get("/summary", response=responses(200, SummaryOut))
def summary(request, day: dt.date | None = None, place: str = ""):
    """The 17:00 figures of a day and place (default: today, the widest place)."""
    allowed = places_for(request.auth)
    if not allowed:
        raise NotAllowed()
    chosen = Place.parse(place) if place else allowed[0]
    if chosen is None or not can(request.auth, "complaints.view_summary", chosen):
        raise NotAllowed()
    day = day or current_summary_day()
    return {**summary_for_page(day, chosen), "place": chosen.key}


@router.get("/{int:complaint_id}", response=responses(200, ComplaintOut))
def get_complaint(request, complaint_id: int):
    return _complaint(request, complaint_id)


@router.get("/{int:complaint_id}/notes", response=responses(200, list[NoteOut]))
def list_notes(request, complaint_id: int):
    return list(_complaint(request, complaint_id).notes.select_related("author"))


@router.post("/{int:complaint_id}/photos", response=responses(200, ComplaintOut))
def add_photo(request, complaint_id: int, file: File[UploadedFile]):
    """The complainant adds a photo to an open complaint."""
    complaint = _complaint(request, complaint_id)
    if not can(request.auth, "complaints.act_as_complainant", complaint):
        raise NotAllowed()
    if complaint.state == State.CLOSED:
        raise InvalidTransition()
    if complaint.photos.count() >= MAX_PHOTOS:
        raise InvalidComplaint(fields={"file": [str(MAX_PHOTOS)]})
    check_size(file, limit_mb=PHOTO_LIMIT_MB)
    ComplaintPhoto.objects.create(complaint=complaint, file=file)
    return _complaint(request, complaint_id)


def _then(request, complaint_id):
    return _complaint(request, complaint_id)


@router.post("/{int:complaint_id}/respond", response=responses(200, ComplaintOut))
def respond(request, complaint_id: int, payload: TextIn):
    handling.respond_to_complaint(
        _complaint(request, complaint_id), actor=request.auth, text=payload.text
    )
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/resolve", response=responses(200, ComplaintOut))
def resolve(request, complaint_id: int, payload: TextIn):
    handling.resolve_complaint(
        _complaint(request, complaint_id), actor=request.auth, text=payload.text
    )
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/pause", response=responses(200, ComplaintOut))
def pause(request, complaint_id: int, payload: TextIn):
    """Wait on the resident; the resolution clock stops."""
    handling.pause_complaint(
        _complaint(request, complaint_id), actor=request.auth, reason=payload.text
    )
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/resume", response=responses(200, ComplaintOut))
def resume(request, complaint_id: int):
    handling.resume_complaint(_complaint(request, complaint_id), actor=request.auth)
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/recategorise", response=responses(200, ComplaintOut))
def recategorise(request, complaint_id: int, payload: RecategoriseIn):
    handling.recategorise_complaint(
        _complaint(request, complaint_id),
        actor=request.auth,
        category=payload.category,
        reason=payload.reason,
    )
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/close", response=responses(200, ComplaintOut))
def close(request, complaint_id: int, payload: CloseIn):
    """Close as not our responsibility, cannot fix, or duplicate (of an original)."""
    complaint = _complaint(request, complaint_id)
    original = None
    if payload.duplicate_of:
        original = complaint_for(request.auth, payload.duplicate_of)
    handling.close_complaint(
        complaint,
        actor=request.auth,
        outcome=payload.outcome,
        reason=payload.reason,
        duplicate_of=original,
    )
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/confirm", response=responses(200, ComplaintOut))
def confirm(request, complaint_id: int):
    handling.confirm_complaint(_complaint(request, complaint_id), actor=request.auth)
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/reopen", response=responses(200, ComplaintOut))
def reopen(request, complaint_id: int, payload: TextIn):
    handling.reopen_complaint(
        _complaint(request, complaint_id), actor=request.auth, reason=payload.text
    )
    return _then(request, complaint_id)


@router.post("/{int:complaint_id}/rate", response=responses(200, RatingOut))
def rate(request, complaint_id: int, payload: RateIn):
    return handling.rate_complaint(
        _complaint(request, complaint_id),
        actor=request.auth,
        score=payload.score,
        comment=payload.comment,
    )


@router.post("/{int:complaint_id}/notes", response=responses(200, NoteOut))
def add_note(request, complaint_id: int, payload: TextIn):
    """Add information; on a duplicate it goes to the original complaint."""
    return handling.add_note(
        _complaint(request, complaint_id), actor=request.auth, text=payload.text
    )
