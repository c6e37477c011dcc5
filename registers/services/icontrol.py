"""Internal control reports: the fiscal year's two rounds (set by กพร./the register officer for the whole
department) and each unit's submission with its file and date (plan 5.1-a "ปีละ ๒ ครั้ง")."""

from __future__ import annotations

from django.db import transaction

from core.errors import ApplicationError
from registers.models import IcFile, IcRound, IcSubmission
from registers.services.common import attach_file, check_in_year, save_record

ROUND_FIELDS = ["agency", "fiscal_year", "number", "as_of", "due_on", "note"]
SUBMISSION_FIELDS = ["round", "unit", "submitted_on", "document_no", "note"]


def round_save(*, actor, agency, fiscal_year: int, number: int, as_of, due_on, note: str = "",
               round_: IcRound | None = None) -> IcRound:
    if number not in IcRound.Number.values:
        raise ApplicationError("รอบรายงานต้องเป็นรอบที่ 1 หรือ 2", field="number")
    if as_of is None or due_on is None:
        raise ApplicationError("กรุณากรอกวันที่ข้อมูลและกำหนดส่ง", field="due_on" if as_of else "as_of")
    check_in_year(as_of, fiscal_year, field="as_of", what="วันที่ของข้อมูล")
    if due_on < as_of:
        raise ApplicationError("กำหนดส่งต้องไม่ก่อนวันที่ของข้อมูล", field="due_on")
    clash = IcRound.objects.filter(agency=agency, fiscal_year=fiscal_year, number=number)
    if clash.exclude(pk=getattr(round_, "pk", None)).exists():
        raise ApplicationError(f"ปีงบประมาณ {fiscal_year} มีรอบที่ {number} อยู่แล้ว", field="number")
    return save_record(actor=actor, action="icontrol.rounds", instance=round_ or IcRound(),
                       fields=ROUND_FIELDS, unit=agency, audit_action="registers.icround_save",
                       changes={"agency": agency, "fiscal_year": fiscal_year, "number": number,
                                "as_of": as_of, "due_on": due_on, "note": note})


def submission_save(*, actor, round_: IcRound, unit, submitted_on, document_no: str = "", note: str = "",
                    submission: IcSubmission | None = None, files=()) -> IcSubmission:
    if submitted_on is None:
        raise ApplicationError("กรุณากรอกวันที่ส่ง", field="submitted_on")
    if submitted_on < round_.as_of:
        raise ApplicationError("วันที่ส่งต้องไม่ก่อนวันที่ของข้อมูลในรอบนี้", field="submitted_on")
    if unit.path and round_.agency.path and not unit.path.startswith(round_.agency.path):
        raise ApplicationError("หน่วยงานนี้ไม่ได้อยู่ในกรมของรอบรายงาน", field="unit")
    clash = IcSubmission.objects.filter(round=round_, unit=unit).exclude(pk=getattr(submission, "pk", None))
    if clash.exists():
        raise ApplicationError(f"{unit.name} ส่งรายงาน{round_.get_number_display()}แล้ว แก้ไขรายการเดิมแทน",
                               field="unit")
    with transaction.atomic():
        saved = save_record(actor=actor, action="icontrol.submit", instance=submission or IcSubmission(),
                            fields=SUBMISSION_FIELDS, unit=unit, audit_action="registers.icsubmission_save",
                            changes={"round": round_, "unit": unit, "submitted_on": submitted_on,
                                     "document_no": document_no, "note": note,
                                     **({} if submission else {"recorded_by": _user(actor)})})
        for uploaded in files:
            submission_file_add(actor=actor, submission=saved, uploaded=uploaded)
    return saved


def submission_file_add(*, actor, submission: IcSubmission, uploaded) -> IcFile:
    return attach_file(actor=actor, action="icontrol.submit", record=submission, file_model=IcFile,
                       link="submission", uploaded=uploaded, unit=submission.unit)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
