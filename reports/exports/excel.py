"""The compiled round as a workbook: a summary sheet, then one sheet per policy with a line per form row.

Dates are real date cells shown in the Buddhist era (`core.documents.xlsx.BE_DATE_FORMAT`), so they sort and
filter. The workbook is written in openpyxl's streaming mode: a department has tens of thousands of lines.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.documents.xlsx import (
    BE_DATE_FORMAT,
    BE_DATE_FORMAT_THAI_DIGITS,
    FONT_NAME,
    HEADER_FILL,
    THAI_DIGITS_NUMBER_FORMAT,
    safe_cell,
    set_print_layout,
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


class _Sheet:
    """A streaming sheet with shared cell styles: header, wrapped text, B.E. date, title, Thai-digit
    number."""

    def __init__(self, wb: Workbook, title: str, widths: list[float], w: common.Writer, taken: set[str]):
        self.ws = wb.create_sheet(unique_sheet_title(title, taken))
        self.count = 0
        self.thai_digits = w.thai_digits
        date_format = BE_DATE_FORMAT_THAI_DIGITS if w.thai_digits else BE_DATE_FORMAT
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        header = WriteOnlyCell(self.ws)
        header.font = Font(name=FONT_NAME, bold=True)
        header.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        wrap = WriteOnlyCell(self.ws)
        wrap.alignment = Alignment(vertical="top", wrap_text=True)
        day = WriteOnlyCell(self.ws)
        day.number_format = date_format
        day.alignment = Alignment(vertical="top")
        bold = WriteOnlyCell(self.ws)
        bold.font = Font(name=FONT_NAME, bold=True, size=13)
        number = WriteOnlyCell(self.ws)
        number.number_format = THAI_DIGITS_NUMBER_FORMAT
        self.styles = {
            "header": header._style,
            "wrap": wrap._style,
            "date": day._style,
            "title": bold._style,
            "number": number._style,
        }

    def cell(self, value, style: str):
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = self.styles[style]  # shared: a written cell is never restyled
        return cell

    def append(self, cells) -> None:
        # Report text is typed by reporters: none of it may reach the sheet as a formula.
        self.ws.append([safe_cell(self.ws, c) for c in cells])
        self.count += 1

    def title(self, text: str) -> None:
        self.append([self.cell(text, "title")])

    def header(self, titles) -> None:
        self.append([self.cell(t, "header") for t in titles])

    def row(self, values, wrapped: set[int] = frozenset()) -> None:
        out = []
        for i, value in enumerate(values):
            if isinstance(value, datetime):
                out.append(self.cell(local_date(value), "date"))
            elif isinstance(value, date):
                out.append(self.cell(value, "date"))
            elif i in wrapped and value:
                out.append(self.cell(value, "wrap"))
            elif self.thai_digits and isinstance(value, int | float) and not isinstance(value, bool):
                out.append(self.cell(value, "number"))
            else:
                out.append(value)
        self.append(out)


def _summary_sheet(wb, compiled: Compiled, summary_text: str, w: common.Writer, taken: set[str]) -> None:
    sheet = _Sheet(wb, "สรุป", [44, 24, 14, 14, 60, 16], w, taken)
    # Several tables one under another: no single header row to repeat.
    set_print_layout(sheet.ws, landscape=True)
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
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    _summary_sheet(wb, compiled, summary_text, w, taken)
    for pol in compiled.policies:
        sheet = _Sheet(
            wb,
            w(f"{pol.policy.number}. {common.policy_area(pol.policy.title)}"),
            [width for _, width in POLICY_COLUMNS],
            w,
            taken,
        )
        sheet.ws.freeze_panes = "A2"
        # Twelve columns of wrapped Thai text only read printed across a landscape page.
        set_print_layout(sheet.ws, landscape=True, title_rows="1:1")
        sheet.header([title for title, _ in POLICY_COLUMNS])
        for ms in pol.measures:
            measure_text = w(f"{ms.measure.number} {ms.measure.text}")
            for section in ms.activities:
                title = w(section.activity.title)
                summary = section.summary or section.summary_pending
                entries = ([summary] if summary else []) + section.entries + section.missing
                for entry in entries:
                    _entry_rows(sheet, measure_text, title, entry, w)
        sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(POLICY_COLUMNS))}{sheet.count}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
