"""The compiled PDF is kept ready by the worker, and a download never renders longer than a request may take:
past the budget it answers 202 with progress and leaves the rendering to the worker."""

import datetime
import os

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from reports import services
from reports.exports import compiled_export, compiled_inputs, pdf
from reports.tasks import prerender_compiled_pdf, render_compiled_pdf
from reports.tests.conftest import fill, report_of
from reports.tests.test_api import bearer

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def own_cache(settings, tmp_path):
    """Each test starts with an empty cache of rendered parts and no queued markers."""
    settings.DATA_DIR = tmp_path


@pytest.fixture
def queue(settings):
    """A task backend that keeps what is enqueued, as the database backend does until the worker runs it."""
    settings.TASKS = DUMMY
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def queued(backend, task) -> list:
    return [r for r in backend.results if r.task.name == task.name]


def run(result):
    """What the worker does with a queued task."""
    return result.task.call(*result.args, **result.kwargs)


@pytest.fixture
def compiled(reported_round, people):
    services.round_compile(actor=people["admin"], round_=reported_round)
    return reported_round


def test_over_the_budget_the_page_shows_progress_and_the_worker_renders_it(
    client, settings, queue, compiled, people
):
    settings.REPORTS_PDF_SYNC_SECONDS = 0  # a small round stands in for a whole department
    client.force_login(people["admin"])
    url = f"/reports/rounds/{compiled.pk}/compiled.pdf"

    response = client.get(url)
    assert response.status_code == 202
    page = response.content.decode()
    assert "<h1>รายงานสรุป (PDF)</h1>" in page and "กำลังจัดทำ" in page
    total = len(pdf.compiled_parts(*_inputs(compiled)))
    assert f"จัดทำแล้ว 0 จาก {total} ส่วน" in page
    assert 'hx-trigger="every 5s"' in page and f"/reports/rounds/{compiled.pk}/compiled.pdf/status/" in page
    assert len(queued(queue, render_compiled_pdf)) == 1

    # Asking again, or polling, does not queue the same work twice.
    assert client.get(url).status_code == 202
    poll = client.get(f"{url}/status/", headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "data-autodownload" not in poll.content.decode()
    assert len(queued(queue, render_compiled_pdf)) == 1

    assert run(queued(queue, render_compiled_pdf)[0]) == total
    poll = client.get(f"{url}/status/", headers={"HX-Request": "true"})
    assert poll.status_code == 286  # htmx stops polling
    assert "ไฟล์พร้อมแล้ว" in poll.content.decode() and "กำลังจัดทำ" not in poll.content.decode()
    assert "data-autodownload" in poll.content.decode()

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_status_without_htmx_goes_to_the_download(client, compiled, people):
    client.force_login(people["admin"])
    response = client.get(f"/reports/rounds/{compiled.pk}/compiled.pdf/status/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/rounds/{compiled.pk}/compiled.pdf")


def test_within_the_budget_the_download_renders_at_once(client, settings, queue, compiled, people):
    settings.REPORTS_PDF_SYNC_SECONDS = 60
    client.force_login(people["admin"])
    response = client.get(f"/reports/rounds/{compiled.pk}/compiled.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert queued(queue, render_compiled_pdf) == []


def test_the_api_answers_202_with_retry_after_then_the_file(client, settings, queue, compiled, people):
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    headers = bearer(people["admin"])
    url = f"/api/rounds/{compiled.pk}/compiled.pdf"
    response = client.get(url, headers=headers)
    assert response.status_code == 202
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["status"] == "preparing" and body["ready_parts"] == 0 and body["total_parts"] >= 2
    run(queued(queue, render_compiled_pdf)[0])
    response = client.get(url, headers=headers)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_a_reporter_waiting_page_holds_only_what_they_may_see(client, settings, queue, compiled, people):
    """The worker renders the document of the user who asked; another unit's reporter cannot poll a round's
    status into a download of more than their own unit (the download recomputes from their scope)."""
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    client.force_login(people["other"])
    assert client.get(f"/reports/rounds/{compiled.pk}/compiled.pdf").status_code == 202
    task = queued(queue, render_compiled_pdf)[0]
    assert task.args[1] == people["other"].pk
    run(task)
    response = client.get(f"/reports/rounds/{compiled.pk}/compiled.pdf")
    assert response.status_code == 200
    # The admin's document (the whole round) was not rendered by the reporter's request.
    admin_readiness = _readiness(compiled)
    assert not admin_readiness.complete


def _inputs(round_):
    return compiled_inputs(round_, None, whole_round=True)


def _readiness(round_):
    compiled, text, thai_digits = _inputs(round_)
    return pdf.readiness(compiled, summary_text=text, thai_digits=thai_digits)


def test_changes_queue_one_deferred_refresh_per_burst(
    settings, queue, open_round, people, django_capture_on_commit_callbacks
):
    settings.REPORTS_PDF_PRERENDER = True
    before = timezone.now()
    for code, user in (("cpd-prov-13", people["reporter"]), ("cpd-prov-01", people["other"])):
        with django_capture_on_commit_callbacks(execute=True):
            services.report_submit(actor=user, report=fill(report_of(open_round, code), user))
    refreshes = queued(queue, prerender_compiled_pdf)
    assert len(refreshes) == 1, "a burst of submissions is coalesced into one refresh"
    assert refreshes[0].args == [open_round.pk]
    assert refreshes[0].task.run_after >= before + datetime.timedelta(seconds=25)

    # The worker renders the whole round; the administrator's download then only joins parts.
    missing = run(refreshes[0])
    assert missing >= 2
    assert _readiness(open_round).complete
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    export = compiled_export(open_round, people["admin"], "pdf", pdf_budget=0)
    assert export.content.startswith(b"%PDF-")

    # Once the refresh has started, the next change queues the next one.
    report = report_of(open_round, "cpd-prov-13")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_accept(actor=people["admin"], report=report)
    assert len(queued(queue, prerender_compiled_pdf)) == 2
    assert run(queued(queue, prerender_compiled_pdf)[1]) >= 1, "the accepted report's part is rendered again"


def test_no_refresh_when_turned_off(settings, queue, open_round, people, django_capture_on_commit_callbacks):
    settings.REPORTS_PDF_PRERENDER = False
    reporter = people["reporter"]
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=reporter, report=fill(report_of(open_round, "cpd-prov-13"), reporter))
    assert queued(queue, prerender_compiled_pdf) == []


def test_estimate_counts_rows_and_size_over_the_processes(settings):
    settings.REPORTS_PDF_WORKERS = 2
    one = "<table>" + "<tr><td>x</td></tr>" * 100 + "</table>"
    by_rows = 110 * pdf.SECONDS_PER_ROW
    assert pdf.estimate_seconds([]) == 0
    assert pdf.estimate_seconds([one]) == pytest.approx(by_rows)
    assert pdf.estimate_seconds([one, one]) == pytest.approx(by_rows)
    assert pdf.estimate_seconds([one] * 4) == pytest.approx(2 * by_rows)
    # Few rows, long text: the size decides, and one huge part is not shared between processes.
    long_text = "<table><tr><td>" + "ปัญหาอุปสรรค " * 100_000 + "</td></tr></table>"
    size = len(long_text.encode()) * pdf.SECONDS_PER_BYTE
    assert size > 10
    assert pdf.estimate_seconds([long_text, one]) == pytest.approx(size)


def test_whole_round_must_be_asked_for_by_name(compiled):
    with pytest.raises(ValueError):
        compiled_inputs(compiled, None)


def test_the_queue_marker_is_taken_once_until_stale(tmp_path):
    assert pdf.mark_queued("doc", ["a", "b"]) is True
    assert pdf.mark_queued("doc", ["a", "b"]) is False
    assert pdf.queued_progress("doc") == (0, 2)
    (pdf.cache_dir() / "a.pdf").write_bytes(b"%PDF-")
    assert pdf.queued_progress("doc") == (1, 2)
    marker = pdf.cache_dir() / "queued-doc"
    old = marker.stat().st_mtime - pdf.QUEUED_FRESH_SECONDS - 1
    os.utime(marker, (old, old))
    assert pdf.mark_queued("doc", ["a", "b"]) is True, "a request the worker never took is made again"
    pdf.clear_queued("doc")
    assert pdf.queued_progress("doc") is None


def test_polls_while_the_worker_renders_compile_nothing(
    client, settings, queue, compiled, people, monkeypatch
):
    settings.REPORTS_PDF_SYNC_SECONDS = 0
    client.force_login(people["admin"])
    url = f"/reports/rounds/{compiled.pk}/compiled.pdf"
    assert client.get(url).status_code == 202

    def no_compiling(*args, **kwargs):
        raise AssertionError("a poll compiled the round while the worker was rendering")

    monkeypatch.setattr("reports.exports.compiled_pdf_readiness", no_compiling)
    poll = client.get(f"{url}/status/", headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "จัดทำแล้ว 0 จาก" in poll.content.decode()
    monkeypatch.undo()
    run(queued(queue, render_compiled_pdf)[0])  # the worker finishes and clears its marker
    poll = client.get(f"{url}/status/", headers={"HX-Request": "true"})
    assert poll.status_code == 286


def test_a_single_report_pdf_is_rendered_once(compiled, monkeypatch):
    from core.documents import pdf as core_pdf
    from reports.exports import report_export

    calls = []
    real = core_pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    report = report_of(compiled, "cpd-prov-13")
    first = report_export(report, "pdf").content
    second = report_export(report, "pdf").content
    assert first.startswith(b"%PDF-") and first == second
    assert len(calls) == 1
