"""The register pages: each list renders what the person may see, a refused form keeps what was typed with
a Thai message, another unit's record is refused, and the public page lists only published manuals."""

import datetime

import pytest

from registers.models import PublicityEntry
from registers.services import icontrol, manuals, publicity, workplace
from registers.tests.conftest import PDF_BYTES, pdf, unit

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def records(officer, hr_officer, planadmin, agency):
    hr = unit("cpd-hr")
    process = manuals.process_save(actor=officer, unit=hr, name="การสรรหาบุคลากร")
    published = manuals.version_save(actor=officer, process=process, document_type="manual", number="1",
                                     title="คู่มือการสรรหา", effective_on=D(2016, 5, 1), is_published=True,
                                     files=[pdf("สรรหา.pdf")])
    draft = manuals.version_save(actor=officer, process=process, document_type="manual", number="2",
                                 title="ร่างคู่มือการสรรหา", effective_on=D(2017, 5, 1), files=[pdf("ร่าง.pdf")])
    manuals.review_save(actor=officer, process=process, reviewed_on=D(2017, 2, 1), reviewer="ผอ.กกจ.")
    round_ = icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=1,
                                 as_of=D(2017, 3, 31), due_on=D(2017, 4, 30))
    icontrol.submission_save(actor=officer, round_=round_, unit=hr, submitted_on=D(2017, 5, 3))
    workplace.assessment_save(actor=hr_officer, unit=hr, assessed_on=D(2017, 6, 1), assessor="คณะกรรมการ",
                              clean=True, safe=True, environment=True, lively=True)
    publicity.entry_save(actor=planadmin, unit=unit("cpd-psdg"), channel="facebook",
                         published_on=D(2017, 1, 2), title="เชิญร่วมแสดงเจตจำนง", link="https://example.org/post")
    return {"process": process, "published": published, "draft": draft, "round": round_}


def test_every_list_shows_its_records(client, officer, records):
    client.force_login(officer)
    pages = {"/registers/manuals/?fy=2560": ["การสรรหาบุคลากร", "เผยแพร่แล้ว", "ผอ.กกจ."],
             f"/registers/internal-control/rounds/{records['round'].pk}/": ["ยังไม่ส่ง", "ส่งหลังกำหนด (1)",
                                                                           "ส่งแล้ว 1 จาก"],
             "/registers/healthy-workplace/?fy=2560": ["ผ่านเกณฑ์ระดับพื้นฐาน"],
             "/registers/publicity/?fy=2560": ["เชิญร่วมแสดงเจตจำนง", "เฟซบุ๊ก"]}
    for url, texts in pages.items():
        body = client.get(url).content.decode()
        for text in texts:
            assert text in body, (url, text)
    assert client.get("/registers/").url == "/registers/manuals/"


def test_a_refused_form_keeps_what_was_typed(client, planadmin):
    client.force_login(planadmin)
    response = client.post("/registers/publicity/new/", {
        "unit": unit("cpd-psdg").name, "channel": "other", "channel_other": "", "published_on": "31/02/2560",
        "title": "ข่าวประชาสัมพันธ์ที่พิมพ์ไว้", "link": "https://example.org/x"})
    body = response.content.decode()
    assert response.status_code == 200 and "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์" in body
    assert "ข่าวประชาสัมพันธ์ที่พิมพ์ไว้" in body and "31/02/2560" in body
    response = client.post("/registers/publicity/new/", {
        "unit": unit("cpd-psdg").name, "channel": "other", "channel_other": "", "published_on": "28/02/2560",
        "title": "ข่าวประชาสัมพันธ์ที่พิมพ์ไว้", "link": "https://example.org/x"})
    assert "ระบุชื่อช่องทาง" in response.content.decode() and not PublicityEntry.objects.exists()


def test_another_units_record_is_refused_on_the_page(client, reporter_cm, records):
    client.force_login(reporter_cm)
    process = records["process"]
    assert client.get(f"/registers/manuals/processes/{process.pk}/").status_code == 403
    review = {"reviewed_on": "01/03/2560", "reviewer": "x", "outcome": "unchanged"}
    assert client.post(f"/registers/manuals/processes/{process.pk}/reviews/new/", review).status_code == 403
    assert "การสรรหาบุคลากร" not in client.get("/registers/manuals/").content.decode()
    file_id = records["draft"].files.get().pk
    assert client.get(f"/registers/manuals/files/{file_id}/").status_code == 403


def test_the_public_page_lists_published_manuals_only(client, records):
    body = client.get("/registers/public/manuals/").content.decode()
    assert "คู่มือการสรรหา" in body and "ร่างคู่มือการสรรหา" not in body
    published = records["published"].files.get()
    response = client.get(f"/registers/public/manuals/files/{published.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    draft = records["draft"].files.get()
    assert client.get(f"/registers/public/manuals/files/{draft.pk}/").status_code == 404


def test_the_api_lists_and_posts_through_the_policy(client, planadmin, reporter_cm, records):
    import json

    assert client.get("/api/registers/published-manuals").json()[0]["title"] == "คู่มือการสรรหา"
    client.force_login(reporter_cm)
    assert client.get("/api/registers/healthy-workplace").json() == []
    payload = {"unit_id": unit("cpd-prov-13").pk, "channel": "website", "published_on": "2017-01-05",
               "title": "ข่าว", "link": "https://example.org/a"}
    response = client.post("/api/registers/publicity", json.dumps(payload), content_type="application/json")
    assert response.status_code == 403
    client.force_login(planadmin)
    response = client.post("/api/registers/publicity", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201 and response.json()["fiscal_year"] == 2560
    assert "/api/registers/publicity" in client.get("/api/openapi.json").json()["paths"]


def test_a_version_is_uploaded_and_published_from_its_form(client, officer, records):
    client.force_login(officer)
    process = records["process"]
    form = client.get(f"/registers/manuals/processes/{process.pk}/versions/new/").content.decode()
    assert form.index('name="note"') < form.index('name="file"') < form.index('name="is_published"')
    response = client.post(f"/registers/manuals/processes/{process.pk}/versions/new/", {
        "document_type": "standard", "number": "1", "title": "มาตรฐานการให้บริการสรรหา",
        "effective_on": "01/10/2559", "is_published": "on", "note": "", "file": pdf("มาตรฐาน.pdf")})
    assert response.status_code == 302
    version = process.versions.get(document_type="standard")
    assert version.is_published and version.effective_on == D(2016, 10, 1) and version.files.count() == 1
    assert "มาตรฐานการให้บริการสรรหา" in client.get("/registers/public/manuals/").content.decode()
