"""The pages beyond the registers' common ones: the overview of counts, the discipline counts (all that
leaves the confidential register), reviewing an issuance, deciding a declaration, moving a case on, taking a
corruption complaint up as a case, and the yearly CoI report (generate, record the presentation, download)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import policy
from accounts.policy import require
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year
from integrity import documents, selectors
from integrity.forms import CaseUpdateForm, DecisionForm, FromComplaintForm, PresentForm, ReviewForm
from integrity.models import CoiYearReport
from integrity.services import coi, discipline, issuances
from integrity.views.registers import XLSX, _agency, _nav, _year
from integrity.views.specs import CASES, DECLARATIONS, ISSUANCES


def _fy(request) -> int:
    return _year(request) or fiscal_year(timezone.localdate())


@login_required
def home(request):
    user = request.user
    agency = _agency(user)
    fy = _fy(request)
    context = {"fy": fy, "agency": agency, **_nav(request)}
    if policy.can(user, "integrity.coi.view"):
        events = list(selectors.year_events(agency, fy))
        deadline = selectors.march_end(fy)
        context.update(
            events=len(events),
            events_in_time=sum(1 for e in events if e.held_on <= deadline),
            deadline=deadline,
            statistics=selectors.year_statistics(agency, fy),
            report=selectors.coi_report(agency, fy),
        )
    if policy.can(user, "integrity.issuance.view"):
        standing = selectors.executives_standing(agency, fy)
        context.update(standing=standing, share=selectors.clean_share(standing))
    if policy.can(user, "integrity.discipline.counts"):
        context["counts"] = selectors.case_counts(user, fy, agency)
    return render(request, "integrity/home.html", context)


@login_required
def discipline_counts(request):
    require(request.user, "integrity.discipline.counts")
    fy = _fy(request)
    counts = selectors.case_counts(request.user, fy, _agency(request.user))
    if request.GET.get("format") == "xlsx":
        workbook = new_workbook("สถิติเรื่องวินัย")
        rows = [
            ["เรื่องที่เริ่มดำเนินการในปี", counts.opened],
            ["เรื่องที่แล้วเสร็จในปี", counts.completed],
            ["เรื่องที่ยังไม่แล้วเสร็จ ณ วันนี้", counts.open_now],
            ["มาจากเรื่องร้องเรียนการทุจริต", counts.from_complaints],
        ]
        rows += [[f"ขั้นตอน: {label}", n] for label, n in counts.by_stage]
        rows += [[f"ฐานความผิด: {label}", n] for label, n in counts.by_basis]
        write_table(workbook.active, ["รายการ", "จำนวน (เรื่อง)"], rows, [50, 16])
        response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="discipline-counts-{fy}.xlsx"'
        return response
    return render(
        request,
        "integrity/discipline_counts.html",
        {
            "counts": counts,
            "fy": fy,
            "years": range(fiscal_year(timezone.localdate()), 2558, -1),
            "may_open": policy.can(request.user, "integrity.discipline.view"),
            **_nav(request),
        },
    )


def _action_page(request, reg, record, form, title, save):
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect(reg.url("detail", record.pk))
    return render(
        request,
        "integrity/action_form.html",
        {"reg": reg, "record": record, "form": form, "title": title, **_nav(request, reg)},
    )


@login_required
def issuance_review(request, pk: int):
    record = ISSUANCES.get(request.user, pk)
    require(request.user, "integrity.issuance.review", record)
    form = ReviewForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    return _action_page(
        request,
        ISSUANCES,
        record,
        form,
        "บันทึกผลการตรวจ",
        lambda f: issuances.issuance_review(
            actor=request.user,
            issuance=record,
            reviewed_on=f.cleaned_data["reviewed_on"],
            checklist=f.checklist(),
            verdict=f.cleaned_data["verdict"],
            note=f.cleaned_data["note"],
        ),
    )


@login_required
def declaration_decide(request, pk: int):
    record = DECLARATIONS.get(request.user, pk)
    require(request.user, "integrity.declaration.view", record)
    form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    return _action_page(
        request,
        DECLARATIONS,
        record,
        form,
        "บันทึกผลการพิจารณา",
        lambda f: coi.declaration_decide(actor=request.user, declaration=record, **f.cleaned_data),
    )


@login_required
def case_update(request, pk: int):
    record = CASES.get(request.user, pk)
    require(request.user, "integrity.discipline.edit", record)
    form = CaseUpdateForm(
        request.POST or None,
        initial={
            "stage": record.stage,
            "legal_basis": record.legal_basis,
            "legal_detail": record.legal_detail,
            "completed_on": record.completed_on,
            "outcome": record.outcome,
        },
    )
    return _action_page(
        request,
        CASES,
        record,
        form,
        "ปรับขั้นตอนเรื่องวินัย",
        lambda f: discipline.case_update(actor=request.user, case=record, **f.cleaned_data),
    )


@login_required
def case_from_complaint(request, complaint_id: int):
    require(request.user, "integrity.discipline.edit")
    units = policy.units_for(request.user, "integrity.discipline.edit")
    form = FromComplaintForm(
        request.POST or None,
        units=units,
        initial={"complaint_id": complaint_id, "opened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = discipline.case_from_complaint(
                actor=request.user,
                complaint_id=complaint_id,
                unit=data["unit"],
                number=data["number"],
                opened_on=data["opened_on"],
                subject=data["subject"],
            )
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "รับเป็นเรื่องวินัยแล้ว (เก็บเฉพาะรหัสติดตามของเรื่องร้องเรียน)")
            return redirect(CASES.url("detail", case.pk))
    return render(
        request,
        "integrity/action_form.html",
        {
            "reg": CASES,
            "record": None,
            "form": form,
            "title": "รับเรื่องร้องเรียนการทุจริตเป็นเรื่องวินัย",
            **_nav(request, CASES),
        },
    )


@login_required
def coi_reports(request):
    user = request.user
    agency = _agency(user)
    require(user, "integrity.coi.view", unit=agency)
    may_edit = policy.can(user, "integrity.coi.edit", unit=agency)
    if request.method == "POST":
        require(user, "integrity.coi.edit", unit=agency)
        raw = request.POST.get("fiscal_year", "")
        if raw.isdigit():
            try:
                coi.coi_report_generate(actor=user, agency=agency, fiscal_year=int(raw))
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"จัดทำรายงานปีงบประมาณ พ.ศ. {raw} แล้ว")
                return redirect("integrity:coi_report", int(raw))
        messages.error(request, "กรุณาระบุปีงบประมาณ")
    return render(
        request,
        "integrity/coi_reports.html",
        {
            "reports": CoiYearReport.objects.filter(agency=agency),
            "may_edit": may_edit,
            "this_year": fiscal_year(timezone.localdate()),
            **_nav(request),
        },
    )


def _report(request, fy: int) -> CoiYearReport:
    agency = _agency(request.user)
    report = selectors.coi_report(agency, fy)
    require(request.user, "integrity.coi.view", unit=agency)
    if report is None:
        from django.http import Http404

        raise Http404("ยังไม่ได้จัดทำรายงานของปีนี้")
    return report


@login_required
def coi_report(request, fy: int):
    report = _report(request, fy)
    may_edit = policy.can(request.user, "integrity.coi.edit", report)
    form = PresentForm(
        request.POST or None,
        initial={
            "presented_on": report.presented_on,
            "presented_to": report.presented_to or "อธิบดีกรมส่งเสริมสหกรณ์",
            "presentation_ref": report.presentation_ref,
        },
    )
    if request.method == "POST":
        require(request.user, "integrity.coi.edit", report)
        if form.is_valid():
            try:
                coi.coi_report_present(actor=request.user, report=report, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกการเสนอผู้บริหารแล้ว")
                return redirect("integrity:coi_report", fy)
    return render(
        request,
        "integrity/coi_report.html",
        {
            "report": report,
            "form": form if may_edit else None,
            "lines": documents.summary_lines(report),
            **_nav(request),
        },
    )


@login_required
def coi_report_document(request, fy: int, fmt: str):
    report = _report(request, fy)
    if fmt not in ("docx", "pdf"):
        from django.http import Http404

        raise Http404("ไม่รู้จักรูปแบบไฟล์")
    data, content_type, name = documents.coi_report_file(report, fmt, signer=request.user)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def gift_rules(request):
    """The No Gift Policy announcements and the gift limits in force (the CoI officers of the agency)."""
    from integrity.forms import GiftLimitForm, NoGiftForm
    from integrity.models import GiftLimit, NoGiftPolicy
    from integrity.models.coi import DEFAULT_GIFT_BASIS, DEFAULT_GIFT_LIMIT

    user = request.user
    agency = _agency(user)
    require(user, "integrity.coi.edit", unit=agency)
    which = request.POST.get("which") if request.method == "POST" else None
    no_gift = NoGiftForm(
        request.POST if which == "no_gift" else None,
        initial={"fiscal_year": fiscal_year(timezone.localdate())},
        prefix="ng",
    )
    limit = GiftLimitForm(request.POST if which == "limit" else None, prefix="lm")
    form, save = {
        "no_gift": (no_gift, lambda d: coi.no_gift_record(actor=user, agency=agency, **d)),
        "limit": (limit, lambda d: coi.gift_limit_set(actor=user, agency=agency, **d)),
    }.get(which, (None, None))
    if form is not None and form.is_valid():
        try:
            save(form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect("integrity:gift_rules")
    return render(
        request,
        "integrity/gift_rules.html",
        {
            "no_gift_form": no_gift,
            "limit_form": limit,
            "policies": NoGiftPolicy.objects.filter(agency=agency),
            "limits": GiftLimit.objects.filter(agency=agency),
            "default_limit": DEFAULT_GIFT_LIMIT,
            "default_basis": DEFAULT_GIFT_BASIS,
            **_nav(request),
        },
    )
