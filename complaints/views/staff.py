"""Staff pages: the case list, entering a complaint received by phone or letter, the case page and its
actions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts import policy
from accounts.policy import require
from audit.labels import ACTION_LABELS, FIELD_LABELS
from complaints import forms, services
from complaints.crypto import Identity
from complaints.files import read_uploads
from complaints.models import FINAL, Attachment, Case, Channel, Source, Status
from complaints.selectors import (
    case_trail,
    cases_visible,
    default_agency,
    handled_unit_ids,
    overdue_board,
    units_without_handlers,
)
from complaints.services.common import triage_action
from complaints.services.identity import can_reveal
from complaints.services.lifecycle import BEFORE_WORK, WORKING
from complaints.views import receipts
from core.downloads import file_response
from core.errors import ApplicationError
from core.http import form_error
from core.thai import format_be
from org.models import Unit
from org.selectors import agency_of, unit_subtree


def nav(user) -> dict:
    """Which entries of the complaints sub-menu this user may open (reports and settings are
    department-wide)."""
    agency = agency_of(user.unit) if user.unit_id else default_agency()
    return {"may_enter": policy.can(user, "complaint.intake"), "may_list": policy.can(user, "complaint.view"),
            "may_configure": policy.can(user, "complaint.configure", unit=agency),
            "may_report": policy.can(user, "complaint.report", unit=agency)}


@login_required
def case_list(request):
    require(request.user, "complaint.view")
    form = forms.CaseFilterForm(request.GET or {"queue": "open"}, units=_filter_units(request.user))
    filters = form.cleaned_data if form.is_valid() else {"queue": "open"}
    cases = cases_visible(request.user, **{k: v for k, v in filters.items() if v not in (None, "")})
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/case_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "today": timezone.localdate(),
        **nav(request.user)})


def _filter_units(user):
    """Units offered by the list's unit filter: the user's department (cases outside it are never visible)."""
    agency = agency_of(user.unit) if user.unit_id else default_agency()
    if agency is None:
        return Unit.objects.none()
    return unit_subtree(agency).order_by("path")


@login_required
def overdue(request):
    require(request.user, "complaint.view")
    return render(request, "complaints/overdue.html",
                  {"board": overdue_board(request.user), "today": timezone.localdate(), **nav(request.user)})


@never_cache
@login_required
@sensitive_post_parameters("name", "phone", "email", "address")
def case_new(request):
    require(request.user, "complaint.intake")
    units = policy.units_for(request.user, "complaint.intake").filter(is_active=True)
    agency = agency_of(request.user.unit) if request.user.unit_id else default_agency()
    services.standards_ensure(agency=agency)
    initial = {"received_on": timezone.localdate(), "unit": request.user.unit_id, "source": "phone",
               "submit_key": receipts.new_form_key()}
    form = forms.StaffComplaintForm(request.POST or None, request.FILES or None, units=units, agency=agency,
                                    initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.case_submit(
                actor=request.user, agency=agency_of(data["unit"]), channel=data["channel"],
                source=data["source"],
                unit=data["unit"], received_on=data["received_on"], external_ref=data["external_ref"],
                category=data["category"], subject=data["subject"], details=data["details"],
                identity=Identity.build(**form.identity_values()), files=read_uploads(data["files"]),
                submit_key=data["submit_key"])
        except services.AlreadyFiled as exc:
            token = receipts.token_for(request, data["submit_key"])
            if token:
                return redirect("complaints:staff_receipt", token=token)
            messages.warning(request, f"แบบฟอร์มนี้บันทึกไปแล้วเป็นเรื่องเลขที่ {exc.case.number} จึงไม่ได้บันทึกซ้ำ")
            return redirect("complaints:detail", pk=exc.case.pk)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            # Post/redirect/get: reloading the receipt reads it again and records nothing.
            token = receipts.keep(request, receipt, data["submit_key"])
            return redirect("complaints:staff_receipt", token=token)
    return render(request, "complaints/case_new.html", {"form": form})


@never_cache
@login_required
def case_receipt(request, token: str):
    """The receipt of a case this user just entered, for the complainant (kept minutes, this session)."""
    kept = receipts.read(request, token)
    if kept is None:
        messages.info(request, "ใบรับเรื่องแสดงได้ภายในไม่กี่นาทีหลังบันทึกเท่านั้น เรื่องไม่ได้ถูกบันทึกซ้ำ")
        return redirect("complaints:list")
    case_id, code, secret = kept
    case = _case(request, case_id)
    return receipts.no_referrer(render(request, "complaints/staff_receipt.html", {
        "receipt": {"tracking_code": code, "secret": secret}, "case": case, "agency": case.agency,
        "minutes": receipts.RECEIPT_MINUTES}))


EMPTY = (None, "", [], {})
CHOICES = {"status": Status, "channel": Channel, "source": Source}


def shown(field: str, value) -> str:
    """An audited value as a person reads it: labels for codes and related rows, B.E. dates."""
    if value in EMPTY:
        return "—"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, dict):
        return str(value.get("label", value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field in CHOICES and value in CHOICES[field].values:
        return CHOICES[field](value).label
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_be(dt.date.fromisoformat(value), "abbr")
        except ValueError:
            return value
    return str(value)


def _case(request, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("unit", "category", "stage", "standard", "agency"),
                             pk=pk)
    require(request.user, "complaint.view", case)
    return case


def may_open_identity(user, case: Case) -> bool:
    """The same answer as the service's guard (roles alone: the superuser flag opens no identity)."""
    return can_reveal(user, case)


