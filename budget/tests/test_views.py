"""Budget pages: scoped by the policy, the import form keeps the error list and writes nothing, exports,
and the demo loads once."""

import pytest
from django.urls import reverse

from accounts.models import Role
from budget import services
from budget.models import Disbursement
from budget.tests.conftest import sheet

pytestmark = pytest.mark.django_db


def test_a_provincial_officer_sees_only_its_province(client, agency, finance, lines_2560, make_user, login):
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=sheet(
        [("cpd-finance", "P1", "ต.ค.", 111111), ("cpd-prov-13", "P1", "ต.ค.", 222222)]))
    make_user("fin.cm", "cpd-prov-13", (Role.FINANCE_OFFICER, "cpd-prov-13"))
    login("fin.cm")
    page = client.get(reverse("budget:home") + "?fy=2560").content.decode()
    assert "222,222.00" in page and "111,111.00" not in page
    api = client.get("/api/budget/2560/disbursements").json()
    assert [r["unit_code"] for r in api] == ["cpd-prov-13"]
    # Agency-wide records (meetings, the review) are not the province's to write.
    assert client.post(reverse("budget:meetings") + "?fy=2560", {}).status_code == 403
    make_user("rep", "cpd-hr", (Role.REPORTER, "cpd-hr"))
    login("rep")
    assert client.get(reverse("budget:home")).status_code == 403


def test_the_import_page_lists_each_bad_row_and_saves_nothing(client, agency, finance, lines_2560, login):
    login("finance")
    bad = sheet([("cpd-finance", "P1", "ต.ค.", 5), ("cpd-finance", "P1", "เดือนสิบสาม", 5)])
    response = client.post(reverse("budget:import") + "?fy=2560", {"file": bad, "fy": 2560})
    page = response.content.decode()
    assert response.status_code == 200 and "แถวที่ 3: เดือน: เดือน “เดือนสิบสาม” ไม่ถูกต้อง" in page
    assert Disbursement.objects.count() == 0
    good = sheet([("cpd-finance", "P1", "ต.ค.", 5)])
    response = client.post(reverse("budget:import") + "?fy=2560", {"file": good, "fy": 2560})
    assert response.status_code == 302 and Disbursement.objects.count() == 1
    export = client.get(reverse("budget:export") + "?fy=2560")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    template = client.get(reverse("budget:template") + "?fy=2560")
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(template.content)).active
    assert [c.value for c in ws[1]] == ["หน่วยงาน", "รหัสงบ", "เดือน", "จำนวนเงิน"]


def test_the_meeting_form_keeps_what_was_typed_on_a_bad_date(client, agency, finance, login):
    login("finance")
    response = client.post(reverse("budget:meetings") + "?fy=2560",
                           {"fy": 2560, "month": 3, "held_on": "31/02/2560", "title": "ประชุมครั้งที่ ๓",
                            "summary": "สรุปผลที่พิมพ์ไว้"})
    page = response.content.decode()
    assert response.status_code == 200 and "สรุปผลที่พิมพ์ไว้" in page and "ประชุมครั้งที่ ๓" in page


def test_the_demo_loads_once_and_feeds_the_chart(client, agency, plan, finance, login):
    from budget import demo

    assert demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""
    assert Disbursement.objects.filter(fiscal_year=2560).values("month").distinct().count() == 12
    login("finance")
    page = client.get(reverse("budget:home") + "?fy=2560").content.decode()
    assert "<svg" in page and "<polyline" in page and "ข้อมูล ณ" in page
    public = client.get("/public/s/budget/").content.decode()
    assert "รายงานผลการใช้จ่ายงบประมาณประจำปี ปีงบประมาณ พ.ศ. 2560" in public and "30 กันยายน 2560" in public
