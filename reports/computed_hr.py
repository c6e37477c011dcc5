"""Plan measures ๕ (๒) and (๔), กองการเจ้าหน้าที่'s records (hr): the criteria improvement as a level of five
steps, the job lines with central KPIs, and the evaluation rounds completed in the fiscal year."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from core.thai import format_be
from hr.models import CriteriaStep, EvaluationRound
from hr.selectors import criteria_steps, expected_units, job_lines, year_kpi_sets, year_rounds
from reports.computed import Computation, Inputs, _now, computation


def _home(fy: int) -> str:
    return reverse("hr:home") + f"?fy={fy}"


@computation("hr_criteria_level")
def hr_criteria_level(inputs: Inputs) -> Computation:
    """5.2-a ๑.: the level is the number of the five steps of the criteria improvement done in order by the
    round's date (a later step recorded while an earlier one is not does not raise it)."""
    fy, as_of = inputs.fiscal_year, inputs.date
    done = {s.step: s for s in criteria_steps(inputs.agency, fy) if s.done_on <= as_of}
    level = 0
    for step in CriteriaStep.Step.values:
        if step not in done:
            break
        level += 1
    parts = [f"ขั้นที่ {n} {label}: " + (f"ทำแล้ว {format_be(done[n].done_on)}" if n in done else "ยังไม่ได้บันทึก")
             for n, label in CriteriaStep.Step.choices]
    records = []
    for n in sorted(done):
        step = done[n]
        ref = f" {step.reference}" if step.reference else ""
        records.append((f"{step} ({format_be(step.done_on)}){ref}", _home(fy)))
        records += [(f"เอกสารขั้นที่ {n}: {f.original_name}", reverse("hr:step_file", args=[f.pk]))
                    for f in step.files.all()]
    sentence = (f"ระดับความสำเร็จของการปรับปรุงหลักเกณฑ์การประเมินผล ปีงบประมาณ พ.ศ. {fy} ระดับ {level} จาก 5 "
                f"ณ {format_be(as_of)} (" + "; ".join(parts) + ")")
    last = done[level].done_on if level else None
    return Computation(Decimal(level), records, sentence, _now(), last)


@computation("hr_job_lines_with_kpis")
def hr_job_lines_with_kpis(inputs: Inputs) -> Computation:
    """5.2-a ๓.: the number of job lines with central KPIs set for the fiscal year by the round's date."""
    fy, as_of = inputs.fiscal_year, inputs.date
    sets = [k for k in year_kpi_sets(inputs.agency, fy) if k.set_on <= as_of]
    lines = list(job_lines(inputs.agency))
    with_kpis = {k.job_line_id for k in sets}
    records = [(f"{k.job_line.name}: ตัวชี้วัดกลาง {len(k.kpi_list)} ตัว (กำหนดเมื่อ {format_be(k.set_on)})",
                _home(fy)) for k in sets]
    sentence = (f"สายงานที่มีตัวชี้วัดกลางปีงบประมาณ พ.ศ. {fy} {len(with_kpis)} สายงาน "
                f"จากสายงานที่บันทึกในระบบ {len(lines)} สายงาน")
    without = [line.name for line in lines if line.pk not in with_kpis]
    if without:
        sentence += " ยังไม่มี: " + ", ".join(without[:10]) + (" …" if len(without) > 10 else "")
    first = min((k.set_on for k in sets), default=None)
    return Computation(len(with_kpis), records, sentence, _now(), first)


@computation("hr_evaluation_rounds")
def hr_evaluation_rounds(inputs: Inputs) -> Computation:
    """5.4-a: the evaluation rounds of the fiscal year closed by the round's date (a round closes once every
    unit recorded all its staff evaluated). The start-of-year KPI setting is shown, not counted."""
    fy, as_of = inputs.fiscal_year, inputs.date
    rounds = list(year_rounds(inputs.agency, fy))
    total = expected_units(inputs.agency).count()
    closed, parts, records = [], [], []
    for r in rounds:
        units_done = sum(1 for c in r.completions.all() if c.is_complete and c.completed_on <= as_of)
        is_closed = r.completed_on is not None and r.completed_on <= as_of
        state = f"ปิดรอบ {format_be(r.completed_on)}" if is_closed else f"หน่วยงานครบ {units_done} จาก {total}"
        parts.append(f"{r.get_number_display()}: {state}")
        records.append((f"{r} ({state})", reverse("hr:round", args=[r.pk])))
        if is_closed and r.number != EvaluationRound.Number.SETTING:
            closed.append(r)
    if rounds:
        sentence = (f"ปีงบประมาณ พ.ศ. {fy} ประเมินผลการปฏิบัติราชการครบทุกหน่วยงานแล้ว {len(closed)} รอบ "
                    f"ณ {format_be(as_of)} (" + "; ".join(parts) + ")")
    else:
        sentence = f"ยังไม่มีรอบการประเมินผลการปฏิบัติราชการปีงบประมาณ พ.ศ. {fy} ในระบบ"
    last = max((r.completed_on for r in closed), default=None)
    return Computation(len(closed), records, sentence, _now(), last)
