"""The roster import: all or nothing, Thai errors per row, leavers kept with an end date."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from audit.models import AuditEvent
from campaigns.models import StaffMember
from campaigns.roster_import import COLUMNS, RosterImportError, roster_import

pytestmark = pytest.mark.django_db
HEAD = ",".join(COLUMNS.values())
DAY = datetime.date(2017, 1, 1)


def csv_file(*rows: str, name="roster.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + "\n".join([HEAD, *rows]) + "\n").encode(), "text/csv")


def test_a_bad_row_writes_nothing_and_says_which_row_in_thai(agency, make_user):
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    upload = csv_file("1001,นาย,สมชาย,ใจดี,นักวิชาการ,,cpd-hr,somchai@example.test",
                      "1002,นาง,สมศรี,,นักวิชาการ,กลาง,กองคลัง,",
                      "1003,นาย,สมปอง,รักดี,นักวิชาการ,ใหญ่,ไม่มีหน่วยนี้,bad-mail",
                      "1001,นาย,ซ้ำ,รหัส,,,cpd-hr,")
    with pytest.raises(RosterImportError) as caught:
        roster_import(actor=hr, agency=agency, uploaded=upload, effective=DAY)
    problems = caught.value.problems
    assert problems[0] == "แถวที่ 3: ยังไม่ได้กรอกนามสกุล"
    assert problems[1].startswith("แถวที่ 4: ")
    assert "ระดับผู้บริหาร \"ใหญ่\" ไม่ถูกต้อง" in problems[1]
    assert "ไม่พบหน่วยงาน \"ไม่มีหน่วยนี้\"" in problems[1] and "อีเมล \"bad-mail\" ไม่ถูกต้อง" in problems[1]
    assert problems[2] == "แถวที่ 5: รหัสบุคลากร 1001 ซ้ำกับแถวที่ 2"
    assert StaffMember.objects.count() == 0  # the good first row was not written either
    assert not AuditEvent.objects.filter(action="roster.import").exists()


def test_xlsx_import_then_reimport_marks_leavers_instead_of_deleting(agency, make_user, client):
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    client.force_login(hr)
    template = client.get("/campaigns/roster/template.xlsx")
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    assert [c.value for c in book.active[1]] == list(COLUMNS.values())

    def xlsx(rows):
        book = Workbook()
        book.active.append(list(COLUMNS.values()))
        for row in rows:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        return SimpleUploadedFile("roster.xlsx", out.getvalue())

    first = roster_import(actor=hr, agency=agency, effective=DAY, uploaded=xlsx([
        [1001, "นาย", "สมชาย", "ใจดี", "ผู้อำนวยการ", "ผู้บริหารระดับกลาง", "กกจ.", ""],
        [1002, "นาง", "สมศรี", "มีสุข", "นักวิชาการ", "", "cpd-finance", "somsri@example.test"],
    ]))
    assert (first.created, first.updated, first.left) == (2, 0, 0)
    boss = StaffMember.objects.get(code="1001")
    assert boss.executive_level == "middle" and boss.unit.code == "cpd-hr" and boss.active_from == DAY
    later = datetime.date(2017, 6, 1)
    second = roster_import(actor=hr, agency=agency, effective=later, uploaded=xlsx([
        [1001, "นาย", "สมชาย", "ใจดี", "ผู้อำนวยการกองการเจ้าหน้าที่", "กลาง", "cpd-hr", ""]]))
    assert (second.created, second.updated, second.left) == (0, 1, 1)
    left = StaffMember.objects.get(code="1002")
    assert left.active_to == datetime.date(2017, 5, 31)  # kept, with the day before the new roster
    assert StaffMember.objects.get(code="1001").position == "ผู้อำนวยการกองการเจ้าหน้าที่"
    event = AuditEvent.objects.filter(action="roster.import").latest("id")
    assert event.new["left"] == 1 and event.new["names_left"] == ["นางสมศรี มีสุข"]


def test_the_import_page_shows_the_rows_and_keeps_nothing(agency, make_user, client):
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    client.force_login(hr)
    response = client.post("/campaigns/roster/import/", {
        "file": csv_file("1001,นาย,สมชาย,ใจดี,,,ไม่มี,"), "effective": "01/01/2560"})
    assert response.status_code == 200
    assert "แถวที่ 2: ไม่พบหน่วยงาน" in response.content.decode()
    assert StaffMember.objects.count() == 0


def test_only_hr_at_the_root_imports_and_a_renamed_file_is_refused(agency, make_user):
    from accounts.policy import Denied
    from core.errors import ApplicationError

    local_hr = make_user("hr.cm", "cpd-prov-13", (Role.HR_OFFICER, "cpd-prov-13"))
    with pytest.raises(Denied):
        roster_import(actor=local_hr, agency=agency, uploaded=csv_file(), effective=DAY)
    hr = make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))
    with pytest.raises(ApplicationError, match="ไม่ใช่ชนิดที่รับได้"):
        roster_import(actor=hr, agency=agency, effective=DAY,
                      uploaded=SimpleUploadedFile("roster.xlsx", b"%PDF-1.4\n%%EOF\n"))
    with pytest.raises(ApplicationError, match="ไม่ได้บันทึกเป็น UTF-8"):
        roster_import(actor=hr, agency=agency, effective=DAY,
                      uploaded=SimpleUploadedFile("roster.csv", HEAD.encode() + "\n1,นาย".encode("cp874")))
