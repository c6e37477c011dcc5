"""Plan 1.4.3: the complaints reports actually sent — monthly to the Director-General, quarterly to the
executive committee. The value counts the months (quarters) of the fiscal year covered by a report recorded
as sent by the round's date, not the files downloaded; the missing periods are named."""

from __future__ import annotations

import datetime

from django.urls import reverse

from complaints.selectors import issued_reports
from core.thai import fiscal_year_bounds, format_be, month_name
from reports.computed import Computation, Inputs, _now, computation


def _periods(fiscal_year: int, months: int) -> list[tuple[datetime.date, datetime.date]]:
    """The fiscal year's periods of `months` months: (first day, last day)."""
    start, _ = fiscal_year_bounds(fiscal_year)
    out = []
    for i in range(0, 12, months):
        first = datetime.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        after = datetime.date(first.year + (first.month - 1 + months) // 12,
                              (first.month - 1 + months) % 12 + 1, 1)
        out.append((first, after - datetime.timedelta(days=1)))
    return out


def _label(kind: str, index: int, first: datetime.date) -> str:
    if kind == "monthly":
        return f"{month_name(first.month)} {first.year + 543}"
    return f"ไตรมาสที่ {index + 1}"


def _issued(inputs: Inputs, kind: str, months: int, what: str, recipient: str) -> Computation:
    fy, as_of = inputs.fiscal_year, inputs.date
    issues = [i for i in issued_reports(inputs.agency, fy, kind) if i.issued_on <= as_of]
    by_start = {i.period_start: i for i in issues}
    periods = _periods(fy, months)
    covered = [(n, p) for n, p in enumerate(periods) if p[0] in by_start]
    ended = [(n, p) for n, p in enumerate(periods) if p[1] <= as_of]
    missing = [_label(kind, n, p[0]) for n, p in ended if p[0] not in by_start]
    records = []
    for _, (first, _) in covered:
        issue = by_start[first]
        text = (f"{issue} เสนอ{issue.recipient} เมื่อ {format_be(issue.issued_on)}"
                + (f" ที่ {issue.reference}" if issue.reference else ""))
        stored = issue.files.all()[:1]
        url = (reverse("complaints:report_issue_file", args=[stored[0].pk]) if stored
               else reverse("complaints:reports"))
        records.append((text, url))
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} บันทึกการเสนอ{what}ต่อ{recipient}แล้ว {len(covered)} {unit_word(kind)} "
                f"จาก {len(ended)} {unit_word(kind)}ที่สิ้นสุดแล้ว ณ {format_be(as_of)}")
    if missing:
        sentence += f" ยังไม่ได้เสนอ: {', '.join(missing)}"
    last = max((by_start[p[0]].issued_on for _, p in covered), default=None)
    return Computation(len(covered), records, sentence, _now(), last)


def unit_word(kind: str) -> str:
    return "เดือน" if kind == "monthly" else "ไตรมาส"


@computation("complaint_monthly_reports")
def complaint_monthly_reports(inputs: Inputs) -> Computation:
    """Plan 1.4.3 ๑: months of the fiscal year whose progress report was sent to the Director-General."""
    return _issued(inputs, "monthly", 1, "รายงานความก้าวหน้าการจัดการเรื่องร้องเรียน", "อธิบดี")


@computation("complaint_quarterly_reports")
def complaint_quarterly_reports(inputs: Inputs) -> Computation:
    """Plan 1.4.3 ๒: quarters of the fiscal year whose summary was sent to the executive committee."""
    return _issued(inputs, "quarterly", 3, "สรุปผลการจัดการเรื่องร้องเรียน", "คณะกรรมการบริหารกรม")
