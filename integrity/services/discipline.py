"""The discipline register's writes. A corruption complaint becomes a case through its tracking code only
(complaints.selectors.case_reference): nothing about the complainant is read or copied."""

from __future__ import annotations

from django.db import transaction

from accounts.policy import require
from audit.services import audit_record
from complaints.models import Channel
from complaints.selectors import case_reference
from core.errors import ApplicationError
from integrity.models import DisciplineCase
from integrity.services.common import not_future, store_files

S = DisciplineCase.Stage


def _check(stage, opened_on, completed_on) -> None:
    not_future(opened_on, "opened_on", "วันที่เริ่มดำเนินการ")
    not_future(completed_on, "completed_on", "วันที่แล้วเสร็จ")
    if stage == S.COMPLETED and completed_on is None:
        raise ApplicationError("เรื่องที่แล้วเสร็จต้องระบุวันที่แล้วเสร็จ", field="completed_on")
    if stage != S.COMPLETED and completed_on is not None:
        raise ApplicationError('ระบุวันที่แล้วเสร็จได้เมื่อขั้นตอนเป็น "ดำเนินการแล้วเสร็จ" เท่านั้น', field="stage")
    if completed_on is not None and opened_on is not None and completed_on < opened_on:
        raise ApplicationError("วันที่แล้วเสร็จต้องไม่ก่อนวันที่เริ่มดำเนินการ", field="completed_on")


def _audit(actor, action, case, **extra) -> None:
    # The trail keeps the number, stage and dates only: it is read by more people than the register.
    audit_record(
        actor=actor,
        action=action,
        obj=case,
        unit=case.unit,
        new={
            "number": case.number,
            "stage": case.stage,
            "opened_on": case.opened_on,
            "completed_on": case.completed_on,
            **extra,
        },
    )


@transaction.atomic
def case_record(
    *,
    actor,
    unit,
    number,
    opened_on,
    subject,
    stage=S.FACT_FINDING,
    legal_basis="undetermined",
    legal_detail="",
    completed_on=None,
    outcome="",
    source=DisciplineCase.Source.OTHER,
    complaint_reference="",
    files=(),
    audit: bool = True,
) -> DisciplineCase:
    require(actor, "integrity.discipline.edit", unit=unit)
    number = number.strip()
    if not number:
        raise ApplicationError("กรุณากรอกเลขที่เรื่อง", field="number")
    if DisciplineCase.objects.filter(number=number).exists():
        raise ApplicationError(f"เลขที่เรื่อง {number} มีในทะเบียนแล้ว", field="number")
    _check(stage, opened_on, completed_on)
    case = DisciplineCase.objects.create(
        unit=unit,
        number=number,
        opened_on=opened_on,
        subject=subject.strip(),
        stage=stage,
        legal_basis=legal_basis,
        legal_detail=legal_detail.strip(),
        completed_on=completed_on,
        outcome=outcome.strip(),
        source=source,
        complaint_reference=complaint_reference,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    store_files(actor, case, files)
    if audit:
        _audit(actor, "integrity.case_record", case)
    return case


@transaction.atomic
def case_update(
    *, actor, case: DisciplineCase, stage, legal_basis, legal_detail="", completed_on=None, outcome=""
) -> DisciplineCase:
    require(actor, "integrity.discipline.edit", case)
    _check(stage, case.opened_on, completed_on)
    old = {"stage": case.stage, "completed_on": case.completed_on}
    case.stage, case.legal_basis, case.legal_detail = stage, legal_basis, legal_detail.strip()
    case.completed_on, case.outcome = completed_on, outcome.strip()
    case.save(update_fields=["stage", "legal_basis", "legal_detail", "completed_on", "outcome"])
    audit_record(
        actor=actor,
        action="integrity.case_update",
        obj=case,
        unit=case.unit,
        old=old,
        new={"stage": stage, "completed_on": completed_on},
    )
    return case


def case_from_complaint(*, actor, complaint_id: int, unit, number, opened_on, subject) -> DisciplineCase:
    """Open a discipline case for a corruption complaint, keeping only its tracking code."""
    require(actor, "integrity.discipline.edit", unit=unit)  # before anything about the complaint is said
    reference = case_reference(complaint_id)
    if reference is None:
        raise ApplicationError("ไม่พบเรื่องร้องเรียนที่ระบุ")
    tracking_code, channel = reference
    if channel != Channel.CORRUPTION:
        raise ApplicationError("รับเป็นเรื่องวินัยได้เฉพาะเรื่องแจ้งเบาะแสการทุจริตและประพฤติมิชอบ")
    if DisciplineCase.objects.filter(complaint_reference=tracking_code).exists():
        raise ApplicationError(f"เรื่องร้องเรียนรหัส {tracking_code} รับเป็นเรื่องวินัยแล้ว")
    with transaction.atomic():
        case = case_record(
            actor=actor,
            unit=unit,
            number=number,
            opened_on=opened_on,
            subject=subject,
            source=DisciplineCase.Source.COMPLAINT,
            complaint_reference=tracking_code,
            audit=False,
        )
        _audit(actor, "integrity.case_from_complaint", case, complaint_reference=tracking_code)
    return case
