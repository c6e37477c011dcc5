"""Approval (เห็นชอบ) of a compiled version, its frozen documents, the letter to ป.ป.ท. and the package."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import subprocess
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.policy import Denied
from audit.models import AuditEvent
from core.errors import ApplicationError
from core.thai import to_thai_digits
from reports import services
from reports.approval_models import CompiledVersion
from reports.models import CompiledSummary
from reports.services import approval
from reports.tests.conftest import set_agency_digits

pytestmark = pytest.mark.django_db


def pdf_pages(data: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout
    return [page for page in text.decode().split("\f") if page.strip()]


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )


@pytest.fixture
def compiled(reported_round, people):
    services.round_compile(actor=people["admin"], round_=reported_round)
    return reported_round


def approve(version, people, **extra):
    return approval.version_approve(
        actor=people["executive"], version=version, position=extra.pop("position", "รองอธิบดี"), **extra
    )


def test_compile_makes_version_one_and_the_same_content_keeps_it(compiled, people):
    version = approval.latest_version(compiled)
    assert version.number == 1 and len(version.sha256) == 64 and not version.approved
    # The hash names the frozen content: recomputing it gives the same.
    from reports.exports.official_content import content_sha256

    assert content_sha256(version.content) == version.sha256
    services.round_compile(actor=people["admin"], round_=compiled)
    assert CompiledVersion.objects.filter(round=compiled).count() == 1


def test_change_after_approval_makes_a_new_version_needing_approval(compiled, people):
    first = approve(approval.latest_version(compiled), people, comment="เห็นชอบให้ส่ง")
    assert first.approved and first.approver_position == "รองอธิบดี"
    summary = CompiledSummary.objects.get(round=compiled)
    services.summary_update(actor=people["admin"], summary=summary, text="บทสรุปที่แก้ไขหลังเห็นชอบ")
    second = approval.latest_version(compiled)
    assert second.number == 2 and not second.approved and second.sha256 != first.sha256
    first.refresh_from_db()
    assert first.approved  # the approved version stays as it was
    assert first.content["summary_text"] != "บทสรุปที่แก้ไขหลังเห็นชอบ"
    with pytest.raises(ApplicationError, match="ไม่ใช่ฉบับล่าสุด"):
        approve(first, people)
    # A report sent again changes the compiled content: the next compilation is a new version too.
    approve(second, people)
    from reports.tests.conftest import fill, report_of

    hr = fill(report_of(compiled, "cpd-hr", "t-1"), people["hr_reporter"])
    services.report_submit(actor=people["hr_reporter"], report=hr)
    services.round_compile(actor=people["admin"], round_=compiled)
    assert approval.latest_version(compiled).number == 3


def test_audit_says_who_approved_which_version(compiled, people):
    version = approve(approval.latest_version(compiled), people)
    event = AuditEvent.objects.filter(action="round.approve").get()
    assert event.actor == people["executive"]
    assert event.new["version"] == 1 and event.new["sha256"] == version.sha256
    assert AuditEvent.objects.filter(action="round.version", new__version=1).exists()


def test_only_the_departments_executive_approves(compiled, people, make_user):
    version = approval.latest_version(compiled)
    provincial = make_user("exec.cm", "cpd-prov-13", (Role.EXECUTIVE, "cpd-prov-13"))
    for actor in (provincial, people["admin"], people["auditor"], people["reporter"]):
        with pytest.raises(Denied):
            approval.version_approve(actor=actor, version=version, position="ผู้อำนวยการ")
    with pytest.raises(ApplicationError, match="ตำแหน่ง"):
        approval.version_approve(actor=people["executive"], version=version, position=" ")
    version.refresh_from_db()
    assert not version.approved


def test_sent_only_after_approval(compiled, people):
    today = timezone.localdate()
    with pytest.raises(ApplicationError, match="ยังไม่ได้รับความเห็นชอบ"):
        approval.dispatch_record_sent(
            actor=people["admin"], round_=compiled, ref_no="123", letter_date=None, sent_on=today
        )
    version = approve(approval.latest_version(compiled), people)
    with pytest.raises(Denied):
        approval.dispatch_record_sent(
            actor=people["executive"], round_=compiled, ref_no="123", letter_date=None, sent_on=today
        )
    dispatch = approval.dispatch_record_sent(
        actor=people["admin"], round_=compiled, ref_no="123", letter_date=None, sent_on=today
    )
    assert dispatch.version == version and dispatch.letter_date == today
    event = AuditEvent.objects.filter(action="round.send").get()
    assert (
        event.new["version"] == 1 and event.new["sha256"] == version.sha256 and event.new["ref_no"] == "123"
    )


def test_summary_pdf_names_the_version_on_every_page(compiled, people):
    version = approval.latest_version(compiled)
    from reports.exports import official

    pages = pdf_pages(official.summary_pdf(version))
    assert all(version.short_hash in page and "ยังไม่ได้รับความเห็นชอบ" in page for page in pages)
    version = approve(version, people, position="อธิบดีกรมส่งเสริมสหกรณ์")
    data = official.summary_pdf(version)
    pages = pdf_pages(data)
    for page in pages:
        assert version.short_hash in page and "ฉบับที่ ๑" in page
        assert "เห็นชอบโดย" in page and "อธิบดีกรมส่งเสริมสหกรณ์" in page
    text = "".join(pages)
    assert "บทสรุปสำหรับผู้บริหาร" in text and "ยังไม่ถึงกำหนด" in text  # the verdict in words
    assert "ยังไม่ส่ง" in text  # the missing units, listed compactly
    word = docx_text(official.summary_docx(version))
    assert version.short_hash in word and "เห็นชอบโดย" in word
    annex = pdf_pages(official.annex_pdf(version))
    assert all(version.short_hash in page for page in annex)
    annex_text = "".join(annex)
    for heading in (
        "หน่วยงาน",
        "ข้อมูล ณ วันที่",
        "นโยบายด้าน",
        "ชื่อแผนงาน/โครงการ/กิจกรรม",
        "วิธีดำเนินการ",
        "ผลการดำเนินงาน",
    ):
        assert heading in annex_text
    assert "สำนักงานสหกรณ์จังหวัดเชียงใหม่" in annex_text


def test_the_summary_pdf_is_rendered_in_parts_numbered_once_and_kept_across_approval(
    compiled, people, settings, tmp_path
):
    """Rendered in parts side by side (each policy area from a new page), numbered when joined; approving
    the version changes only the footer, so no part is rendered again."""
    from reports.exports import official, pdf

    settings.DATA_DIR = tmp_path
    settings.REPORTS_PDF_WORKERS = 2
    version = approval.latest_version(compiled)
    pages = pdf_pages(official.summary_pdf(version))
    total = len(pages)
    assert total >= 2
    for n, page in enumerate(pages, start=1):
        assert f"หน้า {to_thai_digits(str(n))} / {to_thai_digits(str(total))}" in page
    areas = [p["title"] for p in version.content["policies"]]
    starts = [n for n, page in enumerate(pages) for title in areas if page.lstrip().startswith(title)]
    assert len(starts) == len(areas) - 1  # the first area follows the heading of the results
    assert any(page.lstrip().startswith("ผลการดำเนินงานตามนโยบาย") for page in pages)

    def parts() -> set[str]:
        return {f.name for f in pdf.cache_dir().glob("*.pdf") if not f.name.startswith("merged-")}

    before = parts()
    approved = approve(version, people, position="อธิบดีกรมส่งเสริมสหกรณ์")
    again = pdf_pages(official.summary_pdf(approved))
    assert len(parts() - before) == 1  # the new footer's page alone
    assert len(again) == total and all("เห็นชอบโดย" in page for page in again)


def test_the_summary_is_frozen_against_later_report_changes(compiled, people):
    version = approve(approval.latest_version(compiled), people)
    from reports.exports import official

    before = official.summary_docx(version)
    hr = __import__("reports.tests.conftest", fromlist=["x"])
    report = hr.fill(
        hr.report_of(compiled, "cpd-hr", "t-1"),
        people["hr_reporter"],
        rows=[{"method": "วิธีใหม่หลังเห็นชอบ", "result": "ผลใหม่"}],
    )
    services.report_submit(actor=people["hr_reporter"], report=report)
    version.refresh_from_db()
    assert "วิธีใหม่หลังเห็นชอบ" not in "".join(pdf_pages(official.annex_pdf(version)))
    # The body is the same text (the embedded fonts' keys are drawn afresh at every render).
    def body(data):
        return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")

    assert body(official.summary_docx(version)) == body(before)


@pytest.fixture
def profile(agency):
    from org.models import AgencyProfile

    return AgencyProfile.objects.create(
        agency=agency,
        official_name="กรมส่งเสริมสหกรณ์",
        address="12 ถนนพิษณุโลก เขตดุสิต\nกรุงเทพฯ 10300",
        phone="0 2628 5143",
        email="psdg@cpd.go.th",
        book_prefix="กษ 1113",
        head_title="อธิบดีกรมส่งเสริมสหกรณ์",
        head_name="นายทดสอบ ผู้บริหาร",
    )


def test_letter_pdf_and_docx_carry_the_regulations_parts(compiled, people, profile):
    from reports.exports import pacc

    set_agency_digits(True)
    approval.dispatch_save(
        actor=people["admin"],
        round_=compiled,
        reference="หนังสือสำนักงาน ป.ป.ท. ที่ ยธ 0801/ว 12 ลงวันที่ 1 มีนาคม 2560",
    )
    version = approve(approval.latest_version(compiled), people)
    approval.dispatch_record_sent(
        actor=people["admin"],
        round_=compiled,
        ref_no="456",
        letter_date=datetime.date(2017, 4, 4),
        sent_on=datetime.date(2017, 4, 4),
    )
    dispatch = approval.current_dispatch(compiled)
    (page, *_) = pdf_pages(pacc.letter_file(version, dispatch, "pdf"))
    for part in (
        "ที่ กษ ๑๑๑๓/๔๕๖",
        "เรื่อง",
        "เรียน",
        "อ้างถึง",
        "สิ่งที่ส่งมาด้วย",
        "ขอแสดงความนับถือ",
        "เลขาธิการคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ",
        "๔ เมษายน ๒๕๖๐",
        "ยธ ๐๘๐๑/ว ๑๒",
        "(นายทดสอบ ผู้บริหาร)",
        "กรุงเทพฯ ๑๐๓๐๐",
        "โทร. ๐ ๒๖๒๘ ๕๑๔๓",
    ):
        assert part in page, part
    assert "4 เมษายน" not in page
    word = docx_text(pacc.letter_file(version, dispatch, "docx"))
    for part in ("อ้างถึง", "สิ่งที่ส่งมาด้วย", "เลขาธิการคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ", "๔๕๖"):
        assert part in word
    set_agency_digits(False)
    services.round_compile(actor=people["admin"], round_=compiled)  # the digits are part of the content
    version = approval.latest_version(compiled)
    assert version.number == 2
    (page, *_) = pdf_pages(pacc.letter_file(version, approval.current_dispatch(compiled), "pdf"))
    assert "กษ 1113/" in page and "๑" not in page


def test_package_manifest_matches_its_files(compiled, people, profile):
    from reports.exports import pacc

    version = approve(approval.latest_version(compiled), people)
    data = pacc.package_zip(version, approval.current_dispatch(compiled))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        text = archive.read("manifest.txt").decode()
        names = set(archive.namelist())
        assert len(manifest["files"]) == 5
        for item in manifest["files"]:
            content = archive.read(item["name"])
            assert hashlib.sha256(content).hexdigest() == item["sha256"] and len(content) == item["bytes"]
            assert item["sha256"] in text
    assert names == {i["name"] for i in manifest["files"]} | {"manifest.json", "manifest.txt"}
    assert manifest["version"] == 1 and manifest["content_sha256"] == version.sha256
    assert manifest["approval"]["position"] == "รองอธิบดี"
    assert "เห็นชอบโดย" in text


def test_pages_approve_and_record_sent(compiled, people, client):
    url = reverse("reports:approval", args=[compiled.pk])
    client.force_login(people["executive"])
    page = client.get(url)
    assert (
        page.status_code == 200
        and b'id="approve-form"' in page.content
        and b'id="sent-form"' not in page.content
    )
    version = approval.latest_version(compiled)
    response = client.post(
        reverse("reports:approval_approve", args=[compiled.pk]),
        {"version": version.pk, "position": "", "comment": "ข้อความที่พิมพ์ไว้"},
    )
    assert response.status_code == 400 and "ข้อความที่พิมพ์ไว้" in response.content.decode()
    response = client.post(
        reverse("reports:approval_approve", args=[compiled.pk]),
        {"version": version.pk, "position": "รองอธิบดี", "approved_on": "04/04/2560"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.approved_on == datetime.date(2017, 4, 4)
    client.force_login(people["admin"])
    page = client.get(url)
    assert b'id="sent-form"' in page.content and b'id="approve-form"' not in page.content
    response = client.post(
        reverse("reports:approval_send", args=[compiled.pk]), {"ref_no": "789", "sent_on": "05/04/2560"}
    )
    assert response.status_code == 302
    assert approval.current_dispatch(compiled).ref_no == "789"
    client.force_login(people["reporter"])
    assert client.get(url).status_code == 403


def test_api_documents_and_approval(compiled, people, client, make_user):
    base = f"/api/rounds/{compiled.pk}"
    client.force_login(people["auditor"])
    for path, content_type in (
        ("summary.docx", "wordprocessingml"),
        ("summary.pdf", "application/pdf"),
        ("pacc-letter.docx", "wordprocessingml"),
        ("pacc-letter.pdf", "application/pdf"),
        ("pacc-package.zip", "application/zip"),
    ):
        response = client.get(f"{base}/{path}")
        assert response.status_code == 200, path
        assert content_type in response["Content-Type"]
    assert (
        client.post(f"{base}/approval", {"position": "ผู้ตรวจ"}, content_type="application/json").status_code
        == 403
    )
    provincial = make_user("exec.cm", "cpd-prov-13", (Role.EXECUTIVE, "cpd-prov-13"))
    client.force_login(provincial)
    assert client.get(f"{base}/summary.pdf").status_code == 403
    assert (
        client.post(f"{base}/approval", {"position": "ผอ."}, content_type="application/json").status_code
        == 403
    )
    client.force_login(people["executive"])
    response = client.post(
        f"{base}/approval", {"position": "รองอธิบดี", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["approved"] is True
    assert response.json()["sha256"] == approval.latest_version(compiled).sha256
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "summary.docx",
        "summary.pdf",
        "pacc-letter.docx",
        "pacc-letter.pdf",
        "pacc-package.zip",
        "approval",
    ):
        assert f"/api/rounds/{{round_id}}/{path}" in paths


def test_one_units_annex_from_the_approval_page(compiled, people, client, make_user):
    version = approval.latest_version(compiled)
    client.force_login(people["executive"])
    page = client.get(reverse("reports:approval", args=[compiled.pk])).content.decode()
    url = reverse("reports:doc_annex_unit", args=[compiled.pk, "cpd-prov-13"])
    assert f'href="{url}"' in page and "สำนักงานสหกรณ์จังหวัดเชียงใหม่" in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and "cpd-prov-13" in disposition
    pages = pdf_pages(response.content)
    assert pages and all(version.short_hash in p for p in pages)
    text = "".join(pages)
    assert "สำนักงานสหกรณ์จังหวัดเชียงใหม่" in text and "กระบี่" not in text
    # Krabi's part is its own; a unit with no forms in the version has none.
    krabi_url = reverse("reports:doc_annex_unit", args=[compiled.pk, "cpd-prov-01"])
    krabi = "".join(pdf_pages(client.get(krabi_url).content))
    assert "กระบี่" in krabi and "เชียงใหม่" not in krabi
    assert client.get(reverse("reports:doc_annex_unit", args=[compiled.pk, "cpd-ict"])).status_code == 404
    # Guarded like the round's other documents.
    client.force_login(make_user("exec.cm", "cpd-prov-13", (Role.EXECUTIVE, "cpd-prov-13")))
    assert client.get(url).status_code == 403
    client.force_login(people["reporter"])
    assert client.get(url).status_code == 403
