"""Is an invitation published early enough? The minimum periods are rows of `LeadTimeRule`, not code.

Days are counted strictly between the publication day and the last day for submissions (neither end counts),
which is the reading that never overstates the period a bidder actually had.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from core.workdays import WorkCalendar
from procurement.models import LeadTimeRule, Project


def is_working_day(day: datetime.date) -> bool:
    """Government working day, from the same calendar (library holidays + administrator overrides) as the
    complaint service standards."""
    return WorkCalendar(day, day).is_working_day(day)


def days_between(start: datetime.date, end: datetime.date, *, working: bool) -> int:
    """Days strictly after `start` and strictly before `end` (working days only when asked)."""
    calendar = WorkCalendar(start, end) if working else None
    count = 0
    day = start + datetime.timedelta(days=1)
    while day < end:
        if calendar is None or calendar.is_working_day(day):
            count += 1
        day += datetime.timedelta(days=1)
    return count


@dataclass(frozen=True)
class LeadTimeCheck:
    rule: LeadTimeRule | None
    days: int | None
    ok: bool | None  # None: no rule applies or dates are missing

    @property
    def required(self) -> int | None:
        return self.rule.min_days if self.rule else None

    @property
    def day_label(self) -> str:
        return self.rule.get_day_kind_display() if self.rule else "วัน"

    @property
    def message(self) -> str:
        if self.rule is None:
            return "ไม่มีเกณฑ์ระยะเวลาประกาศขั้นต่ำสำหรับวิธีและวงเงินนี้ในวันที่ประกาศ"
        if self.days is None:
            return "ยังไม่มีวันที่ประกาศหรือวันสุดท้ายของการยื่นข้อเสนอ"
        verdict = "เป็นไปตามเกณฑ์" if self.ok else "สั้นกว่าที่กฎหมายกำหนด"
        return (f"ประกาศล่วงหน้า {self.days} {self.day_label} (เกณฑ์ขั้นต่ำ {self.rule.min_days} {self.day_label}) "
                f"{verdict}")


def applicable_rule(*, method: str, amount: Decimal | None, on: datetime.date) -> LeadTimeRule | None:
    rules = LeadTimeRule.objects.filter(method=method, effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on))
    if amount is not None:
        rules = rules.filter(Q(min_amount__isnull=True) | Q(min_amount__lt=amount)).filter(
            Q(max_amount__isnull=True) | Q(max_amount__gte=amount))
    else:
        rules = rules.filter(min_amount__isnull=True, max_amount__isnull=True)
    # With overlapping rows the newest one wins: a later row records a change in the law.
    return rules.order_by("-effective_from", "-id").first()


def check_project(project: Project) -> LeadTimeCheck:
    if not project.method or project.announced_on is None:
        return LeadTimeCheck(rule=None, days=None, ok=None)
    amount = project.budget if project.budget is not None else project.reference_price
    rule = applicable_rule(method=project.method, amount=amount, on=project.announced_on)
    if rule is None:
        return LeadTimeCheck(rule=None, days=None, ok=None)
    if project.submission_deadline is None:
        return LeadTimeCheck(rule=rule, days=None, ok=None)
    days = days_between(project.announced_on, project.submission_deadline,
                        working=rule.day_kind == LeadTimeRule.DayKind.WORKING)
    return LeadTimeCheck(rule=rule, days=days, ok=days >= rule.min_days)
