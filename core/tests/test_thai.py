from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe

from core import thai

JAN_31_2017 = date(2017, 1, 31)


# --- digits and month names -----------------------------------------------------------------------


def test_digit_conversion_round_trips_and_leaves_other_text_alone():
    assert thai.to_thai_digits("ที่ กษ 1101/128") == "ที่ กษ ๑๑๐๑/๑๒๘"
    assert thai.to_arabic_digits("๓๑/๐๑/๒๕๖๘") == "31/01/2568"
    assert thai.to_arabic_digits(thai.to_thai_digits("0123456789")) == "0123456789"
    assert thai.to_thai_digits(2560) == "๒๕๖๐"
    assert thai.to_thai_digits(None) == ""


def test_month_names():
    from pythainlp.util import thai_strftime

    for month in range(1, 13):
        assert thai_strftime(datetime(2017, month, 1), "%B") == thai.THAI_MONTHS[month - 1]
        assert thai_strftime(datetime(2017, month, 1), "%b") == thai.THAI_MONTHS_ABBR[month - 1]
    assert thai.month_name(1) == "มกราคม"
    assert thai.month_name(2, abbr=True) == "ก.พ."
    assert thai.month_name(12) == "ธันวาคม"
    with pytest.raises(ValueError):
        thai.month_name(13)


# --- formatting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("full", "31 มกราคม 2560"),
        ("abbr", "31 ม.ค. 2560"),
        ("abbr_short", "31 ม.ค. 60"),
        ("numeric", "31/01/2560"),
    ],
)
def test_format_be_styles(style, expected):
    assert thai.format_be(JAN_31_2017, style) == expected


def test_format_be_thai_digits_and_padding():
    assert thai.format_be(JAN_31_2017, thai_digits=True) == "๓๑ มกราคม ๒๕๖๐"
    assert thai.format_be(date(2007, 3, 5), "numeric") == "05/03/2550"
    assert thai.format_be(date(2000, 3, 5), "abbr_short") == "5 มี.ค. 43"


def test_formats_agree_with_pythainlp():
    from pythainlp.util import thai_strftime

    for day in (date(2016, 10, 1), date(2024, 2, 29), date(2000, 3, 5), date(1999, 12, 31)):
        moment = datetime(day.year, day.month, day.day)
        assert thai.format_be(day) == thai_strftime(moment, "%-d %B %Y")
        assert thai.format_be(day, "abbr_short") == thai_strftime(moment, "%-d %b %y")
        assert thai.format_be(day, thai_digits=True) == thai_strftime(moment, "%-d %B %Y", thaidigit=True)


def test_format_be_rejects_unknown_style():
    with pytest.raises(ValueError):
        thai.format_be(JAN_31_2017, "long")


def test_aware_datetime_is_formatted_as_the_bangkok_date():
    # 20:00 UTC on 30 Sep is already 1 Oct in Bangkok (UTC+7): a new fiscal year.
    late_utc = datetime(2016, 9, 30, 20, 0, tzinfo=UTC)
    assert thai.format_be(late_utc) == "1 ตุลาคม 2559"
    assert thai.fiscal_year(late_utc) == 2560
    naive = datetime(2016, 9, 30, 20, 0)
    assert thai.format_be(naive) == "30 กันยายน 2559"


def test_format_be_datetime():
    assert thai.format_be_datetime(datetime(2017, 1, 31, 7, 5, tzinfo=UTC)) == "31 ม.ค. 2560 14:05 น."
    assert thai.format_be_datetime(datetime(2017, 1, 31, 14, 5)) == "31 ม.ค. 2560 14:05 น."
    tokyo = timezone(timedelta(hours=9))
    assert thai.format_be_datetime(datetime(2017, 2, 1, 1, 0, tzinfo=tokyo), thai_digits=True) == (
        "๓๑ ม.ค. ๒๕๖๐ ๒๓:๐๐ น."
    )


# --- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "31/01/2568",
        "๓๑/๐๑/๒๕๖๘",
        "31-01-2568",
        "31.01.2568",
        "31 ม.ค. 2568",
        "31 มกราคม 2568",
        "31 ม.ค. 68",
        "31/1/68",
        "31 มค 2568",
        "31 มกรา 2568",
        "31 มกราคม พ.ศ. 2568",
        "วันที่ ๓๑ มกราคม ๒๕๖๘",
        "  31/01/2568 ",
        "2025-01-31",
        "2568-01-31",
    ],
)
def test_parse_be_date_accepted_forms(text):
    assert thai.parse_be_date(text) == date(2025, 1, 31)


def test_parse_converts_year_before_building_the_date():
    # 2567 is 2024, a leap year; 2567 itself is not divisible by 4.
    assert thai.parse_be_date("29 ก.พ. 2567") == date(2024, 2, 29)
    assert thai.parse_be_date("29/02/2567") == date(2024, 2, 29)
    assert thai.parse_be_date("29/02/67") == date(2024, 2, 29)


