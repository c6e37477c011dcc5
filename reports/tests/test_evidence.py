import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from core.errors import ApplicationError
from reports import evidence, services
from reports.evidence_models import Evidence, EvidenceLink, EvidenceRevision
from reports.tests.conftest import PDF_BYTES, PNG_BYTES, fill, pdf_upload, png_upload, report_of

pytestmark = pytest.mark.django_db


def test_type_is_decided_by_content_and_the_name_must_agree():
    sniffed = evidence.sniff_upload(pdf_upload("scan.pdf"))
    assert (sniffed.extension, sniffed.mime) == ("pdf", "application/pdf")
    assert sniffed.sha256 == hashlib.sha256(PDF_BYTES).hexdigest() and sniffed.size == len(PDF_BYTES)
    with pytest.raises(ApplicationError, match="เนื้อไฟล์เป็นPDF แต่ชื่อไฟล์ลงท้ายด้วย .jpg"):
        evidence.sniff_upload(pdf_upload("scan.jpg"))
    with pytest.raises(ApplicationError, match="รูปภาพ PNG แต่ชื่อไฟล์ลงท้ายด้วย .hta"):
        evidence.sniff_upload(SimpleUploadedFile("evidence.hta", PNG_BYTES))
    with pytest.raises(ApplicationError, match="HTML"):
        evidence.sniff_upload(SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>"))


def test_office_files_are_read_from_their_package_on_disk_too(settings):
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from core.documents.xlsx import new_workbook, workbook_bytes

    data = workbook_bytes(new_workbook("ตาราง"))
    spooled = TemporaryUploadedFile("ผลการดำเนินงาน.xlsx", "application/octet-stream", len(data), None)
    spooled.write(data)
    spooled.seek(0)
    sniffed = evidence.sniff_upload(spooled)
    assert (sniffed.extension, sniffed.size) == ("xlsx", len(data)) and spooled.tell() == 0
    spooled.close()
    with pytest.raises(ApplicationError, match="ไม่ใช่ชนิดที่รับได้"):
        evidence.sniff_upload(SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 200))
    with pytest.raises(ApplicationError, match="ไม่ใช่ชนิดที่รับได้"):
        evidence.sniff_upload(SimpleUploadedFile("notes.pdf", "บันทึกข้อความธรรมดา".encode()))


def test_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 40
    with pytest.raises(ApplicationError, match="เกินกำหนด"):
        evidence.sniff_upload(pdf_upload())


