import datetime

import orjson
import pytest
from django.utils import timezone

from procurement.models import Project
from procurement.opendata import validate_output
from procurement.services import tendering

pytestmark = pytest.mark.django_db


def test_public_project_page_shows_every_stage_without_login(client, recorded, officer):
    project, _ = recorded("award", reference=__import__("decimal").Decimal("1860000"))
    tendering.project_contract(actor=officer, project=project, contract_no="9/2568",
                               signed_on=datetime.date(2024, 12, 5), amount=project.award_amount)
    page = client.get(f"/procurement/public/projects/{project.pk}/").content.decode()
    for text in ("ราคากลางและวิธีการคำนวณ", "1,860,000.00", "สืบราคาจากท้องตลาด 3 ราย", "หลักเกณฑ์การพิจารณาคัดเลือก",
                 "เกณฑ์ราคา", "ผู้ยื่นข้อเสนอและผู้มีคุณสมบัติเบื้องต้น", "บริษัท สอง จำกัด", "ผ่านคุณสมบัติ",
                 "ผลการจัดซื้อจัดจ้าง", "เสนอราคาต่ำสุดและผ่านคุณสมบัติ", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
                 "9/2568", "ระยะเวลาประกาศเป็นไปตามเกณฑ์"):
        assert text in page, text
    # 1,850,000 won against a reference price of 1,860,000: 99.46 % → the Thai rule TH01 explains itself
    assert 'data-flag="TH01"' in page and "คิดเป็นร้อยละ 99.46 ของราคากลาง" in page


def test_drafts_are_not_public(client, recorded):
    project, _ = recorded("reference")
    assert client.get(f"/procurement/public/projects/{project.pk}/").status_code == 404
    assert client.get(f"/api/procurement/projects/{project.pk}").status_code == 404
    assert project.title not in client.get("/procurement/public/").content.decode()


def test_document_buyers_stay_private_until_submissions_close(client, recorded):
    today = timezone.localdate()
    project, _ = recorded("announced", announced=today - datetime.timedelta(days=3),
                          deadline=today + datetime.timedelta(days=20), fy=2570 if today.month < 10 else 2571)
    page = client.get(f"/procurement/public/projects/{project.pk}/").content.decode()
    assert "บริษัท หนึ่ง จำกัด" not in page and "รายชื่อเปิดเผยหลังวันสุดท้ายของการยื่นข้อเสนอ" in page
    detail = client.get(f"/api/procurement/projects/{project.pk}").json()
    assert detail["bids"] == [] and detail["document_buyers"] == []
    # nor in the published OCDS: the releases written while submissions are open leave them out
    record = client.get(f"/procurement/public/projects/{project.pk}/ocds.json").content.decode()
    assert "บริษัท หนึ่ง" not in record and '"bids"' not in record and "documentBuyers" not in record
    assert all(f["id"] not in ("R018", "TH02") for f in detail["flags"])


def test_thai_search_is_segmented(client, recorded):
    project, _ = recorded("announced", bids=())
    for query, found in [("ทำความสะอาด", True), ("สหกรณ์", True), ("ความสะอาด อาคาร", True), ("ก่อสร้าง", False),
                         ("ตา", False)]:
        page = client.get("/procurement/public/", {"q": query}).content.decode()
        assert (project.title in page) is found, query
    assert [p["id"] for p in client.get("/api/procurement/projects", {"q": "สหกรณ์"}).json()] == [project.pk]


def test_open_data_downloads_are_valid_ocds(client, recorded):
    recorded("award")
    recorded("reference")  # a draft: must not be in the open data
    for name, fmt in (("releases.json", "package"), ("records.json", "record"), ("compiled.jsonl", "jsonl")):
        response = client.get(f"/procurement/public/open-data/{name}")
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert validate_output(data, fmt) == [], name
    compiled_lines = client.get("/procurement/public/open-data/compiled.jsonl").content.splitlines()
    compiled = [orjson.loads(x) for x in compiled_lines]
    assert len(compiled) == 1
    csv_text = client.get("/procurement/public/open-data/projects.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("ocid,เลขที่โครงการ,ปีงบประมาณ")
    assert len(csv_text.splitlines()) == 2


def test_public_plan_and_analysis(client, recorded, officer, finance):
    from decimal import Decimal

    from procurement.services import planning

    plan = planning.plan_create(actor=officer, unit=finance, fiscal_year=2568)
    planning.plan_item_add(actor=officer, plan=plan, title="จ้างทำความสะอาด", budget=Decimal("2000000"),
                           method="e_bidding", planned_month=11)
    assert client.get(f"/procurement/public/plans/{plan.pk}/").status_code == 404
    planning.plan_publish(actor=officer, plan=plan)
    assert "จ้างทำความสะอาด" in client.get(f"/procurement/public/plans/{plan.pk}/").content.decode()
    recorded("award")
    page = client.get(f"/procurement/public/analysis/{finance.pk}/2568/").content.decode()
    assert "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" in page and "150,000.00 (7.50%)" in page
    svg = client.get(f"/procurement/public/analysis/{finance.pk}/2568/budget.svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and b"e-bidding" in svg.content


def test_api_is_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/procurement/projects", "/api/procurement/projects/{project_id}/ocds",
            "/api/procurement/relationships"} <= set(paths)
    assert client.get("/api/procurement/relationships").status_code == 401


def test_staff_export_includes_drafts_they_may_see(client, recorded, officer):
    recorded("reference")
    client.force_login(officer)
    data = client.get("/procurement/data/export/package/").content
    assert validate_output(data, "package") == [] and len(orjson.loads(data)["releases"]) == 2
    assert Project.objects.count() == 1