def test_parse_round_trips_every_format():
    for day in (date(2016, 10, 1), date(2017, 9, 30), date(2024, 2, 29), date(2025, 12, 31)):
        for style in thai.DATE_STYLES:
            for digits in (False, True):
                assert thai.parse_be_date(thai.format_be(day, style, thai_digits=digits)) == day


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "กรุณากรอกวันที่"),
        ("   ", "กรุณากรอกวันที่"),
        ("29/02/2568", "ไม่มีวันที่ 29 ในเดือนกุมภาพันธ์ พ.ศ. 2568"),
        ("31/04/2568", "ไม่มีวันที่ 31 ในเดือนเมษายน"),
        ("2025-02-30", "ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ พ.ศ. 2568"),
        ("31/13/2568", "เดือนต้องอยู่ระหว่าง 1 ถึง 12"),
        ("31/01/2025", "ไม่ใช่ปีพุทธศักราช"),
        ("31/01/2399", "ไม่ใช่ปีพุทธศักราช"),
        ("31/01/2701", "ไม่ใช่ปีพุทธศักราช"),
        ("31 Jan 2568", "ไม่รู้จักชื่อเดือน"),
        ("31 ม.ก. 2568", "ไม่รู้จักชื่อเดือน"),
        ("1000-01-01", "อยู่นอกช่วงที่รับได้"),
        ("31/01/568", "รูปแบบวันที่ไม่ถูกต้อง"),
        ("31/01-2568", "รูปแบบวันที่ไม่ถูกต้อง"),
        ("พรุ่งนี้", "รูปแบบวันที่ไม่ถูกต้อง"),
    ],
)
def test_parse_rejects_with_a_thai_message(text, fragment):
    with pytest.raises(ValueError) as excinfo:
        thai.parse_be_date(text)
    assert fragment in str(excinfo.value)


def test_year_range_limits_are_inclusive():
    assert thai.parse_be_date("01/01/2400") == date(1857, 1, 1)
    assert thai.parse_be_date("31/12/2700") == date(2157, 12, 31)


# --- fiscal year ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "fy", "half", "quarter"),
    [
        (date(2016, 9, 30), 2559, 2, 4),
        (date(2016, 10, 1), 2560, 1, 1),
        (date(2016, 12, 31), 2560, 1, 1),
        (date(2017, 1, 1), 2560, 1, 2),
        (date(2017, 3, 31), 2560, 1, 2),
        (date(2017, 4, 1), 2560, 2, 3),
        (date(2017, 6, 30), 2560, 2, 3),
        (date(2017, 7, 1), 2560, 2, 4),
        (date(2017, 9, 30), 2560, 2, 4),
        (date(2017, 10, 1), 2561, 1, 1),
    ],
)
def test_fiscal_year_half_and_quarter(day, fy, half, quarter):
    assert thai.fiscal_year(day) == fy
    assert thai.fiscal_half(day) == half
    assert thai.fiscal_quarter(day) == quarter


def test_fiscal_year_bounds_cover_the_year_exactly():
    start, end = thai.fiscal_year_bounds(2560)
    assert (start, end) == (date(2016, 10, 1), date(2017, 9, 30))
    assert thai.fiscal_year(start) == thai.fiscal_year(end) == 2560
    assert thai.fiscal_year(start - timedelta(days=1)) == 2559
    assert thai.fiscal_year(end + timedelta(days=1)) == 2561
    leap_start, leap_end = thai.fiscal_year_bounds(2567)
    assert (leap_end - leap_start).days + 1 == 366


def test_fiscal_year_label():
    assert thai.fiscal_year_label(2560) == "ปีงบประมาณ พ.ศ. 2560"
    assert thai.fiscal_year_label(2560, thai_digits=True) == "ปีงบประมาณ พ.ศ. ๒๕๖๐"


# --- template filters -----------------------------------------------------------------------------


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_date_filters_render_be_dates():
    context = {"d": JAN_31_2017}
    assert render("{{ d|be_date }}", **context) == "31 มกราคม 2560"
    assert render("{{ d|be_date_abbr }}", **context) == "31 ม.ค. 2560"
    assert render("{{ d|be_date_short }}", **context) == "31 ม.ค. 60"
    assert render("{{ d|be_date_numeric }}", **context) == "31/01/2560"
    assert render('{{ d|be_date:"thai" }}', **context) == "๓๑ มกราคม ๒๕๖๐"
    assert render("{{ d|be_date }}", d="2017-01-31") == "31 มกราคม 2560"


def test_be_datetime_filter_uses_bangkok_time():
    moment = datetime(2017, 1, 31, 17, 30, tzinfo=UTC)
    assert render("{{ t|be_datetime }}", t=moment) == "1 ก.พ. 2560 00:30 น."
    assert render("{{ t|be_datetime }}", t=JAN_31_2017) == "31 ม.ค. 2560"


def test_thai_digits_filter_keeps_escaping_rules():
    assert render("{{ n|thai_digits }}", n=1250000) == "๑๒๕๐๐๐๐"
    assert render("{{ s|thai_digits }}", s="<b>12</b>") == "&lt;b&gt;๑๒&lt;/b&gt;"
    assert render("{{ s|thai_digits }}", s=mark_safe("<b>12</b>")) == "<b>๑๒</b>"


def test_fiscal_year_filters():
    assert render("{{ fy|fiscal_year_label }}", fy=2560) == "ปีงบประมาณ พ.ศ. 2560"
    assert render("{{ fy|fiscal_year_label }}", fy="๒๕๖๐") == "ปีงบประมาณ พ.ศ. 2560"
    assert render('{{ d|fiscal_year_label:"thai" }}', d=date(2016, 10, 1)) == "ปีงบประมาณ พ.ศ. ๒๕๖๐"
    assert render("{{ d|fiscal_year }}", d=date(2016, 9, 30)) == "2559"


@pytest.mark.parametrize(
    "name",
    [
        "be_date",
        "be_date_abbr",
        "be_date_short",
        "be_date_numeric",
        "be_datetime",
        "thai_digits",
        "fiscal_year",
        "fiscal_year_label",
    ],
)
@pytest.mark.parametrize("value", [None, ""])
def test_filters_are_empty_for_missing_values(name, value):
    assert render(f"{{{{ v|{name} }}}}", v=value) == ""
    assert render(f'{{{{ v|{name}|default:"—" }}}}', v=value) == "—"


def test_date_filters_ignore_values_that_are_not_dates():
    assert render("{{ v|be_date }}", v="not a date") == ""
    assert render("{{ v|fiscal_year_label }}", v="abc") == ""
