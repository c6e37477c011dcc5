"""What every register's writes share: the policy guard over the record's unit (before and after an edit),
the audit entry of the change, and files stored under the evidence rules (core.record_files)."""

from __future__ import annotations

from django.db import models, transaction

from accounts.policy import require
from audit.services import audit_record, snapshot
from core import record_files
from core.errors import ApplicationError
from core.thai import fiscal_year_bounds


def save_record(*, actor, action: str, instance: models.Model, fields: list[str], unit, audit_action: str,
                changes: dict) -> models.Model:
    """Apply `changes` to `instance` (new or existing) and save it, audited.

    An existing record is checked as it stands (the actor may edit it where it is) and, once changed,
    within its (possibly new) unit, so nobody moves a record into or out of a unit they do not keep.
    """
    old = None
    if instance.pk:
        require(actor, action, instance, message="ท่านไม่มีสิทธิ์แก้ไขรายการนี้")
        old = snapshot(instance, fields)
    for name, value in changes.items():
        setattr(instance, name, value)
    require(actor, action, unit=unit, message=f"ท่านไม่มีสิทธิ์บันทึกรายการของ{unit.name}")
    with transaction.atomic():
        instance.save()
        audit_record(actor=actor, action=audit_action, obj=instance, old=old,
                     new=snapshot(instance, fields), unit=unit)
    return instance


def attach_file(*, actor, action: str, record: models.Model, file_model, link: str, uploaded, unit):
    """Store `uploaded` as a `file_model` row linked to `record` through the foreign key `link`."""
    require(actor, action, record, message="ท่านไม่มีสิทธิ์แนบไฟล์ในรายการนี้")
    with transaction.atomic():
        stored = record_files.store(file_model(**{link: record}), uploaded, actor=actor)
        audit_record(actor=actor, action="registers.file_add", obj=record,
                     new=record_files.audit_fields(stored), unit=unit)
    return stored


def check_in_year(day, fiscal_year: int, *, field: str, what: str) -> None:
    start, end = fiscal_year_bounds(fiscal_year)
    if not start <= day <= end:
        raise ApplicationError(f"{what}ต้องอยู่ในปีงบประมาณ พ.ศ. {fiscal_year}", field=field)


def required_text(value: str, *, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(f"กรุณากรอก{label}", field=field)
    return value
