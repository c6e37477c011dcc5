"""The working-day calendar in the kernel: the library's Thai government calendar on its own, and the
administrators' overrides only through the registered source (core imports no domain app's table)."""

import datetime as dt

import pytest

from core import workdays


@pytest.fixture
def no_source(monkeypatch):
    monkeypatch.setattr(workdays, "_override_source", None)


def test_library_calendar_alone(no_source):
    assert not workdays.is_working_day(dt.date(2025, 1, 1))  # New Year's Day
    assert workdays.is_working_day(dt.date(2025, 5, 1))  # Labour Day: government offices open
    assert not workdays.is_working_day(dt.date(2025, 5, 3))  # a Saturday
    # Friday 2 May 2025 → Tuesday 6 May: Coronation Day falls on Sunday 4 May, its substitute on Monday 5.
    assert workdays.add_working_days(dt.date(2025, 5, 2), 1) == dt.date(2025, 5, 6)


def test_overrides_come_from_the_registered_source(no_source):
    asked = []

    def source(start, end):
        asked.append((start, end))
        return {dt.date(2025, 6, 18): (True, "วันหยุดพิเศษ"), dt.date(2025, 1, 1): (False, "เปิดทำการ")}

    workdays.register_override_source(source)
    calendar = workdays.WorkCalendar(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert calendar.holiday_name(dt.date(2025, 6, 18)) == "วันหยุดพิเศษ"
    assert not calendar.is_working_day(dt.date(2025, 6, 18))
    assert calendar.is_working_day(dt.date(2025, 1, 1))
    # Tuesday 17 June + 2 working days skips the declared Wednesday.
    assert calendar.add_working_days(dt.date(2025, 6, 17), 2) == dt.date(2025, 6, 20)
    assert asked == [(dt.date(2025, 1, 1), dt.date(2025, 6, 30))]  # read once for the range
    assert [d for d, _, _ in workdays.holidays_in_year(2025)].count(dt.date(2025, 1, 1)) == 0
