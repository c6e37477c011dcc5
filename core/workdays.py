"""Government working days: Monday to Friday except Thai public and government holidays.

The `holidays` package knows the Thai calendar with substitution days and cabinet bridge days it has been
told about; Labour Day there is a private-sector holiday, so it is dropped for government offices. Days the
cabinet declares later (or a listed day on which offices open) come from a table an administrator keeps up to
date each December (complaints.HolidayOverride). The kernel imports no domain app, so that app hands its
reader over at start-up (`register_override_source`); complaints and procurement both count days here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

# Holidays of the private sector only: government offices work on these days.
PRIVATE_SECTOR_ONLY = ("วันแรงงาน",)


@lru_cache(maxsize=32)
def library_holidays(year: int) -> dict[dt.date, str]:
    # Imported at first use: loading the package (and its version metadata) costs every process that starts
    # (a command-line import too) a tenth of a second, and most never count a working day.
    import holidays

    calendar = holidays.TH(categories=("public", "government"), years=year, language="th")
    result = {}
    for day, name in calendar.items():
        parts = [p for p in name.split("; ")
                 if not any(p.startswith((x, "ชดเชย" + x)) for x in PRIVATE_SECTOR_ONLY)]
        if parts:
            result[day] = "; ".join(parts)
    return result


# (start, end) -> {day: (is_day_off, name)}: the administrators' overrides between the two days inclusive.
OverrideSource = Callable[[dt.date, dt.date], dict[dt.date, tuple[bool, str]]]
_override_source: OverrideSource | None = None


def register_override_source(source: OverrideSource | None) -> None:
    """Where the overrides are read from; until one is registered the library calendar stands alone."""
    global _override_source
    _override_source = source


def overrides(start: dt.date, end: dt.date) -> dict[dt.date, tuple[bool, str]]:
    return _override_source(start, end) if _override_source is not None else {}


class WorkCalendar:
    """Working-day arithmetic over a range, with the override table read once."""

    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.end = start, end
        self._overrides = overrides(start, end)

    @classmethod
    def around(cls, day: dt.date, days_ahead: int = 120) -> WorkCalendar:
        return cls(day - dt.timedelta(days=31), day + dt.timedelta(days=days_ahead))

    def _cover(self, day: dt.date) -> None:
        if day < self.start or day > self.end:
            self.start, self.end = min(self.start, day), max(self.end, day + dt.timedelta(days=60))
            self._overrides = overrides(self.start, self.end)

    def holiday_name(self, day: dt.date) -> str:
        self._cover(day)
        if day in self._overrides:
            is_off, name = self._overrides[day]
            return name if is_off else ""
        return library_holidays(day.year).get(day, "")

    def is_working_day(self, day: dt.date) -> bool:
        self._cover(day)
        if day in self._overrides:
            return not self._overrides[day][0]
        return day.weekday() < 5 and day not in library_holidays(day.year)

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (the day of receipt itself is not counted)."""
        current = day
        remaining = count
        while remaining > 0:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def subtract_working_days(self, day: dt.date, count: int) -> dt.date:
        current = day
        remaining = count
        while remaining > 0:
            current -= dt.timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end is not after start)."""
        count, current = 0, start
        while current < end:
            current += dt.timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


def add_working_days(day: dt.date, count: int) -> dt.date:
    return WorkCalendar.around(day, days_ahead=count * 3 + 60).add_working_days(day, count)


def is_working_day(day: dt.date) -> bool:
    return WorkCalendar(day, day).is_working_day(day)


def holidays_in_year(year: int) -> list[tuple[dt.date, str, str]]:
    """(date, name, source) for the calendar page: library days, then the override table applied on top."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows: dict[dt.date, tuple[str, str]] = {d: (n, "ปฏิทินวันหยุดราชการ")
                                            for d, n in library_holidays(year).items()}
    for day, (is_off, name) in overrides(start, end).items():
        if is_off:
            rows[day] = (name, "กำหนดเพิ่ม")
        else:
            rows.pop(day, None)
    return [(d, n, s) for d, (n, s) in sorted(rows.items())]
