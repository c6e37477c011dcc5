"""Excel workbooks for Thai users: real date cells shown in the Buddhist era, readable Thai columns.

The number format ``[$-107041E]`` selects the Thai locale (041E) with the Thai Buddhist calendar (07), so a
cell keeps a sortable, filterable date while Excel and LibreOffice display "31 มกราคม 2560";
``D07041E`` adds Thai digits.

Text that reaches a cell is never a formula: a complaint subject or an activity title that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would otherwise run in Excel or LibreOffice when the
file is opened (``=HYPERLINK(...)``, DDE). :func:`guard_cell` keeps such a cell a text cell, shown exactly
as typed; every workbook and CSV file the system writes passes through it (``write_table``,
``workbook_bytes``, ``safe_cell`` for streaming sheets, ``csv_value`` for CSV).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.thai import BANGKOK, shorten_thai, to_thai_digits

BE_DATE_FORMAT = "[$-107041E]d mmmm yyyy;@"
BE_DATE_FORMAT_SHORT = "[$-107041E]d mmm yy;@"
BE_DATE_FORMAT_NUMERIC = "[$-107041E]dd/mm/yyyy;@"
BE_DATETIME_FORMAT = "[$-107041E]d mmm yyyy hh:mm;@"
BE_DATE_FORMAT_THAI_DIGITS = "[$-D07041E]d mmmm yyyy;@"
MONEY_FORMAT = "#,##0.00"
# A number cell shown in Thai digits (D = Thai numerals, 041E = Thai); it stays a number that sorts and sums.
THAI_DIGITS_NUMBER_FORMAT = "[$-D00041E]General"
THAI_DIGITS_MONEY_FORMAT = "[$-D00041E]#,##0.00"
BE_DATETIME_FORMAT_THAI_DIGITS = "[$-D07041E]d mmm yyyy hh:mm;@"

# Tahoma ships with every Windows and Office install and has Thai glyphs; Sarabun may be missing on the
# computer that opens the file.
FONT_NAME = "Tahoma"
FONT_SIZE = 10
HEADER_FILL = "D9E2F3"

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def new_workbook(title: str | None = None) -> Workbook:
    """A workbook with one sheet; ``title`` names the sheet (Excel allows 31 characters)."""
    workbook = Workbook()
    if title:
        workbook.active.title = sheet_title(title)
    return workbook


SHEET_TITLE_MAX = 31  # Excel refuses longer sheet names


def _fit_title(text: str, limit: int) -> str:
    # Cut between Thai words (core.thai.shorten_thai), as e-mail subjects are.
    return shorten_thai(text, limit)


def _clean_title(text: str) -> str:
    # Excel forbids these characters in a sheet name, and a leading or trailing apostrophe.
    return "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip().strip("'").strip()


def sheet_title(text: str) -> str:
    """A valid sheet name of at most 31 characters, cut between words."""
    return _fit_title(_clean_title(text), SHEET_TITLE_MAX) or "Sheet"


def unique_sheet_title(text: str, taken: set[str]) -> str:
    """:func:`sheet_title`, numbered " (2)", " (3)"… when the workbook already has that name.

    Two long names can be cut to the same words, and Excel compares names without regard to case;
    ``taken`` holds the case-folded names given so far and receives the new one.
    """
    cleaned = _clean_title(text)
    title = _fit_title(cleaned, SHEET_TITLE_MAX) or "Sheet"
    number = 1
    while title.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        title = (_fit_title(cleaned, SHEET_TITLE_MAX - len(suffix)) or "Sheet") + suffix
    taken.add(title.casefold())
    return title


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A signed number ("-1250.50") is read as a number, never as a formula: CSV keeps it as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*)?(?:\.\d+)?(?:[eE][+-]?\d+)?")


def formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def guard_cell(cell):
    """Make a cell whose text could be read as a formula a plain text cell, shown exactly as typed.

    openpyxl stores any string starting with ``=`` as a formula; the cell becomes a string cell again, and
    the quote-prefix style keeps Excel from turning it into a formula when someone edits the cell. The style
    array is copied, because streaming sheets share one array among many cells.
    """
    if formula_like(cell.value):
        cell.data_type = "s"
        style = StyleArray(cell._style) if cell._style is not None else StyleArray()
        style.quotePrefix = 1
        cell._style = style
    return cell


def safe_cell(ws: WriteOnlyWorksheet, value: Any):
    """A value for a streaming sheet's ``append``: formula-looking text becomes a guarded text cell."""
    if isinstance(value, Cell):
        return guard_cell(value)
    if formula_like(value):
        return guard_cell(WriteOnlyCell(ws, value=value))
    return value


def guard_workbook(workbook: Workbook) -> Workbook:
    """Guard every cell of an in-memory workbook; the system's workbooks hold no formulas of their own."""
    for ws in workbook.worksheets:
        if isinstance(ws, Worksheet):
            for row in ws.iter_rows():
                for cell in row:
                    guard_cell(cell)
    return workbook


def csv_value(value: Any) -> Any:
    """A CSV field that spreadsheet programs cannot run: formula-looking text gets a leading apostrophe
    (the usual neutraliser, which Excel hides); plain signed numbers stay numbers."""
    if formula_like(value) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every field goes through :func:`csv_value`."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_value(v) for v in row])


