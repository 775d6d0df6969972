import datetime as dt

import pytest

from common.models import CalendarOverride
from common.workdays import WorkingCalendar, add_working_days, is_working_day

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 1, 1), False),  # New Year's Day, Thursday
        (D(2026, 1, 2), False),  # bridged Friday
        (D(2026, 1, 4), True),  # make-up Sunday
        (D(2026, 2, 14), True),  # Saturday before Spring Festival: make-up day
        (D(2026, 2, 15), False),
        (D(2026, 2, 16), False),  # Spring Festival holiday, Monday
        (D(2026, 2, 23), False),  # last holiday day
        (D(2026, 2, 24), True),  # back to work
        (D(2026, 2, 28), True),  # make-up Saturday after the festival
        (D(2026, 5, 1), False),  # Labour Day
        (D(2026, 5, 9), True),  # make-up Saturday
        (D(2026, 6, 19), False),  # Dragon Boat Festival
        (D(2026, 9, 20), True),  # make-up Sunday before National Day
        (D(2026, 9, 25), False),  # Mid-Autumn Festival
        (D(2026, 10, 1), False),  # National Day
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # make-up Saturday after National Day
        (D(2026, 3, 3), True),  # an ordinary Tuesday
        (D(2026, 3, 7), False),  # an ordinary Saturday
    ],
)
def test_2026_follows_the_statutory_schedule(day, working):
    assert is_working_day(day) is working


def test_one_working_day_after_the_friday_before_spring_festival_is_saturday():
    # Friday 13 February; Saturday 14 February is worked.
    assert add_working_days(D(2026, 2, 13), 1) == (D(2026, 2, 14), False)


def test_counting_over_spring_festival_skips_the_whole_holiday():
    assert add_working_days(D(2026, 2, 14), 1) == (D(2026, 2, 24), False)


def test_counting_back_over_national_day_lands_on_the_make_up_sunday():
    # 8 October back one: 30 September; back three: 28 September; the
    # make-up Sunday 20 September counts.
    calendar = WorkingCalendar()

    assert calendar.add_working_days(D(2026, 10, 8), -1) == (D(2026, 9, 30), False)
    assert calendar.add_working_days(D(2026, 9, 21), -1) == (D(2026, 9, 20), False)


def test_zero_working_days_is_the_same_day():
    assert add_working_days(D(2026, 10, 3), 0) == (D(2026, 10, 3), False)


def test_an_override_wins_over_the_statutory_calendar():
    CalendarOverride.objects.create(
        date=D(2026, 2, 14), is_working_day=False, note="调整"
    )
    CalendarOverride.objects.create(date=D(2026, 10, 5), is_working_day=True)

    calendar = WorkingCalendar()

    assert calendar.is_working_day(D(2026, 2, 14)) is False
    assert calendar.is_working_day(D(2026, 10, 5)) is True
    assert calendar.is_provisional(D(2026, 2, 14)) is False


def test_2027_falls_back_to_monday_to_friday_and_is_provisional():
    calendar = WorkingCalendar()

    assert calendar.is_working_day(D(2027, 10, 1)) is True  # a Friday
    assert calendar.is_working_day(D(2027, 10, 2)) is False
    assert calendar.is_provisional(D(2027, 10, 1)) is True
    assert calendar.add_working_days(D(2027, 10, 1), 1) == (D(2027, 10, 4), True)


def test_counting_into_2027_from_2026_is_provisional():
    assert add_working_days(D(2026, 12, 31), 1) == (D(2027, 1, 1), True)


def test_2027_is_definite_once_its_schedule_is_entered():
    CalendarOverride.objects.create(date=D(2027, 10, 1), is_working_day=False)

    calendar = WorkingCalendar()

    assert calendar.is_working_day(D(2027, 10, 1)) is False
    assert calendar.is_provisional(D(2027, 10, 4)) is False
    assert calendar.span_is_provisional(D(2027, 1, 1), D(2027, 12, 31)) is False


def test_span_is_provisional_when_it_reaches_an_unknown_year():
    calendar = WorkingCalendar()

    assert calendar.span_is_provisional(D(2026, 12, 1), D(2026, 12, 31)) is False
    assert calendar.span_is_provisional(D(2026, 12, 1), D(2027, 1, 5)) is True
    assert calendar.span_is_provisional(D(2027, 1, 5), D(2026, 12, 1)) is True


def test_the_calendar_reads_each_years_overrides_once(django_assert_num_queries):
    calendar = WorkingCalendar()

    with django_assert_num_queries(1):
        for day in range(1, 28):
            calendar.is_working_day(D(2026, 2, day))
