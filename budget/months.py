"""Fiscal-year months: 1 = ตุลาคม (of the previous calendar year) … 12 = กันยายน."""

from __future__ import annotations

import calendar
import datetime

from core.thai import THAI_MONTHS, THAI_MONTHS_ABBR, ce_year, month_name


def calendar_month(fy_month: int) -> int:
    return (fy_month + 8) % 12 + 1


def fy_month(cal_month: int) -> int:
    return (cal_month - 10) % 12 + 1


def month_end(fiscal_year: int, month: int) -> datetime.date:
    """The last day of fiscal month `month` of B.E. fiscal year `fiscal_year`."""
    cal = calendar_month(month)
    year = ce_year(fiscal_year) - (1 if cal >= 10 else 0)
    return datetime.date(year, cal, calendar.monthrange(year, cal)[1])


def label(fiscal_year: int, month: int, *, abbr: bool = True) -> str:
    cal = calendar_month(month)
    be = fiscal_year - (1 if cal >= 10 else 0)
    return f"{month_name(cal, abbr=abbr)} {be}"


def parse(text) -> int | None:
    """A month as finance writes it: a Thai month name or abbreviation ("ต.ค.", "ตุลาคม", "ต.ค. 2559") or a
    calendar month number (10 = ตุลาคม). Returns the fiscal month, or None if it is not a month."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        number = int(text)
        return fy_month(number) if number == text and 1 <= number <= 12 else None
    if isinstance(text, (datetime.date, datetime.datetime)):
        return fy_month(text.month)
    words = str(text).strip().replace("\u200b", "")
    if not words:
        return None
    head = words.split()[0]
    if head.isdigit():
        number = int(head)
        return fy_month(number) if 1 <= number <= 12 else None
    for number, (full, short) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_ABBR, strict=True), start=1):
        if head in (full, short, short.replace(".", "")):
            return fy_month(number)
    return None


def elapsed(fiscal_year: int, today: datetime.date) -> int:
    """Fiscal months of `fiscal_year` that have ended by `today` (a month's last day completes it)."""
    return sum(1 for m in range(1, 13) if month_end(fiscal_year, m) <= today)
