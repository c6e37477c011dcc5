"""The reports the plan requires (measure ๔.๓): a monthly progress report to the Director-General and a
quarterly summary to the executive committee, each as Word (with the cover memo), PDF and Excel; the annual
statistics for ITA; the record of the yearly review.

Reports carry case numbers, never who complained; a confidential report shows only that it exists.

Every file, the memo and its attachments alike, writes numbers as the agency's one setting says (Thai digits
by default, org.selectors.agency_thai_digits); the Excel file keeps numbers and dates as real values with a
Thai-digit display format, and case numbers as typed so they can be searched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from docx.enum.section import WD_SECTION

from complaints.models import Case, Channel
from complaints.selectors import PeriodStats, period_stats, report_rows, standards_now
from core.documents.docx import (
    add_table,
    add_thai_paragraph,
    cell_text,
    document_bytes,
    new_document,
    set_page,
)
from core.documents.memo import Memo, memo_document, memo_pdf
from core.documents.pdf import THAI_PAGE_NUMBERS_CSS, render_pdf
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.thai import (
    ce_year,
    fiscal_year_bounds,
    fiscal_year_label,
    format_be,
    format_be_datetime,
    month_name,
    to_thai_digits,
)
from org.selectors import AgencyMemo, agency_memo, agency_thai_digits

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CONTENT_TYPES = {"docx": DOCX, "xlsx": XLSX, "pdf": PDF}
# The memo number (ที่) is given by the registry after signing, so the field stays blank for the pen. A
# zero-width space keeps it non-empty: WeasyPrint misplaces the dotted line of an empty memo field.
REF_TO_FILL = "\u200b"
REPORT_CSS = """
.sub { color: #333; margin-bottom: 8pt; }
.rows td, .rows th { font-size: 9.5pt; }
.note { font-size: 9pt; color: #444; margin-top: 10pt; }
"""


@dataclass
class ReportSpec:
    kind: str  # monthly | quarterly | ita
    start: dt.date
    end: dt.date
    title: str
    period_label: str
    slug: str


def monthly(year_be: int, month: int) -> ReportSpec:
    start = dt.date(ce_year(year_be), month, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    label = f"ประจำเดือน{month_name(month)} พ.ศ. {year_be}"
    return ReportSpec("monthly", start, end, f"รายงานความก้าวหน้าผลการจัดการเรื่องร้องเรียน {label}", label,
                      f"complaints-monthly-{year_be}-{month:02d}")


def quarterly(fiscal_year: int, quarter: int) -> ReportSpec:
    first, _ = fiscal_year_bounds(fiscal_year)
    start_month = (first.month - 1 + (quarter - 1) * 3) % 12 + 1
    start = dt.date(first.year + (1 if start_month < first.month else 0), start_month, 1)
    end = (start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
    label = f"ไตรมาสที่ {quarter} {fiscal_year_label(fiscal_year)}"
    return ReportSpec("quarterly", start, end, f"สรุปผลรายงานการจัดการเรื่องร้องเรียน {label}", label,
                      f"complaints-quarter-{fiscal_year}-q{quarter}")


def ita_year(fiscal_year: int) -> ReportSpec:
    start, end = fiscal_year_bounds(fiscal_year)
    label = fiscal_year_label(fiscal_year)
    return ReportSpec("ita", start, end, f"สถิติเรื่องร้องเรียนประจำปี {label}", label,
                      f"complaints-statistics-{fiscal_year}")


@dataclass
class ReportData:
    spec: ReportSpec
    agency_name: str
    stats: PeriodStats
    rows: list[list]
    generated_at: dt.datetime
    thai_digits: bool = True
    # The agency's memo wording (addressees, signer's position, name), from its profile.
    memo: AgencyMemo | None = None

    def text(self, value) -> str:
        """A line of the document, in the agency's digits."""
        return to_thai_digits(value) if self.thai_digits else str(value)


ROW_HEADERS = ["เลขที่", "วันที่รับ", "ช่องทาง", "ประเภท", "เรื่อง", "หน่วยงานรับผิดชอบ", "สถานะ",
               "กำหนดแจ้งผล", "ผลตามมาตรฐาน"]


def _timeliness(case: Case, today: dt.date) -> str:
    if case.answered_at:
        return "ทันกำหนด" if timezone.localtime(case.answered_at).date() <= case.answer_due else "เกินกำหนด"
    return "เกินกำหนด (ค้าง)" if case.answer_due < today else "ยังไม่ครบกำหนด"


def _row(case: Case, today: dt.date) -> list:
    units = ", ".join(u.short_name for u in case.assigned_units.all()) or case.unit.short_name
    channel = "แจ้งเบาะแส" if case.channel == Channel.CORRUPTION else "บริการ"
    category = case.category.name if case.category_id else ""
    return [case.number, case.received_on, channel, category, case.public_subject(), units,
            case.get_status_display(), case.answer_due, _timeliness(case, today)]


def collect(spec: ReportSpec, *, agency, user) -> ReportData:
    stats = period_stats(agency=agency, start=spec.start, end=spec.end, user=user)
    today = timezone.localdate()
    rows = [] if spec.kind == "ita" else [_row(c, today) for c in report_rows(agency=agency, start=spec.start,
                                                                             end=spec.end, user=user)]
    memo = agency_memo(agency)
    return ReportData(spec, memo.agency_name, stats, rows, timezone.now(),
                      thai_digits=agency_thai_digits(agency), memo=memo)


def _n(value) -> str:
    return "—" if value is None else str(value)


def summary_rows(stats: PeriodStats) -> list[tuple[str, str]]:
    sat = stats.satisfaction
    rows = [("เรื่องที่รับในช่วงเวลา", str(stats.received))]
    rows += [(f"  - {label}", str(n)) for label, n in stats.by_channel.items()]
    rows += [
        ("แจ้งผลแก่ผู้ร้องแล้ว (ในช่วงเวลา)", str(stats.replied)),
        ("ยังไม่แจ้งผลทั้งที่พ้นกำหนด", str(stats.late_unanswered)),
        ("แจ้งผลทันตามมาตรฐาน", f"{stats.replied_in_time} จาก {stats.in_time_base} เรื่องที่ถึงกำหนด "
                                f"(ร้อยละ {_n(stats.in_time_percent)})"),
        ("ระยะเวลาเฉลี่ยจนแจ้งผล (วัน)", _n(stats.days_to_reply_mean)),
        ("ค่ามัธยฐานระยะเวลาจนแจ้งผล (วัน)", _n(stats.days_to_reply_median)),
        ("เรื่องที่ยังไม่ยุติ ณ วันจัดทำรายงาน", str(stats.open_now)),
        ("เรื่องที่เกินกำหนด ณ วันจัดทำรายงาน", str(stats.overdue_now)),
        ("ผู้ประเมินความพึงพอใจ", f"{sat.responses} ราย" if sat else "—"),
        ("ความพึงพอใจเฉลี่ย (ร้อยละ)", _n(sat.percent if sat else None)),
    ]
    return rows


def memo_for(data: ReportData, *, agency_line: str, signer=None) -> Memo:
    stats, spec = data.stats, data.spec
    sat = stats.satisfaction
    wording = data.memo or AgencyMemo(data.agency_name, f"อธิบดี{data.agency_name}",
                                      f"ประธานคณะกรรมการบริหาร{data.agency_name}",
                                      f"คณะกรรมการบริหาร{data.agency_name}", "", "")
    policy = f"ตามนโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของ{wording.agency_name} ข้อ ๑ (๔) การจัดการเรื่อง"
    if spec.kind == "monthly":
        opening = (policy + "ร้องเรียนเกี่ยวกับการให้บริการ กำหนดให้รายงานความก้าวหน้าผลการจัดการเรื่องร้องเรียน"
                   "ต่ออธิบดีทุกเดือน นั้น")
        addressee = wording.addressee
    else:
        opening = (policy + "ร้องเรียนเกี่ยวกับการให้บริการ กำหนดให้สรุปผลรายงานการจัดการเรื่องร้องเรียนเสนอต่อ"
                   "คณะกรรมการบริหารกรมทุกไตรมาส นั้น")
        addressee = wording.committee_addressee
    channels = " และ".join(f"{label} {n} เรื่อง" for label, n in stats.by_channel.items())
    body = (f"ในช่วง{spec.period_label} ({format_be(spec.start)} ถึง {format_be(spec.end)}) มีเรื่องเข้าสู่ระบบ "
            f"{stats.received} เรื่อง แยกเป็น{channels} แจ้งผลแก่ผู้ร้องแล้ว {stats.replied} เรื่อง ทันตามมาตรฐาน "
            f"{stats.replied_in_time} เรื่อง")
    if stats.late_unanswered:
        body += f" และยังไม่แจ้งผลทั้งที่พ้นกำหนดแล้ว {stats.late_unanswered} เรื่อง"
    if stats.in_time_percent is not None:
        # The rate's base includes the cases still unanswered past their deadline: say so, or the sentence
        # reads as a share of the answered cases alone.
        body += f" คิดเป็นร้อยละ {stats.in_time_percent} ของ {stats.in_time_base} เรื่องที่ถึงกำหนดแจ้งผล"
    body += f" ณ วันจัดทำรายงานมีเรื่องที่ยังไม่ยุติ {stats.open_now} เรื่อง เกินกำหนด {stats.overdue_now} เรื่อง"
    if sat and sat.responses:
        body += f" ผู้ร้องประเมินความพึงพอใจ {sat.responses} ราย เฉลี่ยร้อยละ {sat.percent}"
    closing = ("รายละเอียดตามรายงานที่แนบ ทั้งนี้ รายงานระบุเพียงเลขที่เรื่อง ไม่มีข้อมูลที่ระบุตัวผู้ร้องเรียน "
               "เพื่อคุ้มครองผู้ร้องเรียนและผู้แจ้งเบาะแส")
    return Memo(agency=agency_line, ref_no=REF_TO_FILL, date=timezone.localdate(), subject=spec.title,
                addressee=addressee, paragraphs=[opening, body, closing, "จึงเรียนมาเพื่อโปรดทราบ"],
                signer_name=signer.get_full_name() if signer else "",
                signer_position=wording.position_of(signer),
                thai_digits=data.thai_digits)


def _tables(data: ReportData) -> list[tuple[str, list[str], list[list], list[float]]]:
    stats = data.stats
    tables = [
        ("สรุปผล", ["รายการ", "จำนวน"], [list(r) for r in summary_rows(stats)], [10.0, 6.0]),
        ("จำแนกตามประเภทเรื่อง", ["ช่องทาง", "ประเภท", "จำนวน"], [list(r) for r in stats.by_category],
         [5.0, 8.0, 3.0]),
        ("จำแนกตามช่องทางที่รับ", ["ช่องทางที่รับ", "จำนวน"], [[k, v] for k, v in stats.by_source.items()],
         [10.0, 6.0]),
        ("จำแนกตามผลการดำเนินการ (สถานะปัจจุบัน)", ["สถานะ", "จำนวน"],
         [[k, v] for k, v in stats.by_status.items()], [10.0, 6.0]),
    ]
    if data.spec.kind != "monthly":
        tables.append(("รายเดือน", ["เดือน", "รับเรื่อง", "แจ้งผล"],
                       [list(row) for row in stats.by_month],
                       [8.0, 4.0, 4.0]))
    return tables


def _subtitle(data: ReportData, *, period: bool = False) -> str:
    when = f" · ช่วงเวลา {format_be(data.spec.start)} ถึง {format_be(data.spec.end)}" if period else ""
    return data.text(f"{data.agency_name}{when} · ข้อมูล ณ {format_be_datetime(data.generated_at)}")


def _cells(data: ReportData, row: list, *, plain_first: bool = False) -> list[str]:
    """A row as the text it prints as, dates and counts in the agency's digits. `plain_first` keeps the case
    number as it is typed, since people copy it into the search box."""
    return [cell_text(value, thai_digits=data.thai_digits and not (plain_first and index == 0))
            for index, value in enumerate(row)]


def _case_rows(data: ReportData) -> list[list[str]]:
    return [_cells(data, row, plain_first=True) for row in data.rows]


def _context(data: ReportData) -> dict:
    return {"title": data.text(data.spec.title), "subtitle": _subtitle(data, period=True),
            "tables": [(title, headers, [_cells(data, r) for r in rows], widths)
                       for title, headers, rows, widths in _tables(data)],
            "row_headers": ROW_HEADERS, "rows": _case_rows(data)}


def docx_bytes(data: ReportData, memo: Memo | None) -> bytes:
    if memo is not None:
        doc = memo_document(memo)
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, landscape=True)
    else:
        doc = new_document(landscape=True)
    add_thai_paragraph(doc, data.text(data.spec.title), bold=True, size_pt=16, align="center")
    add_thai_paragraph(doc, _subtitle(data), align="center", space_after_pt=6)
    for title, headers, rows, widths in _tables(data):
        add_thai_paragraph(doc, title, bold=True, space_before_pt=6)
        add_table(doc, headers, rows, widths, size_pt=11, col_align=[None] * (len(headers) - 1) + ["right"],
                  thai_digits=data.thai_digits)
    if data.rows:
        add_thai_paragraph(doc, "รายการเรื่อง", bold=True, space_before_pt=6)
        add_table(doc, ROW_HEADERS, _case_rows(data), [2.6, 2.4, 2.0, 3.2, 5.4, 3.2, 2.8, 2.4, 2.6],
                  size_pt=10)
    return document_bytes(doc)


def pdf_bytes(data: ReportData) -> bytes:
    css = REPORT_CSS + (THAI_PAGE_NUMBERS_CSS if data.thai_digits else "")
    return render_pdf(render_to_string("complaints/documents/report.html", _context(data)), landscape=True,
                      extra_css=css)


def xlsx_bytes(data: ReportData) -> bytes:
    workbook = new_workbook("สรุปผล")
    sheet = workbook.active
    digits = data.thai_digits
    sheet.cell(row=1, column=1, value=data.text(data.spec.title))
    sheet.cell(row=2, column=1, value=_subtitle(data))
    tables = _tables(data)
    title, headers, rows, _ = tables[0]
    write_table(sheet, headers, rows, [40, 30], start_row=4, thai_digits=digits)
    for title, headers, rows, widths in tables[1:]:
        ws = workbook.create_sheet(title[:31])
        write_table(ws, headers, rows, [w * 4 for w in widths], thai_digits=digits)
    if data.rows:
        ws = workbook.create_sheet("รายการเรื่อง")
        # The case number stays as typed: people copy it into the search box.
        write_table(ws, ROW_HEADERS, data.rows, [14, 16, 12, 28, 40, 24, 20, 16, 18], thai_digits=digits,
                    plain_columns=[1])
    return workbook_bytes(workbook)


def build(spec: ReportSpec, fmt: str, *, agency, user) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of a report in `fmt` (docx, pdf, xlsx, memo.pdf)."""
    data = collect(spec, agency=agency, user=user)
    standard = standards_now(agency).get(Channel.SERVICE)
    unit = standard.receiving_unit if standard else agency
    name = data.memo.agency_name
    agency_line = name if unit.pk == agency.pk else f"{name} {unit.name}"
    memo = memo_for(data, agency_line=agency_line, signer=user) if spec.kind != "ita" else None
    if fmt == "docx":
        return docx_bytes(data, memo), DOCX, f"{spec.slug}.docx"
    if fmt == "pdf":
        return pdf_bytes(data), PDF, f"{spec.slug}.pdf"
    if fmt == "xlsx":
        return xlsx_bytes(data), XLSX, f"{spec.slug}.xlsx"
    if fmt == "memo.pdf" and memo is not None:
        return memo_pdf(memo), PDF, f"{spec.slug}-memo.pdf"
    raise ValueError(fmt)


def review_file(record, fmt: str) -> tuple[bytes, str, str]:
    """The yearly review as a memo to the Director-General (Word or PDF)."""
    config = record.configuration or {}
    stats = record.statistics or {}
    lines = [f"- {s['channel']}: หน่วยงานรับเรื่อง {s['receiving_unit']} ตอบรับภายใน {s['acknowledge_days']} "
             "วันทำการ "
             f"แจ้งผลภายใน {s['answer']}" for s in config.get("standards", [])]
    paragraphs = [
        ("ตามแผนการดำเนินงานภายใต้นโยบายคุณธรรมและความโปร่งใส มาตรการ ๑ (๔) ๔.๑) กำหนดให้หน่วยงานที่รับผิดชอบ"
         "ทบทวนปรับปรุงคำสั่ง ระบบร้องเรียน และคู่มือกระบวนการร้องเรียนปีละ ๑ ครั้ง นั้น"),
        f"ได้ทบทวนระบบเมื่อวันที่ {format_be(record.reviewed_on)}"
        + (f" ({record.reference})" if record.reference else "") + f" ผลการทบทวน: {record.findings}",
        *(["การปรับปรุง: " + record.changes] if record.changes else []),
        "มาตรฐานระยะเวลาที่ใช้ขณะทบทวน", *lines,
        (f"สถิติ{fiscal_year_label(record.fiscal_year)}: รับเรื่อง {stats.get('received', 0)} เรื่อง "
         f"แจ้งผล {stats.get('replied', 0)} เรื่อง ทันกำหนด {stats.get('replied_in_time', 0)} เรื่อง"),
        "จึงเรียนมาเพื่อโปรดทราบ",
    ]
    wording = agency_memo(record.agency)
    memo = Memo(agency=wording.agency_name, ref_no=REF_TO_FILL, date=record.reviewed_on,
                thai_digits=agency_thai_digits(record.agency),
                subject="ผลการทบทวนระบบร้องเรียนและคู่มือการจัดการเรื่องร้องเรียน "
                f"{fiscal_year_label(record.fiscal_year)}",
                addressee=wording.addressee, paragraphs=paragraphs,
                signer_name=record.recorded_by.get_full_name() if record.recorded_by else "",
                signer_position=wording.position_of(record.recorded_by))
    name = f"complaints-review-{record.fiscal_year}"
    if fmt == "pdf":
        return memo_pdf(memo), PDF, f"{name}.pdf"
    return document_bytes(memo_document(memo)), DOCX, f"{name}.docx"



