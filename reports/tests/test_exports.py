import datetime
import io
import shutil
import subprocess

import pytest
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from core.documents.xlsx import BE_DATE_FORMAT
from core.thai import format_be
from reports import exports, services
from reports.exports.memo import memo_for
from reports.models import CompiledSummary
from reports.tests.conftest import set_agency_digits

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("arabic_documents")]


def docx_text(content: bytes) -> tuple[Document, str]:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return doc, "\n".join(parts)


def test_compiled_docx_is_the_form_layout_in_thai(reported_round, people):
    services.round_compile(actor=people["admin"], round_=reported_round)
    doc, text = docx_text(exports.compiled_export(reported_round, people["admin"], "docx").content)
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert "สรุปผลการดำเนินงานตามแผนงาน/กิจกรรม/โครงการ" in text
    assert "กำหนดส่งภายในวันที่ 4 เมษายน 2560" in text
    assert "นโยบายด้านความโปร่งใส" in text and "ชื่อแผนงาน/โครงการ/กิจกรรม: ทุกหน่วยงานทบทวนกระบวนการงาน" in text
    assert "1. ประชุมชี้แจงแนวทางการทบทวนกระบวนงาน" in text and "ต.ค. 2559 - มี.ค. 2560" in text
    assert "หน่วยงาน สำนักงานสหกรณ์จังหวัดเชียงใหม่ · ข้อมูล ณ 31 มีนาคม 2560" in text
    assert "ไฟล์: คู่มือกระบวนงาน (คู่มือ.pdf)" in text
    assert "ยังไม่ส่ง (1 หน่วยงาน): กกจ." in text
    form_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "วิธีดำเนินการ")
    assert [c.text for c in form_table.rows[0].cells] == [
        "วิธีดำเนินการ",
        "ช่วงเวลาดำเนินการ",
        "ผลการดำเนินงาน",
        "คำอธิบายรายละเอียดเอกสาร/หลักฐาน",
    ]
    assert form_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:cs")) == "Sarabun"
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_thai_digits_option(reported_round, people):
    services.round_compile(actor=people["admin"], round_=reported_round)
    set_agency_digits(True)  # the agency's setting, read by every document
    _, text = docx_text(exports.compiled_export(reported_round, people["admin"], "docx").content)
    assert "กำหนดส่งภายในวันที่ ๔ เมษายน ๒๕๖๐" in text and "ข้อมูล ณ ๓๑ มีนาคม ๒๕๖๐" in text
    book = load_workbook(io.BytesIO(exports.compiled_export(reported_round, people["admin"], "xlsx").content))
    assert book["สรุป"]["B3"].number_format.startswith("[$-D07041E]")


