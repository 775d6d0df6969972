"""The plan as an iCalendar feed (RFC 5545) and as an .xlsx sheet."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from campaign.models import Board, Phase, ScheduleItem

PRODID = "-//Xiamen Housing Bureau//hongguanjia campaign plan//ZH"
UID_DOMAIN = "hongguanjia.xm"


def _event(uid, summary, start, end, *, description, stamp):
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    # DTEND of an all-day event is exclusive: the day after the last day.
    event.add("dtend", end + dt.timedelta(days=1))
    if description:
        event.add("description", description)
    return event


def schedule_calendar():
    """The phases, boards and dated schedule items as ``text/calendar`` bytes."""
    stamp = timezone.now().astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Red Steward campaign schedule"))
    for phase in Phase.objects.all():
        calendar.add_component(
            _event(
                phase.code,
                phase.name,
                phase.starts_on,
                phase.ends_on,
                description=phase.aim,
                stamp=stamp,
            )
        )
    for board in Board.objects.all():
        calendar.add_component(
            _event(
                f"board-{board.code}",
                board.name,
                board.starts_on,
                board.ends_on,
                description=board.content,
                stamp=stamp,
            )
        )
    dated = ScheduleItem.objects.filter(
        starts_on__isnull=False, ends_on__isnull=False
    ).select_related("board")
    for item in dated:
        calendar.add_component(
            _event(
                f"item-{item.board.code}-{item.code}",
                f"{item.board.name}：{item.title}",
                item.starts_on,
                item.ends_on,
                description=item.description,
                stamp=stamp,
            )
        )
    return calendar.to_ical()


def schedule_sheets():
    """``(title, header, rows)`` sheets of the plan for :func:`workbook_response`."""
    boards = Board.objects.prefetch_related("units", "items")
    board_rows = []
    item_rows = []
    for board in boards:
        units = {role: [] for role in ("guiding", "host", "organising")}
        for unit in board.units.all():
            units[unit.role].append(unit.name)
        board_rows.append(
            [
                board.number,
                board.name,
                board.content,
                board.purpose,
                board.window_text,
                board.starts_on,
                board.ends_on,
                "、".join(units["guiding"]),
                "、".join(units["host"]),
                "、".join(units["organising"]),
            ]
        )
        item_rows.extend(
            [
                board.name,
                item.title,
                item.get_kind_display(),
                item.starts_on,
                item.ends_on,
                item.description,
            ]
            for item in board.items.all()
        )
    phase_rows = [
        [phase.number, phase.name, phase.starts_on, phase.ends_on, phase.aim]
        for phase in Phase.objects.all()
    ]
    return [
        (
            _("Phases"),
            [_("No."), _("Phase"), _("Starts on"), _("Ends on"), _("Aim")],
            phase_rows,
        ),
        (
            _("Boards"),
            [
                _("No."),
                _("Board"),
                _("Content"),
                _("Purpose"),
                _("Time"),
                _("Starts on"),
                _("Ends on"),
                _("Guiding units"),
                _("Host units"),
                _("Organising units"),
            ],
            board_rows,
        ),
        (
            _("Schedule"),
            [
                _("Board"),
                _("Item"),
                _("Kind"),
                _("Starts on"),
                _("Ends on"),
                _("Description"),
            ],
            item_rows,
        ),
    ]
