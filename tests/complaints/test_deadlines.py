"""The 17:00 rule, resolution deadlines, waiting, recategorising, policies."""

import datetime as dt

import pytest
import time_machine

from common.audit import history_of
from common.deadlines import DeadlineState
from common.models import CalendarOverride
from complaints.deadlines import overall_state, resolution_state, response_state
from complaints.enums import Category
from complaints.handling import (
    pause_complaint,
    recategorise_complaint,
    resolve_complaint,
    respond_to_complaint,
    resume_complaint,
)
from complaints.models import DeadlinePolicy, ServiceWeekWindow
from tests.complaints.factories import company_staff, file_complaint, shanghai

pytestmark = pytest.mark.django_db


def first_due(received):
    with time_machine.travel(received, tick=False):
        return file_complaint().first_response_due_at


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # a working Wednesday before 17:00: the same day
        (shanghai(2026, 3, 4, 16, 59), shanghai(2026, 3, 4, 17)),
        # at 17:01, and at 17:00 itself, it is the next working day
        (shanghai(2026, 3, 4, 17, 1), shanghai(2026, 3, 5, 17)),
        (shanghai(2026, 3, 4, 17, 0), shanghai(2026, 3, 5, 17)),
        # 00:30 on a working day: that day
        (shanghai(2026, 3, 4, 0, 30), shanghai(2026, 3, 4, 17)),
        # Friday evening: Monday
        (shanghai(2026, 3, 6, 19, 0), shanghai(2026, 3, 9, 17)),
        # the eve of National Day: the first working day after it
        (shanghai(2026, 9, 30, 18, 0), shanghai(2026, 10, 8, 17)),
        # a make-up working Sunday before 17:00: that Sunday
        (shanghai(2026, 9, 20, 10, 0), shanghai(2026, 9, 20, 17)),
        # a make-up working Saturday evening, then the Spring Festival
        (shanghai(2026, 2, 14, 18, 0), shanghai(2026, 2, 24, 17)),
        # the ordinary Saturday before the make-up Sunday: that Sunday
        (shanghai(2026, 9, 19, 11, 0), shanghai(2026, 9, 20, 17)),
        # service week: a Saturday counts, and so does its evening's next day
        (shanghai(2026, 7, 4, 10, 0), shanghai(2026, 7, 4, 17)),
        (shanghai(2026, 7, 4, 18, 0), shanghai(2026, 7, 5, 17)),
        # after service week, weekends are weekends again
        (shanghai(2026, 7, 10, 18, 0), shanghai(2026, 7, 13, 17)),
    ],
)
def test_first_response_due_follows_the_17_oclock_rule(received, due):
    assert first_due(received) == due


def test_service_week_window_is_data():
    ServiceWeekWindow.objects.filter(year=2026).update(
        starts_on=dt.date(2026, 7, 6), ends_on=dt.date(2026, 7, 12)
    )

    assert first_due(shanghai(2026, 7, 4, 10, 0)) == shanghai(2026, 7, 6, 17)
    assert first_due(shanghai(2026, 7, 11, 10, 0)) == shanghai(2026, 7, 11, 17)


def test_deadline_in_an_unknown_year_is_provisional():
    with time_machine.travel(shanghai(2027, 3, 5, 18, 0), tick=False):
        complaint = file_complaint()

    assert complaint.first_response_due_at == shanghai(2027, 3, 8, 17)
    assert complaint.deadlines_provisional


def test_calendar_override_makes_a_year_definite():
    CalendarOverride.objects.create(date=dt.date(2027, 3, 8), is_working_day=False)

    with time_machine.travel(shanghai(2027, 3, 5, 18, 0), tick=False):
        complaint = file_complaint()

    assert complaint.first_response_due_at == shanghai(2027, 3, 9, 17)
    assert not complaint.deadlines_provisional


def test_resolution_due_counts_working_days_per_category():
    with time_machine.travel(shanghai(2026, 3, 6, 19, 0), tick=False):
        repair = file_complaint(category=Category.REPAIR)
        elevator = file_complaint(category=Category.ELEVATOR)

    assert repair.resolution_due_at == shanghai(2026, 3, 13, 17)
    assert elevator.resolution_due_at == shanghai(2026, 3, 10, 17)


def test_states_are_derived_when_read():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint()

    assert response_state(complaint, shanghai(2026, 3, 4, 10)) == DeadlineState.ON_TIME
    assert response_state(complaint, shanghai(2026, 3, 4, 14)) == DeadlineState.DUE_SOON
    assert (
        response_state(complaint, shanghai(2026, 3, 4, 17, 1)) == DeadlineState.OVERDUE
    )
    assert (
        overall_state(complaint, shanghai(2026, 3, 4, 17, 1)) == DeadlineState.OVERDUE
    )


