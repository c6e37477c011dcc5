"""core.sheets on real workbooks: a good file goes in whole with one audit call, a file with one bad row (or
one refused by the service, or by a cross-row check) writes nothing and names each row as Excel numbers it,
a dry run writes nothing, and the reader refuses what is not the declared sheet."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import sheets
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = ["ชื่อกลุ่ม", "จำนวน", "วันที่"]


def workbook(rows, headings=HEADINGS, name="กลุ่ม.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(list(headings))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), XLSX)


def save_group(context, row):
    if row.name == "ห้าม":
        raise ApplicationError(f"{context.actor} บันทึกกลุ่มชื่อนี้ไม่ได้")
    return Group.objects.create(name=f"{row.name}/{row.count}/{row.on.isoformat()}")


def declare(**kwargs) -> sheets.Sheet:
    options = {
        "title": "กลุ่ม",
        "model": Group,
        "columns": (
            sheets.Column("ชื่อกลุ่ม", "name", sheets.Text(max_length=20), 20),
            sheets.Column("จำนวน", "count", sheets.Number(integer=True, unit="คน")),
            sheets.Column("วันที่", "on", sheets.BEDate()),
        ),
        "save": save_group,
        "export": lambda g: g.name.split("/"),
    }
    return sheets.Sheet(**{**options, **kwargs})


class Audit:
    def __init__(self):
        self.calls = []

    def __call__(self, rows):
        self.calls.append(rows)


CONTEXT = sheets.Context(actor="ผู้นำเข้า", agency=None)


def test_a_good_sheet_goes_in_whole_with_one_audit_call():
    audit, sheet = Audit(), declare()
    rows = [("ก", "12 คน", "15/03/2568"), ("ข", 3, datetime.datetime(2025, 3, 16)), (None, None, None)]
    outcome = sheets.run(sheet, workbook(rows), context=CONTEXT, audit=audit)
    assert outcome == sheets.Outcome(2, [])
    assert outcome.saved and outcome.created == 2
    assert sorted(Group.objects.values_list("name", flat=True)) == ["ก/12/2025-03-15", "ข/3/2025-03-16"]
    assert audit.calls == [2]


def test_a_dry_run_checks_through_the_service_and_writes_nothing():
    audit = Audit()
    outcome = sheets.run(declare(), workbook([("ก", 1, "01/10/2567")]), context=CONTEXT, audit=audit,
                         dry_run=True)
    assert (outcome.rows, outcome.errors, outcome.dry_run) == (1, [], True)
    assert not outcome.saved and outcome.created == 0
    assert not Group.objects.exists() and audit.calls == []


def test_one_bad_row_writes_nothing_and_every_bad_row_is_named():
    audit = Audit()
    rows = [("ก", 1, "01/10/2567"), ("", "สอง", "31/02/2568"), ("ค", -1, "01/10/2567"),
            ("ห้าม", 1, "01/10/2567")]
    outcome = sheets.run(declare(), workbook(rows), context=CONTEXT, audit=audit)
    assert outcome.rows == 4 and not outcome.saved and outcome.created == 0
    assert outcome.errors[0].startswith("แถวที่ 3: ชื่อกลุ่ม: กรุณากรอก · จำนวน: \"สอง\" ไม่ใช่ตัวเลข · วันที่: ")
    assert outcome.errors[1:] == ["แถวที่ 4: จำนวน: ต้องไม่ติดลบ", "แถวที่ 5: ผู้นำเข้า บันทึกกลุ่มชื่อนี้ไม่ได้"]
    # The good first row went through the service in the dry run, and was rolled back.
    assert not Group.objects.exists() and audit.calls == []


def test_per_cell_wording_gives_each_bad_cell_its_own_line():
    sheet = declare(wording=sheets.Wording(per_cell=True))
    outcome = sheets.run(sheet, workbook([("", "สอง", "01/10/2567")]), context=CONTEXT, audit=Audit())
    assert outcome.errors == ["แถวที่ 2: ชื่อกลุ่ม: กรุณากรอก", "แถวที่ 2: จำนวน: \"สอง\" ไม่ใช่ตัวเลข"]


def test_a_check_refuses_a_row_and_once_names_the_first_row_of_a_repeat():
    def check(context, row, once):
        once(row.name, "ชื่อกลุ่ม")
        if row.count > 10:
            raise ValidationError("เกินสิบ")

    rows = [("ก", 1, "01/10/2567"), ("ข", 11, "01/10/2567"), ("ก", 2, "01/10/2567")]
    outcome = sheets.run(declare(check=check), workbook(rows), context=CONTEXT, audit=Audit())
    assert outcome.errors == ["แถวที่ 3: เกินสิบ", "แถวที่ 4: ชื่อกลุ่มซ้ำกับแถวที่ 2"]
    assert not Group.objects.exists()


def test_a_row_refused_only_in_the_real_pass_keeps_nothing():
    calls = []

    def save(context, row):
        calls.append(row.name)
        if len(calls) == 4:  # the second row of the second pass: something changed in between
            raise ApplicationError("มีผู้บันทึกก่อนแล้ว")
        return save_group(context, row)

    audit = Audit()
    rows = [("ก", 1, "01/10/2567"), ("ข", 2, "01/10/2567")]
    outcome = sheets.run(declare(save=save), workbook(rows), context=CONTEXT, audit=audit)
    assert outcome.errors == ["แถวที่ 3: มีผู้บันทึกก่อนแล้ว"] and not outcome.saved
    assert not Group.objects.exists() and audit.calls == []


def test_the_reader_refuses_what_is_not_the_sheet(settings):
    sheet = declare()
    with pytest.raises(ApplicationError, match="แฟ้มไม่มีคอลัมน์: วันที่"):
        sheets.read_sheet(workbook([("ก", 1)], headings=["ชื่อกลุ่ม", "จำนวน"]), sheet)
    with pytest.raises(ApplicationError, match=r"แฟ้มไม่มีข้อมูล \(มีเพียงแถวหัวตาราง\)"):
        sheets.read_sheet(workbook([(None, "  ", None)]), sheet)
    with pytest.raises(ApplicationError, match="ไม่ใช่ชนิดที่รับได้"):
        sheets.read_sheet(SimpleUploadedFile("กลุ่ม.xlsx", b"a,b\n1,2\n", XLSX), sheet)
    with pytest.raises(ApplicationError, match="นำเข้าได้ครั้งละไม่เกิน 1 แถว"):
        sheets.read_sheet(workbook([("ก", 1, "01/10/2567")] * 2), declare(max_rows=1))
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ApplicationError, match="ขนาดเกินกำหนด"):
        sheets.read_sheet(workbook([("ก", 1, "01/10/2567")]), sheet)


def test_headings_are_matched_without_their_outer_spaces_and_extra_columns_are_ignored():
    upload = workbook([("ก", 1, "01/10/2567", "อื่น")], headings=["  ชื่อกลุ่ม ", "จำนวน", "วันที่", "หมายเหตุ"])
    dataset = sheets.read_sheet(upload, declare())
    assert dataset.headers[:3] == HEADINGS and len(dataset) == 1


def test_a_csv_is_read_only_when_asked_and_only_as_text():
    upload = SimpleUploadedFile("form.csv", "ชื่อ,คะแนน\nก,5\n".encode(), "text/csv")
    assert sheets.load(upload, csv=True).dict == [{"ชื่อ": "ก", "คะแนน": "5"}]
    with pytest.raises(ApplicationError, match="ไม่ใช่ชนิดที่รับได้"):
        sheets.load(SimpleUploadedFile("form.csv", "ชื่อ\nก\n".encode(), "text/csv"))


def test_the_widgets_take_the_register_s_own_messages():
    assert sheets.Number().clean("1,234.50") == Decimal("1234.50")
    with pytest.raises(ValueError, match="ต้องเป็นจำนวนเต็ม"):
        sheets.Number(integer=True).clean("1.5")
    with pytest.raises(ValueError, match="^“nan” ไม่ใช่ตัวเลข$"):
        sheets.Number(not_number="“{text}” ไม่ใช่ตัวเลข").clean("nan")
    kinds = [("core", "สายงานหลัก"), ("support", "สายงานสนับสนุน")]
    assert sheets.Choice(kinds).clean("  สายงานหลัก ") == "core"
    assert sheets.Choice(kinds, prefix=True).clean("สายงานสนับ") == "support"
    assert sheets.Choice(kinds, default="core").clean(None) == "core"
    with pytest.raises(ValueError, match="^กรุณาเลือก: สายงานหลัก / สายงานสนับสนุน$"):
        sheets.Choice(kinds, missing="กรุณาเลือก: {options}").clean("")
    with pytest.raises(ValueError, match="^“หลัก” ไม่อยู่ในรายการ"):
        sheets.Choice(kinds).clean("หลัก")
    assert sheets.YesNo().clean(" ผ่าน ") is True and sheets.YesNo().clean(None) is False
    with pytest.raises(ValueError, match='^"บางส่วน" ต้องเป็น มี หรือ ไม่มี$'):
        sheets.YesNo(message='"{text}" ต้องเป็น มี หรือ ไม่มี').clean("บางส่วน")
    assert sheets.BEDate(required=False).clean("  ") is None
    assert sheets.BEDate().clean(datetime.date(2025, 1, 2)) == datetime.date(2025, 1, 2)
    with pytest.raises(ValueError, match="^กรุณากรอกวันที่$"):
        sheets.BEDate(missing="กรุณากรอกวันที่").clean(None)
    units = sheets.Lookup({"กกจ.": "hr"}.get, missing="กรุณาระบุหน่วยงาน", unknown="ไม่พบหน่วยงาน “{text}”")
    assert units.clean(" กกจ. ") == "hr"
    with pytest.raises(ValueError, match="^กรุณาระบุหน่วยงาน$"):
        units.clean("")
    with pytest.raises(ValueError, match="^ไม่พบหน่วยงาน “กคล.”$"):
        units.clean("กคล.")
    with pytest.raises(ValueError, match="^ยาวเกิน 3 ตัวอักษร$"):
        sheets.Text(max_length=3).clean("abcd")
    assert sheets.Text(squash=True).clean(" ก \n ข ") == "ก ข"


def test_the_template_and_the_export_are_the_sheet_it_reads():
    sheet = declare()
    Group.objects.create(name="ก/1/2025-03-15")
    for content in (sheets.template_xlsx(sheet, notes=["กรอกหนึ่งแถวต่อรายการ"]),
                    sheets.export_xlsx(sheet, Group.objects.all())):
        book = openpyxl.load_workbook(io.BytesIO(content))
        assert [c.value for c in book.worksheets[0][1]] == HEADINGS
    assert book.worksheets[0].title == "กลุ่ม"
    assert list(book.worksheets[0].values)[1] == ("ก", "1", "2025-03-15")
    notes = openpyxl.load_workbook(io.BytesIO(sheets.template_xlsx(sheet, notes=["กรอกหนึ่งแถว"])))
    assert notes.sheetnames == ["กลุ่ม", "คำอธิบาย"] and notes.worksheets[1]["A1"].value == "กรอกหนึ่งแถว"
    assert sheet.widths() == [20, 14, 14]
