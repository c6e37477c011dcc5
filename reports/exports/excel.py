"""The compiled round as a workbook: a summary sheet, then one sheet per policy with a line per form row.

Dates are real date cells shown in the Buddhist era (`core.documents.xlsx.BE_DATE_FORMAT`), so they sort and
filter. A department has tens of thousands of lines (about 150,000 cells): the workbook is written with
XlsxWriter, which writes a cell in well under half the time openpyxl's streaming writer takes
(bench/exports_bench.py); openpyxl still reads workbooks and writes the small ones.
"""

from __future__ import annotations

import io
import math
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
    (openpyxl, some LibreOffice versions) then see no width to fit to.

    Also writes the sheet's cells itself, with the same XML XlsxWriter writes: its row loop spends most of
    a department's workbook on generic per-cell calls (attributes escaped one by one, every column of every
    row looked up), and these sheets hold only plain strings, numbers and dates without row formats."""

    def __init__(self):
        super().__init__()
        self.packed: dict[int, list[tuple]] = {}  # row → cells resolved by `_Sheet`

    def _xml_empty_tag(self, tag, attributes=None):
        if tag == "pageSetup" and self.fit_page and self.fit_width == 1 and attributes is not None:
            attributes = [*attributes[:1], ("fitToWidth", 1), *attributes[1:]]
        return super()._xml_empty_tag(tag, attributes)

    def _write_rows(self) -> None:
        rows = self._merged_rows()
        if rows is None:
            return super()._write_rows()
        self.row_spans = _spans(rows)
        column_styles = {
            col: info.column_format._get_xf_index()
            for col, info in self.col_info.items()
            if info.column_format is not None
        }
        xf: dict[int, int] = {}
        letters: dict[int, str] = {}
        write = self.fh.write
        for row in sorted(rows):
            line = [f'<row r="{row + 1}" spans="{self.row_spans[row // 16]}">']
            number = str(row + 1)
            for col, text, value, fmt in rows[row]:
                if text is None:  # a cell of another kind: XlsxWriter's writer
                    write("".join(line))
                    line = []
                    self._write_cell(row, col, value)
                    continue
                letter = letters.get(col)
                if letter is None:
                    letter = letters[col] = xlsxwriter.utility.xl_col_to_name(col)
                if fmt is not None:
                    style = xf.get(id(fmt))
                    if style is None:
                        style = xf[id(fmt)] = fmt._get_xf_index()
                else:
                    style = column_styles.get(col)
                attr = f' r="{letter}{number}"' if style is None else f' r="{letter}{number}" s="{style}"'
                if text:
                    line.append(f'<c{attr} t="s"><v>{value}</v></c>')
                else:
                    line.append(f"<c{attr}><v>{value:.16G}</v></c>")
            line.append("</row>")
            write("".join(line))

    def _merged_rows(self) -> dict[int, list[tuple]] | None:
        """Every row's cells in column order, those `_Sheet` resolved and those XlsxWriter stored; None when
        the sheet uses what this writer does not write (row formats or heights, comments, other modes)."""
        if (self.row_info or self.comments or self.excel_version != 2007 or self.constant_memory
                or self.default_row_height != self.original_row_height):
            if self.packed:
                raise ValueError("rows written by _Sheet need _Worksheet's own writer")
            return None
        rows = dict(self.packed)
        for row, cells in self.table.items():
            if not cells:
                continue
            extra = []
            for col, cell in cells.items():
                kind = type(cell)
                if kind is _STRING:
                    extra.append((col, True, cell.string, cell.format))
                elif kind is _NUMBER or kind is _DATETIME:
                    extra.append((col, False, cell.number, cell.format))
                else:
                    extra.append((col, None, cell, None))
            rows[row] = sorted(rows.get(row, []) + extra, key=lambda c: c[0])
        return rows


def _spans(rows: dict[int, list[tuple]]) -> dict[int, str]:
    """XlsxWriter's "spans" of each block of 16 rows: the first and last column used, 1-based."""
    spans: dict[int, tuple[int, int]] = {}
    for row, cells in rows.items():
        block = row // 16
        low, high = cells[0][0] + 1, cells[-1][0] + 1
        if block in spans:
            a, b = spans[block]
            spans[block] = (min(a, low), max(b, high))
        else:
            spans[block] = (low, high)
    return {block: f"{a}:{b}" for block, (a, b) in spans.items()}


