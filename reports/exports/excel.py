"""The compiled round as a workbook: a summary sheet, then one sheet per policy with a line per form row.

Dates are real date cells shown in the Buddhist era (`core.documents.xlsx.BE_DATE_FORMAT`), so they sort and
filter. A department has tens of thousands of lines (about 150,000 cells): the workbook is written with
XlsxWriter, which writes a cell in well under half the time openpyxl's streaming writer takes
(bench/exports_bench.py); openpyxl still reads workbooks and writes the small ones.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import xlsxwriter
import xlsxwriter.worksheet

from core.documents.xlsx import (
    BE_DATE_FORMAT,
    BE_DATE_FORMAT_THAI_DIGITS,
    FONT_NAME,
    HEADER_FILL,
    THAI_DIGITS_NUMBER_FORMAT,
    formula_like,
    unique_sheet_title,
)
from core.thai import local_date
from reports.compile import Compiled, Entry
from reports.exports import common
from reports.indicator_values import REPORTED, SOURCE_LABELS
from reports.selectors import KIND_LABELS

POLICY_COLUMNS = [
    ("มาตรการ/แนวทางปฏิบัติ", 24),
    ("ชื่อแผนงาน/โครงการ/กิจกรรม", 36),
    ("หน่วยงาน", 26),
    # A host unit that also implements the activity has two reports on it: its own and its summary. Without
    # this column the two read as the same line twice.
    ("ประเภทรายงาน", 15),
    ("สังกัด", 11),
    ("สถานะ", 16),
    ("ส่งเมื่อ", 16),
    ("ข้อมูล ณ วันที่", 16),
    ("แถวที่", 7),
    ("วิธีดำเนินการ", 48),
    ("ช่วงเวลาดำเนินการ", 20),
    ("ผลการดำเนินงาน", 48),
    ("คำอธิบายรายละเอียดเอกสาร/หลักฐาน", 40),
]
WRAPPED = {1, 9, 11, 12}
# Report text is typed by reporters: none of it may become a formula, a number or a link. Strings are
# written with write_string only; these options make sure nothing else ever converts them.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


class _Styles:
    """The workbook's few cell formats, shared by every sheet; each with a quote-prefix twin for text that
    looks like a formula (Excel then keeps it text when someone edits the cell)."""

    def __init__(self, wb: xlsxwriter.Workbook, w: common.Writer):
        date_format = BE_DATE_FORMAT_THAI_DIGITS if w.thai_digits else BE_DATE_FORMAT
        specs = {
            None: {},
            "header": {"font_name": FONT_NAME, "bold": True, "bg_color": "#" + HEADER_FILL,
                       "pattern": 1, "align": "center", "valign": "vcenter", "text_wrap": True},
            "wrap": {"valign": "top", "text_wrap": True},
            "date": {"num_format": date_format, "valign": "top"},
            "title": {"font_name": FONT_NAME, "bold": True, "font_size": 13},
            "number": {"num_format": THAI_DIGITS_NUMBER_FORMAT},
        }
        self.plain = {name: wb.add_format(spec) if spec else None for name, spec in specs.items()}
        self.quoted = {name: wb.add_format({**spec, "quote_prefix": True}) for name, spec in specs.items()}


class _Worksheet(xlsxwriter.worksheet.Worksheet):
    """Writes fitToWidth="1" out: XlsxWriter leaves it implied (Excel's default), while other readers
    (openpyxl, some LibreOffice versions) then see no width to fit to."""

    def _xml_empty_tag(self, tag, attributes=None):
        if tag == "pageSetup" and self.fit_page and self.fit_width == 1 and attributes is not None:
            attributes = [*attributes[:1], ("fitToWidth", 1), *attributes[1:]]
        return super()._xml_empty_tag(tag, attributes)


def _print_layout(ws, *, title_row: bool) -> None:
    """A4 landscape, one page wide and as many pages down as the rows need, narrow margins (inches), the
    header row repeated on every printed page — as `core.documents.xlsx.set_print_layout` sets it."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("", {"margin": 0.3})
    ws.set_footer("", {"margin": 0.3})
    if title_row:
        ws.repeat_rows(0)


class _Sheet:
    """A sheet written row by row: header, wrapped text, B.E. date, title, Thai-digit number."""

    def __init__(self, wb, title: str, widths: list[float], w: common.Writer, taken: set[str],
                 styles: _Styles):
        self.ws = wb.add_worksheet(unique_sheet_title(title, taken), worksheet_class=_Worksheet)
        self.count = 0
        self.thai_digits = w.thai_digits
        self.styles = styles
        for i, width in enumerate(widths):
            self.ws.set_column(i, i, width)

    def _write(self, row: int, col: int, value, style: str | None) -> None:
        ws = self.ws
        if value is None:
            return
        if isinstance(value, str):
            if value == "":
                return
            styles = self.styles.quoted if formula_like(value) else self.styles.plain
            ws.write_string(row, col, value, styles[style])
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, self.styles.plain[style])
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, self.styles.plain[style])
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, self.styles.plain[style])
        else:
            ws.write_string(row, col, str(value), self.styles.plain[style])

    def append(self, cells) -> None:
        for col, (value, style) in enumerate(cells):
            self._write(self.count, col, value, style)
        self.count += 1

    def title(self, text: str) -> None:
        self.append([(text, "title")])

    def header(self, titles) -> None:
        self.append([(t, "header") for t in titles])

    def row(self, values, wrapped: set[int] = frozenset()) -> None:
        out = []
        for i, value in enumerate(values):
            if isinstance(value, datetime):
                out.append((local_date(value), "date"))
            elif isinstance(value, date):
                out.append((value, "date"))
            elif i in wrapped and value:
                out.append((value, "wrap"))
            elif self.thai_digits and isinstance(value, int | float) and not isinstance(value, bool):
                out.append((value, "number"))
            else:
                out.append((value, None))
        self.append(out)


