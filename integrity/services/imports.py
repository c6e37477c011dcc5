"""Running a register's spreadsheet import (core.sheets.run): every row is checked first (a dry run through
the services, rolled back), errors are reported per cell in Thai ("แถวที่ N: …", N as Excel numbers the
rows), and only a file without errors is saved — all rows or none — with one audit entry for the import."""

from __future__ import annotations

from accounts.policy import require
from audit.services import audit_record
from core import sheets
from core.errors import ApplicationError


def run_import(
    *, actor, sheet: sheets.Sheet, uploaded, agency, action: str, edit_action: str, check_only: bool = False
) -> sheets.Outcome:
    require(actor, edit_action)
    name = getattr(uploaded, "name", "") or ""
    # Named first, before the bytes are looked at: a CSV saved from Excel is the usual mistake here.
    if not name.lower().endswith(".xlsx"):
        raise ApplicationError("กรุณาใช้ไฟล์ Excel (.xlsx) ตามแม่แบบ", field="file")
    return sheets.run(
        sheet, uploaded, context=sheets.Context(actor=actor, agency=agency), dry_run=check_only,
        audit=lambda rows: audit_record(actor=actor, action=action, unit=agency, object_type="import",
                                        object_label=name[:200], new={"rows": rows, "file": name}),
    )


def template_bytes(sheet: sheets.Sheet) -> bytes:
    """The register's sheet with its example row."""
    return sheets.template_xlsx(sheet, [sheet.example])
