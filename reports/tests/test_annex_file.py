"""The annex, about a thousand pages for a department, is joined once per version and served from the file."""

from __future__ import annotations

import shutil

import pytest
from django.http import FileResponse
from django.urls import reverse

from reports import services
from reports.exports import official, pdf, pdfmerge
from reports.services import approval
from reports.tests.test_approval import approve, pdf_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(reported_round, people):
    services.round_compile(actor=people["admin"], round_=reported_round)
    return approval.latest_version(reported_round)


def _nothing_rendered(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rendered or joined again")

    monkeypatch.setattr(pdf, "render_parts", fail)
    monkeypatch.setattr(pdfmerge, "merge", fail)
    monkeypatch.setattr(official, "unit_annex_html", fail)


def test_a_ready_annex_is_streamed_from_its_file_without_rendering_or_joining(version, people, client,
                                                                            monkeypatch):
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
