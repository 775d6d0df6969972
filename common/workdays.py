"""The working-day calendar of mainland China, as Xiamen's offices keep it.

A date is a working day by, in order: an administrator's override
(:class:`~common.models.CalendarOverride`), the statutory schedule of the
``chinesecalendar`` package (holidays and make-up working weekends), and for a
year that neither knows, Monday to Friday. Deadlines that rest on that last
fallback are *provisional*: the year's official schedule may still move them.

A year counts as known to the overrides as soon as one override is entered
for it, since administrators enter a new year's schedule as a whole.
"""

import datetime as dt

import chinese_calendar

from common.models import CalendarOverride


class WorkingCalendar:
    """Answers working-day questions, reading each year's overrides once."""

    def __init__(self):
        self._overrides = {}

    def _year_overrides(self, year):
        if year not in self._overrides:
            self._overrides[year] = dict(
                CalendarOverride.objects.filter(date__year=year).values_list(
                    "date", "is_working_day"
                )
            )
        return self._overrides[year]

    def statutory_year_known(self, year):
        try:
            chinese_calendar.is_workday(dt.date(year, 6, 1))
        except NotImplementedError:
            return False
        return True

    def is_provisional(self, day):
        """True when ``day`` is judged by the Monday-to-Friday fallback."""
        return not self.statutory_year_known(day.year) and not self._year_overrides(
            day.year
        )

    def is_working_day(self, day):
        overrides = self._year_overrides(day.year)
        if day in overrides:
            return overrides[day]
        if self.statutory_year_known(day.year):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def next_working_day(self, day):
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def previous_working_day(self, day):
        """The last working day strictly before ``day``."""
        day -= dt.timedelta(days=1)
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def add_working_days(self, day, count):
        """The date ``count`` working days after ``day`` (before it if negative).

        ``day`` itself does not count: one working day after a Friday is the
        next Monday unless that Monday is a holiday.
        """
        step = self.next_working_day if count >= 0 else self.previous_working_day
        provisional = False
        for _ in range(abs(count)):
            day = step(day)
            provisional = provisional or self.is_provisional(day)
        return day, provisional

    def span_is_provisional(self, start, end):
        """True when any date from ``start`` to ``end`` is judged by fallback."""
        return any(
            self.is_provisional(dt.date(year, 1, 1))
            for year in range(min(start, end).year, max(start, end).year + 1)
        )


def is_working_day(day):
    return WorkingCalendar().is_working_day(day)


def add_working_days(day, count):
    """``(date, provisional)``: ``count`` working days after ``day``."""
    return WorkingCalendar().add_working_days(day, count)
