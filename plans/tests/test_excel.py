import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from audit.models import AuditEvent
from plans.excel import ACTIVITY_SHEET, INDICATOR_SHEET, plan_import_xlsx, plan_to_xlsx
from plans.models import Indicator
from plans.selectors import plan_with_tree

pytestmark = pytest.mark.django_db


def _export(plan):
    return load_workbook(io.BytesIO(plan_to_xlsx(plan_with_tree(plan.pk))))


def _save(wb) -> io.BytesIO:
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _row_of(ws, indicator_id):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == indicator_id:
            return row
    raise AssertionError(indicator_id)


def test_export_lists_every_indicator_and_activity_with_thai_labels(plan):
    wb = _export(plan)
    ws = wb[INDICATOR_SHEET]
    total = Indicator.objects.filter(activity__measure__policy__plan=plan).count()
    assert ws.max_row - 1 == total
    kinds = {r[7].value for r in ws.iter_rows(min_row=2)}
    assert kinds <= set(Indicator.Kind.labels)
    assert wb[ACTIVITY_SHEET].max_row > 1


def test_round_trip_applies_an_edited_target_and_audits_it(plan):
    indicator = Indicator.objects.filter(activity__measure__policy__plan=plan, kind="percent").first()
    wb = _export(plan)
    row = _row_of(wb[INDICATOR_SHEET], indicator.pk)
    row[9].value = 95
    result = plan_import_xlsx(actor=None, plan=plan, fileobj=_save(wb))
    assert result.ok, result.errors
    assert result.changed == 1
    indicator.refresh_from_db()
    assert indicator.value == Decimal("95")
    assert AuditEvent.objects.filter(action="indicator.update", object_id=str(indicator.pk)).exists()
    assert AuditEvent.objects.filter(action="plan.import").exists()


def test_unchanged_file_changes_nothing(plan):
    result = plan_import_xlsx(actor=None, plan=plan, fileobj=_save(_export(plan)))
    assert result.ok and result.changed == 0


def test_bad_rows_are_reported_per_row_and_nothing_is_applied(plan):
    first, second = Indicator.objects.filter(activity__measure__policy__plan=plan).order_by("id")[:2]
    wb = _export(plan)
    ws = wb[INDICATOR_SHEET]
    good = _row_of(ws, first.pk)
    good[6].value = "ข้อความที่แก้แล้ว"
    bad = _row_of(ws, second.pk)
    bad[7].value = "ชนิดที่ไม่มี"
    bad[9].value = "แปดสิบ"
    result = plan_import_xlsx(actor=None, plan=plan, fileobj=_save(wb))
    assert not result.ok
    rows = {(sheet, row) for sheet, row, _ in result.errors}
    assert rows == {(INDICATOR_SHEET, bad[0].row)}
    messages = " ".join(m for *_, m in result.errors)
    assert "ไม่รู้จักค่า 'ชนิดที่ไม่มี'" in messages and "ไม่ใช่ตัวเลข" in messages
    first.refresh_from_db()
    assert first.text != "ข้อความที่แก้แล้ว"
    assert not AuditEvent.objects.filter(action__in=["indicator.update", "plan.import"]).exists()


def test_a_new_row_with_an_activity_id_adds_an_indicator(plan):
    wb = _export(plan)
    ws = wb[INDICATOR_SHEET]
    activity_id = ws.cell(row=2, column=2).value
    ws.append([None, activity_id, None, None, None, "๙.", "จำนวนช่องทางใหม่", "จำนวน", "ไม่น้อยกว่า", 2, "ช่องทาง",
               "ต่อปีงบประมาณ", None, "ระดับกรม", None, None])
    result = plan_import_xlsx(actor=None, plan=plan, fileobj=_save(wb))
    assert result.ok, result.errors
    assert Indicator.objects.filter(activity_id=activity_id, text="จำนวนช่องทางใหม่", value=2).exists()


def test_a_file_that_is_not_a_workbook_is_refused(plan):
    result = plan_import_xlsx(actor=None, plan=plan, fileobj=io.BytesIO(b"PK\x03\x04 not really"))
    assert not result.ok and "เปิดไฟล์ไม่ได้" in result.errors[0][2]
