"""Word and Excel versions of the analysis and of the annual plan, in Thai.

Digits follow the agency's setting (`thai_digits`, passed in by the views from
org.selectors.agency_thai_digits): the Word text and every Excel text cell in Thai or Arabic digits, Excel
numbers and dates kept as values with a Thai-digit display format. Identifiers (ocid, juristic-person
numbers) stay as published, since they are looked up elsewhere. The chart images keep Arabic digits."""

from __future__ import annotations

import io
from decimal import Decimal

from docx.shared import Cm
from openpyxl.chart import BarChart as XlBarChart
from openpyxl.chart import Reference
from openpyxl.styles import Font

from core.documents.docx import add_table, add_thai_paragraph, document_bytes, new_document
from core.documents.xlsx import FONT_NAME, new_workbook, workbook_bytes, write_table
from core.thai import THAI_MONTHS, fiscal_year_label, to_arabic_digits, to_thai_digits
from procurement.analysis import YearFigures
from procurement.charts import figures_charts, money
from procurement.models import ProcurementPlan, Project, YearReview

REVIEW_SECTIONS = [
    ("risks", "การวิเคราะห์ความเสี่ยง"),
    ("obstacles", "การวิเคราะห์ปัญหา อุปสรรค และข้อจำกัด"),
    ("savings", "การวิเคราะห์ความสามารถในการประหยัดงบประมาณ"),
    ("recommendations", "ข้อเสนอแนะหรือแนวทางการปรับปรุงกระบวนการจัดซื้อจัดจ้าง"),
]
TABLE_HEADERS = ["วิธีจัดซื้อจัดจ้าง", "จำนวนโครงการ", "แล้วเสร็จ", "ร้อยละของจำนวน (แล้วเสร็จ)",
                 "วงเงินงบประมาณ (แล้วเสร็จ)", "ร้อยละของวงเงิน", "ราคาที่ตกลง", "ประหยัดเทียบงบประมาณ",
                 "ประหยัดเทียบราคากลาง"]