def excel_value(value: Any) -> Any:
    """A value openpyxl can store: aware datetimes become Bangkok wall time (Excel has no time zones)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(BANGKOK).replace(tzinfo=None)
    return value


def number_format_for(
    value: Any, date_format: str = BE_DATE_FORMAT, *, thai_digits: bool = False
) -> str | None:
    """The display format of a value; with `thai_digits` dates and numbers show in Thai digits while the
    cell keeps a real date or number (it still sorts, filters and adds up)."""
    if isinstance(value, datetime):
        return BE_DATETIME_FORMAT_THAI_DIGITS if thai_digits else BE_DATETIME_FORMAT
    if isinstance(value, date):
        if thai_digits and date_format == BE_DATE_FORMAT:
            return BE_DATE_FORMAT_THAI_DIGITS
        return date_format
    if isinstance(value, Decimal):
        return THAI_DIGITS_MONEY_FORMAT if thai_digits else MONEY_FORMAT
    if thai_digits and isinstance(value, int | float) and not isinstance(value, bool):
        return THAI_DIGITS_NUMBER_FORMAT
    return None


def _digits_text(value: Any, column: int, thai_digits: bool, plain_columns: Sequence[int]) -> Any:
    """Text in Thai digits when asked, but for identifier columns (kept as typed, for searching)."""
    if thai_digits and isinstance(value, str) and column not in plain_columns:
        return to_thai_digits(value)
    return value


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[float],
    *,
    start_row: int = 1,
    date_format: str = BE_DATE_FORMAT,
    font_name: str = FONT_NAME,
    font_size: int = FONT_SIZE,
    header_fill: str = HEADER_FILL,
    autofilter: bool = True,
    thai_digits: bool = False,
    plain_columns: Sequence[int] = (),
) -> int:
    """Write a header row and data rows from ``start_row``; return the last row written.

    Dates stay real date cells with a B.E. number format; Decimals get a money format; text wraps.
    ``widths`` are Excel character widths; Thai needs generous ones because digits and marks wrap badly.
    ``thai_digits`` shows every digit in Thai: text is written with Thai digits (except in ``plain_columns``,
    1-based, for identifiers), numbers and dates keep their values with a Thai-digit display format.
    """
    if len(widths) != len(headers):
        raise ValueError("widths needs one width per header")
    header_font = Font(name=font_name, size=font_size, bold=True)
    body_font = Font(name=font_name, size=font_size)
    fill = PatternFill(fill_type="solid", start_color=header_fill, end_color=header_fill)
    header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body_alignment = Alignment(vertical="top", wrap_text=True)

    def text(value: Any, column: int) -> Any:
        return _digits_text(value, column, thai_digits, plain_columns)

    for column, title in enumerate(headers, start=1):
        cell = guard_cell(ws.cell(row=start_row, column=column, value=text(title, column)))
        cell.font, cell.fill, cell.alignment, cell.border = header_font, fill, header_alignment, _BORDER

    row_number = start_row
    for values in rows:
        row_number += 1
        # Neither openpyxl nor LibreOffice fits row heights to wrapped text, so the lines overlap: estimate.
        lines = max((_wrapped_lines(value, widths[i]) for i, value in enumerate(values) if i < len(widths)),
                    default=1)
        if lines > 1:
            ws.row_dimensions[row_number].height = round(lines * font_size * 1.45, 1)
        for column, value in enumerate(values, start=1):
            cell = guard_cell(ws.cell(row=row_number, column=column, value=excel_value(text(value, column))))
            cell.font, cell.alignment, cell.border = body_font, body_alignment, _BORDER
            number_format = number_format_for(value, date_format, thai_digits=thai_digits)
            if number_format:
                cell.number_format = number_format

    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
    last_column = get_column_letter(len(headers))
    if autofilter and row_number > start_row:
        ws.auto_filter.ref = f"A{start_row}:{last_column}{row_number}"
    set_print_layout(ws, title_rows=f"{start_row}:{start_row}")
    return row_number


def set_print_layout(
    ws: Worksheet | WriteOnlyWorksheet, *, landscape: bool = False, title_rows: str | None = None
) -> None:
    """A4, one page wide and as many pages down as the rows need, narrow margins, ``title_rows`` (e.g.
    "1:1") repeated at the top of every printed page.

    A write-only sheet writes its sheet properties (where "fit to page" lives) with its first row: call this
    before appending. Page setup, margins and print titles are written when the workbook is saved.
    """
    # The constants live on Worksheet only; a write-only sheet has the same page setup without them.
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = (Worksheet.ORIENTATION_LANDSCAPE if landscape
                                 else Worksheet.ORIENTATION_PORTRAIT)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # Inches; Excel's defaults (0.7 at the sides, 0.75 top and bottom) waste a wide table's room.
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    if title_rows:
        ws.print_title_rows = title_rows


def _wrapped_lines(value: Any, width: float) -> int:
    """Lines a text cell wraps to at `width` Excel characters; Thai vowel and tone marks take no width."""
    if not isinstance(value, str) or not value:
        return 1
    total = 0
    for line in value.split("\n"):
        visible = sum(1 for ch in line if unicodedata.category(ch) != "Mn")
        total += max(1, math.ceil(visible / max(width - 1, 1)))
    return min(total, 40)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook; cells written outside `write_table` (titles, notes) are guarded here."""
    guard_workbook(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