def _actions(user, case: Case) -> list[tuple[str, str]]:
    triage = policy.can(user, triage_action(case), case)
    handle = policy.can(user, "complaint.handle", case)
    status = case.status
    found = []
    if triage and status == Status.RECEIVED:
        found.append(("acknowledge", "ตอบรับเรื่อง"))
    if triage and status not in FINAL and status != Status.ANSWERED:
        found.append(("assign", "มอบหมายหน่วยงาน"))
    if handle and status in WORKING:
        found += [("progress", "บันทึกความคืบหน้า"), ("answer", "แจ้งผลแก่ผู้ร้อง")]
    if triage and status in BEFORE_WORK:
        found += [("forward", "ส่งต่อหน่วยงานอื่น"), ("dismiss", "ไม่รับพิจารณา / เรื่องซ้ำ / ไม่อยู่ในอำนาจ")]
    if triage and status == Status.ANSWERED:
        found += [("rate", "บันทึกผลประเมินแทนผู้ร้อง"), ("close", "ปิดเรื่อง")]
    if triage and status in (Status.ANSWERED, Status.CLOSED):
        found.append(("reopen", "เปิดเรื่องอีกครั้ง"))
    if (handle or triage) and case.is_open:
        found.append(("note", "บันทึกภายใน"))
    return found


@login_required
def case_detail(request, pk: int):
    case = _case(request, pk)
    user = request.user
    trail = [{"event": e, "label": ACTION_LABELS.get(e.action, e.action),
              "changes": [(FIELD_LABELS.get(k, k), shown(k, old), shown(k, new)) for k, old,
                          new in e.changes()
                          if old not in EMPTY or new not in EMPTY]}
             for e in case_trail(case)]
    may_identity = may_open_identity(user, case)
    return render(request, "complaints/case_detail.html", {
        "case": case, "assignments": case.assignments.select_related("unit"),
        "messages_list": case.messages.select_related("stage"), "attachments": case.attachments.all(),
        "ratings": case.ratings.all(), "trail": trail, "actions": _actions(user, case),
        "may_identity": may_identity and case.has_identity, "today": timezone.localdate(),
        # A corruption report may become a discipline case (integrity keeps only its tracking code).
        "may_discipline": case.channel == Channel.CORRUPTION
        and policy.can(user, "integrity.discipline.edit")})


def _assign_units(case: Case):
    return unit_subtree(case.agency).filter(is_active=True).order_by("path")


ACTION_FORMS = {
    "acknowledge": ("ตอบรับเรื่อง", forms.NoteOnlyForm),
    "assign": ("มอบหมายหน่วยงานรับผิดชอบ", forms.AssignForm),
    "forward": ("ส่งต่อหน่วยงานอื่น", forms.ForwardForm),
    "dismiss": ("ยุติเรื่องโดยไม่รับพิจารณา", forms.DismissForm),
    "progress": ("บันทึกความคืบหน้า", forms.ProgressForm),
    "answer": ("แจ้งผลแก่ผู้ร้อง", forms.AnswerForm),
    "rate": ("บันทึกผลประเมินความพึงพอใจแทนผู้ร้อง", forms.StaffRateForm),
    "close": ("ปิดเรื่อง", forms.ReasonForm),
    "reopen": ("เปิดเรื่องอีกครั้ง", forms.ReasonForm),
    "note": ("บันทึกภายใน", forms.InternalNoteForm),
}


