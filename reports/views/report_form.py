"""The report form (attachment 3): edit, autosave, and the safety net for an expired session."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.models import User
from core.errors import ApplicationError
from core.http import form_error
from core.thai import format_be_datetime
from reports import selectors, services
from reports.forms import (
    EvidenceForm,
    IndicatorResultForm,
    ReportHeaderForm,
    RowFormSet,
    form_key,
    read_form_key,
)
from reports.models import Report
from reports.services.stash import stash_fields


def _row_initial(rows) -> list[dict]:
    initial = [
        {
            "id": r.pk,
            "order": i,
            "method": r.method,
            "period_text": r.period_text,
            "result": r.result,
            "evidence_note": r.evidence_note,
        }
        for i, r in enumerate(rows, start=1)
    ]
    return initial + [{"order": len(rows) + 1}]


def _result_initial(result) -> dict:
    if result is None:
        return {}
    return {
        "value": result.value,
        "count": result.count,
        "event_date": result.event_date,
        "done": "" if result.done is None else ("true" if result.done else "false"),
        "note": result.note,
    }


def build_forms(report: Report, content: dict, data=None, files=None) -> dict:
    header = ReportHeaderForm(
        data,
        initial={
            "version": report.version,
            "as_of": report.as_of,
            "problems": report.problems,
            "suggestions": report.suggestions,
        },
    )
    rows = RowFormSet(data, prefix="rows", initial=_row_initial(content["rows"]))
    indicators = [
        (
            ind,
            result,
            IndicatorResultForm(data, prefix=f"ind-{ind.pk}", indicator=ind, initial=_result_initial(result)),
        )
        for ind, result in content["indicators"]
    ]
    evidence = EvidenceForm(data, files, row_count=len(content["rows"]) + 1)
    return {"header": header, "rows": rows, "indicator_forms": indicators, "evidence_form": evidence}


def _valid(forms: dict) -> bool:
    results = [forms["header"].is_valid(), forms["rows"].is_valid(), forms["evidence_form"].is_valid()]
    results += [f.is_valid() for _, _, f in forms["indicator_forms"]]
    return all(results)


def _rows_from(formset) -> list[dict]:
    rows = []
    for position, form in enumerate(formset.forms, start=1):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        rows.append({**data, "order": data.get("order") if data.get("order") is not None else position})
    return rows


def _row_at(report: Report, number: int | None):
    if not number:
        return None
    return report.rows.order_by("order", "id")[number - 1 : number].first()


def _apply_evidence(request, report: Report, content: dict, form: EvidenceForm) -> None:
    user, data = request.user, form.cleaned_data
    for evidence in content["evidence"]:
        if request.POST.get(f"evidence-{evidence.pk}-remove"):
            services.evidence_remove(actor=user, evidence=evidence)
        elif upload := request.FILES.get(f"evidence-{evidence.pk}-file"):
            services.evidence_revise(actor=user, evidence=evidence, uploaded=upload)
    for link in content["links"]:
        if request.POST.get(f"link-{link.pk}-remove"):
            services.link_remove(actor=user, link=link)
    if data.get("evidence_file"):
        services.evidence_add(
            actor=user,
            report=report,
            uploaded=data["evidence_file"],
            title=data.get("evidence_title", ""),
            row=_row_at(report, data.get("evidence_row")),
        )
    if data.get("link_url"):
        services.link_add(
            actor=user,
            report=report,
            url=data["link_url"],
            title=data.get("link_title", ""),
            row=_row_at(report, data.get("link_row")),
        )


def _save(request, report: Report, content: dict, forms: dict) -> Report:
    header = forms["header"].cleaned_data
    with transaction.atomic():
        report = services.report_save_draft(
            actor=request.user,
            report=report,
            version=header["version"],
            as_of=header.get("as_of"),
            problems=header.get("problems", ""),
            suggestions=header.get("suggestions", ""),
            rows=_rows_from(forms["rows"]),
            indicator_results={ind.pk: form.values() for ind, _, form in forms["indicator_forms"]},
        )
        _apply_evidence(request, report, content, forms["evidence_form"])
    return report


def _render(request, report: Report, content: dict, forms: dict, status: int = 200, **extra):
    by_row: dict[int, list] = {}
    for comment in content["open_comments"]:
        if comment.row_id:
            by_row.setdefault(comment.row_id, []).append(comment)
    for form in forms["rows"].forms:
        form.comments = by_row.get(form.initial.get("id"), [])
    extra.setdefault("general_comments", [c for c in content["open_comments"] if not c.row_id])
    context = {
        "report": report,
        "round": report.round,
        "activity": report.activity,
        **content,
        **forms,
        "form_key": form_key(report, request.user),
        "max_upload": settings.UPLOAD_MAX_BYTES,
        **extra,
    }
    return render(request, "reports/report_form.html", context, status=status)


def report_edit(request, pk: int):
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _expired_post(request, pk)
        return redirect_to_login(request.get_full_path())
    report = selectors.report_for(request.user, pk, "report.edit")
    if not report.is_editable or not report.round.is_open:
        messages.info(request, f"รายงานนี้อยู่ในสถานะ “{report.get_status_display()}” จึงเปิดดูได้อย่างเดียว")
        return redirect("reports:report", pk=report.pk)
    content = selectors.report_content(report)
    if request.method != "POST":
        stash = services.stash_for(user=request.user, report=report)
        if stash is None:
            return _render(request, report, content, build_forms(report, content))
        data = QueryDict(mutable=True)
        for key, values in stash.data.items():
            data.setlist(key, values)
        return _render(
            request,
            report,
            content,
            build_forms(report, content, data),
            restored=stash,
            restored_stale=stash.base_version != report.version,
        )

    forms = build_forms(report, content, request.POST, request.FILES)
    action = request.POST.get("action", "save")
    if not _valid(forms):
        services.stash_save(
            user=request.user, report=report, data=stash_fields(request.POST), base_version=report.version
        )
        return _render(request, report, content, forms, invalid=True, status=400)
    try:
        report = _save(request, report, content, forms)
    except ApplicationError as exc:
        services.stash_save(
            user=request.user, report=report, data=stash_fields(request.POST), base_version=report.version
        )
        form_error(forms["header"], exc)
        conflict = exc.extra.get("conflict")
        if conflict:
            latest = selectors.report_for(request.user, pk, "report.edit")
            return _render(
                request,
                report,
                content,
                forms,
                conflict=True,
                latest=latest,
                latest_rows=list(latest.rows.all()),
                status=409,
            )
        return _render(request, report, content, forms, status=400)
    if action == "submit":
        try:
            services.report_submit(actor=request.user, report=report, version=report.version)
        except ApplicationError as exc:
            messages.error(request, f"บันทึกร่างแล้ว แต่ยังส่งไม่ได้: {exc.message}")
            return redirect("reports:edit", pk=report.pk)
        messages.success(request, "ส่งรายงานแล้ว")
        return redirect("reports:report", pk=report.pk)
    messages.success(request, f"บันทึกร่างแล้ว ({format_be_datetime(timezone.now())})")
    return redirect(reverse("reports:edit", args=[report.pk]) + ("#rows" if action == "add_row" else ""))


def _expired_post(request, pk: int):
    """The session ended while the form was open: keep what was typed and ask the user to log in again."""
    key = read_form_key(request.POST.get("form_key", ""))
    saved = False
    if key and key.get("r") == pk:
        user = User.objects.filter(pk=key.get("u"), is_active=True).first()
        report = Report.objects.filter(pk=pk).first()
        if user and report and report.is_editable and policy.can(user, "report.edit", report):
            saved = (
                services.stash_save(
                    user=user, report=report, data=stash_fields(request.POST), base_version=report.version
                )
                is not None
            )
    typed = [
        (k, v)
        for k, values in stash_fields(request.POST).items()
        for v in values
        if v.strip() and k not in ("version",) and not k.endswith(("-id", "-order", "TOTAL_FORMS"))
    ]
    login_url = f"{reverse(settings.LOGIN_URL)}?next={reverse('reports:edit', args=[pk])}"
    return render(
        request,
        "reports/session_expired.html",
        {"saved": saved, "typed": typed[:200], "login_url": login_url, "had_files": bool(request.FILES)},
        status=401,
    )


@require_POST
def report_autosave(request, pk: int):
    if not request.user.is_authenticated:
        login_url = f"{reverse(settings.LOGIN_URL)}?next={reverse('reports:edit', args=[pk])}"
        return JsonResponse({"error": "session", "login_url": login_url}, status=401)
    report = selectors.report_for(request.user, pk, "report.edit")
    if not report.is_editable:
        return JsonResponse({"error": "locked", "status": report.get_status_display()}, status=409)
    try:
        base = int(request.POST.get("version", report.version))
    except ValueError:
        base = report.version
    services.stash_save(user=request.user, report=report, data=stash_fields(request.POST), base_version=base)
    return JsonResponse(
        {
            "saved_at": format_be_datetime(timezone.now()),
            "version": report.version,
            "stale": base != report.version,
        }
    )


@require_POST
def stash_drop(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("reports:edit", args=[pk]))
    report = selectors.report_for(request.user, pk, "report.edit")
    services.stash_discard(report=report, user=request.user)
    messages.info(request, "ทิ้งข้อมูลที่กู้คืนแล้ว แสดงฉบับที่บันทึกไว้")
    return redirect("reports:edit", pk=report.pk)
