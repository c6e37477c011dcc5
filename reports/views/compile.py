"""The plan administrator compiles a round, edits the executive summary and the cover memo, and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from org.selectors import agency_thai_digits
from reports import selectors, services
from reports.forms import SummaryForm
from reports.indicator_values import frozen_drift
from reports.models import CompiledSummary
from reports.selectors import summary_is_generated
from reports.views.rounds import _round


@login_required
def compile_page(request, pk: int):
    round_ = _round(request.user, pk)
    require(request.user, "round.compile", round_)
    summary = CompiledSummary.objects.filter(round=round_).first()
    form = SummaryForm(request.POST or None, instance=summary) if summary else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.summary_update(actor=request.user, summary=summary, **form.cleaned_data)
            messages.success(request, "บันทึกบทสรุปและบันทึกข้อความแล้ว")
            return redirect("reports:compile", pk=round_.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    context = {"round": round_, "summary": summary, "form": form,
               "thai_digits": agency_thai_digits(round_.plan.agency)}
    if summary:
        context["changed_since"] = selectors.reports_changed_since(round_, summary.compiled_at)
        context["summary_generated"] = summary_is_generated(summary)
        # The indicator values kept at the compilation (what the documents show), and the computed ones the
        # records now give differently.
        context["frozen_values"] = [v for v in summary.indicator_values if v.get("source") != "reported"]
        context["values_drift"] = frozen_drift(round_, summary.indicator_values)
    return render(request, "reports/compile.html", context)


@login_required
@require_POST
def compile_run(request, pk: int):
    round_ = _round(request.user, pk)
    try:
        services.round_compile(
            actor=request.user, round_=round_, regenerate_text=request.POST.get("regenerate") == "1"
        )
        messages.success(request, "รวบรวมผลล่าสุดแล้ว")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reports:compile", pk=round_.pk)
