"""The workbook's own cell storage and writer (`excel._Sheet`, `excel._Worksheet`) write the file XlsxWriter's
public `write_*` calls and its own row writer write."""

import datetime
import io
import zipfile

import pytest
import xlsxwriter
import xlsxwriter.worksheet

from reports import exports
from reports.exports import common, excel
from reports.tests.conftest import set_agency_digits


def _members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _public_append(sheet, cells) -> None:
    """A row written cell by cell through XlsxWriter's public API."""
    ws, row = sheet.ws, sheet.count
    for col, (value, style) in enumerate(cells):
        if value is None or value == "":
            continue
        if isinstance(value, str):
            fmt = (sheet.styles.quoted if excel.formula_like(value) else sheet.styles.plain)[style]
            ws.write_string(row, col, value, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, sheet.styles.plain[style])
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, sheet.styles.plain[style])
        else:
            ws.write_datetime(row, col, value, sheet.styles.plain[style])
    sheet.count += 1


def _public_append_with_head(sheet, head, rows) -> None:
    for cells in rows or [[]]:
        _public_append(sheet, head + cells)


def _with_xlsxwriter_rows(monkeypatch, build) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(excel._Worksheet, "_write_rows", xlsxwriter.worksheet.Worksheet._write_rows)
        patch.setattr(excel._Sheet, "append", _public_append)
        patch.setattr(excel._Sheet, "append_with_head", _public_append_with_head)
        return build()


def _sample_workbook() -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, excel.WORKBOOK_OPTIONS)
    w = common.Writer(False)
    sheet = excel._Sheet(wb, "ก", [30, 10, 10, 12], w, set(), excel._Styles(wb, w))
    sheet.ws.set_column(3, 3, 12, wb.add_format({"bold": True}))  # a column format reaches unformatted cells
    sheet.row(["หัวข้อ <ก> & \"ข\"", None, 1.5, "=1+1"], {0})
    sheet.row(["", "", "", 12345678901234567])
    sheet.row([])
    sent = datetime.datetime(2017, 4, 1, 10, tzinfo=datetime.UTC)
    sheet.row(["ก" * 20000, datetime.date(2017, 3, 31), True, sent])  # too long to share; a boolean
    head = sheet.cells(["หัวซ้ำ", "ก" * 20000, datetime.date(2017, 3, 31)], {0})
    sheet.append_with_head(head, [sheet.cells([n, "แถว"], set(), 3) for n in range(1, 4)])
    head = sheet.cells(["หัวซ้ำ", "หัวอื่น", datetime.date(2017, 3, 31)], {0})
    sheet.append_with_head(head, [sheet.cells([n, "แถว"], set(), 3) for n in range(1, 40)])
    sheet.append_with_head(head, [])
    sheet.row(["  spaces kept  "] + [None] * 26 + ["AB"])  # a two-letter column
    sheet.ws.autofilter(0, 0, sheet.count - 1, 27)
    wb.close()
    return buffer.getvalue()


def test_sample_cells_are_written_as_xlsxwriter_writes_them(monkeypatch):
    assert _members(_sample_workbook()) == _members(_with_xlsxwriter_rows(monkeypatch, _sample_workbook))


@pytest.mark.django_db
@pytest.mark.usefixtures("arabic_documents")
@pytest.mark.parametrize("thai_digits", [False, True])
def test_compiled_workbook_is_the_one_xlsxwriter_writes(reported_round, people, monkeypatch, thai_digits):
    set_agency_digits(thai_digits)

    def build():
        return exports.compiled_export(reported_round, people["admin"], "xlsx").content

    ours, theirs = _members(build()), _members(_with_xlsxwriter_rows(monkeypatch, build))
    assert ours.keys() == theirs.keys()
    for name in ours:
        if name != "docProps/core.xml":  # carries the time of writing
            assert ours[name] == theirs[name], name
