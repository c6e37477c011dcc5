"""Spreadsheet imports: the downloadable template is the sheet the import reads; a file with one bad row
writes nothing and says, in Thai, which spreadsheet row is wrong and why; a good file is imported through
the services (audited), and the export gives the same columns back."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from audit.models import AuditEvent
from registers import imports
from registers.models import IcSubmission, ManualReview, Process, PublicityEntry, WorkplaceAssessment
from registers.services import icontrol

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(kind, rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(imports.SHEETS[kind].headings())
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("ทะเบียน.xlsx", buf.getvalue(), content_type=XLSX)


def test_the_template_has_the_import_columns():
    for kind, resource in imports.SHEETS.items():
        wb = load_workbook(io.BytesIO(imports.template_xlsx(kind)))
        assert [c.value for c in wb.worksheets[0][1]] == resource.headings()


def test_manual_reviews_with_a_bad_row_write_nothing(officer, agency):
    good = ["กองการเจ้าหน้าที่", "การสรรหาบุคลากร", "", "ไม่ใช่", "คู่มือการปฏิบัติงาน", "1", "01/03/2559",
            "15/02/2560", "ผอ.กกจ.", "", "", "ไม่มีการเปลี่ยนแปลง"]
    bad = ["กองที่ไม่มีอยู่", "การเบิกจ่าย", "", "", "คู่มือการปฏิบัติงาน", "1", "01/03/2559", "31/02/2560",
           "ผอ.", "", "", ""]
    outcome = imports.import_register("manuals", sheet("manuals", [good, bad]), actor=officer, agency=agency)
    assert outcome.created == 0 and not Process.objects.exists() and not ManualReview.objects.exists()
    assert outcome.errors[0].startswith("แถวที่ 3: ")
    assert "ไม่พบหน่วยงาน “กองที่ไม่มีอยู่”" in outcome.errors[0]
    assert "วันที่ทบทวน" in outcome.errors[0] and "กุมภาพันธ์" in outcome.errors[0]
    outcome = imports.import_register("manuals", sheet("manuals", [good]), actor=officer, agency=agency)
    assert outcome == imports.ImportOutcome(1, [])
    review = ManualReview.objects.get()
    assert review.process.unit.code == "cpd-hr" and review.fiscal_year == 2560
    assert review.version.version == "1"
    assert AuditEvent.objects.filter(action="registers.import").count() == 1
    assert AuditEvent.objects.filter(action="registers.review_save").count() == 1


def test_internal_control_import_refuses_another_units_row_for_a_units_reporter(reporter_cm, officer, agency):
    icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=1,
                        as_of=datetime.date(2017, 3, 31), due_on=datetime.date(2017, 4, 30))
    rows = [[2560, 1, "สสจ.เชียงใหม่", "20/04/2560", "", ""], [2560, 1, "กกจ.", "20/04/2560", "", ""]]
    outcome = imports.import_register("icontrol", sheet("icontrol", rows), actor=reporter_cm, agency=agency)
    assert outcome.errors == ["แถวที่ 3: ท่านไม่มีสิทธิ์บันทึกรายการของกองการเจ้าหน้าที่"]
    assert not IcSubmission.objects.exists()
    rows = [[2560, 2, "สสจ.เชียงใหม่", "20/10/2560", "", ""]]
    outcome = imports.import_register("icontrol", sheet("icontrol", rows), actor=reporter_cm, agency=agency)
    assert outcome.errors == ["แถวที่ 2: ยังไม่มีรอบที่ 2 ของปีงบประมาณ 2560 ในระบบ"]


def test_workplace_and_publicity_imports(hr_officer, planadmin, agency):
    rows = [["กค.", datetime.date(2017, 6, 1), "ผ่าน", "ผ่าน", "ผ่าน", "ผ่าน", "คณะกรรมการ", ""],
            ["กผง.", "02/06/2560", "ผ่าน", "บางส่วน", "ผ่าน", "ผ่าน", "คณะกรรมการ", ""]]
    outcome = imports.import_register("workplace", sheet("workplace", rows), actor=hr_officer, agency=agency)
    assert outcome.errors == ["แถวที่ 3: ปลอดภัย: กรอก “ผ่าน” หรือ “ไม่ผ่าน” (หรือ ใช่/ไม่ใช่)"]
    assert not WorkplaceAssessment.objects.exists()
    outcome = imports.import_register("workplace", sheet("workplace", rows[:1]), actor=hr_officer,
                                      agency=agency)
    assert outcome.created == 1 and WorkplaceAssessment.objects.get().passed
    rows = [["กพร.", "เว็บไซต์", "", "01/11/2559", "ประกาศเจตจำนงสุจริต", "https://example.org/a", ""],
            ["กพร.", "วิทยุ", "", "02/11/2559", "สัมภาษณ์", "https://example.org/b", ""]]
    outcome = imports.import_register("publicity", sheet("publicity", rows), actor=planadmin, agency=agency)
    assert len(outcome.errors) == 1 and outcome.errors[0].startswith("แถวที่ 3: ช่องทาง: “วิทยุ” ไม่อยู่ในรายการ")
    assert not PublicityEntry.objects.exists()


def test_a_file_without_the_template_columns_is_refused(officer, agency):
    from core.errors import ApplicationError

    wb = Workbook()
    wb.active.append(["ชื่อ", "วันที่"])
    wb.active.append(["x", "y"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ApplicationError, match="แฟ้มไม่มีคอลัมน์"):
        imports.import_register("publicity", SimpleUploadedFile("x.xlsx", buf.getvalue()), actor=officer,
                                agency=agency)


def test_the_import_page_keeps_the_per_row_messages(client, officer, agency):
    client.force_login(officer)
    bad = [["กพร.", "เว็บไซต์", "", "99/99/2560", "ข่าว", "https://example.org/a", ""]]
    response = client.post("/registers/sheets/publicity/import/", {"file": sheet("publicity", bad)})
    assert response.status_code == 200
    assert "แถวที่ 2: วันที่เผยแพร่" in response.content.decode()
    assert client.get("/registers/sheets/publicity/template.xlsx").status_code == 200
    export = client.get("/registers/sheets/publicity/export.xlsx?fy=2560")
    assert export.status_code == 200 and export["Content-Type"] == XLSX
