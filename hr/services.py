"""Every write of the hr app: guarded by the policy, audited."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core import record_files
from core.errors import ApplicationError
from hr.models import CriteriaStep, CriteriaStepFile, EvaluationRound, JobLine, JobLineKpi, UnitCompletion

STEP_FIELDS = ["fiscal_year", "step", "done_on", "reference", "note"]
KPI_FIELDS = ["fiscal_year", "kpis", "set_on"]
ROUND_FIELDS = ["fiscal_year", "number", "closes_on", "completed_on"]
COMPLETION_FIELDS = ["completed_on", "staff_count", "evaluated_count"]


def _who(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _past(day: datetime.date | None, field: str) -> None:
    if day is None:
        raise ApplicationError("กรุณากรอกวันที่", field=field)
    if day > timezone.localdate():
        raise ApplicationError("วันที่ต้องไม่เป็นวันในอนาคต", field=field)


def _year(fiscal_year) -> int:
    if not 2500 <= int(fiscal_year or 0) <= 2700:
        raise ApplicationError("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2568", field="fiscal_year")
    return int(fiscal_year)


@transaction.atomic
def criteria_step_save(*, actor, agency, fiscal_year: int, step: int, done_on: datetime.date,
                       reference: str = "", note: str = "", file=None) -> CriteriaStep:
    """Record (or correct) that a step of the year's criteria improvement was done, with its document."""
    require(actor, "hr.manage", unit=agency)
    fiscal_year = _year(fiscal_year)
    if int(step) not in CriteriaStep.Step.values:
        raise ApplicationError("กรุณาเลือกขั้นตอน", field="step")
    _past(done_on, "done_on")
    record = CriteriaStep.objects.select_for_update().filter(agency=agency, fiscal_year=fiscal_year,
                                                             step=step).first()
    old = snapshot(record, STEP_FIELDS) if record else None
    if record is None and file is None and not (reference or "").strip():
        raise ApplicationError("กรุณาระบุอ้างอิง หรือแนบเอกสารของขั้นตอนนี้", field="reference")
    record = record or CriteriaStep(agency=agency, fiscal_year=fiscal_year, step=step)
    record.done_on, record.reference, record.note = done_on, (reference or "").strip(), (note or "").strip()
    record.recorded_by = _who(actor)
    record.save()
    new = snapshot(record, STEP_FIELDS)
    if file is not None:
        new["file"] = record_files.audit_fields(record_files.store(CriteriaStepFile(step=record), file,
                                                                   actor=actor))
    audit_record(actor=actor, action="hr.criteria_step", obj=record, unit=agency, old=old, new=new)
    return record


@transaction.atomic
def job_line_save(*, actor, agency, name: str, kind: str) -> JobLine:
    require(actor, "hr.manage", unit=agency)
    name = (name or "").strip()
    if not name:
        raise ApplicationError("กรุณากรอกชื่อสายงาน", field="name")
    if kind not in JobLine.Kind.values:
        raise ApplicationError("กรุณาเลือกประเภทสายงาน", field="kind")
    if JobLine.objects.filter(agency=agency, name=name).exists():
        raise ApplicationError("มีสายงานชื่อนี้แล้ว", field="name")
    line = JobLine.objects.create(agency=agency, name=name, kind=kind)
    audit_record(actor=actor, action="hr.job_line", obj=line, unit=agency,
                 new=snapshot(line, ["name", "kind"]))
    return line


@transaction.atomic
def job_line_kpis_save(*, actor, job_line: JobLine, fiscal_year: int, kpis: str,
                       set_on: datetime.date) -> JobLineKpi:
    """Set (or replace) the central indicators of a job line for a fiscal year."""
    require(actor, "hr.manage", job_line)
    fiscal_year = _year(fiscal_year)
    if not [line for line in (kpis or "").splitlines() if line.strip()]:
        raise ApplicationError("กรุณากรอกตัวชี้วัดกลางอย่างน้อยหนึ่งตัวชี้วัด", field="kpis")
    _past(set_on, "set_on")
    record = JobLineKpi.objects.select_for_update().filter(job_line=job_line, fiscal_year=fiscal_year).first()
    old = snapshot(record, KPI_FIELDS) if record else None
    record = record or JobLineKpi(job_line=job_line, fiscal_year=fiscal_year)
    record.kpis, record.set_on, record.recorded_by = kpis.strip(), set_on, _who(actor)
    record.save()
    audit_record(actor=actor, action="hr.job_line_kpi", obj=job_line, unit=job_line.agency, old=old,
                 new=snapshot(record, KPI_FIELDS))
    return record


