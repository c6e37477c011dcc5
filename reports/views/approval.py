"""The approval page of a compiled round: its versions, the executive's approval, the documents that leave
the department and the letter to ป.ป.ท. recorded as sent. Writes go through reports.services.approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from reports import documents
from reports.approval_forms import ApprovalForm, LetterForm, SentForm
from reports.approval_models import CompiledVersion, PaccDispatch
from reports.services import approval
from reports.views.files import attachment
from reports.views.rounds import _round


def _context(request, round_, **forms):
    latest = approval.latest_version(round_)
    dispatch = approval.current_dispatch(round_)
    user = request.user
    can_approve = latest is not None and not latest.approved and policy.can(user, "round.approve", round_)
    can_send = policy.can(user, "round.send", round_)
    context = {
        "round": round_,
        "latest": latest,
        "versions": CompiledVersion.objects.filter(round=round_)
        .select_related("approved_by")
        .order_by("-number"),
        "dispatches": PaccDispatch.objects.filter(round=round_, sent_on__isnull=False).select_related(
            "version", "sent_by"
        ),
        "dispatch": dispatch,
        "can_approve": can_approve,
        "can_send": can_send and latest is not None and latest.approved,
        "can_letter": can_send,
        "can_compile": policy.can(user, "round.compile", round_),
        "annex_units": documents.annex_units(latest) if latest is not None else [],
    }
    if can_approve:
        context["approve_form"] = forms.get("approve_form") or ApprovalForm(
            initial={"version": latest.pk, "position": getattr(user, "position", "")}
        )
    if can_send:
        reference = dispatch.reference if dispatch else ""
        context["letter_form"] = forms.get("letter_form") or LetterForm(initial={"reference": reference})
        context["sent_form"] = forms.get("sent_form") or SentForm(initial={"reference": reference})
    return context


@login_required
def approval_page(request, pk: int):
    round_ = _round(request.user, pk)
    require(request.user, "round.documents", round_)
    return render(request, "reports/approval.html", _context(request, round_))


@login_required
@require_POST
def approval_approve(request, pk: int):
    round_ = _round(request.user, pk)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        version = get_object_or_404(CompiledVersion, round=round_, pk=form.cleaned_data["version"])
        try:
            approval.version_approve(
                actor=request.user,
                version=version,
                position=form.cleaned_data["position"],
                approved_on=form.cleaned_data["approved_on"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, f"ให้ความเห็นชอบฉบับที่ {version.number} แล้ว")
            return redirect("reports:approval", pk=round_.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    require(request.user, "round.approve", round_)
    return render(request, "reports/approval.html", _context(request, round_, approve_form=form), status=400)


@login_required
@require_POST
def approval_letter(request, pk: int):
    round_ = _round(request.user, pk)
    form = LetterForm(request.POST)
    if form.is_valid():
        approval.dispatch_save(actor=request.user, round_=round_, reference=form.cleaned_data["reference"])
        messages.success(request, "บันทึกรายละเอียดหนังสือแล้ว")
        return redirect("reports:approval", pk=round_.pk)
    require(request.user, "round.send", round_)
    return render(request, "reports/approval.html", _context(request, round_, letter_form=form), status=400)


@login_required
@require_POST
def approval_send(request, pk: int):
    round_ = _round(request.user, pk)
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            dispatch = approval.dispatch_record_sent(actor=request.user, round_=round_, **form.cleaned_data)
            messages.success(request, f"บันทึกการส่งหนังสือที่ {dispatch.ref_no} แล้ว")
            return redirect("reports:approval", pk=round_.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    require(request.user, "round.send", round_)
    return render(request, "reports/approval.html", _context(request, round_, sent_form=form), status=400)


@login_required
def round_document(request, pk: int, name: str):
    round_ = _round(request.user, pk)
    try:
        return attachment(documents.round_document(request.user, round_, name))
    except documents.NoVersion:
        raise Http404("ยังไม่ได้รวบรวมผลของรอบนี้") from None


@login_required
def round_unit_annex(request, pk: int, unit_code: str):
    round_ = _round(request.user, pk)
    try:
        return attachment(documents.unit_annex(request.user, round_, unit_code))
    except documents.NoVersion:
        raise Http404("ยังไม่ได้รวบรวมผลของรอบนี้") from None
    except documents.NoUnit:
        raise Http404("ไม่มีแบบรายงานของหน่วยงานนี้ในฉบับล่าสุด") from None
