from datetime import date, datetime

import pytest
from django import forms

from core.fields import BEDateField, BEDateInput


class EventForm(forms.Form):
    held_on = BEDateField(label="วันที่จัดกิจกรรม")
    reported_on = BEDateField(label="วันที่รายงาน", required=False)


@pytest.mark.parametrize(
    "typed",
    ["31/01/2568", "๓๑/๐๑/๒๕๖๘", "31 ม.ค. 68", "31 มกราคม 2568", "2025-01-31"],
)
def test_valid_input_cleans_to_a_date(typed):
    form = EventForm(data={"held_on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == date(2025, 1, 31)
    assert form.cleaned_data["reported_on"] is None


def test_leap_day_in_be_year():
    form = EventForm(data={"held_on": "29/02/2567"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == date(2024, 2, 29)


def test_invalid_input_shows_a_thai_error_and_keeps_the_typed_text():
    form = EventForm(data={"held_on": "30/02/2568"})
    assert not form.is_valid()
    assert form.errors["held_on"] == ["ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ พ.ศ. 2568 กรุณาตรวจสอบวันที่อีกครั้ง"]
    html = str(form["held_on"])
    assert 'value="30/02/2568"' in html


def test_christian_era_year_is_rejected_in_thai():
    form = EventForm(data={"held_on": "31/01/2025"})
    assert not form.is_valid()
    assert "ไม่ใช่ปีพุทธศักราช" in form.errors["held_on"][0]
    assert 'value="31/01/2025"' in str(form["held_on"])


def test_garbage_gets_the_format_hint():
    form = EventForm(data={"held_on": "เมื่อวาน"})
    assert not form.is_valid()
    assert "วว/ดด/ปปปป" in form.errors["held_on"][0]


def test_missing_required_date_is_reported_in_thai():
    form = EventForm(data={"held_on": "  "})
    assert not form.is_valid()
    assert form.errors["held_on"] == ["กรุณากรอกวันที่"]


def test_initial_date_renders_in_be_numeric_with_input_hints():
    form = EventForm(initial={"held_on": date(2017, 1, 31)})
    html = str(form["held_on"])
    assert 'value="31/01/2560"' in html
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="วว/ดด/ปปปป"' in html
    assert 'autocomplete="off"' in html


def test_widget_formats_datetimes_and_keeps_strings():
    widget = BEDateInput()
    assert widget.format_value(datetime(2016, 10, 1, 9, 0)) == "01/10/2559"
    assert widget.format_value("1 ต.ค. 59") == "1 ต.ค. 59"
    assert widget.format_value(None) is None


def test_widget_attrs_can_be_overridden():
    widget = BEDateInput(attrs={"placeholder": "เช่น 31/01/2568", "class": "date"})
    assert widget.attrs["placeholder"] == "เช่น 31/01/2568"
    assert widget.attrs["inputmode"] == "numeric"
    assert widget.attrs["class"] == "date"


def test_unchanged_initial_is_not_reported_as_changed():
    form = EventForm(data={"held_on": "31/01/2560"}, initial={"held_on": date(2017, 1, 31)})
    assert form.is_valid()
    assert "held_on" not in form.changed_data
    changed = EventForm(data={"held_on": "01/02/2560"}, initial={"held_on": date(2017, 1, 31)})
    assert "held_on" in changed.changed_data
