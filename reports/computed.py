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
from procurement.selectors import year_awarded_projects, year_channels, year_plans, year_reviews
from reports.selectors import compiled_summaries


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
    # The round the value is for, and the date its figures stand at (reports.compile.evaluation_context);
    # None outside a round: then "today".
    round: object | None = None
    as_of: datetime.date | None = None

    @property
    def agency(self):
        return self.plan.agency

    @property
    def date(self) -> datetime.date:
        return self.as_of or timezone.localdate()


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


def compute(indicator: Indicator, *, plan: Plan, fiscal_year: int, round_=None,
            as_of: datetime.date | None = None) -> Computation:
    """The value of a computed indicator for a fiscal year (in `round_`, with its figures as of `as_of`);
    UnknownComputation if the name is not here."""
    source = indicator.source or {}
    fn = REGISTRY.get(source.get("name", ""))
    if fn is None:
        raise UnknownComputation(source.get("name", ""))
    params = source.get("params") or {}
    return fn(Inputs(indicator=indicator, plan=plan, fiscal_year=fiscal_year, params=params, round=round_,
                     as_of=as_of))


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


def _presented(review, as_of: datetime.date) -> bool:
    return review.is_presented and review.presented_on <= as_of and bool(review.files.all())


@computation("procurement_year_review")
def procurement_year_review(inputs: Inputs) -> Computation:
    """Plan 1.2 item ๑: the analysis of the previous fiscal year's procurement (figures computed by the
    analysis page; risks, obstacles, savings and recommendations written) presented to the executive (date,
    to whom and the memo or minutes recorded on the analysis page) by the round's date."""
    fy = inputs.fiscal_year - 1
    reviews = list(year_reviews(inputs.agency, fy))
    complete = [r for r in reviews if _review_complete(r)]
    presented = [r for r in complete if _presented(r, inputs.date)]
    records = []
    for r in complete:
        shown = (f" เสนอ{r.presented_to} เมื่อ {format_be(r.presented_on)}" if r in presented
                 else " (ยังไม่ได้บันทึกการเสนอผู้บริหาร)")
        records.append((f"การวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} {r.unit.name}{shown}",
                        reverse("procurement:analysis") + f"?unit={r.unit_id}&fy={fy}"))
        if r in presented:
            records += [(f"หลักฐานการเสนอผู้บริหาร: {f.original_name}",
                         reverse("procurement:review_file", args=[f.pk])) for f in r.files.all()]
    if presented:
        first = min(presented, key=lambda r: r.presented_on)
        sentence = (f"มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ครบทั้งสี่หัวข้อ และเสนอผู้บริหารแล้ว "
                    f"{len(presented)} หน่วยงาน (ครั้งแรกเสนอ{first.presented_to} "
                    f"เมื่อ {format_be(first.presented_on)})")
        if len(presented) < len(complete):
            sentence += f" อีก {len(complete) - len(presented)} หน่วยงานยังไม่ได้บันทึกการเสนอผู้บริหาร"
    elif complete:
        sentence = (f"มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ครบทั้งสี่หัวข้อในระบบ "
                    f"{len(complete)} หน่วยงาน แต่ยังไม่ได้บันทึกการเสนอผู้บริหาร (วันที่ ผู้บริหาร และไฟล์บันทึกเสนอ) "
                    f"ภายใน {format_be(inputs.date)}")
    elif reviews:
        sentence = (f"มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ แต่ยังเขียนไม่ครบ"
                    "ทั้งสี่หัวข้อ (ความเสี่ยง ปัญหาอุปสรรค การประหยัดงบประมาณ ข้อเสนอแนะ)")
    else:
        sentence = f"ยังไม่มีการวิเคราะห์ผลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ"
    first_day = min((r.presented_on for r in presented), default=None)
    return Computation(bool(presented), records, sentence, _now(), first_day)


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


@computation("plan_follow_up_compiled")
def plan_follow_up_compiled(inputs: Inputs) -> Computation:
    """Plan 6.2 item ๒: the follow-up of the plan is summarised — the plan administrator compiled a round of
    the fiscal year (reports.services.summary.round_compile). In a round, later rounds' compilations are
    not counted; the round itself counts once compiled, as its compilation comes after its due date."""
    fy = inputs.fiscal_year
    summaries = [s for s in compiled_summaries(inputs.plan, fy)
                 if inputs.round is None or s.round.due_on <= inputs.round.due_on]
    records = [(f"สรุปผล{s.round} (รวบรวมเมื่อ {format_be(timezone.localtime(s.compiled_at).date())})",
                reverse("reports:compile", args=[s.round_id])) for s in summaries]
    if summaries:
        last = summaries[-1]
        sentence = (f"มีการรวบรวมสรุปผลการติดตามการดำเนินการตามแผน ปีงบประมาณ พ.ศ. {fy} ในระบบ "
                    f"{len(summaries)} รอบ "
                    f"ล่าสุด{last.round.name} เมื่อ {format_be(timezone.localtime(last.compiled_at).date())}")
        first = timezone.localtime(summaries[0].compiled_at).date()
    else:
        sentence = f"ยังไม่มีการรวบรวมสรุปผลรอบการรายงานของแผน ปีงบประมาณ พ.ศ. {fy} ในระบบ"
        first = None
    return Computation(bool(summaries), records, sentence, _now(), first)


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


