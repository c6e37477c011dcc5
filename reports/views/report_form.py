"""The report form (attachment 3): edit, autosave, and the safety net for an expired session."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.thai import format_be, format_be_datetime
from reports import prefill, selectors, services
from reports.forms import (
    EvidenceForm,
    IndicatorResultForm,
    ReportHeaderForm,
    RowFormSet,
    form_key,
    read_form_key,
)
from reports.indicator_values import computations_for, owns_computed
from reports.models import Report
from reports.services.stash import stash_fields
from reports.services.workflow import ROW_FIELDS, field_label
from reports.views.form_errors import error_summary, show_error, show_refusal
from reports.views.relevance import relevance_links


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
        "event_dates": result.event_dates or None,
        "done": "" if result.done is None else ("true" if result.done else "false"),
        "note": result.note,
        "override_reason": result.override_reason,
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
    # An empty draft opened fresh starts from the registers' rows (reports.prefill); typed rows never do.
    prefilled = prefill.for_report(report, content) if data is None else []
    initial = prefill.initial_rows(prefilled) if prefilled else _row_initial(content["rows"])
    rows = RowFormSet(data, prefix="rows", initial=initial)
    # Computed indicators show the value the system computes now, with its records; only the report that
    # owns the department's value may put a typed value (with a reason) in its place.
    computed = computations_for(report)
    owns = owns_computed(report) if computed else True
    indicators = [
        (
            ind,
            result,
            IndicatorResultForm(
                data,
                prefix=f"ind-{ind.pk}",
                indicator=ind,
                initial=_result_initial(result),
                computation=computed.get(ind.pk),
                may_override=owns,
                fiscal_year=report.round.fiscal_year,
                unit_report=report.kind == Report.Kind.UNIT,
            ),
        )
        for ind, result in content["indicators"]
    ]
    # The rows on the page: the saved ones and the blank line, or, for a post shown again, the rows it
    # carried (the page's script may have added some); `validate_max` bounds the count.
    on_page = min(rows.total_form_count(), rows.max_num)
    evidence = EvidenceForm(data, files, row_count=max(on_page, len(content["rows"])))
    forms = {"header": header, "rows": rows, "indicator_forms": indicators, "evidence_form": evidence}
    return {**forms, "prefilled": prefilled}


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


def _row_count(formset) -> int:
    """How many rows the report will have once this post is saved (blank lines are not saved)."""
    return sum(1 for row in _rows_from(formset) if any((row.get(f) or "").strip() for f in ROW_FIELDS))


def _row_at(report: Report, number: int | None, field: str):
    if not number:
        return None
    row = report.rows.order_by("order", "id")[number - 1 : number].first()
    if row is None:
        # `EvidenceForm.check_rows` refuses this before anything is saved; should the rows still differ,
        # the whole save is undone rather than the file landing on the whole report unannounced.
        raise ApplicationError(f"ไม่มีแถวที่ {number} ในรายงาน กรุณาเลือกแถวอีกครั้ง", field=field)
    return row


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
            row=_row_at(report, data.get("evidence_row"), "evidence_row"),
        )
    if data.get("link_url"):
        services.link_add(
            actor=user,
            report=report,
            url=data["link_url"],
            title=data.get("link_title", ""),
            row=_row_at(report, data.get("link_row"), "link_row"),
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


def _typed_base(post, report: Report | None) -> int:
    """The version of the report the typed input started from: the form's own, not the one saved now, so
    that a restored form knows whether the report changed underneath it."""
    try:
        return int(post.get("version", ""))
    except ValueError:
        return report.version if report is not None else 0


def _plain(value):
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, tuple)):
        # Event dates: saved as ISO text, typed as dates; no dates is the same as none saved.
        return [d.isoformat() if hasattr(d, "isoformat") else str(d) for d in value] or None
    return value


def _shown(value) -> str:
    if value is None or value == "":
        return "(ว่าง)"
    if value is True or value is False:
        return "ดำเนินการแล้ว" if value else "ยังไม่ได้ดำเนินการ"
    if hasattr(value, "year"):
        return format_be(value)
    if isinstance(value, (list, tuple)):
        days = (d if hasattr(d, "year") else datetime.date.fromisoformat(d) for d in value)
        return ", ".join(format_be(d) for d in days)
    return str(value)


def _differences(report: Report, content: dict, forms: dict) -> list[tuple[str, str]]:
    """Where the input in the form differs from the report as saved now, with what is saved: shown when the
    report changed after the input was started, so that the user merges before saving over it."""
    found = []
    if forms["header"].is_valid():
        found += _header_differences(report, forms["header"].cleaned_data)
    if forms["rows"].is_valid():
        found += _row_differences(content["rows"], forms["rows"])
    found += _indicator_differences(forms["indicator_forms"])
    return found


def _header_differences(report: Report, typed: dict) -> list[tuple[str, str]]:
    found = []
    if typed.get("as_of") != report.as_of:
        found.append(("ข้อมูล ณ วันที่", _shown(report.as_of)))
    for name in ("problems", "suggestions"):
        if (typed.get(name) or "").strip() != getattr(report, name):
            found.append((field_label(name), _shown(getattr(report, name))))
    return found


def _row_differences(saved_rows, formset) -> list[tuple[str, str]]:
    """The saved rows the typed ones leave out or change, each with what it holds now."""
    found = []
    typed_rows = {int(row["id"]): row for row in _rows_from(formset) if row.get("id")}
    for number, row in enumerate(saved_rows, start=1):
        saved = " · ".join(f"{field_label(f)}: {getattr(row, f)}" for f in ROW_FIELDS if getattr(row, f))
        mine = typed_rows.get(row.pk)
        if mine is None:
            found.append((f"แถวที่ {number} ไม่มีในแบบฟอร์มของท่าน (จะถูกลบเมื่อบันทึก)", saved))
        elif any((mine.get(f) or "").strip() != getattr(row, f) for f in ROW_FIELDS):
            found.append((f"แถวที่ {number}", saved))
    return found


def _indicator_differences(indicator_forms) -> list[tuple[str, str]]:
    found = []
    for ind, result, form in indicator_forms:
        if not form.is_valid():
            continue
        saved = {name: getattr(result, name, None) if result else None for name in form.fields}
        typed = form.values()
        if any(_plain(typed[name]) != _plain(saved[name]) for name in form.fields):
            text = " · ".join(f"{form.fields[n].label} {_shown(saved[n])}" for n in form.fields)
            found.append((" ".join(filter(None, ["ตัวชี้วัด", ind.number, ind.text[:60]])), text))
    return found


def _changed_since(request, report: Report, content: dict, forms: dict) -> dict:
    editor = report.updated_by
    if editor is None:
        by = "ผู้อื่น"
    elif editor.pk == request.user.pk:
        by = "ท่านเอง (จากหน้าต่างหรือแท็บอื่น)"  # the usual case: the same form open twice
    else:
        by = editor.get_full_name() or editor.username
    return {
        "by": by,
        "at": report.updated_at,
        "differences": _differences(report, content, forms),
    }


def _render(request, report: Report, content: dict, forms: dict, status: int = 200, **extra):
    by_row: dict[int, list] = {}
    for comment in content["open_comments"]:
        if comment.row_id:
            by_row.setdefault(comment.row_id, []).append(comment)
    for i, form in enumerate(forms["rows"].forms):
        form.comments = by_row.get(form.initial.get("id"), [])
        form.prefilled = forms["prefilled"][i] if i < len(forms["prefilled"]) else None
    extra.setdefault("general_comments", [c for c in content["open_comments"] if not c.row_id])
    context = {
        "report": report,
        "round": report.round,
        "activity": report.activity,
        **content,
        **forms,
        "form_key": form_key(report, request.user),
        "max_upload": settings.UPLOAD_MAX_BYTES,
        **relevance_links(request.user, report),
        **extra,
    }
    if context.get("invalid"):
        context["error_summary"] = error_summary(forms)
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
        return _edit_page(request, report, content)
    return _edit_post(request, pk, report, content)


def _edit_page(request, report: Report, content: dict):
    """The form as saved, or with the input kept from an earlier post (the stash) if there is one."""
    _adopt_pending(request, report)
    stash = services.stash_for(user=request.user, report=report)
    if stash is None:
        return _render(request, report, content, build_forms(report, content))
    data = QueryDict(mutable=True)
    for key, values in stash.data.items():
        data.setlist(key, values)
    stale = stash.base_version != report.version or _typed_base(data, report) != report.version
    if stale:
        # The input started from an older version. The form now carries the current one, so saving the
        # merged text overwrites the report on purpose (audited old → new) instead of conflicting again
        # on every save; what differs is listed above the form first.
        data.setlist("version", [str(report.version)])
    forms = build_forms(report, content, data)
    return _render(
        request,
        report,
        content,
        forms,
        restored=stash,
        changed_since=_changed_since(request, report, content, forms) if stale else None,
    )


def _stash_post(request, report: Report, base: int) -> None:
    """Keep the typed input of this post, so that a reload brings it back."""
    services.stash_save(user=request.user, report=report, data=stash_fields(request.POST), base_version=base)


def _edit_post(request, pk: int, report: Report, content: dict):
    forms = build_forms(report, content, request.POST, request.FILES)
    action = request.POST.get("action", "save")
    base = _typed_base(request.POST, report)
    # The rows chosen for a file or link are checked against the rows this post saves, before any save.
    if not (_valid(forms) and forms["evidence_form"].check_rows(_row_count(forms["rows"]))):
        _stash_post(request, report, base)
        return _render(request, report, content, forms, invalid=True, status=400)
    try:
        # Save and submit are one transaction: a submission refused (an incomplete row, the round closing)
        # leaves the report exactly as it was, and the typed input comes back in the form with the reason.
        with transaction.atomic():
            report = _save(request, report, content, forms)
            if action == "submit":
                report = services.report_submit(actor=request.user, report=report, version=report.version)
    except ApplicationError as exc:
        _stash_post(request, report, base)
        return _refused(request, pk, content, forms, action, exc)
    return _saved(request, report, action)


def _refused(request, pk: int, content: dict, forms: dict, action: str, exc: ApplicationError):
    """The save (or the submission) was refused and undone: the form again, with the reason."""
    if exc.extra.get("conflict"):
        return _conflict(request, pk)
    # What the page shows is the report as saved, not the in-memory copy the rolled-back save changed.
    report = selectors.report_for(request.user, pk, "report.edit")
    if action == "submit":
        # The summary's heading says the report was neither saved nor sent; the items say why.
        show_refusal(forms, exc)
        return _render(request, report, content, forms, invalid=True, refused=True, status=400)
    show_error(forms, exc)
    return _render(request, report, content, forms, invalid=True, status=400)


def _saved(request, report: Report, action: str):
    if action == "submit":
        messages.success(request, "ส่งรายงานแล้ว")
        return redirect("reports:report", pk=report.pk)
    messages.success(request, f"บันทึกร่างแล้ว ({format_be_datetime(timezone.now())})")
    return redirect(reverse("reports:edit", args=[report.pk]) + ("#rows" if action == "add_row" else ""))


def _conflict(request, pk: int):
    """Someone saved the report after this form was opened. The typed input stays in the form, now carrying
    the current version, with what the saved report holds where they differ: the user merges and saves
    again, which then overwrites on purpose. (A reload restores the same from the stash.)"""
    latest = selectors.report_for(request.user, pk, "report.edit")
    content = selectors.report_content(latest)
    data = request.POST.copy()
    data["version"] = str(latest.version)
    forms = build_forms(latest, content, data)
    return _render(
        request,
        latest,
        content,
        forms,
        conflict=True,
        changed_since=_changed_since(request, latest, content, forms),
        had_files=bool(request.FILES),
        status=409,
    )


PENDING_SESSION_KEY = "reports.pending_input"
PENDING_KEEP = 3


def _expired_post(request, pk: int):
    """The session ended while the form was open: keep what was typed and ask the user to log in again.

    Nothing is written for the user the form key names: a post without a session proves nothing about who
    sent it, and a key copied from a page would otherwise let anyone fill that user's draft. The input is
    kept in this browser's own (anonymous) session instead, and handed to the form only after this browser
    logs in as the user the key was issued to (see `_adopt_pending`)."""
    key = read_form_key(request.POST.get("form_key", ""))
    saved = False
    data = stash_fields(request.POST)
    if key and key.get("r") == pk and data:
        pending = request.session.get(PENDING_SESSION_KEY, {})
        pending.pop(str(pk), None)
        pending[str(pk)] = {
            "key": request.POST["form_key"],
            "data": data,
            "base": _typed_base(request.POST, None),
        }
        # A few reports at most: the session is not a store.
        request.session[PENDING_SESSION_KEY] = dict(list(pending.items())[-PENDING_KEEP:])
        saved = True
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


def _adopt_pending(request, report: Report) -> None:
    """Input this browser posted after its session had ended becomes the user's stash, now that the browser
    is logged in again, if the form it came from was issued to this user for this report (the policy has
    already allowed the user to edit it)."""
    pending = request.session.get(PENDING_SESSION_KEY) or {}
    entry = pending.pop(str(report.pk), None)
    if entry is None:
        return
    request.session[PENDING_SESSION_KEY] = pending
    key = read_form_key(entry.get("key", ""))
    if key and key.get("r") == report.pk and key.get("u") == request.user.pk:
        services.stash_save(user=request.user, report=report, data=entry["data"], base_version=entry["base"])


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