def _perform(action: str, user, case: Case, data: dict) -> str:
    if action == "acknowledge":
        services.case_acknowledge(actor=user, case=case, note=data["note"])
        return "ตอบรับเรื่องแล้ว"
    if action == "assign":
        services.case_assign(actor=user, case=case, lead=data["lead"], co_owners=list(data["co_owners"]),
                             note=data["note"])
        return "มอบหมายหน่วยงานแล้ว"  # units nobody can work on are warned about by case_action
    if action == "forward":
        services.case_forward(actor=user, case=case, agency_name=data["agency_name"], reason=data["reason"])
        return "ส่งต่อเรื่องแล้ว"
    if action == "dismiss":
        services.case_dismiss(actor=user, case=case, outcome=data["outcome"], reason=data["reason"],
                              duplicate_of=data["duplicate_number"])
        return "บันทึกผลการพิจารณาแล้ว"
    if action == "progress":
        services.case_progress(actor=user, case=case, stage=data["stage"], note=data["note"],
                               public=data["public"], files=read_uploads(data["files"]))
        return "บันทึกความคืบหน้าแล้ว"
    if action == "answer":
        services.case_answer(actor=user, case=case, reply=data["reply"], files=read_uploads(data["files"]))
        return "แจ้งผลแก่ผู้ร้องแล้ว"
    if action == "rate":
        services.case_rate(actor=user, case=case, score=data["score"], comment=data["comment"])
        return "บันทึกผลประเมินและปิดเรื่องแล้ว"
    if action == "close":
        services.case_close(actor=user, case=case, reason=data["reason"])
        return "ปิดเรื่องแล้ว"
    if action == "reopen":
        services.case_reopen(actor=user, case=case, reason=data["reason"])
        return "เปิดเรื่องอีกครั้งแล้ว"
    services.case_note(actor=user, case=case, text=data["text"])
    return "บันทึกแล้ว"


@login_required
def case_action(request, pk: int, action: str):
    case = _case(request, pk)
    if action not in ACTION_FORMS:
        raise Http404("ไม่มีการดำเนินการนี้")
    if action not in dict(_actions(request.user, case)):
        require(request.user, "complaint.handle" if action in ("progress", "answer") else triage_action(case),
                case)
        messages.error(request, f"เรื่องในสถานะ '{case.get_status_display()}' ทำรายการนี้ไม่ได้")
        return redirect("complaints:detail", pk=case.pk)
    title, form_class = ACTION_FORMS[action]
    kwargs = {}
    if action == "assign":
        units = _assign_units(case)
        kwargs = {"units": units, "handled": handled_unit_ids(list(units))}
    if action in ("dismiss", "progress"):
        # Case numbers repeat across agencies, and each has its own stages: look in the case's agency.
        kwargs = {"agency": case.agency}
    if action == "assign" and request.method != "POST":
        current = case.assignments.all()
        kwargs["initial"] = {"lead": next((a.unit_id for a in current if a.is_lead), None),
                             "co_owners": [a.unit_id for a in current if not a.is_lead]}
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            done = _perform(action, request.user, case, form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, done)
            if action == "assign":
                _warn_unhandled(request, [form.cleaned_data["lead"], *form.cleaned_data["co_owners"]])
            return redirect("complaints:detail", pk=case.pk)
    return render(request, "complaints/case_action.html",
                  {"case": case, "form": form, "title": title, "action": action})


def _warn_unhandled(request, units) -> None:
    """After an assignment: say which units have nobody who could open the case here."""
    missing = units_without_handlers(units)
    if missing:
        names = ", ".join(u.name for u in missing)
        messages.warning(request, (
            f"{names} ยังไม่มีผู้ได้รับบทบาทเจ้าหน้าที่จัดการเรื่องร้องเรียน จึงไม่มีผู้ใดในหน่วยงานได้รับแจ้งหรือเปิดเรื่องนี้"
            "ในระบบได้ เรื่องยังอยู่ในความดูแลของท่าน กรุณาประสานหน่วยงานโดยตรง หรือขอให้ผู้ดูแลระบบกำหนดบทบาท"
            "ให้เจ้าหน้าที่ของหน่วยงาน"))


@never_cache
@login_required
def identity(request, pk: int):
    case = _case(request, pk)
    form = forms.IdentityRevealForm(request.POST or None)
    revealed = None
    if request.method == "POST" and form.is_valid():
        try:
            revealed = services.identity_reveal(actor=request.user, case=case,
                                                reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            form_error(form, exc)
    elif not may_open_identity(request.user, case):
        # Refuse before showing the form to someone who could never open it.
        raise PermissionDenied("complaint.identity")
    response = render(request, "complaints/identity.html", {"case": case, "form": form, "identity": revealed})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def attachment(request, pk: int, file_id: int):
    case = _case(request, pk)
    item = get_object_or_404(Attachment, pk=file_id, case=case)
    name, data = services.file_download(actor=request.user, case=case, attachment=item)
    # The uploader's name lends only its stem; type and extension come from the bytes (core.downloads).
    return file_response(data, original_name=name, fallback_stem=f"evidence-{item.pk}", default_stem="หลักฐาน")

