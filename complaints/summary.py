"""The 17:00 summary of one day for one place.

Figures, per category and in total, as of 17:00 Asia/Shanghai of ``day``
(or now, if earlier). The day's window runs from 17:00 of the previous
working day to that moment, so that each complaint is received in exactly
one working day's summary (one received on Friday evening is in Monday's):

- received: complaints received in the window;
- due: complaints whose first response fell due in the window;
- answered on time: of those, answered by their deadline;
- overdue: complaints whose first response or resolution deadline has
  been reached without it being done (waiting on the resident excepted);
  at 17:00 itself, a 17:00 answer not yet given counts as overdue;
- still open: complaints received by then and not closed by then;
- resolved: complaints whose resident confirmed the fix in the window. A
  complaint reported fixed but not confirmed is still open; one closed as
  not our responsibility, cannot fix or duplicate is neither.

A place is the city, a district, a subdistrict (by the estate's location)
or a property company (the complaints routed to it). The page and the
scheduled job both call :func:`compute_summary`, so they show the same
numbers; the job also stores them as :class:`~complaints.models.DailySummary`.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from accounts.permissions import scope_of
from accounts.roles import Role
from common.workdays import WorkingCalendar
from complaints.deadlines import SHANGHAI
from complaints.enums import Category, Outcome
from complaints.models import Complaint, DailySummary
from organizations.models import PropertyCompany
from places.models import District, Subdistrict

SUMMARY_TIME = dt.time(17, 0)
FIGURES = (
    "received",
    "due",
    "answered_on_time",
    "overdue",
    "still_open",
    "resolved",
)
Kind = DailySummary.PlaceKind


@dataclass(frozen=True)
class Place:
    kind: str
    id: int = 0

    @property
    def key(self):
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, key):
        kind, _sep, ident = (key or "").partition(":")
        if kind not in Kind.values or not ident.isdigit():
            return None
        return cls(kind, int(ident))

    def label(self):
        model = {
            Kind.DISTRICT: District,
            Kind.SUBDISTRICT: Subdistrict,
            Kind.COMPANY: PropertyCompany,
        }.get(self.kind)
        if model is None:
            return str(Kind.CITY.label)
        found = model.objects.filter(pk=self.id).first()
        return str(found) if found else "?"

    def filter(self):
        return {
            Kind.CITY: Q(),
            Kind.DISTRICT: Q(estate__district_id=self.id),
            Kind.SUBDISTRICT: Q(subdistrict_id=self.id),
            Kind.COMPANY: Q(company_id=self.id),
        }[self.kind]


def places_for(user):
    """The places whose summary ``user`` may read, widest first."""
    scope = scope_of(user)
    places = []
    if scope.city and scope.is_official:
        places.append(Place(Kind.CITY))
        places += [
            Place(Kind.DISTRICT, pk)
            for pk in District.objects.values_list("pk", flat=True)
        ]
        return places
    district_ids = set(scope.district_ids)
    places += [Place(Kind.DISTRICT, pk) for pk in sorted(district_ids)]
    subdistricts = Subdistrict.objects.filter(
        Q(pk__in=scope.subdistrict_ids) | Q(district_id__in=district_ids)
    ).values_list("pk", flat=True)
    places += [Place(Kind.SUBDISTRICT, pk) for pk in subdistricts]
    if scope.has(Role.COMPANY_ADMIN, Role.ESTATE_MANAGER, Role.FRONTLINE_STAFF):
        places += [Place(Kind.COMPANY, pk) for pk in sorted(scope.company_ids)]
    return places


def _as_of(day, now):
    moment = dt.datetime.combine(day, SUMMARY_TIME, tzinfo=SHANGHAI)
    return min(moment, now)


def window_start(day):
    previous = WorkingCalendar().previous_working_day(day)
    return dt.datetime.combine(previous, SUMMARY_TIME, tzinfo=SHANGHAI)


def current_summary_day(now=None):
    """The working day whose 17:00 summary will count a complaint made now."""
    now = (now or timezone.now()).astimezone(SHANGHAI)
    calendar = WorkingCalendar()
    day = now.date()
    if calendar.is_working_day(day) and now.time() <= SUMMARY_TIME:
        return day
    return calendar.next_working_day(day)


def compute_summary(day, place, *, now=None):
    """``{"as_of", "rows": [{category, label, figures...}], "total": {...}}``."""
    now = now or timezone.now()
    as_of = _as_of(day, now)
    start = window_start(day)
    complaints = Complaint.objects.filter(place.filter(), received_at__lte=as_of)
    rows = {value: dict.fromkeys(FIGURES, 0) for value in Category.values}
    for complaint in complaints.filter(
        Q(received_at__gt=start)
        | Q(first_response_due_at__gt=start, first_response_due_at__lte=as_of)
        | Q(closed_at__gt=start)
        | Q(closed_at__isnull=True)
        | Q(closed_at__gt=as_of)
    ).only(
        "category",
        "received_at",
        "first_response_due_at",
        "first_responded_at",
        "resolution_due_at",
        "resolved_at",
        "closed_at",
        "paused_at",
        "state",
    ):
        figures = rows[complaint.category]
        for name in _figures_of(complaint, start, as_of):
            figures[name] += 1
    total = {name: sum(row[name] for row in rows.values()) for name in FIGURES}
    return {
        "day": day.isoformat(),
        "as_of": as_of.isoformat(),
        "rows": [
            {"category": value, "label": str(Category(value).label), **figures}
            for value, figures in rows.items()
        ],
        "total": total,
    }


def _done_by(moment, as_of):
    return moment is not None and moment <= as_of


def _figures_of(complaint, start, as_of):
    figures = []
    if complaint.received_at > start:
        figures.append("received")
    due = complaint.first_response_due_at
    answered = _done_by(complaint.first_responded_at, as_of)
    if start < due <= as_of:
        figures.append("due")
        if answered and complaint.first_responded_at <= due:
            figures.append("answered_on_time")
    if _done_by(complaint.closed_at, as_of):
        if complaint.outcome == Outcome.CONFIRMED and complaint.closed_at > start:
            figures.append("resolved")
        return figures
    figures.append("still_open")
    response_late = not answered and due <= as_of
    resolution_late = (
        not _done_by(complaint.resolved_at, as_of)
        and complaint.paused_at is None
        and complaint.resolution_due_at <= as_of
    )
    if response_late or resolution_late:
        figures.append("overdue")
    return figures


def summary_for_page(day, place, *, now=None):
    """The stored 17:00 figures of a past day if the job made them, else live.

    Recomputing a past day uses today's rows: how long a complaint waited on
    the resident back then is not kept, so a recomputed past day's overdue
    count may differ from what it was; the stored figures do not.
    """
    stored = DailySummary.objects.filter(
        day=day, place_kind=place.kind, place_id=place.id
    ).first()
    if stored is not None:
        return {**stored.figures, "stored": True}
    return {**compute_summary(day, place, now=now), "stored": False}


def store_summary(day, place, *, now=None):
    figures = compute_summary(day, place, now=now)
    DailySummary.objects.update_or_create(
        day=day,
        place_kind=place.kind,
        place_id=place.id,
        defaults={
            "figures": figures,
            "as_of": dt.datetime.fromisoformat(figures["as_of"]),
        },
    )
    return figures


def all_places():
    """Every place the job summarises: city, districts, subdistricts, companies."""
    places = [Place(Kind.CITY)]
    places += [
        Place(Kind.DISTRICT, pk) for pk in District.objects.values_list("pk", flat=True)
    ]
    places += [
        Place(Kind.SUBDISTRICT, pk)
        for pk in Complaint.objects.values_list("subdistrict_id", flat=True).distinct()
    ]
    places += [
        Place(Kind.COMPANY, pk)
        for pk in Complaint.objects.exclude(company=None)
        .values_list("company_id", flat=True)
        .distinct()
    ]
    return places