def test_a_new_upload_is_a_new_revision_and_the_old_file_stays(open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    item = services.evidence_add(
        actor=people["reporter"],
        report=report,
        uploaded=pdf_upload("รายงานการประชุม.pdf"),
        title="รายงานการประชุม",
        row=report.rows.get(),
    )
    first = item.revisions.get()
    services.evidence_revise(actor=people["reporter"], evidence=item, uploaded=png_upload("ภาพกิจกรรม.png"))
    revisions = list(item.revisions.order_by("number"))
    assert [(r.number, r.extension, r.original_name) for r in revisions] == [
        (1, "pdf", "รายงานการประชุม.pdf"),
        (2, "png", "ภาพกิจกรรม.png"),
    ]
    assert revisions[0].file.name == first.file.name and revisions[0].file.name != revisions[1].file.name
    with revisions[0].file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == first.sha256
    assert "รายงานการประชุม" not in revisions[0].file.name  # stored names never come from the uploader
    assert item.current.number == 2
    assert list(
        AuditEvent.objects.filter(action__startswith="evidence.")
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["evidence.upload", "evidence.revise"]


def test_evidence_of_another_unit_cannot_be_added(open_round, people):
    with pytest.raises(PermissionDenied):
        services.evidence_add(
            actor=people["reporter"], report=report_of(open_round, "cpd-prov-01"), uploaded=pdf_upload()
        )


def test_download_is_checked_and_always_an_attachment(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    revision = services.evidence_add(actor=people["reporter"], report=report, uploaded=pdf_upload()).current
    url = f"/reports/evidence/{revision.pk}/download/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(people["other"])
    assert client.get(url).status_code == 404
    client.force_login(people["reporter"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"evidence-{revision.pk}.pdf\"; "
        "filename*=UTF-8''%E0%B8%AB%E0%B8%A5%E0%B8%B1%E0%B8%81%E0%B8%90%E0%B8%B2%E0%B8%99.pdf"
    )
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(people["auditor"])
    assert client.get(url).status_code == 200


def _stored_revision(report, user, name: str, data: bytes) -> EvidenceRevision:
    """A revision as older versions stored it: the uploader's name kept whatever its extension."""
    from django.core.files.base import ContentFile

    item = Evidence.objects.create(report=report, title="หลักฐานเดิม", created_by=user)
    revision = EvidenceRevision(
        evidence=item, number=1, original_name=name, extension="jpg", mime="image/jpeg",
        size=len(data), sha256=hashlib.sha256(data).hexdigest(), uploaded_by=user,
    )
    revision.file.save("upload", ContentFile(data), save=False)
    revision.save()
    return revision


def test_a_download_is_named_and_typed_by_its_bytes_never_by_the_uploaders_name(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    polyglot = PNG_BYTES + b"<html><script>alert(document.cookie)</script></html>"
    picture = _stored_revision(report, people["reporter"], "evidence.hta", polyglot)
    page = _stored_revision(report, people["reporter"], "report.jpg", b"<hta:application><script>x</script>")
    client.force_login(people["reporter"])
    response = client.get(f"/reports/evidence/{picture.pk}/download/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"evidence-{picture.pk}.png\"; filename*=UTF-8''evidence.png"
    )
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert b"".join(response.streaming_content) == polyglot
    # Bytes that are no accepted type today go out as opaque data, whatever was recorded for them.
    response = client.get(f"/reports/evidence/{page.pk}/download/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].endswith("filename*=UTF-8''report.bin")


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/a.pdf", "javascript:alert(1)", "https://user:pw@example.org/", "example.org/page"],
)
def test_links_must_be_plain_http_or_https(url):
    with pytest.raises(ApplicationError):
        evidence.validate_link_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.1.1/",
    ],
)
def test_internal_addresses_are_never_fetched(url, monkeypatch):
    def no_connection(*args, **kwargs):
        raise AssertionError("the checker tried to connect")

    monkeypatch.setattr(evidence.socket, "create_connection", no_connection)
    result = evidence.check_link(url)
    assert result.status == "blocked"


def test_a_redirect_to_an_internal_address_is_blocked(monkeypatch):
    real_request = evidence._request

    def network(url):
        if url == "https://www.example.go.th/ita":
            return 302, "http://127.0.0.1:8000/admin/"
        return real_request(url)

    monkeypatch.setattr(evidence, "_request", network)
    assert evidence.check_link("https://www.example.go.th/ita").status == "blocked"


@pytest.mark.django_db(transaction=True)
def test_a_saved_link_is_checked_against_a_real_server(
    live_server, settings, open_round, people, django_capture_on_commit_callbacks
):
    settings.REPORTS_LINKCHECK_ALLOW_PRIVATE = True  # the live server listens on loopback
    report = report_of(open_round, "cpd-prov-13")
    with django_capture_on_commit_callbacks(execute=True):
        good = services.link_add(
            actor=people["reporter"], report=report, url=f"{live_server.url}/healthz", title="หน้าเว็บไซต์"
        )
        missing = services.link_add(
            actor=people["reporter"], report=report, url=f"{live_server.url}/no-such-page/"
        )
    good.refresh_from_db()
    missing.refresh_from_db()
    assert (good.status, good.http_status) == (EvidenceLink.Status.OK, 200) and good.checked_at
    assert (missing.status, missing.http_status) == (EvidenceLink.Status.BROKEN, 404)
    with pytest.raises(ApplicationError, match="มีอยู่"):
        services.link_add(actor=people["reporter"], report=report, url=f"{live_server.url}/healthz")


def _post_edit(client, report, user, rows, **extra):
    """The report form posted as `user` would post it."""
    return client.post(f"/reports/{report.pk}/edit/", _form_post(report, user, rows, **extra))


def _form_post(report, user, rows, **extra) -> dict:
    from reports.forms import form_key

    data = {
        "form_key": form_key(report, user),
        "version": report.version,
        "as_of": "31/03/2560",
        "rows-TOTAL_FORMS": len(rows),
        "rows-INITIAL_FORMS": 0,
        "action": "save",
    }
    for i, row in enumerate(rows):
        data.update({f"rows-{i}-{key}": value for key, value in row.items()})
    return {**data, **extra}


EXISTING_ROW = {"method": "ประชุมชี้แจงแนวทาง", "result": "จัดแล้ว"}
BANNER = "ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง ข้อมูลที่พิมพ์ไว้ยังอยู่ครบ"


def test_a_file_for_a_row_that_will_not_exist_is_refused_before_anything_is_saved(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[EXISTING_ROW])
    row = report.rows.get()
    client.force_login(people["reporter"])
    page = client.get(f"/reports/{report.pk}/edit/").content.decode()
    # The saved row and the blank line below it are offered, no row that is not on the page.
    assert "แถวที่ 2</option>" in page and "แถวที่ 3</option>" not in page
    typed = {"id": row.pk, **EXISTING_ROW, "result": "จัดแล้ว ผู้เข้าร่วม ๓๐ คน"}
    response = _post_edit(
        client, report, people["reporter"], [typed, {}], evidence_row="2", evidence_file=pdf_upload()
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ไม่มีแถวที่ 2 ในรายงาน (รายงานนี้มี 1 แถว)" in page and "เลือกไฟล์อีกครั้ง" in page
    assert BANNER in page and "ผู้เข้าร่วม ๓๐ คน" in page
    report.refresh_from_db()
    assert not report.evidence.exists() and report.rows.get().result == "จัดแล้ว"
    assert report.version == 1


def test_a_file_for_a_row_added_in_the_same_post_lands_on_that_row(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[EXISTING_ROW])
    row = report.rows.get()
    client.force_login(people["reporter"])
    rows = [{"id": row.pk, **EXISTING_ROW}, {"method": "ติดประกาศ", "result": "ติดแล้ว"}]
    response = _post_edit(
        client, report, people["reporter"], rows, evidence_row="2", evidence_file=pdf_upload()
    )
    assert response.status_code == 302
    assert report.evidence.get().row.method == "ติดประกาศ"


def test_a_link_for_a_missing_row_is_refused_too(client, open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[EXISTING_ROW])
    client.force_login(people["reporter"])
    rows = [{"id": report.rows.get().pk, **EXISTING_ROW}]
    response = _post_edit(
        client, report, people["reporter"], [*rows, {}], link_row="2", link_url="https://www.cpd.go.th/"
    )
    assert response.status_code == 400
    assert "ไม่มีแถวที่ 2 ในรายงาน" in response.content.decode()
    assert "เลือกไฟล์อีกครั้ง" not in response.content.decode()
    assert not EvidenceLink.objects.exists()


def test_a_file_refused_by_its_content_shows_the_usual_banner_beside_the_file_field(
    client, open_round, people
):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    response = _post_edit(
        client,
        report,
        people["reporter"],
        [EXISTING_ROW],
        problems="งบประมาณไม่พอ",
        evidence_file=pdf_upload("fake.pdf", b"MZ" + b"\0" * 100),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert BANNER in page and "ไฟล์แนบต้องเลือกใหม่อีกครั้ง" in page
    field = page[page.index('for="id_evidence_file"') - 200 : page.index('for="id_evidence_file"')]
    assert "field-error" in field  # the message sits at the file field, in red
    assert "ไฟล์ fake.pdf ไม่ใช่ชนิดที่รับได้" in page and "งบประมาณไม่พอ" in page
    assert not report.rows.exists() and not report.evidence.exists()


def test_a_picture_named_as_a_program_is_refused_by_name_and_type_and_the_form_is_kept(
    client, open_round, people
):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    response = _post_edit(
        client,
        report,
        people["reporter"],
        [{"method": "ติดประกาศช่องทางร้องเรียน", "result": "ติดประกาศครบทุกจุด"}],
        problems="งบประมาณไม่พอ",
        evidence_title="ภาพป้ายประกาศ",
        evidence_file=SimpleUploadedFile("ป้าย.hta", PNG_BYTES, content_type="application/hta"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ไฟล์ ป้าย.hta ไม่ใช่ชนิดที่รับได้: เนื้อไฟล์เป็นรูปภาพ PNG แต่ชื่อไฟล์ลงท้ายด้วย .hta" in page
    for typed in ("ติดประกาศช่องทางร้องเรียน", "ติดประกาศครบทุกจุด", "งบประมาณไม่พอ", "ภาพป้ายประกาศ"):
        assert typed in page
    assert not report.rows.exists() and not report.evidence.exists()