def test_first_response_stops_only_the_first_response_clock():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint()
    staff = company_staff(complaint.estate)

    with time_machine.travel(shanghai(2026, 3, 4, 16, 0), tick=False):
        respond_to_complaint(complaint, actor=staff, text="已安排维修师傅。")
    complaint.refresh_from_db()

    assert complaint.response_on_time is True
    assert response_state(complaint) == DeadlineState.MET
    later = shanghai(2026, 3, 11, 18)
    assert resolution_state(complaint, later) == DeadlineState.OVERDUE


def test_pause_and_resume_move_the_resolution_deadline_by_the_paused_time():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint()
    staff = company_staff(complaint.estate)
    original_due = complaint.resolution_due_at

    with time_machine.travel(shanghai(2026, 3, 5, 10, 0), tick=False):
        pause_complaint(complaint, actor=staff, reason="等待业主约定上门时间")
    complaint.refresh_from_db()
    assert resolution_state(complaint, shanghai(2026, 3, 20)) is None
    with time_machine.travel(shanghai(2026, 3, 7, 13, 30), tick=False):
        resume_complaint(complaint, actor=staff)
    complaint.refresh_from_db()

    waited = dt.timedelta(days=2, hours=3, minutes=30)
    assert complaint.resolution_due_at == original_due + waited
    assert complaint.paused_total == waited
    assert complaint.first_response_due_at == shanghai(2026, 3, 4, 17)


def test_resolving_while_paused_counts_the_wait_first():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint(category=Category.ELEVATOR)
    staff = company_staff(complaint.estate)
    with time_machine.travel(shanghai(2026, 3, 4, 10, 0), tick=False):
        respond_to_complaint(complaint, actor=staff, text="收到")
        pause_complaint(complaint, actor=staff, reason="等业主")

    with time_machine.travel(shanghai(2026, 3, 9, 10, 0), tick=False):
        resolve_complaint(complaint, actor=staff, text="已修好")
    complaint.refresh_from_db()

    assert complaint.resolution_on_time is True
    assert complaint.paused_at is None


def test_recategorising_recomputes_the_deadline_and_logs_it():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint(category=Category.REPAIR)
    staff = company_staff(complaint.estate)

    with time_machine.travel(shanghai(2026, 3, 4, 11, 0), tick=False):
        recategorise_complaint(
            complaint, actor=staff, category=Category.ELEVATOR, reason="实为电梯故障"
        )
    complaint.refresh_from_db()

    assert complaint.resolution_due_at == shanghai(2026, 3, 6, 17)
    entry = history_of(complaint).filter(action="complaints.complaint.recategorise")
    assert entry.get().after["category"] == "elevator"
    assert entry.get().reason == "实为电梯故障"


def test_new_policy_version_applies_only_to_complaints_received_afterwards():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        before = file_complaint()
    DeadlinePolicy.objects.create(
        category=Category.REPAIR,
        effective_from=shanghai(2026, 3, 4, 12, 0),
        resolution_days=1,
    )

    with time_machine.travel(shanghai(2026, 3, 4, 13, 0), tick=False):
        after = file_complaint()
    before.refresh_from_db()

    assert before.resolution_due_at == shanghai(2026, 3, 11, 17)
    assert after.resolution_due_at == shanghai(2026, 3, 5, 17)


def test_recategorising_uses_the_version_in_force_at_receipt():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint(category=Category.REPAIR)
    DeadlinePolicy.objects.create(
        category=Category.ELEVATOR,
        effective_from=shanghai(2026, 3, 4, 10, 0),
        resolution_days=9,
    )
    staff = company_staff(complaint.estate)

    with time_machine.travel(shanghai(2026, 3, 4, 11, 0), tick=False):
        recategorise_complaint(complaint, actor=staff, category=Category.ELEVATOR)
    complaint.refresh_from_db()

    assert complaint.resolution_due_at == shanghai(2026, 3, 6, 17)


def test_closed_complaint_keeps_its_recorded_outcome():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint()
    staff = company_staff(complaint.estate)
    with time_machine.travel(shanghai(2026, 3, 5, 9, 0), tick=False):
        respond_to_complaint(complaint, actor=staff, text="收到")
    DeadlinePolicy.objects.create(
        category=Category.REPAIR,
        effective_from=shanghai(2026, 3, 6, 0, 0),
        resolution_days=30,
    )
    complaint.refresh_from_db()

    assert complaint.response_on_time is False
    assert response_state(complaint) == DeadlineState.MISSED
