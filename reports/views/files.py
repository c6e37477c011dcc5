"""Downloads: evidence files (permission-checked, always as attachments) and the exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

from accounts import policy
from core.http import require
from reports import exports, selectors
from reports.evidence_models import EvidenceRevision
from reports.models import CompiledSummary


def attachment(export: exports.Export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
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
    response = FileResponse(
        handle, as_attachment=True, filename=revision.original_name, content_type=revision.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    # If a browser ever renders it anyway, the file can run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def report_export(request, pk: int, fmt: str):
    report = selectors.report_for(request.user, pk)
    return attachment(exports.report_export(report, fmt, thai_digits=request.GET.get("digits") == "thai"))


@login_required
def compiled_export(request, pk: int, fmt: str):
    from reports.views.rounds import _round

    round_ = _round(request.user, pk)
    return attachment(exports.compiled_export(round_, request.user, fmt))


@login_required
def memo_export(request, pk: int, fmt: str):
    from reports.views.rounds import _round

    round_ = _round(request.user, pk)
    require(request.user, "round.compile", round_)
    summary = get_object_or_404(CompiledSummary, round=round_)
    return attachment(exports.memo_export(summary, fmt))
