"""Indicator values read from the system's own records instead of typed in a report.

The plan file declares an indicator's source (`source: {computed: NAME}`, see plans/data/README.md); the name
is looked up here. Each computation is one small function registered under its name: it reads the owning
app's selectors only (never another app's models), and returns the value, the records it counted (each with
a link, so the figure can be checked) and a sentence in Thai saying how it was computed — including which
part of the indicator the records cannot show and therefore stays with the report.

The registry lives in reports because it sits above plans, procurement and complaints in the layering
(.importlinter): plans owns the definitions and must not import the apps whose records are read.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from complaints.selectors import review_records
from core.thai import format_be
from plans.models import Indicator, Plan
from procurement.selectors import year_awarded_projects, year_plans, year_reviews


@dataclass(frozen=True)
class Computation:
    value: bool | int | Decimal | None
    records: list[tuple[str, str]]  # (label, URL) of each record counted
    explanation: str
    as_of: datetime.datetime
    event_date: datetime.date | None = None  # when the counted record came about, for deadline checks


@dataclass(frozen=True)
class Inputs:
    """What a computation may use: the indicator and its declared parameters, the year and the agency."""

    indicator: Indicator
    plan: Plan
    fiscal_year: int
    params: dict = field(default_factory=dict)

    @property
    def agency(self):
        return self.plan.agency


REGISTRY: dict[str, Callable[[Inputs], Computation]] = {}


def computation(name: str):
    """Register the decorated function as the computation `name` (a name is registered once)."""
    def register(fn: Callable[[Inputs], Computation]) -> Callable[[Inputs], Computation]:
        if name in REGISTRY:
            raise ValueError(f"computation {name!r} is registered twice")
        REGISTRY[name] = fn
        return fn
    return register


class UnknownComputation(LookupError):
    pass


def compute(indicator: Indicator, *, plan: Plan, fiscal_year: int) -> Computation:
    """The value of a computed indicator for a fiscal year; UnknownComputation if the name is not here."""
    source = indicator.source or {}
    fn = REGISTRY.get(source.get("name", ""))
    if fn is None:
        raise UnknownComputation(source.get("name", ""))
    params = source.get("params") or {}
    return fn(Inputs(indicator=indicator, plan=plan, fiscal_year=fiscal_year, params=params))


def _now() -> datetime.datetime:
    return timezone.now()


@computation("procurement_plan_published")
def procurement_plan_published(inputs: Inputs) -> Computation:
    """Plan 1.2 item ๒: the year's procurement plan exists and is published."""
    fy = inputs.fiscal_year
    plans = list(year_plans(inputs.agency, fy))
    published = [p for p in plans if p.status == p.Status.PUBLISHED]
    records = [(f"{p.title} (เผยแพร่เมื่อ {format_be(p.published_at)})", reverse("procurement:public_plan",
                                                                             args=[p.pk])) for p in published]
    if published:
        sentence = (f"มีแผนการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ที่เผยแพร่แล้ว {len(published)} แผน "
                    f"จากทั้งหมด {len(plans)} แผนที่บันทึกในระบบ")
    elif plans:
        sentence = (f"มีแผนการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ {len(plans)} แผน "
                    "แต่ยังไม่ได้เผยแพร่")
    else:
        sentence = f"ยังไม่มีแผนการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ"
    first = min((p.published_at for p in published), default=None)
    return Computation(bool(published), records, sentence, _now(),
                       timezone.localtime(first).date() if first else None)


def _review_complete(review) -> bool:
    return all(getattr(review, f).strip() for f in ("risks", "obstacles", "savings", "recommendations"))


@computation("procurement_year_review")
def procurement_year_review(inputs: Inputs) -> Computation:
    """Plan 1.2 item ๑: the analysis of the previous fiscal year's procurement (figures computed by the
    analysis page; risks, obstacles, savings and recommendations written). The system records no date of
    presentation to the executive, so that part of the indicator stays with the report."""
    fy = inputs.fiscal_year - 1
    reviews = list(year_reviews(inputs.agency, fy))
    complete = [r for r in reviews if _review_complete(r)]
    records = [(f"การวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} {r.unit.name}",
                reverse("procurement:analysis") + f"?unit={r.unit_id}&fy={fy}") for r in complete]
    if complete:
        sentence = (f"มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ครบทั้งสี่หัวข้อในระบบ "
                    f"{len(complete)} หน่วยงาน")
    elif reviews:
        sentence = (f"มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ แต่ยังเขียนไม่ครบ"
                    "ทั้งสี่หัวข้อ (ความเสี่ยง ปัญหาอุปสรรค การประหยัดงบประมาณ ข้อเสนอแนะ)")
    else:
        sentence = f"ยังไม่มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ"
    sentence += " ส่วนการเสนอผู้บริหาร ระบบไม่ได้บันทึกไว้ หน่วยงานต้องรายงานเอง"
    last = max((r.updated_at for r in complete), default=None)
    return Computation(bool(complete), records, sentence, _now(),
                       timezone.localtime(last).date() if last else None)