_STRING = xlsxwriter.worksheet.CellStringTuple
_NUMBER = xlsxwriter.worksheet.CellNumberTuple
_DATETIME = xlsxwriter.worksheet.CellDatetimeTuple


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

    def _resolve(self, row: int, col: int, value, style: str | None):
        """A cell as `_Worksheet` keeps it, (column, is text, shared string index or number, format), its
        text entered in the shared strings as XlsxWriter's `write_string` enters it; None for an empty cell
        or one left to XlsxWriter (a boolean, text too long for a cell)."""
        ws = self.ws
        if value is None:
            return None
        if isinstance(value, str):
            if value == "":
                return None
            fmt = (self.styles.quoted if formula_like(value) else self.styles.plain)[style]
            if len(value) > ws.xls_strmax // 2:
                ws._write_string(row, col, value, fmt)  # XlsxWriter cuts it to what a cell holds
                return None
            return (col, True, ws.str_table._get_shared_string_index(value), fmt)
        fmt = self.styles.plain[style]
        if isinstance(value, bool):
            ws._write_boolean(row, col, value, fmt)
            return None
        if isinstance(value, int | float):
            if not math.isfinite(value):
                ws._write_number(row, col, value, fmt)
                return None
            return (col, False, value, fmt)
        if isinstance(value, date):
            return (col, False, ws._convert_date_time(value), fmt or ws.default_date_format)
        return self._resolve(row, col, str(value), style)

    def resolve(self, cells, start: int = 0) -> list[tuple]:
        """`cells` (from `cells`) resolved for the next row, from column `start`."""
        row = self.count
        resolved = (self._resolve(row, col, v, style) for col, (v, style) in enumerate(cells, start=start))
        return [cell for cell in resolved if cell]

    def put(self, resolved: list[tuple]) -> None:
        """Store a resolved row as the next one."""
        if resolved:
            self.ws._check_dimensions(self.count, resolved[0][0])
            self.ws._check_dimensions(self.count, resolved[-1][0])
            self.ws.packed[self.count] = resolved
        self.count += 1

    def append(self, cells) -> None:
        self.put(self.resolve(cells))

    def append_with_head(self, head, rows) -> None:
        """Rows that all begin with the same `head` cells (a report's columns before its form rows). The head
        is resolved once; its text is counted in the shared strings once per row, as writing it would."""
        if not rows:
            self.append(head)
            return
        resolved = self.resolve(head)
        texts = sum(1 for cell in resolved if cell[1])
        # A head cell left to XlsxWriter is written on the first row only: then resolve the head each row.
        reuse = len(resolved) == sum(1 for value, _ in head if value is not None and value != "")
        for n, cells in enumerate(rows):
            if n and reuse:
                self.ws.str_table.count += texts
            elif n:
                resolved = self.resolve(head)
            self.put(resolved + self.resolve(cells, len(head)))

    def title(self, text: str) -> None:
        self.append([(text, "title")])

    def header(self, titles) -> None:
        self.append([(t, "header") for t in titles])

    def cells(self, values, wrapped: set[int] = frozenset(), start: int = 0) -> list:
        """The (value, style) of each value, as `row` writes them; `start` is the first value's column."""
        out = []
        for i, value in enumerate(values, start=start):
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
        return out

    def row(self, values, wrapped: set[int] = frozenset()) -> None:
        self.append(self.cells(values, wrapped))


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
    # The report's columns repeat on each of its rows: styled once.
    head = sheet.cells(
        [
            measure_text,
            activity_title,
            w(entry.unit.name),
            w(KIND_LABELS[report.kind]),
            w(entry.unit.get_region_display()),
            w(common.status_text(entry)),
            report.first_submitted_at,
            report.as_of,
        ],
        WRAPPED,
    )
    start = len(head)
    sheet.append_with_head(
        head,
        [
            sheet.cells(
                [
                    number,
                    w(row.method),
                    w(row.period_text),
                    w(row.result),
                    "\n".join(common.row_evidence(entry, row, w)),
                ],
                WRAPPED,
                start,
            )
            for number, row in enumerate(entry.rows, start=1)
        ],
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
