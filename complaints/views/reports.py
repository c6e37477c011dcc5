"""The report page and downloads: monthly (to the Director-General), quarterly (executive committee), ITA."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from complaints import documents
from complaints.selectors import default_agency, ita_statistics, satisfaction
from complaints.views.staff import nav
from core.thai import THAI_MONTHS, be_year, fiscal_quarter, fiscal_year, fiscal_year_bounds
from org.selectors import agency_of

FORMATS = ("docx", "pdf", "xlsx", "memo.pdf")


class MonthForm(forms.Form):
    year = forms.IntegerField(label="ปี พ.ศ.", min_value=2500, max_value=2700)
    month = forms.TypedChoiceField(label="เดือน", coerce=int,
                                   choices=[(i, name) for i, name in enumerate(THAI_MONTHS, start=1)])


class QuarterForm(forms.Form):
    fy = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    quarter = forms.TypedChoiceField(label="ไตรมาส", coerce=int,
                                     choices=[(i, f"ไตรมาสที่ {i}") for i in range(1, 5)])


class YearForm(forms.Form):
    fy = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)


def _agency(user):
    agency = agency_of(user.unit) if user.unit_id else default_agency()
    require(user, "complaint.report", unit=agency)
    return agency


@login_required
def report_home(request):
    agency = _agency(request.user)
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    fy = fiscal_year(today)
    start, end = fiscal_year_bounds(fy)
    return render(request, "complaints/reports.html", {
        "month_form": MonthForm(initial={"year": be_year(last_month.year), "month": last_month.month}),
        "quarter_form": QuarterForm(initial={"fy": fy, "quarter": fiscal_quarter(today)}),
        "year_form": YearForm(initial={"fy": fy}), "fy": fy,
        "stats": ita_statistics(agency=agency, fiscal_year=fy, user=request.user),
        "satisfaction": satisfaction(start=start, end=min(end, today), agency=agency), **nav(request.user)})


SPECS = {
    "monthly": (MonthForm, lambda d: documents.monthly(d["year"], d["month"])),
    "quarterly": (QuarterForm, lambda d: documents.quarterly(d["fy"], d["quarter"])),
    "ita": (YearForm, lambda d: documents.ita_year(d["fy"])),
}


@login_required
def report_download(request, kind: str, fmt: str):
    if kind not in SPECS or fmt not in FORMATS:
        raise Http404("ไม่มีรายงานนี้")
    agency = _agency(request.user)
    form_class, make = SPECS[kind]
    form = form_class(request.GET)
    if not form.is_valid():
        raise Http404("ช่วงเวลาไม่ถูกต้อง")
    spec = make(form.cleaned_data)
    try:
        data, content_type, name = documents.build(spec, fmt, agency=agency, user=request.user)
    except ValueError:
        raise Http404("ไม่มีรายงานในรูปแบบนี้") from None
    audit_record(actor=request.user, action="complaint.report_export", unit=agency,
                 object_type="complaints.Report",
                 object_id=spec.slug, object_label=spec.title, note=fmt.upper())
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