def _summary_sheet(wb, compiled: Compiled, summary_text: str, w: common.Writer, taken: set[str],
                   styles: _Styles) -> None:
    sheet = _Sheet(wb, "สรุป", [44, 24, 14, 14, 60, 16], w, taken, styles)
    # Several tables one under another: no single header row to repeat.
    _print_layout(sheet.ws, title_row=False)
    sheet.title(w(common.document_title(compiled)))
    sheet.row([common.subtitle(compiled, w)])
    sheet.row(["กำหนดส่ง", compiled.round.due_on, "", "", "ประเมินผล ณ วันที่", compiled.as_of])
    sheet.row([])
    for line in common.clean(summary_text).split("\n"):
        if line.strip():
            sheet.row([w(line)])
    sheet.row([])
    sheet.header(["รายการ", "จำนวน", "ร้อยละ"])
    for label, count, share in common.stats_rows(compiled.stats):
        sheet.row([w(label), int(count), float(share) if share != "-" else None])
    sheet.row([])
    sheet.header(common.GROUP_COLUMNS)
    for r in common.group_rows(compiled.stats):
        sheet.row([w(r[0]), *[float(v) if "." in v else int(v) for v in r[1:]]])
    sheet.row([])
    sheet.header(["นโยบาย / กิจกรรม", "ตัวชี้วัด", "ผล", "ส่งแล้ว/ทั้งหมด", "การคำนวณ", "เป้าหมาย", "ที่มาของค่า"])
    for pol in compiled.policies:
        for section in pol.activities:
            for line in section.indicators:
                sent = f"{len(section.entries)}/{len(section.entries) + len(section.missing)}"
                sheet.row(
                    [
                        w(section.activity.title),
                        w(f"{line.indicator.number} {line.indicator.text}".strip()),
                        w(line.result.label),
                        w(sent),
                        w(line.result.explanation),
                        w(line.target),
                        SOURCE_LABELS[getattr(line, "source", REPORTED)],
                    ],
                    {0, 1, 4, 5},
                )
    sheet.row([])
    sheet.header(["หน่วยงานที่ยังไม่ส่งรายงาน", "จำนวนรายงานที่ยังไม่ส่ง"])
    for unit, n in compiled.missing_units:
        sheet.row([w(unit.name), n])
    sheet.row([])
    sheet.header(["หน่วยงานที่ส่งล่าช้าหรือยังไม่ส่งเมื่อเลยกำหนด", "จำนวนรายงาน"])
    for unit, n in compiled.late_units:
        sheet.row([w(unit.name), n])


def _entry_rows(
    sheet: _Sheet, measure_text: str, activity_title: str, entry: Entry, w: common.Writer
) -> None:
    report = entry.report
    head = [
        measure_text,
        activity_title,
        w(entry.unit.name),
        w(KIND_LABELS[report.kind]),
        w(entry.unit.get_region_display()),
        w(common.status_text(entry)),
        report.first_submitted_at,
        report.as_of,
    ]
    if not entry.rows:
        sheet.row(head, WRAPPED)
        return
    for number, row in enumerate(entry.rows, start=1):
        sheet.row(
            [
                *head,
                number,
                w(row.method),
                w(row.period_text),
                w(row.result),
                "\n".join(common.row_evidence(entry, row, w)),
            ],
            WRAPPED,
        )


def compiled_xlsx(compiled: Compiled, *, summary_text: str = "", thai_digits: bool = False) -> bytes:
    w = common.Writer(thai_digits)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    styles = _Styles(wb, w)
    taken: set[str] = set()
    _summary_sheet(wb, compiled, summary_text, w, taken, styles)
    for pol in compiled.policies:
        sheet = _Sheet(
            wb,
            w(f"{pol.policy.number}. {common.policy_area(pol.policy.title)}"),
            [width for _, width in POLICY_COLUMNS],
            w,
            taken,
            styles,
        )
        sheet.ws.freeze_panes(1, 0)
        # Twelve columns of wrapped Thai text only read printed across a landscape page.
        _print_layout(sheet.ws, title_row=True)
        sheet.header([title for title, _ in POLICY_COLUMNS])
        for ms in pol.measures:
            measure_text = w(f"{ms.measure.number} {ms.measure.text}")
            for section in ms.activities:
                title = w(section.activity.title)
                summary = section.summary or section.summary_pending
                entries = ([summary] if summary else []) + section.entries + section.missing
                for entry in entries:
                    _entry_rows(sheet, measure_text, title, entry, w)
        sheet.ws.autofilter(0, 0, max(sheet.count - 1, 0), len(POLICY_COLUMNS) - 1)
    wb.close()
    return buffer.getvalue()
