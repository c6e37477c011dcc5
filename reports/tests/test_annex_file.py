"""The annex, about a thousand pages for a department, is joined once per version and served from the file."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.http import FileResponse
from django.urls import reverse

from core.thai import to_thai_digits
from reports import services
from reports.exports import common, official, pdf, pdfmerge
from reports.models import CompiledSummary
from reports.services import approval
from reports.tests.conftest import report_of
from reports.tests.test_approval import approve, pdf_pages

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(reported_round, people, settings, tmp_path):
    # A cache of its own: the same content is the same version hash in every test, so a document joined
    # by an earlier test would be found here already.
    settings.DATA_DIR = tmp_path
    services.round_compile(actor=people["admin"], round_=reported_round)
    return approval.latest_version(reported_round)


def _nothing_rendered(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rendered or joined again")

    monkeypatch.setattr(pdf, "render_parts", fail)
    monkeypatch.setattr(pdf, "_render_missing", fail)
    monkeypatch.setattr(pdfmerge, "merge", fail)
    monkeypatch.setattr(official, "unit_annex_html", fail)


def test_a_ready_annex_is_streamed_from_its_file_without_rendering_or_joining(
    version, people, client, monkeypatch
):
    first = official.annex_pdf(version)
    _nothing_rendered(monkeypatch)
    client.force_login(people["executive"])
    response = client.get(reverse("reports:doc_annex_pdf", args=[version.round_id]))
    assert response.status_code == 200 and isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="annex-round')
    assert b"".join(response.streaming_content) == first
    unit = version.content["annex"][0]["code"]
    with pytest.raises(AssertionError):  # one unit's forms are another document, not joined yet
        client.get(reverse("reports:doc_annex_unit", args=[version.round_id, unit]))
    monkeypatch.undo()
    single = client.get(reverse("reports:doc_annex_unit", args=[version.round_id, unit]))
    assert single.status_code == 200 and single.content.startswith(b"%PDF")  # a few pages, as bytes


def test_the_annex_is_joined_anew_when_its_footer_changes(version, people):
    draft = official.annex_file(version)
    approved = approve(version, people, position="อธิบดีกรมส่งเสริมสหกรณ์")
    assert approved.sha256 == version.sha256  # the same content, now approved: the footer says so
    again = official.annex_file(approved)
    assert again != draft and again.read_bytes() != draft.read_bytes()
    if shutil.which("pdftotext") is None:
        return
    pages = pdf_pages(again.read_bytes())
    assert pages and all("เห็นชอบโดย" in page for page in pages)
    assert not any("เห็นชอบโดย" in page for page in pdf_pages(draft.read_bytes()))


@pytest.fixture
def rendered(monkeypatch, settings, tmp_path):
    """The HTML of every document rendered from here on (in this process: one render process), into a
    cache of its own."""
    settings.DATA_DIR = tmp_path
    bodies: list[str] = []
    real = pdf._render
    monkeypatch.setattr(pdf, "workers", lambda: 1)
    monkeypatch.setattr(pdf, "_render", lambda job: bodies.append(job[1]) or real(job))
    return bodies


def _parts(rendered: list[str]) -> list[str]:
    return [body for body in rendered if body != pdf.FOOTER_DOCUMENT]


def test_a_new_version_renders_only_the_units_whose_forms_changed(version, people, rendered):
    round_ = version.round
    official.annex_file(version)
    assert len(_parts(rendered)) == len(version.content["annex"]) == 2
    assert rendered.count(pdf.FOOTER_DOCUMENT) == 1
    rendered.clear()
    summary = CompiledSummary.objects.get(round=round_)
    services.summary_update(actor=people["admin"], summary=summary, text="บทสรุปที่แก้ไขแล้ว")
    second = approval.latest_version(round_)
    assert second.number == 2 and second.content["annex"] == version.content["annex"]
    official.annex_file(second)
    assert rendered == [pdf.FOOTER_DOCUMENT]  # its own footer, and no unit's forms again
    rendered.clear()
    report_of(round_, "cpd-prov-01", "t-1").rows.update(result="ผลที่แก้ไขหลังฉบับที่สอง")
    services.round_compile(actor=people["admin"], round_=round_)
    third = approval.latest_version(round_)
    assert third.number == 3
    data = official.annex_pdf(third)
    changed = _parts(rendered)
    assert len(changed) == 1 and "ผลที่แก้ไขหลังฉบับที่สอง" in changed[0]
    if shutil.which("pdftotext"):
        assert "ผลที่แก้ไขหลังฉบับที่สอง" in "".join(pdf_pages(data))
    rendered.clear()
    approved = approve(third, people)
    official.annex_file(approved)
    assert rendered == [pdf.FOOTER_DOCUMENT]  # approval changes the footer only


@needs_poppler
def test_every_page_of_the_annex_carries_the_version_line_as_written_and_its_number(version, people):
    from django.contrib.auth import get_user_model

    # ำ after a tone mark (น้ำ), the case WeasyPrint's own text layer garbles.
    get_user_model().objects.filter(pk=people["executive"].pk).update(
        first_name="นายสำเริง", last_name="น้ำใจดี"
    )
    people["executive"].refresh_from_db()
    approved = approve(version, people, position="อธิบดีกรมส่งเสริมสหกรณ์")
    w = common.Writer(approved.content["thai_digits"])
    line = official.footer_text(approved, w)
    assert "นายสำเริง น้ำใจดี" in line and approved.short_hash in line
    data = official.annex_pdf(approved)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    pages = [page for page in text.decode().split("\f") if page.strip()]
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert line in page
        number = f"หน้า {n} / {len(pages)}"
        assert (to_thai_digits(number) if w.thai_digits else number) in page
        assert page.count(approved.short_hash) == 1  # drawn once: the parts carry no footer of their own


def _words(data: bytes) -> list[list[tuple[float, float, str]]]:
    """(yMin, yMax, word) of every word, per page, from pdftotext's bounding boxes (y grows downwards)."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True)
    pages = out.stdout.decode().split("<page ")[1:]
    word = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')
    return [[(float(a), float(b), t) for a, b, t in word.findall(page)] for page in pages]


@needs_poppler
def test_the_footer_lies_below_the_last_line_of_a_full_page(version, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    w = common.Writer(version.content["thai_digits"])
    body = "".join(f"<p>บรรทัดที่ {i} ของแบบรายงานผลการดำเนินงาน</p>" for i in range(120))
    path = pdf.merged_file(
        [body],
        official.ANNEX_CSS,
        thai_digits=w.thai_digits,
        title="ทดสอบ",
        footer_css=official._footer_css(version, w, numbered=False),
    )
    pages = _words(path.read_bytes())
    assert len(pages) >= 3
    numbers = {str(k) for k in range(1, len(pages) + 1)}
    footer_words = {*official.footer_text(version, w).split(), "หน้า", "/", *numbers}
    footer_words |= {to_thai_digits(k) for k in numbers}
    for words in pages[:-1]:  # full pages
        footer_top = next(top for top, _, t in words if t == "SHA-256")
        # Whatever reaches down to the footer's line is the footer or the page number, nothing of the body.
        assert {t for _, bottom, t in words if bottom > footer_top} <= footer_words
        body_bottom = max(bottom for _, bottom, t in words if bottom <= footer_top)
        assert body_bottom > 595.3 - 2.5 * 28.35  # the body fills the page down to its margin
