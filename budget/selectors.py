"""Reads of the budget monitoring records: the year's figures per month, the follow-up meetings, reviews."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from budget import months
from budget.models import (
    Allocation,
    BudgetLine,
    Disbursement,
    FollowUpMeeting,
    MonitoringReview,
    QuarterTarget,
)

# Settable defaults, offered when finance has not entered the year's targets: the cumulative shares the
# government's budget-execution measures have asked of departments (Q1 30 %, Q2 52 %, Q3 77 %, Q4 100 %).
# Finance replaces them with each year's cabinet figures on the targets page.
DEFAULT_TARGETS = {1: Decimal("30"), 2: Decimal("52"), 3: Decimal("77"), 4: Decimal("100")}
DEFAULT_NOTE = "ค่าเริ่มต้นของระบบ (แก้ไขได้ตามมติคณะรัฐมนตรีของแต่ละปี)"


def lines(agency, fiscal_year: int):
    return BudgetLine.objects.filter(agency=agency, fiscal_year=fiscal_year)


def targets(agency, fiscal_year: int) -> dict[int, tuple[Decimal, str, bool]]:
    """quarter -> (cumulative percent, where it comes from, whether finance entered it)."""
    found = {t.quarter: (t.cumulative_percent, t.source_note, True)
             for t in QuarterTarget.objects.filter(agency=agency, fiscal_year=fiscal_year)}
    return {q: found.get(q, (DEFAULT_TARGETS[q], DEFAULT_NOTE, False)) for q in range(1, 5)}


def meetings(agency, fiscal_year: int):
    return FollowUpMeeting.objects.filter(agency=agency, fiscal_year=fiscal_year).prefetch_related("files")


def reviews(agency, fiscal_year: int):
    return MonitoringReview.objects.filter(agency=agency, fiscal_year=fiscal_year).prefetch_related("files")


def disbursements(fiscal_year: int, units_qs=None, agency=None):
    qs = Disbursement.objects.filter(fiscal_year=fiscal_year).select_related("unit", "line")
    if agency is not None:
        qs = qs.filter(line__agency=agency)
    if units_qs is not None:
        qs = qs.filter(pk__in=units_qs.values("pk"))
    return qs


@dataclass
class YearFigures:
    fiscal_year: int
    allocated: Decimal
    monthly: dict[int, Decimal] = field(default_factory=dict)  # fiscal month -> disbursed in that month
    targets: dict[int, tuple[Decimal, str, bool]] = field(default_factory=dict)

    def cumulative(self, month: int) -> Decimal:
        return sum((self.monthly.get(m, Decimal(0)) for m in range(1, month + 1)), Decimal(0))

    def percent(self, month: int) -> Decimal | None:
        if not self.allocated:
            return None
        return self.cumulative(month) * 100 / self.allocated

    def planned_percent(self, month: int) -> Decimal:
        """The target line per month: straight between the quarter-end targets, from 0 at the year's start."""
        quarter, into = divmod(month, 3)
        before = self.targets[quarter][0] if quarter else Decimal(0)
        if not into:
            return before
        after = self.targets[quarter + 1][0]
        return before + (after - before) * into / 3


def year_figures(agency, fiscal_year: int, disbursement_qs, allocation_qs) -> YearFigures:
    """The year's allocation and month-by-month disbursement over the rows given (already scoped)."""
    allocated = allocation_qs.filter(line__agency=agency, line__fiscal_year=fiscal_year).aggregate(
        s=Sum("amount"))["s"] or Decimal(0)
    monthly = defaultdict(Decimal)
    for month, amount in disbursement_qs.filter(fiscal_year=fiscal_year, line__agency=agency).values(
            "month").annotate(s=Sum("amount")).values_list("month", "s"):
        monthly[month] = amount
    return YearFigures(fiscal_year, allocated, dict(monthly), targets(agency, fiscal_year))


def agency_year_figures(agency, fiscal_year: int) -> YearFigures:
    """The whole agency's figures (for the indicator: department-wide)."""
    return year_figures(agency, fiscal_year, Disbursement.objects.all(), Allocation.objects.all())


def imported_months(agency, fiscal_year: int) -> list[int]:
    return sorted(set(Disbursement.objects.filter(fiscal_year=fiscal_year, line__agency=agency)
                      .values_list("month", flat=True)))


def month_label(fiscal_year: int, month: int) -> str:
    return months.label(fiscal_year, month)
