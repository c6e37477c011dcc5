"""Configuration pages: service standards, categories, progress stages, the holiday calendar, yearly
reviews."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from complaints import documents, forms, services
from complaints.models import HolidayOverride, ProgressStage, ReviewRecord, ServiceStandard
from complaints.selectors import categories_of, default_agency, stages_of
from complaints.views.staff import nav
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year
from core.workdays import holidays_in_year
from org.selectors import agency_of, unit_subtree


def _agency(user):
    agency = agency_of(user.unit) if user.unit_id else default_agency()
    require(user, "complaint.configure", unit=agency)
    return agency


@login_required
def settings_home(request):
    agency = _agency(request.user)
    services.standards_ensure(agency=agency)
    year = timezone.localdate().year
    return render(request, "complaints/settings.html", {
        "agency": agency, "standards": ServiceStandard.objects.filter(agency=agency).select_related(
            "receiving_unit"),
        "categories": categories_of(agency), "stages": stages_of(agency),
        "overrides": HolidayOverride.objects.filter(date__year__gte=year - 1), "year": year,
        "holidays": holidays_in_year(year), **nav(request.user)})


def _edit(request, *, title: str, form, save, back: str = "complaints:settings"):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกการตั้งค่าแล้ว")
            return redirect(back)
    return render(request, "complaints/settings_form.html", {"form": form, "title": title})


@login_required
def standard_edit(request, pk: int | None = None):
    agency = _agency(request.user)
    standard = get_object_or_404(ServiceStandard, pk=pk, agency=agency) if pk else None
    # The form edits a copy: a ModelForm writes onto its instance, and the service needs the unchanged
    # original.
    draft = ServiceStandard.objects.get(pk=standard.pk) if standard else None
    units = unit_subtree(agency).filter(is_active=True).order_by("path")
    form = forms.StandardForm(request.POST or None, instance=draft, units=units)
    return _edit(request, title="มาตรฐานระยะเวลา", form=form,
                 save=lambda data: services.standard_save(actor=request.user, agency=agency,
                                                          standard=standard, **data))


@login_required
def category_edit(request, pk: int | None = None):
    agency = _agency(request.user)
    category = get_object_or_404(categories_of(agency), pk=pk) if pk else None
    initial = ({"channel": category.channel, "name": category.name, "sort_order": category.sort_order,
                "is_active": category.is_active} if category else None)
    form = forms.CategoryForm(request.POST or None, initial=initial)
    return _edit(request, title="ประเภทเรื่อง", form=form,
                 save=lambda data: services.category_save(actor=request.user, agency=agency,
                                                          category=category, **data))


@login_required
def stage_edit(request, pk: int | None = None):
    agency = _agency(request.user)
    stage = get_object_or_404(ProgressStage, pk=pk, agency=agency) if pk else None
    initial = ({"name": stage.name, "description": stage.description, "sort_order": stage.sort_order,
                "is_active": stage.is_active} if stage else None)
    form = forms.StageForm(request.POST or None, initial=initial)
    return _edit(request, title="ขั้นตอนการดำเนินการ", form=form,
                 save=lambda data: services.stage_save(actor=request.user, agency=agency, stage=stage,
                                                       **data))


@login_required
def holiday_add(request):
    agency = _agency(request.user)
    form = forms.HolidayForm(request.POST or None)
    return _edit(request, title="วันหยุดที่กำหนดเพิ่ม", form=form,
                 save=lambda data: services.holiday_save(actor=request.user, agency=agency, **data))


@require_POST
@login_required
def holiday_delete(request, pk: int):
    agency = _agency(request.user)
    services.holiday_delete(actor=request.user, agency=agency,
                            holiday=get_object_or_404(HolidayOverride, pk=pk))
    messages.success(request, "ลบวันหยุดที่กำหนดเพิ่มแล้ว")
    return redirect("complaints:settings")


@login_required
def reviews(request):
    user = request.user
    agency = agency_of(user.unit) if user.unit_id else default_agency()
    require(user, "complaint.report", unit=agency)
    may_record = policy.can(user, "complaint.configure", unit=agency)
    form = forms.ReviewForm(request.POST or None, initial={"fiscal_year": fiscal_year(timezone.localdate()),
                                                           "reviewed_on": timezone.localdate()})
    if request.method == "POST":
        require(user, "complaint.configure", unit=agency)
        if form.is_valid():
            try:
                services.review_record(actor=user, agency=agency, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกการทบทวนระบบแล้ว")
                return redirect("complaints:reviews")
    records = policy.scope(user, "complaint.report", ReviewRecord.objects.filter(agency=agency))
    return render(request, "complaints/reviews.html",
                  {"records": records, "form": form if may_record else None, **nav(user)})


@login_required
def review_document(request, pk: int, fmt: str):
    record = get_object_or_404(ReviewRecord, pk=pk)
    require(request.user, "complaint.report", record)
    data, content_type, name = documents.review_file(record, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
