import hashlib
import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints import documents, services
from complaints.crypto import Identity, decrypt_identity, encrypt_identity
from complaints.models import Attachment, Channel
from complaints.tests.privacy import data_dir_bytes, leaks, needles
from core.errors import ApplicationError
from org.models import Unit

pytestmark = pytest.mark.django_db

PDF_WITH_NAME = b"%PDF-1.4\n% evidence of the hearing\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_identity_round_trip_and_tampering(settings, identity):
    token = encrypt_identity(identity)
    assert decrypt_identity(token) == identity and identity.name not in token
    assert encrypt_identity(Identity()) == ""
    settings.PRONGSAI_IDENTITY_KEY = Fernet.generate_key().decode()
    with pytest.raises(ApplicationError):
        decrypt_identity(token)


def test_identity_is_nowhere_in_plaintext_after_a_full_case(client, agency, custodian, handler, identity,
                                                            django_capture_on_commit_callbacks, caplog,
                                                            private_data_dir):
    # A data dir of its own: files other tests uploaded into the shared one would count as this case's.
    caplog.set_level(logging.DEBUG)
    upload = SimpleUploadedFile(f"คำร้อง {identity.name}.pdf", PDF_WITH_NAME, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:public_new", args=["corruption"]), {
            "subject": "ทุจริตการจัดซื้อ", "details": "มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงวิธีประกวดราคา",
            "name": identity.name, "phone": identity.phone, "email": identity.email,
            "address": identity.address, "files": [upload], "confirm": "on"}, REMOTE_ADDR="198.51.100.23")
        assert response.status_code == 302
        case = Attachment.objects.get().case
        services.case_assign(actor=custodian, case=case, lead=Unit.objects.get(code="cpd-prov-13"))
        services.identity_reveal(actor=custodian, case=case, reason="ประสานพยานตามหนังสือคณะกรรมการ")
        services.case_answer(actor=handler, case=case, reply="ดำเนินการตรวจสอบและลงโทษทางวินัยแล้ว")
    assert leaks(identity) == []
    stored = [data for path, data in data_dir_bytes() if "complaints" in path.parts]
    assert len(stored) == 1 and PDF_WITH_NAME not in stored[0]
    assert "198.51.100.23" not in " ".join(r.getMessage() for r in caplog.records)
    logged = " ".join(r.getMessage() for r in caplog.records).encode()
    assert not [n for n in needles(identity) if n in logged]
    sent = " ".join(m.subject + m.body for m in mail.outbox).encode()
    assert mail.outbox and not [n for n in needles(identity) if n in sent]


def test_stored_evidence_is_encrypted_but_hashes_the_original(submit):
    from complaints.files import IncomingFile, open_attachment
    from complaints.services.intake import attach_files

    case = submit().case
    item = IncomingFile(name="a.pdf", data=PDF_WITH_NAME, content_type="application/pdf", extension="pdf",
                        sha256=hashlib.sha256(PDF_WITH_NAME).hexdigest())
    attachment = attach_files(case=case, incoming=[item], kind="evidence")[0]
    assert open_attachment(attachment) == ("a.pdf", PDF_WITH_NAME)
    Attachment.objects.filter(pk=attachment.pk).update(sha256="0" * 64)
    attachment.refresh_from_db()
    with pytest.raises(ApplicationError):
        open_attachment(attachment)


def document_text(data: bytes, fmt: str) -> str:
    """All the text a reader of the file would see."""
    if fmt == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data))
        return "\n".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value)
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_exports_never_carry_identity(submit, officer, identity):
    case = submit(channel=Channel.CORRUPTION, subject="เรื่องลับที่ไม่ควรอยู่ในรายงาน").case
    submit()
    spec = documents.monthly(case.received_on.year + 543, case.received_on.month)
    for fmt in ("docx", "xlsx"):
        data, _, _ = documents.build(spec, fmt, agency=case.agency, user=officer)
        text = document_text(data, fmt)
        assert case.number in text and "เรื่องแจ้งเบาะแส (ปกปิด)" in text
        assert "เรื่องลับที่ไม่ควรอยู่ในรายงาน" not in text
        assert not [n for n in needles(identity) if n.decode() in text]


def test_error_reports_hide_identity_fields(rf, agency, identity):
    from django.views.debug import SafeExceptionReporterFilter

    from complaints.views.public import new

    request = rf.post("/complaints/public/new/service/", {"name": identity.name, "phone": identity.phone,
                                                          "subject": "x", "details": "y"})
    request.user = __import__("django.contrib.auth.models", fromlist=["AnonymousUser"]).AnonymousUser()
    request._dont_enforce_csrf_checks = True
    new(request, channel="service")
    params = SafeExceptionReporterFilter().get_post_parameters(request)
    assert params["name"] != identity.name and params["phone"] != identity.phone and params["subject"] == "x"
