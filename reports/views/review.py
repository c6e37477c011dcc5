"""Reading a report, and what reviewers, unit heads and the plan administrator do to it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from reports import selectors, services
from reports.forms import ReopenForm, ReviewForm
from reports.indicator_values import computations_for, is_override, result_text, value_text
from reports.models import Report
from reports.services.workflow import is_reviewable
from reports.views.listing import QUEUE_STATUS_CHOICES, listing
from reports.views.relevance import relevance_links

QUEUES = {
    "review": ("รายงานที่รอการตรวจของท่าน", selectors.reports_to_review),
    "endorse": ("รายงานที่รอหัวหน้าหน่วยงานรับรอง", selectors.reports_to_endorse),
}


@login_required
def review_queue(request):
    """The reviewer's (or unit head's) whole queue, filtered by unit, status, activity, kind and lateness."""
    which = request.GET.get("list") if request.GET.get("list") in QUEUES else "review"
    title, reports = QUEUES[which]
    context = listing(request, reports(request.user), statuses=QUEUE_STATUS_CHOICES)
    return render(
        request,
        "reports/review_queue.html",
        {
            "title": title,
            "which": which,
            "queues": {key: label for key, (label, _) in QUEUES.items()},
            **context,
            "demo_round": next((r.round for r in context["page"] if r.round.is_demo), None),
            "extra_hidden": [("list", which)] if which != "review" else [],
            "extra_query": f"list={which}" if which != "review" else "",
        },
    )


def _permissions(user, report: Report) -> dict:
    round_open = report.round.is_open
    can_edit = policy.can(user, "report.edit", report)
    return {
        "may_edit": can_edit and report.is_editable and round_open,
        "may_review": (
            is_reviewable(report)
            and policy.can(user, "report.review", report)
            and report.submitted_by_id != user.pk
        ),
        "may_endorse": (
            report.status == Report.Status.SUBMITTED
            and report.round.requires_endorsement
            and policy.can(user, "report.endorse", report)
        ),
        "may_lock": report.status == Report.Status.ACCEPTED
        and policy.can(user, "round.manage", report.round),
        "may_reopen": (
            report.status in (Report.Status.ACCEPTED, Report.Status.LOCKED)
            and round_open
            and policy.can(user, "round.manage", report.round)
        ),
    }


def _indicator_rows(report: Report, indicators) -> list[dict]:
    """Each indicator with its result and, for a computed one, the value the system computes now and its
    records: the reviewer sees an override beside the value it replaced, and its reason."""
    computed = computations_for(report)
    rows = []
    for ind, result in indicators:
        comp = computed.get(ind.pk)
        rows.append({
            "indicator": ind,
            "result": result,
            "computation": comp,
            "computed_text": value_text(ind, comp.value) if comp else "",
            "overridden": comp is not None and is_override(result),
            "result_text": result_text(result) if result is not None else "",
        })
    return rows


def _detail(request, report: Report, review_form=None, reopen_form=None, status: int = 200):
    content = selectors.report_content(report)
    content["indicator_rows"] = _indicator_rows(report, content["indicators"])
    perms = {**_permissions(request.user, report), **relevance_links(request.user, report)}
    row_comments = (
        {k[4:-8]: v for k, v in request.POST.items() if k.startswith("row-") and k.endswith("-comment")}
        if request.method == "POST"
        else {}
    )
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "round": report.round,
            "activity": report.activity,
            **content,
            **perms,
            "review_form": review_form or ReviewForm(),
            "reopen_form": reopen_form or ReopenForm(),
            "row_comments": row_comments,
        },
        status=status,
    )


@login_required
def report_detail(request, pk: int):
    return _detail(request, selectors.report_for(request.user, pk))


@login_required
@require_POST
def report_review(request, pk: int):
    report = selectors.report_for(request.user, pk, "report.review")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _detail(request, report, review_form=form, status=400)
    row_comments = {
        int(k[4:-8]): v
        for k, v in request.POST.items()
        if k.startswith("row-") and k.endswith("-comment") and k[4:-8].isdigit()
    }
    try:
        if form.cleaned_data["decision"] == "return":
            services.report_return(
                actor=request.user,
                report=report,
                comment=form.cleaned_data["comment"],
                row_comments=row_comments,
            )
            messages.success(request, "ส่งรายงานกลับให้หน่วยงานแก้ไขแล้ว")
        else:
            services.report_accept(actor=request.user, report=report, comment=form.cleaned_data["comment"])
            messages.success(request, "บันทึกว่ารายงานผ่านการตรวจแล้ว")
    except ApplicationError as exc:
        form_error(form, exc)
        return _detail(request, report, review_form=form, status=400)
    return redirect("reports:report", pk=report.pk)


def _simple_action(request, pk: int, action: str, service, done: str):
    report = selectors.report_for(request.user, pk, action)
    try:
        service(actor=request.user, report=report)
        messages.success(request, done)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = selectors.report_for(request.user, pk, "report.edit")
    try:
        services.report_submit(
            actor=request.user, report=report, version=int(request.POST.get("version", report.version))
        )
        messages.success(request, "ส่งรายงานแล้ว")
    except (ApplicationError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "ส่งรายงานไม่สำเร็จ"))
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def report_endorse(request, pk: int):
    return _simple_action(request, pk, "report.endorse", services.report_endorse, "รับรองรายงานแล้ว")


@login_required
@require_POST
def report_lock(request, pk: int):
    return _simple_action(request, pk, "report.view", services.report_lock, "ปิดรายงานแล้ว")


@login_required
@require_POST
def report_reopen(request, pk: int):
    report = selectors.report_for(request.user, pk)
    require(request.user, "round.manage", report.round)  # refused before the reason is even read
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.report_reopen(actor=request.user, report=report, reason=form.cleaned_data["reason"])
            messages.success(request, "เปิดรายงานให้หน่วยงานแก้ไขอีกครั้งแล้ว")
            return redirect("reports:report", pk=report.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    return _detail(request, report, reopen_form=form, status=400)