@transaction.atomic
def round_save(*, actor, agency, fiscal_year: int, number: int, closes_on: datetime.date) -> EvaluationRound:
    require(actor, "hr.manage", unit=agency)
    fiscal_year = _year(fiscal_year)
    if int(number) not in EvaluationRound.Number.values:
        raise ApplicationError("กรุณาเลือกรอบ", field="number")
    if closes_on is None:
        raise ApplicationError("กรุณากรอกวันที่กำหนดเสร็จ", field="closes_on")
    if EvaluationRound.objects.filter(agency=agency, fiscal_year=fiscal_year, number=number).exists():
        raise ApplicationError("มีรอบนี้ของปีงบประมาณนี้แล้ว", field="number")
    record = EvaluationRound.objects.create(agency=agency, fiscal_year=fiscal_year, number=number,
                                            closes_on=closes_on, recorded_by=_who(actor))
    audit_record(actor=actor, action="hr.round_save", obj=record, unit=agency,
                 new=snapshot(record, ROUND_FIELDS))
    return record


@transaction.atomic
def unit_complete(*, actor, round_: EvaluationRound, unit, completed_on: datetime.date, staff_count: int,
                  evaluated_count: int) -> UnitCompletion:
    """A unit's figures for the round: how many staff it has and how many were done, and when."""
    require(actor, "hr.unit", unit=unit)
    if round_.completed_on is not None:
        raise ApplicationError("รอบนี้ปิดแล้ว แก้ไขข้อมูลหน่วยงานไม่ได้")
    _past(completed_on, "completed_on")
    if staff_count is None or staff_count < 1:
        raise ApplicationError("จำนวนบุคลากรต้องอย่างน้อย 1 คน", field="staff_count")
    if evaluated_count is None or not 0 <= evaluated_count <= staff_count:
        raise ApplicationError("จำนวนที่ดำเนินการแล้วต้องไม่เกินจำนวนบุคลากร", field="evaluated_count")
    record = UnitCompletion.objects.select_for_update().filter(round=round_, unit=unit).first()
    old = snapshot(record, COMPLETION_FIELDS) if record else None
    record = record or UnitCompletion(round=round_, unit=unit)
    record.completed_on, record.staff_count = completed_on, staff_count
    record.evaluated_count = evaluated_count
    record.recorded_by = _who(actor)
    record.save()
    audit_record(actor=actor, action="hr.unit_complete", obj=round_, unit=unit, old=old,
                 new={**snapshot(record, COMPLETION_FIELDS), "unit": unit.name})
    return record


@transaction.atomic
def round_complete(*, actor, round_: EvaluationRound, completed_on: datetime.date) -> EvaluationRound:
    """Close the round once every unit that reports on the plan has recorded all its staff done."""
    from hr.selectors import expected_units

    require(actor, "hr.manage", round_)
    round_ = EvaluationRound.objects.select_for_update().get(pk=round_.pk)
    if round_.completed_on is not None:
        raise ApplicationError("รอบนี้ปิดแล้ว")
    _past(completed_on, "completed_on")
    done = {c.unit_id for c in round_.completions.all() if c.is_complete}
    missing = [u.name for u in expected_units(round_.agency) if u.pk not in done]
    if missing:
        shown = ", ".join(missing[:5]) + (f" และอีก {len(missing) - 5} หน่วยงาน" if len(missing) > 5 else "")
        raise ApplicationError(f"ยังปิดรอบไม่ได้ หน่วยงานที่ยังดำเนินการไม่ครบ: {shown}",
                               field="completed_on")
    old = snapshot(round_, ROUND_FIELDS)
    round_.completed_on = completed_on
    round_.save(update_fields=["completed_on"])
    audit_record(actor=actor, action="hr.round_complete", obj=round_, unit=round_.agency, old=old,
                 new=snapshot(round_, ROUND_FIELDS))
    return round_
