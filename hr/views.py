"""Pages of กองการเจ้าหน้าที่'s records for the plan: criteria improvement, job lines and central KPIs,
evaluation rounds with each unit's completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core import record_files
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year
from hr import forms, selectors, services
from hr.models import CriteriaStepFile, EvaluationRound, JobLine
from org.models import Unit
from org.selectors import agency_of

FORM_TEMPLATE = "hr/form.html"


def _agency(user):
    agency = agency_of(user.unit) if user.unit_id else Unit.objects.filter(parent__isnull=True).first()
    require(user, "hr.view", unit=agency)
    return agency


def _fy(request) -> int:
    text = request.GET.get("fy", "")
    return int(text) if text.isdigit() and 2500 <= int(text) <= 2700 else fiscal_year(timezone.localdate())


def _run(request, form, action, *, success, back, heading, context=None):
    """POST with a valid form → the service; its Thai message goes on the form, nothing typed is lost."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(back)
    return render(request, FORM_TEMPLATE, {"form": form, "heading": heading, "back": back, **(context or {})})


@login_required
def home(request):
    agency = _agency(request.user)
    fy = _fy(request)
    kpis = {k.job_line_id: k for k in selectors.year_kpi_sets(agency, fy)}
    lines = [(line, kpis.get(line.pk)) for line in selectors.job_lines(agency)]
    expected = list(selectors.expected_units(agency))
    rounds = []
    for r in selectors.year_rounds(agency, fy):
        done = sum(1 for c in r.completions.all() if c.is_complete)
        rounds.append((r, done, len(expected)))
    return render(request, "hr/home.html", {
        "agency": agency, "fy": fy, "steps": selectors.criteria_steps(agency, fy), "lines": lines,
        "lines_with_kpis": sum(1 for _, k in lines if k), "rounds": rounds,
        "may_manage": policy.can(request.user, "hr.manage", unit=agency)})


def _home_url(fy: int) -> str:
    return reverse("hr:home") + f"?fy={fy}"


@login_required
def step_new(request):
    agency = _agency(request.user)
    require(request.user, "hr.manage", unit=agency)
    fy = _fy(request)
    form = forms.CriteriaStepForm(request.POST or None, request.FILES or None,
                                  initial={"fiscal_year": fy, "done_on": timezone.localdate()})
    return _run(request, form, lambda d: services.criteria_step_save(actor=request.user, agency=agency, **d),
                success="บันทึกขั้นตอนแล้ว", back=_home_url(fy), heading="บันทึกขั้นตอนการปรับปรุงหลักเกณฑ์การประเมินผล",
                context={"multipart": True})


@login_required
def step_file(request, pk: int):
    stored = get_object_or_404(CriteriaStepFile.objects.select_related("step"), pk=pk)
    require(request.user, "hr.view", stored.step)
    return record_files.respond(stored, fallback_stem=f"hr-criteria-{stored.step.fiscal_year}")


@login_required
def job_line_new(request):
    agency = _agency(request.user)
    require(request.user, "hr.manage", unit=agency)
    form = forms.JobLineForm(request.POST or None)
    return _run(request, form, lambda d: services.job_line_save(actor=request.user, agency=agency, **d),
                success="เพิ่มสายงานแล้ว", back=_home_url(_fy(request)), heading="เพิ่มสายงาน")


@login_required
def job_line_kpis(request, pk: int):
    line = get_object_or_404(policy.scope(request.user, "hr.view", JobLine.objects.all()), pk=pk)
    require(request.user, "hr.manage", line)
    fy = _fy(request)
    current = line.kpi_sets.filter(fiscal_year=fy).first()
    form = forms.JobLineKpiForm(request.POST or None, initial={
        "fiscal_year": fy, "kpis": current.kpis if current else "",
        "set_on": current.set_on if current else timezone.localdate()})
    return _run(request, form, lambda d: services.job_line_kpis_save(actor=request.user, job_line=line, **d),
                success="บันทึกตัวชี้วัดกลางแล้ว", back=_home_url(fy), heading=f"ตัวชี้วัดกลางของ{line.name}")


@login_required
def round_new(request):
    agency = _agency(request.user)
    require(request.user, "hr.manage", unit=agency)
    fy = _fy(request)
    form = forms.RoundForm(request.POST or None, initial={"fiscal_year": fy})
    return _run(request, form, lambda d: services.round_save(actor=request.user, agency=agency, **d),
                success="เพิ่มรอบแล้ว", back=_home_url(fy), heading="เพิ่มรอบการประเมินผลการปฏิบัติราชการ")


def _round(request, pk: int) -> EvaluationRound:
    return get_object_or_404(policy.scope(request.user, "hr.view", EvaluationRound.objects.all()), pk=pk)


def _writable_units(user, round_):
    ids = [u.pk for u in selectors.expected_units(round_.agency) if policy.can(user, "hr.unit", unit=u)]
    return Unit.objects.filter(pk__in=ids).order_by("path")


def _round_page(request, round_, *, form=None, close_form=None):
    expected = list(selectors.expected_units(round_.agency))
    done = {c.unit_id: c for c in round_.completions.select_related("unit")}
    is_open = round_.completed_on is None
    units = _writable_units(request.user, round_)
    if form is None and is_open and units.exists():
        form = forms.CompletionForm(units=units, initial={"completed_on": timezone.localdate()})
    if close_form is None and is_open and policy.can(request.user, "hr.manage", round_):
        close_form = forms.CloseForm(initial={"completed_on": timezone.localdate()})
    return render(request, "hr/round.html", {
        "round": round_, "rows": [(u, done.get(u.pk)) for u in expected], "expected": len(expected),
        "form": form if is_open else None, "close_form": close_form if is_open else None,
        "done_count": sum(1 for c in done.values() if c.is_complete), "back": _home_url(round_.fiscal_year)})


@login_required
def round_detail(request, pk: int):
    return _round_page(request, _round(request, pk))


@login_required
@require_POST
def round_unit(request, pk: int):
    round_ = _round(request, pk)
    require(request.user, "hr.unit")  # somewhere; the form offers only the units the user may record
    form = forms.CompletionForm(request.POST, units=_writable_units(request.user, round_))
    if form.is_valid():
        try:
            services.unit_complete(actor=request.user, round_=round_, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"บันทึกผลของ{form.cleaned_data['unit'].name}แล้ว")
            return redirect("hr:round", round_.pk)
    return _round_page(request, round_, form=form)


@login_required
@require_POST
def round_close(request, pk: int):
    round_ = _round(request, pk)
    require(request.user, "hr.manage", round_)
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        try:
            services.round_complete(actor=request.user, round_=round_, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "ปิดรอบแล้ว")
            return redirect("hr:round", round_.pk)
    return _round_page(request, round_, close_form=form)
