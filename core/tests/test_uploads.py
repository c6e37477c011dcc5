import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook
from PIL import Image

from core.downloads import content_disposition, file_response, safe_stem
from core.uploads import KINDS, RefusedFile, display_filename, human_size, identify, served_kind, sniff

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
ALL = tuple(KINDS)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "JPEG")
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    doc = Document()
    doc.add_paragraph("บันทึกข้อความ")
    doc.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def package(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def macro_workbook() -> bytes:
    # An .xlsm: same layout as a workbook, but its manifest declares macros and it carries the VBA project.
    with zipfile.ZipFile(io.BytesIO(xlsx())) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    entries["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 60
    return package(entries)


def odt(extra: dict[str, bytes] | None = None) -> bytes:
    return package({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>",
                    **(extra or {})})


@pytest.mark.parametrize(
    ("make", "name", "key"),
    [
        (lambda: PDF, "รายงาน.pdf", "pdf"),
        (jpeg, "ภาพถ่าย.JPEG", "jpg"),
        (png, "scan.png", "png"),
        (docx, "บันทึก.docx", "docx"),
        (xlsx, "ตาราง.xlsx", "xlsx"),
        (odt, "เอกสาร.odt", "odt"),
        (lambda: "บันทึกเหตุการณ์ วันที่ ๓ มี.ค.".encode(), "บันทึก.txt", "txt"),
        (lambda: PDF, "ไม่มีนามสกุล", "pdf"),
    ],
)
def test_documents_and_pictures_whose_name_agrees_are_accepted(make, name, key):
    assert identify(make(), name, ALL).key == key


def test_a_picture_with_a_page_appended_is_still_a_picture():
    polyglot = jpeg() + b"<html><script>alert(1)</script></html>"
    assert identify(polyglot, "photo.jpg", ALL).key == "jpg"
    with pytest.raises(RefusedFile, match="รูปภาพ JPEG แต่ชื่อไฟล์ลงท้ายด้วย .hta") as refused:
        identify(polyglot, "evidence.hta", ALL)
    assert refused.value.detected == "รูปภาพ JPEG"
    for disguised in (".hta", "photo.hta. ", "C:\\temp\\photo.HTA"):
        with pytest.raises(RefusedFile, match=r"ลงท้ายด้วย \.hta"):
            identify(polyglot, disguised, ALL)


@pytest.mark.parametrize(
    ("data", "name", "detected"),
    [
        (b"<HTA:APPLICATION ID='x'><script>new ActiveXObject('WScript.Shell')</script>", "evil.hta", "HTML"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "chart.svg", "SVG"),
        (b"<!DOCTYPE html><title>x</title>", "page.html", "HTML"),
        (b"<script>alert(document.cookie)</script>", "notes.txt", "HTML"),
        (b"var s = 'javascript:alert(1)';", "run.txt", "JavaScript"),
        (b"@echo off\r\ndel /q C:\\*\r\n", "clean.bat", "ข้อความธรรมดา"),
        (b"WScript.CreateObject('WScript.Shell').Run('calc')", "x.js", "ข้อความธรรมดา"),
        (b"MZ\x90\x00" + b"\x00" * 200, "photo.jpg", "EXE"),
        ("บันทึก".encode("tis-620"), "thai.txt", "UTF-8"),
    ],
)
def test_pages_scripts_and_programs_are_refused_naming_what_they_are(data, name, detected):
    with pytest.raises(RefusedFile, match="ไม่ใช่ชนิดที่รับได้") as refused:
        identify(data, name, ALL)
    assert detected in refused.value.message and name in refused.value.message


def test_macros_hide_behind_no_extension():
    with pytest.raises(RefusedFile, match="มีมาโคร"):
        identify(macro_workbook(), "budget.xlsx", ALL)
    with pytest.raises(RefusedFile, match="มีมาโคร"):
        identify(odt({"Basic/Standard/Module1.xml": b"<script:module/>"}), "a.odt", ALL)
    with pytest.raises(RefusedFile, match="ไฟล์บีบอัด ZIP"):
        identify(package({"evil.exe": b"MZ"}), "evidence.docx", ALL)


def test_a_type_the_caller_does_not_take_is_refused_with_its_list():
    with pytest.raises(RefusedFile, match="เนื้อไฟล์พบว่าเป็นข้อความธรรมดา") as refused:
        identify("ข้อความ".encode(), "x.txt", ("pdf", "png"), accepted="PDF หรือ PNG", field="evidence_file")
    assert refused.value.field == "evidence_file" and refused.value.message.endswith("รับเฉพาะ PDF หรือ PNG")


def test_file_objects_are_read_and_left_where_they_were():
    handle = io.BytesIO(docx())
    handle.seek(7)
    assert sniff(handle) == "docx" and handle.tell() == 7


def test_download_names_are_built_by_the_server():
    assert safe_stem("C:\\Users\\a\\รายงานการประชุม ครั้งที่ ๑.pdf", "x") == "รายงานการประชุม ครั้งที่ ๑"
    assert safe_stem("../../evil.hta", "x") == "evil"
    assert safe_stem("photo.hta.jpg", "x") == "photo_hta"
    assert safe_stem("...", "หลักฐาน") == "หลักฐาน"
    assert safe_stem('a"b;\r\nc\x00d%.pdf', "x") == "abcd"
    assert len(safe_stem("ก" * 500 + ".pdf", "x")) == 80
    assert safe_stem("\u0e34\u0e48ข้อ.pdf", "x") == "ข้อ"  # no vowel mark left without its letter
    header = content_disposition("ใบเสร็จ.jpg", 'evidence-3.jpg"')
    assert header == ("attachment; filename=\"evidence-3.jpg\"; "
                      "filename*=UTF-8''%E0%B9%83%E0%B8%9A%E0%B9%80%E0%B8%AA%E0%B8%A3%E0%B9%87%E0%B8%88.jpg")


def test_a_download_takes_the_type_of_its_bytes_and_never_the_uploaders_extension():
    polyglot = jpeg() + b"<html><script>alert(1)</script></html>"
    response = file_response(polyglot, original_name="evidence.hta", fallback_stem="evidence-9")
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == ("attachment; filename=\"evidence-9.jpg\"; "
                                               "filename*=UTF-8''evidence.jpg")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    # A file stored under older rules that is no accepted type today goes out as opaque bytes.
    old = file_response(b"<hta:application><script>x</script>", original_name="evil.hta", fallback_stem="e-1")
    assert old["Content-Type"] == "application/octet-stream"
    assert old["Content-Disposition"].endswith("filename*=UTF-8''evil.bin")
    assert served_kind(b"plain words") == KINDS["txt"]


def test_names_and_sizes_for_people():
    assert display_filename("C:\\Users\\a\\รายงาน.pdf") == "รายงาน.pdf"
    assert display_filename("../../etc/passwd") == "passwd"
    assert display_filename("", "ไฟล์หลักฐาน") == "ไฟล์หลักฐาน"
    assert human_size(3 * 1024 * 1024) == "3.0 MB" and human_size(10) == "1 KB"


# --- request size ---------------------------------------------------------------------------------

PUBLIC_NEW = "/complaints/public/new/service/"


@pytest.fixture
def spooled(monkeypatch):
    """Every byte the spooling upload handlers (memory and temporary file) were handed."""
    from django.core.files import uploadhandler

    seen = []
    for name in ("MemoryFileUploadHandler", "TemporaryFileUploadHandler"):
        handler = getattr(uploadhandler, name)
        original = handler.receive_data_chunk

        def counting(self, raw_data, start, _original=original):
            seen.append(len(raw_data))
            return _original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return seen


@pytest.mark.django_db
def test_an_over_cap_request_is_refused_before_its_body_is_read(client, settings, spooled):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_REQUEST_MAX_BYTES = 50_000
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 200_000, content_type="application/pdf")
    response = client.post(PUBLIC_NEW, {"subject": "ทดสอบ", "files": [upload]})
    assert response.status_code == 413 and not response.has_header("Connection")
    page = response.content.decode()
    assert "มีขนาดเกิน 49 KB" in page and "ไม่ได้บันทึกสิ่งใด" in page
    assert spooled == [] and not list(settings.FILE_UPLOAD_TEMP_DIR.iterdir())


@pytest.mark.django_db
def test_a_body_without_a_declared_length_is_never_read_whole(client, agency, settings, spooled):
    # A chunked body carries no Content-Length; Django then reads none of it, so nothing is spooled.
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    body = encode_multipart(BOUNDARY, {"subject": "ทดสอบ", "files": io.BytesIO(PDF + b"0" * 300_000)})
    response = client.generic("POST", PUBLIC_NEW, body, content_type=MULTIPART_CONTENT,
                              CONTENT_LENGTH="")
    assert response.status_code == 200 and sum(spooled) == 0


def _parse(body: bytes, handler):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler
    from django.http.multipartparser import MultiPartParser
    from django.test.client import MULTIPART_CONTENT

    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    return MultiPartParser(meta, io.BytesIO(body), [handler, TemporaryFileUploadHandler()]).parse()


def test_the_running_count_stops_a_body_past_the_cap_whatever_length_it_declared(settings, spooled):
    from django.test.client import BOUNDARY, encode_multipart

    from core.request_limits import CappedUploadHandler

    body = encode_multipart(BOUNDARY, {"a": io.BytesIO(b"x" * 40_000), "b": io.BytesIO(b"y" * 40_000)})
    handler = CappedUploadHandler(request_limit=50_000, file_limit=45_000)
    _, files = _parse(body, handler)
    assert handler.total > 50_000 and "b" not in files and files["a"].size == 40_000
    files["a"].close()  # as the request's end does
    # the part of "b" that was spooled before the cap is gone with it
    assert sum(spooled) <= 50_000 and not list(settings.FILE_UPLOAD_TEMP_DIR.iterdir())


def test_a_single_file_past_its_cap_arrives_as_its_name_and_size_only(settings, spooled):
    from django.test.client import BOUNDARY, encode_multipart

    from core.request_limits import CappedUploadHandler, OversizeUpload

    big = io.BytesIO(b"x" * 300_000)
    big.name = "วิดีโอ.mp4"
    body = encode_multipart(BOUNDARY, {"files": big, "subject": "ข้อความ"})
    post, files = _parse(body, CappedUploadHandler(request_limit=10**7, file_limit=100_000))
    upload = files["files"]
    assert isinstance(upload, OversizeUpload) and upload.size >= 300_000 and upload.read() == b""
    assert post["subject"] == "ข้อความ" and sum(spooled) <= 100_000 + 65_536


@pytest.mark.django_db
def test_an_oversized_file_keeps_the_form_and_is_named(client, agency, settings, spooled):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 100_000
    upload = SimpleUploadedFile("คลิปเสียง.mp3", b"ID3" + b"0" * 400_000, content_type="audio/mpeg")
    response = client.post(PUBLIC_NEW, {
        "subject": "ขอรับบริการล่าช้ามาก", "details": "รอเกินกำหนดเวลาที่ประกาศไว้", "files": [upload],
        "confirm": "on"})
    page = response.content.decode()
    assert response.status_code == 200 and "ไฟล์ คลิปเสียง.mp3 มีขนาดเกิน" in page
    assert "ขอรับบริการล่าช้ามาก" in page and "รอเกินกำหนดเวลาที่ประกาศไว้" in page
    assert sum(spooled) <= 100_000 + 65_536


def test_spool_files_left_by_dead_requests_are_removed_at_start(settings, tmp_path):
    import os
    import time

    from core.request_limits import clean_upload_spool

    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    old, live = tmp_path / "tmp1.upload", tmp_path / "tmp2.upload"
    old.write_bytes(b"x")
    live.write_bytes(b"y")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert clean_upload_spool() == 1
    assert not old.exists() and live.exists()


@pytest.mark.django_db
def test_a_form_posted_to_the_json_api_is_refused_not_a_server_error(client, agency):
    """The cap's early parse consumed the body the API reads itself: a multipart POST to a JSON operation
    answered 500."""
    response = client.post("/api/complaints/track", {"code": "ABC", "secret": "x"})
    assert response.status_code in (400, 401, 403, 404, 422, 429)
    assert response["Content-Type"].startswith("application/json")
