"""HR spreadsheets: each unit's round figures and the year's job lines with central KPIs imported all or
nothing (every bad row named in Thai, one audit entry), their templates, the scope of who may import, and
the year's export read back."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from accounts.policy import Denied
from audit.models import AuditEvent
from core.errors import ApplicationError
from hr import imports, services
from hr.models import JobLine, JobLineKpi, UnitCompletion
from org.models import Unit

pytestmark = pytest.mark.django_db
D = datetime.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(headers, rows, name="hr.xlsx"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), XLSX)


COMPLETION = ("หน่วยงาน", "จำนวนบุคลากร", "ประเมินแล้ว", "วันที่แล้วเสร็จ")
LINES = ("สายงาน", "ประเภท", "ตัวชี้วัดกลาง", "วันที่กำหนด")


@pytest.fixture
def hr_officer(make_user):
    return make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))


@pytest.fixture
def round_(agency, hr_officer):
    return services.round_save(actor=hr_officer, agency=agency, fiscal_year=2561, number=1,
                               closes_on=D(2018, 3, 31))


def _imports():
    return AuditEvent.objects.filter(action="hr.import").count()


def test_a_bad_row_refuses_the_whole_round_sheet(round_, hr_officer):
    upload = sheet(COMPLETION, [
        ("cpd-hr", 40, 40, "15/03/2561"),
        ("ไม่มีหน่วยนี้", 10, 10, "15/03/2561"),
        ("cpd-prov-13", 12, 15, "15/03/2561"),   # more evaluated than staff
        ("กองการเจ้าหน้าที่", 40, 40, "31/02/2561"),  # a second row for cpd-hr, a date that does not exist
    ])
    outcome = imports.import_completions(upload, actor=hr_officer, round_=round_)
    text = "\n".join(outcome.errors)
    assert outcome.rows == 0
    assert "แถวที่ 3: หน่วยงาน: ไม่พบหน่วยงาน “ไม่มีหน่วยนี้”" in text
    assert any(e.startswith("แถวที่ 4:") and "ไม่เกินจำนวนบุคลากร" in e for e in outcome.errors)
    assert any(e.startswith("แถวที่ 5:") for e in outcome.errors)
    assert not any(e.startswith("แถวที่ 2:") for e in outcome.errors)
    assert UnitCompletion.objects.count() == 0 and _imports() == 0
    assert not AuditEvent.objects.filter(action="hr.unit_complete").exists()


def test_a_good_round_sheet_is_imported_with_one_import_entry(round_, hr_officer):
    rows = [("cpd-hr", 40, 40, "15/03/2561"), ("สำนักงานสหกรณ์จังหวัดเชียงใหม่", "25", "20",
                                               D(2018, 3, 20))]
    dry = imports.import_completions(sheet(COMPLETION, rows), actor=hr_officer, round_=round_, dry_run=True)
    assert (dry.rows, dry.errors, UnitCompletion.objects.count()) == (2, [], 0)
    outcome = imports.import_completions(sheet(COMPLETION, rows), actor=hr_officer, round_=round_)
    assert (outcome.rows, outcome.errors) == (2, [])
    got = {c.unit.code: (c.staff_count, c.evaluated_count, c.completed_on, c.is_complete)
           for c in UnitCompletion.objects.select_related("unit")}
    assert got == {"cpd-hr": (40, 40, D(2018, 3, 15), True), "cpd-prov-13": (25, 20, D(2018, 3, 20), False)}
    assert _imports() == 1
    event = AuditEvent.objects.get(action="hr.import")
    assert event.new["rows"] == 2


def test_a_closed_round_takes_no_sheet(round_, hr_officer):
    round_.completed_on = D(2018, 4, 1)
    round_.save()
    with pytest.raises(ApplicationError):
        imports.import_completions(sheet(COMPLETION, [("cpd-hr", 1, 1, "01/03/2561")]), actor=hr_officer,
                                   round_=round_)


def test_a_unit_head_imports_only_for_his_own_unit(round_, make_user, client):
    head = make_user("head13", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    other = sheet(COMPLETION, [("cpd-prov-13", 10, 10, "01/03/2561"), ("cpd-hr", 40, 40, "01/03/2561")])
    outcome = imports.import_completions(other, actor=head, round_=round_)
    assert outcome.errors == ["แถวที่ 3: ท่านไม่มีสิทธิ์บันทึกผลของกองการเจ้าหน้าที่"]
    assert UnitCompletion.objects.count() == 0
    # The template offers him only his unit.
    client.force_login(head)
    response = client.get(reverse("hr:round_template", args=[round_.pk]))
    names = [r[0] for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(
        min_row=2, values_only=True)]
    assert names == [Unit.objects.get(code="cpd-prov-13").name]
    # His own unit alone goes in.
    ok = imports.import_completions(sheet(COMPLETION, [("cpd-prov-13", 10, 10, "01/03/2561")]), actor=head,
                                    round_=round_)
    assert ok.errors == [] and UnitCompletion.objects.get().unit.code == "cpd-prov-13"
    # The job lines are the division's: he may neither import them nor download their template.
    assert client.get(reverse("hr:job_lines_import") + "?fy=2561").status_code == 403
    assert client.get(reverse("hr:job_lines_template")).status_code == 403
    with pytest.raises(Denied):
        imports.import_job_lines(sheet(LINES, [("x", "สายงานหลัก", "a", "01/10/2560")]), actor=head,
                                 agency=round_.agency, fiscal_year=2561)


def test_someone_without_an_hr_role_sees_nothing(round_, make_user, client):
    outsider = make_user("nobody", "cpd-prov-13")
    client.force_login(outsider)
    for url in (reverse("hr:export") + "?fy=2561", reverse("hr:round_import", args=[round_.pk]),
                reverse("hr:job_lines_import")):
        assert client.get(url).status_code in (403, 404), url


def test_job_lines_sheet_bad_row_then_good(agency, hr_officer):
    services.job_line_save(actor=hr_officer, agency=agency, name="นักทรัพยากรบุคคล", kind="support")
    bad = sheet(LINES, [
        ("นักวิชาการสหกรณ์", "สายงานหลัก", "ร้อยละของสหกรณ์ที่ได้รับการแนะนำ\nจำนวนคู่มือที่จัดทำ", "02/10/2560"),
        ("นักทรัพยากรบุคคล", "สายงานหลัก", "ร้อยละของบุคลากรที่ได้รับการพัฒนา", "02/10/2560"),  # kind differs
        ("นักตรวจสอบบัญชี", "ผู้บริหาร", "", "02/10/2560"),
        ("นักวิชาการสหกรณ์", "หลัก", "ซ้ำ", "02/10/2560"),
    ])
    outcome = imports.import_job_lines(bad, actor=hr_officer, agency=agency, fiscal_year=2561)
    assert [e.split(":")[0] for e in outcome.errors] == ["แถวที่ 3", "แถวที่ 4", "แถวที่ 5"]
    assert "สายงานนี้อยู่ในระบบเป็นสายงานสนับสนุน" in outcome.errors[0]
    assert "ประเภท: “ผู้บริหาร” ไม่อยู่ในรายการ" in outcome.errors[1]
    assert "ซ้ำกับแถวที่ 2" in outcome.errors[2]
    assert JobLine.objects.count() == 1 and JobLineKpi.objects.count() == 0 and _imports() == 0

    good = sheet(LINES, [
        ("นักวิชาการสหกรณ์", "สายงานหลัก", "ร้อยละของสหกรณ์ที่ได้รับการแนะนำ\nจำนวนคู่มือที่จัดทำ", "02/10/2560"),
        ("นักทรัพยากรบุคคล", "สนับสนุน", "ร้อยละของบุคลากรที่ได้รับการพัฒนา", D(2017, 10, 3)),
    ])
    outcome = imports.import_job_lines(good, actor=hr_officer, agency=agency, fiscal_year=2561)
    assert outcome.errors == [] and outcome.rows == 2
    coop = JobLineKpi.objects.get(job_line__name="นักวิชาการสหกรณ์")
    assert (coop.fiscal_year, coop.job_line.kind, coop.set_on) == (2561, "core", D(2017, 10, 2))
    assert coop.kpi_list == ["ร้อยละของสหกรณ์ที่ได้รับการแนะนำ", "จำนวนคู่มือที่จัดทำ"]
    assert _imports() == 1


def test_the_import_page_shows_each_row_and_keeps_nothing(round_, hr_officer, client):
    client.force_login(hr_officer)
    url = reverse("hr:round_import", args=[round_.pk])
    page = client.get(url)
    assert page.status_code == 200 and "ดาวน์โหลดแบบฟอร์ม" in page.content.decode()
    response = client.post(url, {"file": sheet(COMPLETION, [("cpd-hr", "สี่สิบ", 40, "15/03/2561")])})
    body = response.content.decode()
    assert response.status_code == 200
    assert "แถวที่ 2: จำนวนบุคลากร: “สี่สิบ” ไม่ใช่ตัวเลข" in body
    assert UnitCompletion.objects.count() == 0
    response = client.post(url, {"file": sheet(COMPLETION, [("cpd-hr", 40, 40, "15/03/2561")])})
    assert response.status_code == 302 and UnitCompletion.objects.count() == 1
    template = client.get(reverse("hr:round_template", args=[round_.pk]))
    headers = next(openpyxl.load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True))
    assert list(headers) == list(COMPLETION)


def test_the_year_export_reads_back(agency, round_, hr_officer, client):
    services.criteria_step_save(actor=hr_officer, agency=agency, fiscal_year=2561, step=1,
                                done_on=D(2017, 10, 5), reference="บันทึกที่ ๑/๒๕๖๐")
    line = services.job_line_save(actor=hr_officer, agency=agency, name="นักวิชาการสหกรณ์", kind="core")
    services.job_line_kpis_save(actor=hr_officer, job_line=line, fiscal_year=2561, kpis="ก\nข",
                                set_on=D(2017, 10, 2))
    services.unit_complete(actor=hr_officer, round_=round_, unit=Unit.objects.get(code="cpd-hr"),
                           completed_on=D(2018, 3, 15), staff_count=40, evaluated_count=38)
    client.force_login(hr_officer)
    response = client.get(reverse("hr:export") + "?fy=2561")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    steps, lines, units = (list(ws.iter_rows(min_row=2, values_only=True)) for ws in book.worksheets)
    assert steps[0][:2] == (1, "ทบทวนหลักเกณฑ์เดิมและวิเคราะห์ปัญหา") and steps[0][3] == "บันทึกที่ ๑/๒๕๖๐"
    assert lines[0][:3] == ("นักวิชาการสหกรณ์", "สายงานหลัก", "ก\nข")
    assert units[0][1:6] == ("กองการเจ้าหน้าที่", "cpd-hr", 40, 38, "ไม่ครบ")
    # Another year's export has the headings only.
    other = openpyxl.load_workbook(io.BytesIO(client.get(reverse("hr:export") + "?fy=2570").content))
    assert [ws.max_row for ws in other.worksheets] == [1, 1, 1]
