import datetime as dt

import pytest

from complaints.models import HolidayOverride, ServiceStandard
from complaints.services.intake import deadlines
from core.workdays import WorkCalendar, add_working_days, holidays_in_year, is_working_day

pytestmark = pytest.mark.django_db


def test_weekends_and_songkran_are_not_working_days():
    assert not is_working_day(dt.date(2025, 4, 12))  # Saturday
    assert not is_working_day(dt.date(2025, 4, 14))  # Songkran
    assert not is_working_day(dt.date(2025, 4, 16))  # substitution day
    assert is_working_day(dt.date(2025, 4, 17))


def test_labour_day_is_a_working_day_for_government():
    assert is_working_day(dt.date(2025, 5, 1))
    assert dt.date(2025, 5, 1) not in [d for d, _, _ in holidays_in_year(2025)]


def test_adding_working_days_skips_the_songkran_week():
    # Friday 11 April 2025: the 12th-16th are weekend and Songkran, so three working days end on the 21st.
    assert add_working_days(dt.date(2025, 4, 11), 3) == dt.date(2025, 4, 21)


def test_override_table_adds_and_removes_days_off():
    HolidayOverride.objects.create(date=dt.date(2025, 4, 17), name="วันหยุดพิเศษตามมติคณะรัฐมนตรี")
    HolidayOverride.objects.create(date=dt.date(2025, 4, 16), name="เปิดทำการ", is_day_off=False)
    calendar = WorkCalendar.around(dt.date(2025, 4, 11))
    assert not calendar.is_working_day(dt.date(2025, 4, 17))
    assert calendar.is_working_day(dt.date(2025, 4, 16))
    assert calendar.holiday_name(dt.date(2025, 4, 17)) == "วันหยุดพิเศษตามมติคณะรัฐมนตรี"
    names = {d: n for d, n, _ in holidays_in_year(2025)}
    assert dt.date(2025, 4, 17) in names and dt.date(2025, 4, 16) not in names


def test_working_days_between_counts_after_the_start():
    calendar = WorkCalendar.around(dt.date(2025, 4, 11))
    assert calendar.working_days_between(dt.date(2025, 4, 11), dt.date(2025, 4, 21)) == 3
    assert calendar.working_days_between(dt.date(2025, 4, 21), dt.date(2025, 4, 11)) == 0


def test_calendar_day_limit_ending_on_a_day_off_moves_to_the_next_working_day(agency):
    standard = ServiceStandard(agency=agency, channel="service", receiving_unit=agency, acknowledge_days=3,
                               answer_days=15, answer_day_kind="calendar", effective_from=dt.date(2017, 1, 1))
    acknowledge, answer = deadlines(standard, dt.date(2025, 4, 11))
    assert acknowledge == dt.date(2025, 4, 21)
    assert answer == dt.date(2025, 4, 28)  # the 26th is a Saturday
    standard.answer_day_kind = "working"
    assert deadlines(standard, dt.date(2025, 4, 11))[1] == add_working_days(dt.date(2025, 4, 11), 15)
