"""What every register's writes share: the evidence files (same upload rules as report evidence), the
audited snapshot and the check that a date is not in the future."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core import record_files
from core.errors import ApplicationError
from integrity.models import (
    CampaignEvent,
    CampaignEventFile,
    Declaration,
    DeclarationFile,
    DisciplineCase,
    DisciplineFile,
    ExecutiveReminder,
    GiftFile,
    GiftRecord,
    Issuance,
    IssuanceFile,
    ReminderFile,
)

# record model -> (file model, its foreign key, the action that adds a file, the action that reads one)
FILES = {
    CampaignEvent: (CampaignEventFile, "event", "integrity.coi.edit", "integrity.coi.view"),
    ExecutiveReminder: (ReminderFile, "reminder", "integrity.coi.edit", "integrity.coi.view"),
    GiftRecord: (GiftFile, "gift", "integrity.coi.edit", "integrity.coi.view"),
    Issuance: (IssuanceFile, "issuance", "integrity.issuance.edit", "integrity.issuance.view"),
    Declaration: (
        DeclarationFile,
        "declaration",
        "integrity.declaration.manage",
        "integrity.declaration.view",
    ),
    DisciplineCase: (DisciplineFile, "case", "integrity.discipline.edit", "integrity.discipline.view"),
}


def not_future(value: datetime.date | None, field: str, what: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ApplicationError(f"{what}ต้องไม่เกินวันนี้", field=field)


def record_audit(actor, action: str, obj, fields: list[str], *, note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=obj, new=snapshot(obj, fields), unit=obj.unit, note=note)


def store_files(actor, record, files) -> None:
    file_model, fk, _, _ = FILES[type(record)]
    for uploaded in files or ():
        stored = record_files.store(file_model(**{fk: record}), uploaded, actor=actor, field="files")
        audit_record(
            actor=actor,
            action="integrity.file_add",
            obj=record,
            unit=record.unit,
            new=record_files.audit_fields(stored),
        )


@transaction.atomic
def file_add(*, actor, record, uploaded, own: bool = False) -> None:
    """Attach a file to an existing record. `own`: the declarant adding to their own declaration, which
    the selectors have already established."""
    _, _, action, _ = FILES[type(record)]
    if not own:
        require(actor, action, record)
    store_files(actor, record, [uploaded])


def file_download_audit(*, actor, record, stored) -> None:
    audit_record(
        actor=actor,
        action="integrity.file_download",
        obj=record,
        unit=record.unit,
        new=record_files.audit_fields(stored),
    )
