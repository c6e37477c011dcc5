"""Spreadsheet imports of every register: the template's columns, a file with a bad row reports it per row
in Thai and saves nothing, a good file saves every row through the services with one audit entry."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from integrity import imports
from integrity.models import (
    CampaignEvent,
    Declaration,
    DisciplineCase,
    ExecutiveReminder,
    GiftRecord,
    Issuance,
)
from integrity.services.imports import run_import, template_bytes

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(rows, name="ทะเบียน.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue(), XLSX)


def _columns(sheet, agency):
    return sheet.headings()


def _bad(row, index, value):
    row = list(row)
    row[index] = value
    return row


# (resource, model, actor key, the column made bad, the bad value, the expected message, edit action)
CASES = [
    (imports.EVENTS, CampaignEvent, "coi", 1, "31/02/2560", "วันที่จัด:", "integrity.coi.edit"),
    (
        imports.REMINDERS,
        ExecutiveReminder,
        "coi",
        0,
        "หน่วยงานที่ไม่มี",
        "ไม่พบหน่วยงาน",
        "integrity.coi.edit",
    ),
    (imports.GIFTS, GiftRecord, "coi", 8, "สามพัน", "ไม่ใช่ตัวเลข", "integrity.coi.edit"),
    (
        imports.DECLARATIONS,
        Declaration,
        "coi",
        0,
        "nobody-here",
        "ไม่พบผู้ใช้",
        "integrity.declaration.manage",
    ),
    (imports.ISSUANCES, Issuance, "coi", 3, "คำสั่งลับ", "ไม่ใช่ตัวเลือกที่รู้จัก", "integrity.issuance.edit"),
    (
        imports.CASES,
        DisciplineCase,
        "discipline",
        4,
        "ระหว่างพิจารณา",
        "ไม่ใช่ตัวเลือกที่รู้จัก",
        "integrity.discipline.edit",
    ),
]


def _example(resource, people):
    row = list(resource.example)
    if resource is imports.DECLARATIONS:
        row[0] = people["staff_cm"].username
    return row


@pytest.mark.parametrize(
    "resource,model,who,column,value,message,action", CASES, ids=[c[1].__name__ for c in CASES]
)
def test_a_bad_row_is_reported_and_nothing_is_saved(
    agency, people, resource, model, who, column, value, message, action
):
    headers = _columns(resource, agency)
    good = _example(resource, people)
    second = list(good)
    if resource is imports.CASES:
        second[1] = "วน.2/2560"
    upload = _sheet([headers, good, _bad(second, column, value)])
    outcome = run_import(
        actor=people[who],
        sheet=resource,
        uploaded=upload,
        agency=agency,
        action="x.import",
        edit_action=action,
    )
    assert not outcome.saved and outcome.rows == 2
    assert any(e.startswith("แถวที่ 3: ") and message in e for e in outcome.errors), outcome.errors
    assert not any(e.startswith("แถวที่ 2") for e in outcome.errors), outcome.errors
    assert model.objects.count() == 0
    # The good rows alone go in, all of them, with one audit entry.
    ok = run_import(
        actor=people[who],
        sheet=resource,
        uploaded=_sheet([headers, good, second]),
        agency=agency,
        action="integrity.event_import",
        edit_action=action,
    )
    assert ok.saved and ok.errors == [] and model.objects.count() == 2
    assert AuditEvent.objects.filter(action="integrity.event_import").count() == 1


def test_the_import_page_keeps_the_rules_and_the_template_has_the_columns(agency, people, client):
    client.force_login(people["coi"])
    template = client.get(reverse("integrity:event_template"))
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in sheet[1]] == _columns(imports.EVENTS, agency)
    assert template_bytes(imports.GIFTS)[:2] == b"PK"
    response = client.post(
        reverse("integrity:event_import"), {"file": SimpleUploadedFile("x.csv", b"a,b\n", "text/csv")}
    )
    assert response.status_code == 200 and "กรุณาใช้ไฟล์ Excel" in response.content.decode()
    missing = _sheet([["ชื่อกิจกรรม"], ["x"]])
    response = client.post(reverse("integrity:event_import"), {"file": missing})
    assert "ไฟล์ไม่มีคอลัมน์: หน่วยงานที่จัด" in response.content.decode()
    headers = _columns(imports.EVENTS, agency)
    bad = _sheet([headers, _bad(imports.EVENTS.example, 4, -3)])
    page = client.post(reverse("integrity:event_import"), {"file": bad}).content.decode()
    assert "แถวที่ 2: จำนวนผู้เข้าร่วม (คน): ต้องไม่ติดลบ" in page and CampaignEvent.objects.count() == 0
    # Someone without the register's role cannot import into it.
    client.force_login(people["reporter"])
    assert client.post(reverse("integrity:event_import"), {"file": bad}).status_code == 403


def test_exports_are_xlsx_of_what_the_person_may_see(agency, people, client):
    import datetime

    from integrity.services.campaign import event_record
    from integrity.tests.conftest import unit

    event_record(
        actor=None,
        unit=unit("cpd-hr"),
        held_on=datetime.date(2017, 3, 1),
        title="ประชุมชี้แจง",
        audience="บุคลากร",
        attendance=10,
    )
    client.force_login(people["admin"])
    response = client.get(reverse("integrity:event_export") + "?fy=2560")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][1] == "ชื่อกิจกรรม" and rows[1][1] == "ประชุมชี้แจง" and len(rows) == 2
    client.force_login(people["reporter"])
    assert client.get(reverse("integrity:event_export")).status_code == 403
