import io
import zipfile
from xml.etree import ElementTree

import pytest
from docx import Document
from openpyxl import load_workbook

from procurement.analysis import year_figures
from procurement.charts import figures_charts
from procurement.documents import analysis_docx, analysis_xlsx, plan_xlsx
from procurement.models import Project
from procurement.services import planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(recorded, make_user, agency):
    from accounts.models import Role

    recorded("award")
    recorded("announced", bids=())
    hq = make_user("buyer.hq", "cpd-finance", (Role.PROCUREMENT_OFFICER, None))  # the department's review
    review = planning.review_save(actor=hq, unit=agency, fiscal_year=2568, risks="ราคาชิดราคากลาง",
                                  recommendations="เปิดเผยราคากลางพร้อมประกาศ")
    return year_figures(Project.objects.all(), 2568), review


def test_figures_by_method(year):
    figures, _ = year
    row = figures.rows[0]
    assert (row.count, row.done, figures.in_progress) == (2, 1, 1)
    assert str(row.saving_budget) == "150000.00" and str(row.saving_reference) == "50000.00"
    assert row.count_share == 100 and str(row.saving_budget_pct) == "7.50"


def test_word_report_is_thai_with_table_charts_and_texts(year, agency):
    figures, review = year
    doc = Document(io.BytesIO(analysis_docx(unit_name=agency.name, figures=figures, review=review,
                                                   thai_digits=False)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "รายงานการวิเคราะห์ผลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2568 กรมส่งเสริมสหกรณ์" in text
    assert "ราคาชิดราคากลาง" in text and "เปิดเผยราคากลางพร้อมประกาศ" in text
    cells = [c.text for c in doc.tables[0].rows[1].cells]
    assert cells[0] == "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" and cells[1] == "2"
    assert len(doc.inline_shapes) == 3  # the three charts, as PNG


def test_excel_report_has_numbers_chart_and_projects(year, agency):
    figures, review = year
    wb = load_workbook(io.BytesIO(analysis_xlsx(unit_name=agency.name, figures=figures, review=review,
                                                projects=list(Project.objects.all()))))
    assert wb.sheetnames == ["สรุปตามวิธี", "รายโครงการ", "ผู้ซื้อเอกสาร ผู้ยื่นข้อเสนอ", "ข้อวิเคราะห์"]
    roles = [row[4] for row in wb["ผู้ซื้อเอกสาร ผู้ยื่นข้อเสนอ"].iter_rows(min_row=2, values_only=True)]
    assert roles.count("ผู้ซื้อหรือรับเอกสาร") == 2 and roles.count("ผู้ยื่นข้อเสนอ") == 2
    assert roles.count("ผู้ได้รับการคัดเลือก") == 1
    summary = wb["สรุปตามวิธี"]
    assert summary["A4"].value == "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" and summary["H4"].value == 150000
    assert len(summary._charts) == 1
    assert wb["รายโครงการ"].max_row == 3


def test_svg_charts_are_well_formed_and_need_no_styles(year):
    figures, _ = year
    for chart in figures_charts(figures).values():
        root = ElementTree.fromstring(chart.svg())
        assert root.tag.endswith("svg")
        assert "style" not in chart.svg()  # presentation attributes only: the CSP forbids inline styles


def test_plan_workbook(officer, finance):
    from decimal import Decimal

    plan = planning.plan_create(actor=officer, unit=finance, fiscal_year=2569)
    planning.plan_item_add(actor=officer, plan=plan, title="ซื้อครุภัณฑ์", budget=Decimal("350000"),
                           method="specific", planned_month=1)
    data = plan_xlsx(plan, thai_digits=False)
    assert zipfile.is_zipfile(io.BytesIO(data))
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["B4"].value == "ซื้อครุภัณฑ์" and ws["G4"].value == "มกราคม"
