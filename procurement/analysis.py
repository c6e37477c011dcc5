"""Last fiscal year's procurement in figures (the plan's item ๑): by method, savings, completion.

"Done" means the procurement itself was concluded (a winner announced, a contract signed, or the work
delivered). Savings are counted on done projects only, in baht; projects in other currencies are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from procurement.methods import Method
from procurement.models import Project

S = Project.Status
DONE = {S.AWARDED, S.CONTRACTED, S.COMPLETED}
STOPPED = {S.CANCELLED, S.UNSUCCESSFUL}
ZERO = Decimal("0")


def _pct(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


@dataclass
class MethodRow:
    method: str
    label: str
    count: int = 0
    done: int = 0
    budget: Decimal = ZERO
    done_budget: Decimal = ZERO
    reference: Decimal = ZERO  # of done projects that have a reference price
    reference_award: Decimal = ZERO  # award amounts of those same projects
    award: Decimal = ZERO
    count_share: Decimal | None = None
    budget_share: Decimal | None = None

    @property
    def saving_budget(self) -> Decimal:
        return self.done_budget - self.award

    @property
    def saving_budget_pct(self) -> Decimal | None:
        return _pct(self.saving_budget, self.done_budget)

    @property
    def saving_reference(self) -> Decimal:
        return self.reference - self.reference_award

    @property
    def saving_reference_pct(self) -> Decimal | None:
        return _pct(self.saving_reference, self.reference)

    @property
    def completion_pct(self) -> Decimal | None:
        return _pct(self.done, self.count)


@dataclass
class YearFigures:
    fiscal_year: int
    rows: list[MethodRow] = field(default_factory=list)
    total: MethodRow = field(default_factory=lambda: MethodRow("", "รวม"))
    in_progress: int = 0
    stopped: int = 0
    other_currency: int = 0

    @property
    def empty(self) -> bool:
        return self.total.count == 0


def year_figures(projects: QuerySet[Project], fiscal_year: int) -> YearFigures:
    figures = YearFigures(fiscal_year)
    rows: dict[str, MethodRow] = {}
    for p in projects.filter(fiscal_year=fiscal_year).select_related(None).only(
            "method", "method_details", "ocds_method", "status", "budget", "reference_price", "award_amount",
            "currency"):
        if p.currency != "THB":
            figures.other_currency += 1
            continue
        key = p.method or "unknown"
        row = rows.get(key)
        if row is None:
            label = Method(p.method).label if p.method else "ไม่ระบุวิธี"
            row = rows[key] = MethodRow(key, label)
        for target in (row, figures.total):
            target.count += 1
            target.budget += p.budget or ZERO
            if p.status in DONE:
                target.done += 1
                target.done_budget += p.budget or ZERO
                target.award += p.award_amount or ZERO
                if p.reference_price is not None and p.award_amount is not None:
                    target.reference += p.reference_price
                    target.reference_award += p.award_amount
        if p.status in STOPPED:
            figures.stopped += 1
        elif p.status not in DONE:
            figures.in_progress += 1
    order = {m: i for i, m in enumerate(Method.values)}
    figures.rows = sorted(rows.values(), key=lambda r: order.get(r.method, 99))
    total = figures.total
    for row in [*figures.rows, total]:
        row.count_share = _pct(row.done, total.done)
        row.budget_share = _pct(row.done_budget, total.done_budget)
    return figures
