"""Project and plan text never reaches a procurement workbook or CSV file as a formula."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from procurement.documents import plan_xlsx
from procurement.models import Project
from procurement.opendata import export_csv
from procurement.services import planning

pytestmark = pytest.mark.django_db

MALICIOUS = "=HYPERLINK(\"http://evil.example/\",\"ราคากลาง\")"


def test_a_plan_item_that_looks_like_a_formula_is_text_in_the_workbook(officer, finance):
    plan = planning.plan_create(actor=officer, unit=finance, fiscal_year=2569)
    planning.plan_item_add(actor=officer, plan=plan, title=MALICIOUS, budget=Decimal(350000),
                           method="specific", planned_month=1)
    ws = load_workbook(io.BytesIO(plan_xlsx(plan))).active
    cell = ws["B4"]
    assert cell.value == MALICIOUS and cell.data_type == "s" and cell.quotePrefix


def test_a_project_title_that_looks_like_a_formula_is_neutralised_in_the_csv(recorded):
    recorded("award")
    Project.objects.update(title="@SUM(1+1)*cmd|' /C calc'!A0")
    rows = list(csv.reader(io.StringIO(export_csv(Project.objects.all()).decode("utf-8-sig"))))
    title = rows[0].index("ชื่อโครงการ")
    assert rows[1][title] == "'@SUM(1+1)*cmd|' /C calc'!A0"