SYSTEM_CHANNEL = "หน้าเผยแพร่สาธารณะของระบบ"


def _channels(inputs: Inputs) -> tuple[dict[str, datetime.date], list[tuple[str, str]]]:
    """The distinct channels through which the year's procurement plans were published by the round's date
    (the system's public pages count once a plan is published), each with its first date, and the records."""
    fy, as_of = inputs.fiscal_year, inputs.date
    first: dict[str, datetime.date] = {}
    labels: dict[str, str] = {}
    records = []
    for p in year_plans(inputs.agency, fy):
        if p.status == p.Status.PUBLISHED and p.published_at:
            day = timezone.localtime(p.published_at).date()
            if day <= as_of:
                first[SYSTEM_CHANNEL] = min(first.get(SYSTEM_CHANNEL, day), day)
                labels[SYSTEM_CHANNEL] = SYSTEM_CHANNEL
                records.append((f"{SYSTEM_CHANNEL}: {p.title} (เผยแพร่เมื่อ {format_be(day)})",
                                reverse("procurement:public_plan", args=[p.pk])))
    for c in year_channels(inputs.agency, fy):
        if c.published_on > as_of:
            continue
        key = c.distinct_key
        first[key] = min(first.get(key, c.published_on), c.published_on)
        labels[key] = c.label
        records.append((f"{c.label}: {c.plan.title} (เผยแพร่เมื่อ {format_be(c.published_on)})",
                        reverse("procurement:plan", args=[c.plan_id])))
        records += [(f"หลักฐานการเผยแพร่ทาง{c.label}: {f.original_name}",
                     reverse("procurement:channel_file", args=[f.pk])) for f in c.files.all()]
    return {labels[k]: d for k, d in first.items()}, records


@computation("procurement_channels_published")
def procurement_channels_published(inputs: Inputs) -> Computation:
    """Plan 1.2 item ๔: the year's procurement plan and database are published through at least one channel
    (this system's public pages once the plan is published, and the channels recorded on the plan's page)."""
    channels, records = _channels(inputs)
    fy = inputs.fiscal_year
    if channels:
        sentence = (f"แผนและฐานข้อมูลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} เผยแพร่แล้วผ่าน {len(channels)} ช่องทาง: "
                    + ", ".join(channels))
    else:
        sentence = (f"ยังไม่มีการเผยแพร่แผนการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ และยังไม่ได้บันทึกช่องทางเผยแพร่อื่น "
                    f"ภายใน {format_be(inputs.date)}")
    return Computation(bool(channels), records, sentence, _now(), min(channels.values(), default=None))


@computation("procurement_channel_count")
def procurement_channel_count(inputs: Inputs) -> Computation:
    """Plan 1.2 item ๕: the number of distinct channels (a channel recorded twice counts once). Whether a
    channel is "appropriate" is a judgement the records cannot make; the count is of those recorded."""
    channels, records = _channels(inputs)
    fy = inputs.fiscal_year
    if channels:
        sentence = (f"ช่องทางเผยแพร่ข้อมูลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ที่บันทึกในระบบ {len(channels)} ช่องทาง: "
                    + ", ".join(f"{name} (ตั้งแต่ {format_be(day)})" for name, day in channels.items()))
    else:
        sentence = f"ยังไม่มีช่องทางเผยแพร่ข้อมูลการจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {fy} ในระบบ"
    sentence += " (ความเหมาะสมของช่องทางไม่ได้ประเมินจากระบบ)"
    return Computation(len(channels), records, sentence, _now(), min(channels.values(), default=None))


PROCUREMENT_STEPS = (
    ("๑", "สรุปผลการจัดซื้อจัดจ้างปีก่อนและเสนอผู้บริหาร", "procurement_year_review"),
    ("๒", "แผนการจัดซื้อจัดจ้างประจำปีที่เผยแพร่", "procurement_plan_published"),
    ("๓", "ฐานข้อมูลครบตามองค์ประกอบ", "procurement_database_elements"),
    ("๔", "เผยแพร่ผ่านช่องทางต่าง ๆ", "procurement_channels_published"),
    ("๕", "มีช่องทางเผยแพร่อย่างน้อยหนึ่งช่องทาง", "procurement_channel_count"),
)


@computation("procurement_level")
def procurement_level(inputs: Inputs) -> Computation:
    """Plan 1.2 "ระดับความสำเร็จ": the level is the number of steps ๑–๕ (the activity's indicators ๑.–๕.)
    done in order — a later step done while an earlier one is not does not raise the level."""
    level, broken, parts, records = 0, False, [], []
    for number, label, name in PROCUREMENT_STEPS:
        step = REGISTRY[name](inputs)
        done = bool(step.value)
        parts.append(f"ขั้นที่ {number} {label}: {'ทำแล้ว' if done else 'ยังไม่ครบ'}")
        if done and not broken:
            level += 1
            records += step.records
        else:
            broken = True
    sentence = f"ระดับความสำเร็จ {level} จาก 5 ขั้น นับขั้นที่ทำแล้วต่อเนื่องจากขั้นที่ ๑ (" + "; ".join(parts) + ")"
    return Computation(Decimal(level), records, sentence, _now())


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
