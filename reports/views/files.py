"""Downloads: evidence files (permission-checked, always as attachments) and the exports."""

from __future__ import annotations

import math

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts import policy
from accounts.policy import require
from core.downloads import file_response
from reports import exports, selectors, services
from reports.evidence_models import EvidenceRevision
from reports.exports import pdf
from reports.models import CompiledSummary


def attachment(export: exports.Export) -> HttpResponse:
    response = export.response()
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def evidence_download(request, pk: int):
    """Evidence is never served by URL from storage: only through here, after the policy check."""
    revisions = policy.scope(
        request.user, "report.view", EvidenceRevision.objects.select_related("evidence__report")
    )
    revision = get_object_or_404(revisions, pk=pk)
    try:
        handle = revision.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    # The name is built here: the uploader's stem and the extension of what the bytes are (core.downloads).
    return file_response(
        handle, original_name=revision.original_name, fallback_stem=f"evidence-{revision.pk}",
        default_stem="ไฟล์หลักฐาน",
    )


@login_required
def report_export(request, pk: int, fmt: str):
    report = selectors.report_for(request.user, pk)
    # ?digits=thai|arabic overrides the agency's setting for this one download.
    digits = {"thai": True, "arabic": False}.get(request.GET.get("digits", ""))
    return attachment(exports.report_export(report, fmt, thai_digits=digits))


@login_required
def compiled_export(request, pk: int, fmt: str):
    from reports.views.rounds import _round

    round_ = _round(request.user, pk)
    if fmt != "pdf":
        return attachment(exports.compiled_export(round_, request.user, fmt))
    try:
        return attachment(exports.compiled_export(round_, request.user, fmt, pdf_budget=pdf.sync_budget()))
    except pdf.NotReady as pending:
        readiness = _ask_worker(request, round_, pending.readiness)
        seconds = readiness.seconds
        figures = progress_context(readiness.ready, readiness.total, seconds, download_url=_url(round_))
        return render(request, "reports/pdf_pending.html", {"round": round_, **figures}, status=202)


def _url(round_) -> str:
    return reverse("reports:compiled_pdf", args=[round_.pk])


def _wait_key(round_) -> str:
    return f"pdf-wait-{round_.pk}"


def _ask_worker(request, round_, readiness: pdf.Readiness) -> pdf.Readiness:
    """Queue the user's document and remember, in their session, what the waiting page polls for."""
    services.compiled_pdf_request(round_=round_, user=request.user, readiness=readiness)
    request.session[_wait_key(round_)] = {
        "document": readiness.document_key,
        "seconds": readiness.seconds,
        "missing": readiness.total - readiness.ready,
    }
    return readiness


def progress_context(
    ready: int,
    total: int,
    seconds: float,
    *,
    done: bool = False,
    download_url: str = "",
    document_name: str = "รายงานสรุป (PDF)",
    part_word: str = "ส่วน",
) -> dict:
    """What `_pdf_progress.html` shows of a document the worker renders in parts."""
    return {
        "download_url": download_url,
        "document_name": document_name,
        "part_word": part_word,
        "ready": ready,
        "total": total,
        "done": done,
        "percent": round(ready * 100 / total) if total else 100,
        "minutes": max(1, math.ceil(seconds / 60)),
    }


@login_required
def compiled_pdf_status(request, pk: int):
    """The progress of a compiled PDF the worker is rendering, polled by the waiting page. While the worker
    is on it, progress is read from its request marker (nothing is compiled per poll); after that, the whole
    check runs once: when the rest can be rendered within a request, polling stops and the page's link starts
    the download, otherwise the worker is asked again."""
    from reports.views.rounds import _round

    round_ = _round(request.user, pk)
    if not request.htmx:
        return redirect(reverse("reports:compiled_pdf", args=[round_.pk]))
    waiting = request.session.get(_wait_key(round_)) or {}
    progress = pdf.queued_progress(waiting["document"]) if waiting.get("document") else None
    if progress and progress[0] < progress[1]:
        ready, total = progress
        left = waiting.get("seconds", 0) * (total - ready) / max(1, waiting.get("missing") or total)
        figures = progress_context(ready, total, left, download_url=_url(round_))
        return render(request, "reports/_pdf_progress.html", {"round": round_, **figures})
    readiness = exports.compiled_pdf_readiness(round_, request.user)
    done = readiness.seconds <= pdf.sync_budget()
    if not done:
        _ask_worker(request, round_, readiness)
    figures = progress_context(
        readiness.ready, readiness.total, readiness.seconds, done=done, download_url=_url(round_)
    )
    context = {"round": round_, **figures}
    response = render(request, "reports/_pdf_progress.html", context)
    if done:
        request.session.pop(_wait_key(round_), None)
        response.status_code = 286  # htmx: stop polling
    return response


@login_required
def memo_export(request, pk: int, fmt: str):
    from reports.views.rounds import _round

    round_ = _round(request.user, pk)
    require(request.user, "round.compile", round_)
    summary = get_object_or_404(CompiledSummary, round=round_)
    return attachment(exports.memo_export(summary, fmt))
