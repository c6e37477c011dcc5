import shutil
import subprocess

import pytest

from core.documents.pdf import render_pdf
from reports.exports import pdf, pdfmerge, pdfread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    """Each test starts with an empty cache of rendered parts."""
    settings.DATA_DIR = tmp_path


needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")


def pdfinfo(data: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_text(data: bytes, tmp_path, page: int) -> str:
    path = tmp_path / "y.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout


@needs_poppler
def test_parts_are_merged_with_bookmarks_and_page_numbers(tmp_path):
    first = render_pdf("<h1>ส่วนที่หนึ่ง</h1><p>ก</p><p style='break-before: page'>ข</p>", landscape=True)
    second = render_pdf("<h1>ส่วนที่สอง</h1><p>ค</p>", landscape=True)
    assert pdfread.read_pdf(first)[1].startswith(b"<<")  # pydyf's compressed cross-reference stream
    merged = pdfmerge.merge([first, second], title="รายงานสรุป")
    info = pdfinfo(merged, tmp_path)
    assert info["Pages"].strip() == "3" and info["Title"].strip() == "รายงานสรุป"
    assert "1 / 3" in page_text(merged, tmp_path, 1) and "3 / 3" in page_text(merged, tmp_path, 3)
    objects, trailer = pdfread.read_pdf(merged)  # our own output reads back (classic xref table)
    catalog = objects[pdfread.dict_ref(trailer, b"Root")]
    outline_root = objects[pdfread.dict_ref(catalog.head, b"Outlines")]
    first_item = objects[pdfread.dict_ref(outline_root.head, b"First")]
    second_item = objects[pdfread.dict_ref(first_item.head, b"Next")]
    assert pdfread.dict_ref(second_item.head, b"Prev") == pdfread.dict_ref(outline_root.head, b"First")
    assert pdfread.dict_ref(outline_root.head, b"Last") == pdfread.dict_ref(first_item.head, b"Next")


@needs_poppler
def test_thai_digit_page_numbers(tmp_path):
    merged = pdfmerge.merge([render_pdf("<p>ก</p>")], thai_digits=True)
    assert "๑ / ๑" in page_text(merged, tmp_path, 1)


PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
    "rkJggg=="
)
NO_NUMBER = "@page { @bottom-right { content: none; } }"


@needs_poppler
def test_one_footer_page_is_drawn_over_every_page_beside_their_own_images(tmp_path):
    with_image = render_pdf(
        f"<p>ก <img src='{PIXEL}'></p><p style='break-before: page'>ข</p>",
        landscape=True,
        extra_css=NO_NUMBER,
    )
    plain = render_pdf("<p>ค</p>", landscape=True, extra_css=NO_NUMBER)
    footer = render_pdf(
        pdf.FOOTER_DOCUMENT,
        landscape=True,
        extra_css=NO_NUMBER + "@page { @bottom-left { content: 'ฉบับที่ ๒ เห็นชอบโดย นายสำเริง น้ำใจดี'; } }",
    )
    merged = pdfmerge.merge([with_image, plain], footer=footer, thai_digits=True)
    for n, digit in enumerate("๑๒๓", start=1):
        text = page_text(merged, tmp_path, n)
        assert "ฉบับที่ ๒ เห็นชอบโดย นายสำเริง น้ำใจดี" in text and f"{digit} / ๓" in text
    objects, _ = pdfread.read_pdf(merged)
    assert sum(1 for obj in objects.values() if b"/Subtype /Form" in obj.head) == 1  # drawn, not copied
    path = tmp_path / "images.pdf"
    path.write_bytes(merged)
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    assert [line.split()[0] for line in listed.stdout.splitlines()[2:]] == ["1", "1"]  # the pixel, its mask


def test_parts_are_rendered_once_and_again_only_when_they_change(reported_round, people, monkeypatch):
    from reports.compile import compile_round
    from reports.tests.conftest import fill, report_of

    rendered = []
    real = pdf._render
    monkeypatch.setattr(pdf, "workers", lambda: 1)
    monkeypatch.setattr(pdf, "_render", lambda job: rendered.append(job[0]) or real(job))
    first = pdf.compiled_pdf(compile_round(reported_round), summary_text="สรุป")
    assert len(rendered) == 3  # front matter + two activities
    rendered.clear()
    assert pdf.compiled_pdf(compile_round(reported_round), summary_text="สรุป")[:4] == first[:4]
    assert rendered == []
    report = report_of(reported_round, "cpd-prov-01", "t-1")
    report.rows.update(result="แก้ไขผลการดำเนินงาน")
    pdf.compiled_pdf(compile_round(reported_round), summary_text="สรุป")
    assert len(rendered) == 1  # only the part of activity t-1
    rendered.clear()
    fill(report_of(reported_round, "cpd-prov-01", "t-2"), people["other"])  # a draft is not compiled
    pdf.compiled_pdf(compile_round(reported_round), summary_text="สรุป")
    assert rendered == []


def test_parallel_rendering_gives_the_same_document(reported_round):
    from reports.compile import compile_round

    compiled = compile_round(reported_round)
    parts = pdf.compiled_parts(compiled, "สรุป", False)
    paths = pdf.render_parts(parts, "body { color: black; }")
    assert len(paths) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in paths)
