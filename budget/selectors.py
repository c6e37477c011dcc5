"""Reads of the budget monitoring records: the year's figures per month, the follow-up meetings, reviews,
and the figures a publication on the portal freezes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Sum, Value, When

from budget import months
from budget.models import (
    Allocation,
    BudgetLine,
    BudgetPublication,
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


# --- what the portal publishes (O18–O20) -----------------------------------------------------------------

# Months of disbursement a publication covers, and quarters it reports: the plan is published before money
# is spent (targets only); the half-year report stops at March even when published later in the year.
PUBLICATION_MONTHS = {BudgetPublication.Kind.PLAN: 0, BudgetPublication.Kind.HALF_YEAR: 6,
                      BudgetPublication.Kind.ANNUAL: 12}
CENT = Decimal("0.01")
# The order of the year: the plan, then the half-year report, then the annual one.
_KIND_ORDER = Case(*(When(kind=k, then=Value(i)) for i, k in enumerate(PUBLICATION_MONTHS)))


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def _share(part: Decimal, whole: Decimal) -> str | None:
    return _money(part * 100 / whole) if whole else None


def publication_figures(agency, fiscal_year: int, kind: str) -> dict:
    """The figures a publication of `kind` freezes, read now from the whole agency's records (JSON-safe:
    amounts and percents as strings of two decimals)."""
    covered = PUBLICATION_MONTHS[kind]
    figures = agency_year_figures(agency, fiscal_year)
    allocated = figures.allocated
    quarters = []
    for quarter in range(1, covered // 3 + 1 if covered else 5):
        target, _note, _entered = figures.targets[quarter]
        disbursed = figures.cumulative(quarter * 3) if covered else None
        quarters.append({
            "quarter": quarter,
            "months": f"{months.label(fiscal_year, quarter * 3 - 2)} – "
                      f"{months.label(fiscal_year, quarter * 3)}",
            "target_percent": _money(target), "target_amount": _money(allocated * target / 100),
            "disbursed": _money(disbursed),
            "percent": None if disbursed is None else _share(disbursed, allocated)})
    by_line = dict(Allocation.objects.filter(line__agency=agency, line__fiscal_year=fiscal_year)
                   .values("line").annotate(s=Sum("amount")).values_list("line", "s"))
    spent = dict(Disbursement.objects.filter(line__agency=agency, fiscal_year=fiscal_year, month__lte=covered)
                 .values("line").annotate(s=Sum("amount")).values_list("line", "s"))
    rows = [{"code": line.code, "name": line.name, "allocated": _money(by_line.get(line.pk, Decimal(0))),
             "disbursed": _money(spent.get(line.pk, Decimal(0))) if covered else None}
            for line in lines(agency, fiscal_year)]
    notes = {note for _p, note, _e in figures.targets.values() if note}
    total = figures.cumulative(covered) if covered else None
    return {
        "fiscal_year": fiscal_year, "months": covered,
        "as_of": months.month_end(fiscal_year, covered).isoformat() if covered else None,
        "allocated": _money(allocated), "disbursed": _money(total),
        "percent": None if total is None else _share(total, allocated),
        "quarters": quarters, "lines": rows, "target_note": " · ".join(sorted(notes)),
    }


def publications(agency, fiscal_year: int | None = None):
    """Every publication of the agency, withdrawn ones included (the staff page's history)."""
    qs = (BudgetPublication.objects.filter(agency=agency).select_related("published_by", "withdrawn_by")
          .order_by("-fiscal_year", _KIND_ORDER, "-published_at", "-id"))
    return qs if fiscal_year is None else qs.filter(fiscal_year=fiscal_year)


def publication_kinds() -> dict[str, str]:
    """Each kind of publication and its Thai name, in the order of the year."""
    return {kind.value: kind.label for kind in PUBLICATION_MONTHS}


def publications_public(agency, *, kind: str | None = None):
    """What the portal shows: the agency's publications that are not withdrawn (of one kind, if given),
    newest year first."""
    qs = BudgetPublication.objects.filter(agency=agency, withdrawn_at__isnull=True)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs.order_by("-fiscal_year", _KIND_ORDER)


# The fiscal years whose publication is evidence in the ITA of a year (as years before it): the assessed
# year's plan (O18) and half-year report (O19); the annual report (O20) of the year just ended, as the
# assessment runs before the assessed year closes, or of the assessed year itself once it is out.
ITA_YEARS_BEFORE = {BudgetPublication.Kind.PLAN: (0,), BudgetPublication.Kind.HALF_YEAR: (0,),
                    BudgetPublication.Kind.ANNUAL: (1, 0)}


def ita_years(kind: str, fiscal_year: int) -> list[int]:
    return [fiscal_year - before for before in ITA_YEARS_BEFORE[kind]]


def ita_evidence(agency, kind: str, fiscal_year: int):
    """The agency's live publications of `kind` that the ITA of `fiscal_year` accepts as its evidence."""
    return publications_public(agency, kind=kind).filter(fiscal_year__in=ita_years(kind, fiscal_year))