def _pct(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def table_rows(figures: YearFigures) -> list[list[str]]:
    rows = []
    for r in [*figures.rows, figures.total]:
        rows.append([
            r.label, f"{r.count:,}", f"{r.done:,}", _pct(r.count_share), money(r.done_budget),
            _pct(r.budget_share), money(r.award), f"{money(r.saving_budget)} ({_pct(r.saving_budget_pct)}%)",
            f"{money(r.saving_reference)} ({_pct(r.saving_reference_pct)}%)",
        ])
    return rows


def analysis_title(unit_name: str, fiscal_year: int) -> str:
    return f"รายงานการวิเคราะห์ผลการจัดซื้อจัดจ้าง {fiscal_year_label(fiscal_year)} {unit_name}"


def _digits(thai_digits: bool):
    return to_thai_digits if thai_digits else to_arabic_digits


def analysis_docx(*, unit_name: str, figures: YearFigures, review: YearReview | None,
                  thai_digits: bool = True) -> bytes:
    t = _digits(thai_digits)
    doc = new_document(landscape=True)
    add_thai_paragraph(doc, t(analysis_title(unit_name, figures.fiscal_year)), bold=True, size_pt=16,
                       align="center", space_after_pt=6)
    add_thai_paragraph(doc, t("1. สรุปผลการจัดซื้อจัดจ้าง"), bold=True, space_before_pt=6)
    total = figures.total
    add_thai_paragraph(
        doc, t(f"โครงการทั้งหมด {total.count:,} โครงการ วงเงินงบประมาณรวม {money(total.budget)} บาท "
               f"ดำเนินการแล้วเสร็จ {total.done:,} โครงการ (ร้อยละ {_pct(total.completion_pct)}) "
               f"อยู่ระหว่างดำเนินการ {figures.in_progress:,} โครงการ ยกเลิกหรือไม่มีผู้ได้รับการคัดเลือก "
               f"{figures.stopped:,} โครงการ"), indent_first_cm=1.25)
    add_table(doc, TABLE_HEADERS, table_rows(figures), [4.2, 1.9, 1.7, 2.1, 3.3, 1.9, 3.1, 3.6, 3.6],
              size_pt=10,
              col_align=[None, "right", "right", "right", "right", "right", "right", "right", "right"],
              thai_digits=thai_digits)
    add_thai_paragraph(doc, t("2. แผนภูมิ"), bold=True, space_before_pt=10)
    for chart in figures_charts(figures).values():
        doc.add_picture(io.BytesIO(chart.png()), width=Cm(17))
    for index, (field, heading) in enumerate(REVIEW_SECTIONS, start=3):
        add_thai_paragraph(doc, t(f"{index}. {heading}"), bold=True, space_before_pt=10)
        text = getattr(review, field, "") if review else ""
        for line in (text or "ยังไม่ได้บันทึก").splitlines():
            add_thai_paragraph(doc, to_thai_digits(line) if thai_digits else line, indent_first_cm=1.25)
    return document_bytes(doc)


def analysis_xlsx(*, unit_name: str, figures: YearFigures, review: YearReview | None,
                  projects: list[Project], thai_digits: bool = True) -> bytes:
    wb = new_workbook("สรุปตามวิธี")
    ws = wb.active
    ws["A1"] = to_thai_digits(analysis_title(unit_name, figures.fiscal_year)) if thai_digits else \
        analysis_title(unit_name, figures.fiscal_year)
    numbers = []
    for r in [*figures.rows, figures.total]:
        numbers.append([r.label, r.count, r.done, r.count_share, r.done_budget, r.budget_share, r.award,
                        r.saving_budget, r.saving_budget_pct, r.saving_reference, r.saving_reference_pct])
    headers = ["วิธีจัดซื้อจัดจ้าง", "จำนวนโครงการ", "แล้วเสร็จ", "ร้อยละของจำนวน (แล้วเสร็จ)",
               "วงเงินงบประมาณ (แล้วเสร็จ)", "ร้อยละของวงเงิน", "ราคาที่ตกลง", "ประหยัดเทียบงบประมาณ (บาท)",
               "ร้อยละที่ประหยัด", "ประหยัดเทียบราคากลาง (บาท)", "ร้อยละที่ประหยัด (ราคากลาง)"]
    ws["A1"].font = Font(name=FONT_NAME, size=14, bold=True)
    last = write_table(ws, headers, numbers, [30, 12, 10, 14, 20, 12, 20, 20, 12, 20, 14], start_row=3,
                       thai_digits=thai_digits)
    ws.row_dimensions[3].height = 48  # wrapped Thai headers need two or three lines
    if figures.rows:
        chart = XlBarChart()
        chart.type = "bar"
        chart.title = "ร้อยละของวงเงินงบประมาณที่ดำเนินการแล้วเสร็จ จำแนกตามวิธี"
        chart.y_axis.title = "ร้อยละ"
        chart.add_data(Reference(ws, min_col=6, min_row=3, max_row=last - 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=last - 1))
        chart.height, chart.width = 9, 20
        ws.add_chart(chart, f"A{last + 3}")
    detail = wb.create_sheet("รายโครงการ")
    write_table(detail, ["ocid", "ชื่อโครงการ", "หน่วยงาน", "วิธี", "สถานะ", "วงเงินงบประมาณ", "ราคากลาง",
                         "ราคาที่ตกลง", "วันที่ประกาศ", "วันที่ประกาศผล", "ผู้ได้รับการคัดเลือก"],
                [[p.ocid, p.title, p.unit.name, p.method_label, p.get_status_display(), p.budget,
                  p.reference_price, p.award_amount, p.announced_on, p.awarded_on, p.winner_names]
                 for p in projects],
                [22, 50, 30, 26, 22, 16, 16, 16, 18, 18, 34], thai_digits=thai_digits, plain_columns=[1])
    people = wb.create_sheet("ผู้ซื้อเอกสาร ผู้ยื่นข้อเสนอ")
    write_table(people, ["ocid", "ชื่อโครงการ", "ผู้ประกอบการ", "เลขทะเบียน", "ฐานะ", "ราคาที่เสนอ", "ผลการพิจารณา"],
                participant_rows(projects), [22, 45, 40, 16, 22, 16, 20], thai_digits=thai_digits,
                plain_columns=[1, 4])
    texts = wb.create_sheet("ข้อวิเคราะห์")
    write_table(texts, ["หัวข้อ", "ข้อความ"],
                [[heading, (getattr(review, field, "") if review else "") or "ยังไม่ได้บันทึก"]
                 for field, heading in REVIEW_SECTIONS], [40, 110], autofilter=False, thai_digits=thai_digits)
    return workbook_bytes(wb)


def participant_rows(projects: list[Project]) -> list[list]:
    """The plan's list of document buyers, bidders and winners of the year, one row per supplier and role."""
    rows = []
    for p in projects:
        for d in p.document_buyers.select_related("supplier"):
            rows.append([p.ocid, p.title, d.supplier.name, d.supplier.juristic_id, "ผู้ซื้อหรือรับเอกสาร",
                         None, ""])
        for b in p.bids.select_related("supplier"):
            rows.append([p.ocid, p.title, b.supplier.name, b.supplier.juristic_id, "ผู้ยื่นข้อเสนอ", b.amount,
                         b.get_status_display()])
        if p.winner_id:
            rows.append([p.ocid, p.title, p.winner.name, p.winner.juristic_id, "ผู้ได้รับการคัดเลือก",
                         p.award_amount, p.get_status_display()])
    return rows


def plan_xlsx(plan: ProcurementPlan, *, thai_digits: bool = True) -> bytes:
    wb = new_workbook("แผนจัดซื้อจัดจ้าง")
    ws = wb.active
    ws["A1"] = to_thai_digits(plan.title) if thai_digits else plan.title
    ws["A1"].font = Font(name=FONT_NAME, size=14, bold=True)
    write_table(ws, ["ลำดับ", "รายการ", "ประเภท", "วงเงินงบประมาณ (บาท)", "แหล่งเงิน", "วิธีจัดซื้อจัดจ้าง",
                     "คาดว่าจะประกาศ", "หมายเหตุ"],
                [[i.number, i.title, i.get_category_display(), i.budget, i.budget_source,
                  i.get_method_display(), THAI_MONTHS[i.planned_month - 1], i.note]
                 for i in plan.items.all()],
                [8, 50, 16, 18, 24, 30, 16, 30], start_row=3, thai_digits=thai_digits)
    return workbook_bytes(wb)