@computation("complaint_system_review")
def complaint_system_review(inputs: Inputs) -> Computation:
    """Plan 1.4.1: the complaint system and manual are reviewed once a year (the review record)."""
    fy = inputs.fiscal_year
    records_ = list(review_records(inputs.agency, fy))
    records = [(f"{r} (ทบทวนเมื่อ {format_be(r.reviewed_on)})",
                reverse("complaints:review_document", args=[r.pk, "pdf"])) for r in records_]
    if records_:
        sentence = (f"มีบันทึกการทบทวนระบบร้องเรียนปีงบประมาณ พ.ศ. {fy} ในระบบ {len(records_)} ครั้ง "
                    f"ล่าสุดเมื่อ {format_be(records_[-1].reviewed_on)}")
    else:
        sentence = f"ยังไม่มีบันทึกการทบทวนระบบร้องเรียนปีงบประมาณ พ.ศ. {fy} ในระบบ"
    return Computation(len(records_), records, sentence, _now(),
                       records_[-1].reviewed_on if records_ else None)


@computation("integrity_plan_approved")
def integrity_plan_approved(inputs: Inputs) -> Computation:
    """Plan 6.2 item ๑: the plan under the integrity policy exists and is approved (the plan itself)."""
    plan = inputs.plan
    link = [(str(plan), reverse("plans:detail", args=[plan.pk]))]
    if plan.is_approved:
        when = f" เมื่อ {format_be(plan.approved_on)}" if plan.approved_on else ""
        memo = f" ตามหนังสือ {plan.approval_memo}" if plan.approval_memo else ""
        return Computation(True, link, f"แผนได้รับอนุมัติในระบบแล้ว{when}{memo}", _now(), plan.approved_on)
    return Computation(False, link, "แผนยังเป็นร่าง ยังไม่ได้อนุมัติในระบบ", _now())


def _missing_elements(project) -> list[str]:
    missing = []
    if not project.title.strip():
        missing.append("ชื่อโครงการ")
    if project.budget is None:
        missing.append("งบประมาณ")
    if not project.bid_count:
        missing.append("ผู้ยื่นซอง")
    if project.winner_id is None and not project.winner_names.strip():
        missing.append("ผู้ได้รับการคัดเลือก")
    return missing


@computation("procurement_database_elements")
def procurement_database_elements(inputs: Inputs) -> Computation:
    """Plan 1.2 item ๓: the procurement database holds, for each of the year's projects that reached the
    award, its name, budget, bidders and the one selected. Document buyers are not required (not every
    method sells documents) and the officials' relationship list is a per-year listing, not a project
    element; both stay with the report."""
    fy = inputs.fiscal_year
    projects = list(year_awarded_projects(inputs.agency, fy))
    lacking = [(p, m) for p in projects if (m := _missing_elements(p))]
    records = [(f"{p.title} (ขาด: {', '.join(m)})", reverse("procurement:detail", args=[p.pk]))
               for p, m in lacking]
    records += [(p.title, reverse("procurement:detail", args=[p.pk])) for p in projects
                if not _missing_elements(p)]
    complete = len(projects) - len(lacking)
    if projects:
        share = Decimal(complete * 100) / len(projects)
        sentence = (f"โครงการปีงบประมาณ พ.ศ. {fy} ที่ประกาศผู้ได้รับการคัดเลือกแล้ว {len(projects)} โครงการ "
                    f"มีชื่อโครงการ งบประมาณ ผู้ยื่นซอง และผู้ได้รับการคัดเลือกครบ {complete} โครงการ "
                    f"(ร้อยละ {share:.2f})")
        if lacking:
            sentence += f" ยังขาดข้อมูล {len(lacking)} โครงการ ตามรายการที่ระบุ"
    else:
        sentence = f"ยังไม่มีโครงการปีงบประมาณ พ.ศ. {fy} ที่ประกาศผู้ได้รับการคัดเลือกในระบบ"
    sentence += " (ผู้ซื้อซองและรายชื่อความสัมพันธ์ของเจ้าหน้าที่ไม่ได้นับ หน่วยงานต้องรายงานเอง)"
    return Computation(bool(projects) and not lacking, records, sentence, _now())


def _load_areas() -> None:
    """Computations over the registers' records sit in reports/computed_<area>.py, one module per area, so
    that each area's functions stay next to each other; importing them registers them here."""
    import importlib
    import pkgutil

    import reports

    for module in pkgutil.iter_modules(reports.__path__):
        if module.name.startswith("computed_"):
            importlib.import_module(f"reports.{module.name}")


_load_areas()
