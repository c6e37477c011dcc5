"""The page where a unit says an activity does not concern it, and where the host unit decides (rule 9)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import policy
from core.errors import ApplicationError
from reports.models import ActivityRelevance
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
