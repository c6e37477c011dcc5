"""The annex is made ready by the worker when a version is made or approved, and a download that finds it not
ready (a first compilation, the worker behind) answers 202 with progress instead of laying out a thousand
pages in the request; the API answers 202 with Retry-After."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import services
from reports.exports import official, pdf, pdfmerge
from reports.services import approval
from reports.tasks import prerender_annex, prerender_compiled_pdf
from reports.tests.test_api import bearer
from reports.tests.test_approval import approve
from reports.tests.test_pdf_pending import queue, queued, run  # noqa: F401  (fixture and helpers)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _annex_ready(version) -> bool:
    """Whether the version's annex is a joined file already (asking with no time to render)."""
    try:
        official.annex_file(version, budget=0)
    except pdf.NotReady:
        return False
    return True


def _fail(*args, **kwargs):
    raise AssertionError("rendered or joined in the request")


def test_a_new_version_and_its_approval_each_queue_one_annex_refresh(
    settings, queue, reported_round, people, django_capture_on_commit_callbacks, client, monkeypatch  # noqa: F811
):
    settings.REPORTS_PDF_PRERENDER = True
    client.force_login(people["executive"])
    with django_capture_on_commit_callbacks(execute=True):
        services.round_compile(actor=people["admin"], round_=reported_round)
    version = approval.latest_version(reported_round)
    refreshes = queued(queue, prerender_annex)
    assert [r.args for r in refreshes] == [[version.pk, f"annex-{version.pk}-draft"]]
    assert not _annex_ready(version)

    # Compiling the same content again keeps the version: nothing more to render.
    with django_capture_on_commit_callbacks(execute=True):
        services.round_compile(actor=people["admin"], round_=reported_round)
    assert len(queued(queue, prerender_annex)) == 1

    assert run(refreshes[0]) == 1
    assert _annex_ready(version)
    assert pdf.queued_progress(f"annex-{version.pk}-draft") is None  # its marker is cleared

    # Approval changes the footer on every page: a file of its own, joined by the worker too.
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve(version, people, position="อธิบดีกรมส่งเสริมสหกรณ์")
    after = queued(queue, prerender_annex)
    assert len(after) == 2 and after[1].args == [version.pk, f"annex-{version.pk}-approved"]
    assert run(after[1]) == 1
    # The download is then the joined file: nothing rendered nor joined in the request.
    monkeypatch.setattr(pdf, "_render_missing", _fail)
    monkeypatch.setattr(pdfmerge, "merge", _fail)
    served = client.get(reverse("reports:doc_annex_pdf", args=[reported_round.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == official.annex_pdf(approved)


def test_a_refresh_for_a_version_replaced_since_does_nothing(queue, reported_round, people):  # noqa: F811
    services.round_compile(actor=people["admin"], round_=reported_round)
    old = approval.latest_version(reported_round)
    old.sha256 = "0" * 64  # the round's content now differs from it: compiling makes the next version
    old.save(update_fields=["sha256"])
    services.round_compile(actor=people["admin"], round_=reported_round)
    assert approval.latest_version(reported_round).number == old.number + 1
    assert prerender_annex.call(old.pk, "") == 0
    assert not _annex_ready(old)


def test_the_rounds_refresh_renders_the_annex_parts_so_a_new_version_renders_only_its_footer(
    queue, reported_round, people  # noqa: F811
):
    assert prerender_compiled_pdf.call(reported_round.pk) >= 3  # the compiled PDF's parts and the annex's
    services.round_compile(actor=people["admin"], round_=reported_round)
    version = approval.latest_version(reported_round)
    assert _annex_ready(version)  # no unit part left to render: only the footer, within any budget
    assert prerender_compiled_pdf.call(reported_round.pk) == 0  # and nothing changed since


def test_no_annex_refresh_when_turned_off(
    settings, queue, reported_round, people, django_capture_on_commit_callbacks  # noqa: F811
):
    settings.REPORTS_PDF_PRERENDER = False
    with django_capture_on_commit_callbacks(execute=True):
        services.round_compile(actor=people["admin"], round_=reported_round)
    assert queued(queue, prerender_annex) == []


@pytest.mark.parametrize("name", ["annex.pdf", "pacc-package.zip"])
def test_past_the_budget_the_download_shows_progress_and_the_worker_renders_it(
    client, settings, queue, reported_round, people, name  # noqa: F811
):
    services.round_compile(actor=people["admin"], round_=reported_round)
    version = approval.latest_version(reported_round)
    settings.REPORTS_PDF_SYNC_SECONDS = 0  # a small round stands in for a whole department
    client.force_login(people["executive"])
    url = reverse(f"reports:doc_{name.replace('.', '_').replace('-', '_')}", args=[reported_round.pk])

    response = client.get(url)
    assert response.status_code == 202
    page = response.content.decode()
    assert "กำลังจัดทำ" in page and "หน่วยงาน" in page
    assert reverse("reports:doc_annex_status", args=[reported_round.pk]) in page
    asked = queued(queue, prerender_annex)
    assert len(asked) == 1 and asked[0].args[0] == version.pk
    # Asking again while it waits queues nothing more (the page polls; people click twice).
    assert client.get(url).status_code == 202
    assert len(queued(queue, prerender_annex)) == 1

    status = reverse("reports:doc_annex_status", args=[reported_round.pk])
    polled = client.get(status, headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "จัดทำแล้ว 0 จาก" in polled.content.decode()

    run(asked[0])
    done = client.get(status, headers={"HX-Request": "true"})
    assert done.status_code == 286  # htmx: stop polling
    assert url in done.content.decode() and "data-autodownload" in done.content.decode()
    served = client.get(url)
    assert served.status_code == 200
    body = b"".join(served.streaming_content) if served.streaming else served.content
    assert body.startswith(b"%PDF" if name.endswith(".pdf") else b"PK")


def test_a_download_while_the_refresh_is_queued_waits_for_it_and_the_poll_never_joins(
    client, settings, queue, reported_round, people, django_capture_on_commit_callbacks, monkeypatch  # noqa: F811
):
    settings.REPORTS_PDF_PRERENDER = True
    with django_capture_on_commit_callbacks(execute=True):
        services.round_compile(actor=people["admin"], round_=reported_round)
    version = approval.latest_version(reported_round)
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    client.force_login(people["executive"])
    assert client.get(reverse("reports:doc_annex_pdf", args=[reported_round.pk])).status_code == 202
    refreshes = queued(queue, prerender_annex)
    assert len(refreshes) == 1, "the version's refresh and the download are one run"

    # Every unit part rendered, the worker still joining: the poll shows progress and joins nothing.
    official.prerender_annex_parts(version.content)
    monkeypatch.setattr(pdfmerge, "merge", _fail)
    status = reverse("reports:doc_annex_status", args=[reported_round.pk])
    polled = client.get(status, headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "กำลังจัดทำ" in polled.content.decode()
    monkeypatch.undo()
    run(refreshes[0])
    assert client.get(status, headers={"HX-Request": "true"}).status_code == 286


def test_a_failed_run_leaves_its_marker_so_waiting_pages_do_not_queue_it_again(
    queue, reported_round, people, monkeypatch  # noqa: F811
):
    services.round_compile(actor=people["admin"], round_=reported_round)
    version = approval.latest_version(reported_round)
    marker = f"annex-{version.pk}-draft"
    assert pdf.mark_queued(marker)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(official, "annex_file", broken)
    with pytest.raises(OSError):
        prerender_annex.call(version.pk, marker)
    assert pdf.is_queued(marker) and not pdf.mark_queued(marker)


def test_the_waiting_page_is_the_documents_guard(client, settings, queue, reported_round, people):  # noqa: F811
    services.round_compile(actor=people["admin"], round_=reported_round)
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    client.force_login(people["reporter"])  # a unit's reporter: not the department's documents
    assert client.get(reverse("reports:doc_annex_pdf", args=[reported_round.pk])).status_code in (403, 404)
    status_url = reverse("reports:doc_annex_status", args=[reported_round.pk])
    status = client.get(status_url, headers={"HX-Request": "1"})
    assert status.status_code in (403, 404)
    assert queued(queue, prerender_annex) == []


def test_the_api_answers_202_with_retry_after_until_the_package_is_ready(
    client, settings, queue, reported_round, people  # noqa: F811
):
    services.round_compile(actor=people["admin"], round_=reported_round)
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    headers = bearer(people["executive"])
    url = f"/api/rounds/{reported_round.pk}/pacc-package.zip"
    response = client.get(url, headers=headers)
    assert response.status_code == 202
    assert 1 <= int(response["Retry-After"]) <= 60
    body = response.json()
    assert body["retry_after_seconds"] == int(response["Retry-After"])
    assert body["ready_parts"] == 0 and body["total_parts"] >= 1
    run(queued(queue, prerender_annex)[0])
    ready = client.get(url, headers=headers)
    assert ready.status_code == 200 and ready.content.startswith(b"PK")
    annex = client.get(f"/api/rounds/{reported_round.pk}/annex.pdf", headers=headers)
    assert annex.status_code == 200
    assert b"".join(annex.streaming_content).startswith(b"%PDF")
