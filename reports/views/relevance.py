"""The page where a unit says an activity does not concern it, and where the host unit decides (rule 9)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import policy
from core.errors import ApplicationError
from reports.models import ActivityRelevance, Report
from reports.selectors import report_for
from reports.services.relevance import relevance_claim, relevance_decide


@login_required
@require_http_methods(["GET", "POST"])
def report_relevance(request, pk: int):
    report = report_for(request.user, pk)
    claim = ActivityRelevance.objects.filter(report=report).select_related("claimed_by", "decided_by").first()
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("decision") in ("accept", "refuse") and claim is not None:
                relevance_decide(actor=request.user, claim=claim, accept=request.POST["decision"] == "accept",
                                 note=request.POST.get("note", ""))
                messages.success(request, "บันทึกการพิจารณาแล้ว")
            else:
                relevance_claim(actor=request.user, report=report, reason=request.POST.get("reason", ""))
                messages.success(request, "แจ้งหน่วยงานเจ้าภาพแล้วว่ากิจกรรมนี้ไม่เกี่ยวข้องกับหน่วยงาน")
            return redirect("reports:relevance", pk=report.pk)
        except ApplicationError as exc:
            error = str(exc)
    return render(request, "reports/relevance.html", {
        "report": report,
        "claim": claim,
        "error": error,
        "reason": request.POST.get("reason", claim.reason if claim else ""),
        "note": request.POST.get("note", ""),
        "can_claim": policy.can(request.user, "report.relevance_claim", report),
        "can_decide": policy.can(request.user, "report.relevance_decide", report),
    })


def relevance_links(user, report: Report) -> dict:
    """What the report page and form show of the statement: its status to anyone who reads the report, and
    the link to the page where the unit says so (its own editable unit report) or the host unit decides (a
    statement waiting), only when the policy allows it."""
    claim = getattr(report, "relevance", None) if report.kind == Report.Kind.UNIT else None
    Status = ActivityRelevance.Status
    may_claim = (
        report.kind == Report.Kind.UNIT
        and report.is_editable
        and report.round.is_open
        and (claim is None or claim.status != Status.ACCEPTED)
        and policy.can(user, "report.relevance_claim", report)
    )
    may_decide = (
        claim is not None
        and claim.status == Status.PENDING
        and policy.can(user, "report.relevance_decide", report)
    )
    return {"relevance": claim, "may_claim_relevance": may_claim, "may_decide_relevance": may_decide}