def test_compiled_xlsx_has_a_summary_and_a_sheet_per_policy_with_be_dates(reported_round, people):
    content = exports.compiled_export(reported_round, people["admin"], "xlsx").content
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["สรุป", "1. ความโปร่งใส", "2. วัฒนธรรมคุณธรรมในองค์กร"]
    sheet = book["1. ความโปร่งใส"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["มาตรการ/แนวทางปฏิบัติ", "ชื่อแผนงาน/โครงการ/กิจกรรม", "หน่วยงาน"]
    lines = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    chiang_mai = next(line for line in lines if line[2] == "สำนักงานสหกรณ์จังหวัดเชียงใหม่")
    assert chiang_mai[3] == "รายงานหน่วยงาน"
    assert chiang_mai[9] == "ประชุมชี้แจงแนวทางการทบทวนกระบวนงาน"
    as_of_cell = next(
        row for row in sheet.iter_rows(min_row=2) if row[2].value == "สำนักงานสหกรณ์จังหวัดเชียงใหม่"
    )[7]
    assert (
        as_of_cell.value.date() == datetime.date(2017, 3, 31) and as_of_cell.number_format == BE_DATE_FORMAT
    )
    # host summary (not sent) + three units: Chiang Mai and Krabi with a row each, HR unsent
    assert len(lines) == 4
    summary = book["สรุป"]
    values = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert "รายงานที่หน่วยงานต้องส่ง" in values and "กองการเจ้าหน้าที่" in values


def test_policy_sheets_are_named_at_thai_word_boundaries(reported_round, people):
    from plans.models import Policy

    plan = reported_round.plan
    Policy.objects.filter(plan=plan, number=1).update(title="นโยบายด้านความปลอดภัยจากการทุจริตในการปฏิบัติงาน")
    Policy.objects.filter(plan=plan, number=2).update(title="นโยบายด้านการสื่อสารภายในหน่วยงานและการประเมิน")
    book = load_workbook(io.BytesIO(exports.compiled_export(reported_round, people["admin"], "xlsx").content))
    # Whole words only, and no dangling "ในการ"/"และ" left at the end of a cut name.
    assert book.sheetnames == ["สรุป", "1. ความปลอดภัยจากการทุจริต", "2. การสื่อสารภายในหน่วยงาน"]


def _render_first_page(pdf: bytes, tmp_path) -> Image.Image:
    source = tmp_path / "out.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Image.open(next(tmp_path.glob("page*.png")))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_compiled_pdf_renders_landscape_pages(reported_round, people, tmp_path):
    pdf = exports.compiled_export(reported_round, people["admin"], "pdf").content
    assert pdf.startswith(b"%PDF")
    page = _render_first_page(pdf, tmp_path)
    assert page.width > page.height  # landscape
    assert page.convert("L").getextrema()[0] < 100  # there is dark text on the page


def test_single_report_exports_in_the_form_layout(reported_round, people, tmp_path):
    from reports.tests.conftest import report_of

    report = report_of(reported_round, "cpd-prov-13")
    _, text = docx_text(exports.report_export(report, "docx").content)
    assert "แบบรายงานผลการดำเนินงาน ภายใต้นโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของกรมส่งเสริมสหกรณ์" in text
    assert "หน่วยงาน สำนักงานสหกรณ์จังหวัดเชียงใหม่" in text
    assert "ข้อมูล ณ วันที่ 31 เดือน มีนาคม พ.ศ. 2560" in text
    assert "นโยบายด้านความโปร่งใส" in text
    assert exports.report_export(report, "pdf").content.startswith(b"%PDF")


def test_cover_memo_carries_the_typed_number_and_date(reported_round, people):
    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    services.summary_update(
        actor=people["admin"],
        summary=summary,
        memo_ref_no="กษ 1113/250",
        memo_date=datetime.date(2017, 4, 20),
        memo_signer_name="นางวันดา ทดลองใช้",
        memo_signer_position="ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร",
    )
    summary = CompiledSummary.objects.get(pk=summary.pk)
    _, text = docx_text(exports.memo_export(summary, "docx").content)
    assert "กษ 1113/250" in text and "20 เมษายน 2560" in text and "(นางวันดา ทดลองใช้)" in text
    assert "บันทึกข้อความ" in text and "เรียน" in text
    assert exports.memo_export(summary, "pdf").content.startswith(b"%PDF")


def test_cover_memo_never_fills_in_today_for_an_empty_date(reported_round, people):
    from core.documents.memo import memo_html

    summary = services.round_compile(actor=people["admin"], round_=reported_round)
    summary = CompiledSummary.objects.get(pk=summary.pk)
    assert not summary.memo_ref_no and summary.memo_date is None
    _, text = docx_text(exports.memo_export(summary, "docx").content)
    today = timezone.localdate()
    assert format_be(today) not in text and format_be(today, thai_digits=True) not in text
    assert "ที่ \t วันที่ \t" in text.split("\n")
    html = memo_html(memo_for(summary))
    assert '<span class="memo-label">วันที่</span>\n<span class="memo-value">&nbsp;</span>' in html
    assert exports.memo_export(summary, "pdf").content.startswith(b"%PDF")


def test_policy_sheets_print_landscape_one_page_wide_with_the_header_on_every_page(reported_round, people):
    content = exports.compiled_export(reported_round, people["admin"], "xlsx").content
    book = load_workbook(io.BytesIO(content))
    for name in book.sheetnames[1:]:
        sheet = book[name]
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # as many pages down as the rows need
        assert sheet.print_title_rows == "$1:$1"
        margins = sheet.page_margins
        assert margins.left <= 0.5 and margins.right <= 0.5 and margins.top <= 0.75 and margins.bottom <= 0.75
    assert book["สรุป"].sheet_properties.pageSetUpPr.fitToPage


def _numbered_units():
    from org.models import Unit

    Unit.objects.filter(code="cpd-hr").update(
        abbreviation="สสพ. 1", name="สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร พื้นที่ 1"
    )
    Unit.objects.filter(code="cpd-prov-01").update(
        abbreviation="สสพ. 2", name="สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร พื้นที่ 2"
    )


def test_thai_digits_reach_unit_names_in_every_export(reported_round, people):
    from reports.exports import html
    from reports.exports.common import Writer

    _numbered_units()
    services.round_compile(actor=people["admin"], round_=reported_round)
    set_agency_digits(True)  # the agency's setting, read by every document

    _, text = docx_text(exports.compiled_export(reported_round, people["admin"], "docx").content)
    assert "สสพ. ๑ (๑)" in text and "สสพ. ๒ (๑)" in text
    assert not [line for line in text.split("\n") if any(ch.isascii() and ch.isdigit() for ch in line)]

    compiled, summary_text, thai_digits = exports.compiled_inputs(reported_round, people["admin"])
    front = html.front_html(compiled, summary_text, Writer(thai_digits))
    assert "สสพ. ๑ (๑)" in front and "สสพ. 1" not in front

    book = load_workbook(io.BytesIO(exports.compiled_export(reported_round, people["admin"], "xlsx").content))
    texts = [c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "สำนักงานส่งเสริมสหกรณ์กรุงเทพมหานคร พื้นที่ ๑" in texts
    assert book.sheetnames[1:] == ["๑. ความโปร่งใส", "๒. วัฒนธรรมคุณธรรมในองค์กร"]
    assert not [t for t in texts if any(ch.isascii() and ch.isdigit() for ch in t)]
    # Counts stay numbers (they sort and add up); their format shows them in Thai digits.
    counts = [c for ws in book for row in ws.iter_rows() for c in row if type(c.value) is int]
    assert counts and all(c.number_format.startswith("[$-D00041E]") for c in counts)


def _text(paragraph) -> str:
    # Field results sit inside w:fldSimple, which python-docx's paragraph.text skips.
    return "".join(t.text for t in paragraph._p.iter(qn("w:t")))


def test_docx_footer_numbers_pages_of_the_total(reported_round, people):
    services.round_compile(actor=people["admin"], round_=reported_round)
    doc, _ = docx_text(exports.compiled_export(reported_round, people["admin"], "docx").content)
    footer = doc.sections[0].footer.paragraphs[0]
    fields = [f.get(qn("w:instr")).split() for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == [["PAGE"], ["NUMPAGES"]] and _text(footer) == "หน้า 1 / 1"

    set_agency_digits(True)  # the agency's setting, read by every document
    doc, _ = docx_text(exports.compiled_export(reported_round, people["admin"], "docx").content)
    footer = doc.sections[0].footer.paragraphs[0]
    fields = [f.get(qn("w:instr")).split() for f in footer._p.iter(qn("w:fldSimple"))]
    assert [[part.casefold() for part in f] for f in fields] == [
        ["page", "\\*", "thaiarabic"],
        ["numpages", "\\*", "thaiarabic"],
    ]
    # LibreOffice turns that exact spelling into Thai letters.
    assert all(f[-1] != "ThaiArabic" for f in fields)
    assert _text(footer) == "หน้า ๑ / ๑"
