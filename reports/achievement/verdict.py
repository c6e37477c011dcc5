"""The verdict on an indicator: its statuses and their Thai labels, the round it is judged in, and
numbers as the explanations write them."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

MET, NOT_MET, NOT_YET_DUE, NO_DATA = "met", "not_met", "not_yet_due", "no_data"
# A target without a number cannot be met or missed; a plan that names no unit cannot be judged (the plan
# administrator must fix it); an indicator bound to another year, or a department figure in one unit's
# report, is shown without a verdict.
NO_TARGET, PLAN_ERROR, NOT_JUDGED = "no_target", "plan_error", "not_judged"
LABELS = {MET: "บรรลุ", NOT_MET: "ไม่บรรลุ", NOT_YET_DUE: "ยังไม่ถึงกำหนด", NO_DATA: "ไม่มีข้อมูล",
          NO_TARGET: "ไม่ได้กำหนดค่าเป้าหมาย", PLAN_ERROR: "แผนยังไม่ระบุหน่วยงาน", NOT_JUDGED: "ไม่ประเมิน"}
ORDER = (MET, NOT_MET, NOT_YET_DUE, NO_DATA, NO_TARGET, PLAN_ERROR, NOT_JUDGED)
# Statuses left out of the share of indicators met: nothing to meet.
UNJUDGED = (NO_TARGET, NOT_JUDGED)


@dataclass(frozen=True)
class Context:
    fiscal_year: int
    as_of: datetime.date
    final: bool  # the annual round: shortfalls are final, not "not yet due"


@dataclass
class Achievement:
    status: str
    explanation: str
    measured: Decimal | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return LABELS[self.status]


def num(value) -> str:
    if value is None:
        return "-"
    value = Decimal(str(value))
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != value.to_integral() else f"{int(value):,}"
    return text


def summarise(statuses: Iterable[str]) -> dict[str, int]:
    counts = Counter(statuses)
    return {s: counts.get(s, 0) for s in ORDER}
