"""Healthy workplace (กองการเจ้าหน้าที่): each central unit's yearly assessment against the basic level of
the four criteria and the awards it received (plan 5.5-a)."""

from __future__ import annotations

from django.db import transaction

from core.errors import ApplicationError
from core.thai import fiscal_year as fiscal_year_of
from registers.models import WorkplaceAssessment, WorkplaceAward, WorkplaceFile
from registers.services.common import attach_file, check_in_year, required_text, save_record

EDIT = "workplace.edit"
ASSESSMENT_FIELDS = ["unit", "fiscal_year", "assessed_on", *WorkplaceAssessment.CRITERIA, "assessor", "note"]
AWARD_FIELDS = ["assessment", "name", "level", "awarded_by", "awarded_on"]


def assessment_save(*, actor, unit, assessed_on, assessor: str, clean: bool, safe: bool, environment: bool,
                    lively: bool, note: str = "", fiscal_year: int | None = None,
                    assessment: WorkplaceAssessment | None = None, files=()) -> WorkplaceAssessment:
    if assessed_on is None:
        raise ApplicationError("กรุณากรอกวันที่ประเมิน", field="assessed_on")
    assessor = required_text(assessor, field="assessor", label="ผู้ประเมิน")
    year = fiscal_year or fiscal_year_of(assessed_on)
    check_in_year(assessed_on, year, field="assessed_on", what="วันที่ประเมิน")
    clash = WorkplaceAssessment.objects.filter(unit=unit, fiscal_year=year)
    if clash.exclude(pk=getattr(assessment, "pk", None)).exists():
        raise ApplicationError(f"{unit.name} มีผลการประเมินปีงบประมาณ {year} แล้ว แก้ไขรายการเดิมแทน",
                               field="unit")
    with transaction.atomic():
        saved = save_record(actor=actor, action=EDIT, instance=assessment or WorkplaceAssessment(),
                            fields=ASSESSMENT_FIELDS, unit=unit, audit_action="registers.workplace_save",
                            changes={"unit": unit, "fiscal_year": year, "assessed_on": assessed_on,
                                     "clean": clean, "safe": safe, "environment": environment,
                                     "lively": lively, "assessor": assessor, "note": note})
        for uploaded in files:
            attach_file(actor=actor, action=EDIT, record=saved, file_model=WorkplaceFile, link="assessment",
                        uploaded=uploaded, unit=unit)
    return saved


def award_save(*, actor, assessment: WorkplaceAssessment, name: str, awarded_on, level: str = "",
               awarded_by: str = "", award: WorkplaceAward | None = None) -> WorkplaceAward:
    name = required_text(name, field="name", label="ชื่อรางวัล")
    if awarded_on is None:
        raise ApplicationError("กรุณากรอกวันที่ได้รับรางวัล", field="awarded_on")
    if not assessment.passed:
        raise ApplicationError("บันทึกรางวัลได้เฉพาะหน่วยงานที่ผ่านเกณฑ์ระดับพื้นฐานครบทั้ง ๔ ด้าน", field="name")
    return save_record(actor=actor, action=EDIT, instance=award or WorkplaceAward(), fields=AWARD_FIELDS,
                       unit=assessment.unit, audit_action="registers.award_save",
                       changes={"assessment": assessment, "name": name, "level": level,
                                "awarded_by": awarded_by, "awarded_on": awarded_on})
