import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from procurement.models import Project

pytestmark = pytest.mark.django_db


def test_officer_records_through_forms_in_buddhist_era_dates(client, officer, finance):
    client.force_login(officer)
    response = client.post("/procurement/new/", {
        "unit": finance.pk, "title": "ซื้อวัสดุสำนักงาน", "fiscal_year": 2568, "method": "e_market",
        "budget": "800000", "category": "goods"})
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/procurement/{project.pk}/"
    response = client.post(f"/procurement/{project.pk}/announce/", {
        "announced_on": "01/11/2567", "submission_deadline": "08/11/2567", "criteria": "price"})
    assert "ต้องกำหนดราคากลางและวิธีการคำนวณก่อนประกาศเชิญชวน" in response.content.decode()
    client.post(f"/procurement/{project.pk}/reference/", {
        "reference_price": "780000", "reference_source": "2", "reference_method": "ฐานข้อมูลกรมบัญชีกลาง"})
    client.post(f"/procurement/{project.pk}/announce/", {
        "announced_on": "01/11/2567", "submission_deadline": "08/11/2567", "criteria": "price"})
    project.refresh_from_db()
    assert project.status == "announced" and project.announced_on.isoformat() == "2024-11-01"
    client.post(f"/procurement/{project.pk}/bids/", {"supplier_name": "บริษัท ก จำกัด", "amount": "700000"})
    bid = project.bids.get()
    client.post(f"/procurement/bids/{bid.pk}/evaluate/", {"status": "valid"})
    client.post(f"/procurement/{project.pk}/qualified/", {"qualified_on": "11/11/2567"})
    response = client.post(f"/procurement/{project.pk}/award/", {
        "bid": bid.pk, "awarded_on": "15/11/2567", "amount": "700000", "reason": "ราคาต่ำสุด"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "awarded" and project.winner.name == "บริษัท ก จำกัด"
    assert AuditEvent.objects.filter(object_id=str(project.pk), actor=officer).count() >= 5
    page = client.get(f"/procurement/{project.pk}/").content.decode()
    assert "ประกาศผลผู้ได้รับการคัดเลือกแล้ว" in page


def test_csv_upload_shows_each_row_error_and_imports_nothing(client, officer, finance):
    client.force_login(officer)
    data = ("project_id,project_name,budget_year,project_money,purchase_method_name\n"
            "1,ซื้อของ,2568,100,เฉพาะเจาะจง\n2,ซื้อของ,2568,-5,เฉพาะเจาะจง\n").encode()
    response = client.post("/procurement/data/", {"kind": "egp", "egp-unit": finance.pk, "egp-publish": "on",
                                                  "egp-file": SimpleUploadedFile("p.csv", data)}, follow=True)
    page = response.content.decode()
    assert "ไม่สำเร็จ ไม่มีข้อมูลใดถูกนำเข้า" in page and "project_money" in page and "ต้องเป็นจำนวนเงินที่ไม่ติดลบ" in page
    assert Project.objects.count() == 0


def test_analysis_page_and_exports(client, officer, recorded, finance):
    recorded("award")
    client.force_login(officer)
    page = client.get("/procurement/analysis/", {"unit": finance.pk, "fy": 2568}).content.decode()
    assert "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" in page
    client.post(f"/procurement/analysis/?unit={finance.pk}&fy=2568", {"risks": "ความเสี่ยงทดสอบ"})
    assert AuditEvent.objects.filter(action="procurement.review_save").exists()
    docx = client.get(f"/procurement/analysis/{finance.pk}/2568/export.docx")
    xlsx = client.get(f"/procurement/analysis/{finance.pk}/2568/export.xlsx")
    assert docx.content[:2] == b"PK" and xlsx.content[:2] == b"PK"
    assert "wordprocessingml" in docx["Content-Type"] and "spreadsheetml" in xlsx["Content-Type"]


def test_the_offered_csv_templates_import_cleanly(client, officer, finance):
    client.force_login(officer)
    for kind, form_kind in (("egp", "egp"), ("registry", "registry")):
        data = client.get(f"/procurement/data/templates/{kind}.csv").content
        fields = {"kind": form_kind, f"{form_kind}-file": SimpleUploadedFile(f"{kind}.csv", data)}
        if kind == "egp":
            fields.update({"egp-unit": finance.pk, "egp-publish": "on"})
        page = client.post("/procurement/data/", fields, follow=True).content.decode()
        assert "นำเข้าข้อมูลเรียบร้อยแล้ว" in page, kind
    project = Project.objects.get()
    assert project.winner.people.get().name == "นางบุษบา สะอาดดี"
