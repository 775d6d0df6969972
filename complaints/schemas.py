import datetime as dt

from ninja import Schema

from complaints.deadlines import resolution_state, response_state
from complaints.services import handler_name


class ComplaintIn(Schema):
    estate_id: int
    category: str
    description: str
    idempotency_key: str | None = None
    service_week_order_id: int | None = None


class HotlineIn(ComplaintIn):
    mobile: str


class TextIn(Schema):
    text: str


class CloseIn(Schema):
    outcome: str
    reason: str
    duplicate_of: int | None = None


class RecategoriseIn(Schema):
    category: str
    reason: str = ""


class RateIn(Schema):
    score: int
    comment: str = ""


class NoteOut(Schema):
    id: int
    kind: str
    text: str
    author: str
    at: dt.datetime

    @staticmethod
    def resolve_author(note):
        return str(note.author)


class ComplaintOut(Schema):
    id: int
    estate_id: int
    estate_name: str
    category: str
    category_label: str
    description: str
    channel: str
    state: str
    state_label: str
    outcome: str
    outcome_label: str
    handled_by: str
    company_id: int | None
    received_at: dt.datetime
    first_response_due_at: dt.datetime
    resolution_due_at: dt.datetime
    deadlines_provisional: bool
    response_state: str | None
    resolution_state: str | None
    waiting_on_resident: bool
    duplicate_of_id: int | None
    service_week_order_id: int | None
    entered_by_staff: bool
    photo_ids: list[int]

    @staticmethod
    def resolve_estate_name(c):
        return str(c.estate)

    @staticmethod
    def resolve_category_label(c):
        return str(c.get_category_display())

    @staticmethod
    def resolve_state_label(c):
        return str(c.get_state_display())

    @staticmethod
    def resolve_outcome_label(c):
        return str(c.get_outcome_display()) if c.outcome else ""

    @staticmethod
    def resolve_handled_by(c):
        return handler_name(c)

    @staticmethod
    def resolve_response_state(c):
        state = response_state(c)
        return str(state) if state else None

    @staticmethod
    def resolve_resolution_state(c):
        state = resolution_state(c)
        return str(state) if state else None

    @staticmethod
    def resolve_waiting_on_resident(c):
        return c.is_paused

    @staticmethod
    def resolve_entered_by_staff(c):
        return c.entered_by_id is not None

    @staticmethod
    def resolve_photo_ids(c):
        return [photo.pk for photo in c.photos.all()]


class RatingOut(Schema):
    score: int
    comment: str


class SummaryRowOut(Schema):
    category: str
    label: str
    received: int
    due: int
    answered_on_time: int
    overdue: int
    still_open: int
    resolved: int


class SummaryTotalOut(Schema):
    received: int
    due: int
    answered_on_time: int
    overdue: int
    still_open: int
    resolved: int


class SummaryOut(Schema):
    day: str
    place: str
    as_of: str
    stored: bool
    rows: list[SummaryRowOut]
    total: SummaryTotalOut
