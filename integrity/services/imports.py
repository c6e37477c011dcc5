"""Running a register's spreadsheet import: every row is checked first (a dry run through the services,
rolled back), errors are reported per row in Thai ("แถวที่ N: …", N as Excel numbers the rows), and only a
file without errors is saved — all rows or none — with one audit entry for the import."""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.policy import require
from audit.services import audit_record
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError

MAX_ROWS = 5000


@dataclass
class ImportOutcome:
    rows: int
    saved: bool
    errors: list[str] = field(default_factory=list)


def _message(exc) -> str:
    if isinstance(exc, ApplicationError):
        return exc.message
    if isinstance(exc, PermissionDenied):
        return getattr(exc, "message", "") or "ท่านไม่มีสิทธิ์บันทึกในหน่วยงานนี้"
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or exc.__class__.__name__


def _columns(resource) -> list[str]:
    return [f.column_name for f in resource.get_import_fields()]


def read_dataset(uploaded, resource) -> tablib.Dataset:
    name = (getattr(uploaded, "name", "") or "").lower()
    if not name.endswith(".xlsx"):
        raise ApplicationError("กรุณาใช้ไฟล์ Excel (.xlsx) ตามแม่แบบ", field="file")
    try:
        dataset = tablib.Dataset().load(uploaded.read(), format="xlsx")
    except Exception as exc:  # a damaged or renamed file: openpyxl raises many kinds
        raise ApplicationError("อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ Excel (.xlsx) ตามแม่แบบ", field="file") from exc
    headers = [" ".join(str(h or "").split()) for h in (dataset.headers or [])]
    missing = [c for c in _columns(resource) if c not in headers]
    if missing:
        raise ApplicationError(
            "ไฟล์ไม่มีคอลัมน์: " + ", ".join(missing) + " (ดาวน์โหลดแม่แบบเพื่อดูหัวคอลัมน์)", field="file"
        )
    dataset.headers = headers
    # Drop rows left blank at the end of a sheet.
    keep = [row for row in dataset if any(v not in (None, "") for v in row)]
    clean = tablib.Dataset(*keep, headers=headers)
    if not len(clean):
        raise ApplicationError("ไฟล์ไม่มีข้อมูล", field="file")
    if len(clean) > MAX_ROWS:
        raise ApplicationError(f"นำเข้าได้ครั้งละไม่เกิน {MAX_ROWS:,} แถว", field="file")
    return clean


def _row_errors(result, resource) -> list[str]:
    labels = {f.attribute: f.column_name for f in resource.get_import_fields()}
    errors = []
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append((number, _message(error.error)))
    for invalid in result.invalid_rows:
        for name, messages in invalid.error_dict.items():
            label = labels.get(name, "")
            for message in messages:
                errors.append((invalid.number, f"{label}: {message}" if label else message))
    for error in result.base_errors:
        errors.append((0, _message(error.error)))
    # Excel's row numbers: the heading is row 1.
    return [f"แถวที่ {n + 1}: {m}" if n else m for n, m in sorted(errors, key=lambda e: e[0])]


def run_import(
    *, actor, resource_class, uploaded, agency, action: str, edit_action: str, check_only: bool = False
) -> ImportOutcome:
    require(actor, edit_action)
    resource = resource_class(actor=actor, agency=agency)
    dataset = read_dataset(uploaded, resource)
    dry = resource.import_data(dataset, dry_run=True, raise_errors=False, use_transactions=True)
    errors = _row_errors(dry, resource)
    if errors or check_only:
        return ImportOutcome(len(dataset), False, errors)
    with transaction.atomic():
        result = resource_class(actor=actor, agency=agency).import_data(
            dataset, dry_run=False, raise_errors=True, use_transactions=True
        )
        if result.has_errors() or result.has_validation_errors():
            raise ApplicationError("นำเข้าไม่สำเร็จ กรุณาตรวจไฟล์อีกครั้ง", field="file")
        audit_record(
            actor=actor,
            action=action,
            unit=agency,
            object_type="import",
            object_label=getattr(uploaded, "name", "")[:200],
            new={"rows": len(dataset), "file": getattr(uploaded, "name", "")},
        )
    return ImportOutcome(len(dataset), True, [])


def template_bytes(resource_class, agency) -> bytes:
    resource = resource_class(actor=None, agency=agency)
    workbook = new_workbook("ข้อมูล")
    write_table(
        workbook.active,
        _columns(resource),
        [resource_class.EXAMPLE],
        [max(14, len(c) * 1.6) for c in _columns(resource)],
        thai_digits=False,
    )
    return workbook_bytes(workbook)
