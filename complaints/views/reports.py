"""The report page and downloads: monthly (to the Director-General), quarterly (executive committee), ITA."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from audit.services import audit_record
from complaints import documents
from complaints.models import ReportIssue, ReportIssueFile
from complaints.selectors import default_agency, ita_statistics, recent_issued_reports, satisfaction
from complaints.services.issues import report_issue
from complaints.views.staff import nav
from core import record_files
from core.errors import ApplicationError
from core.fields import BEDateField
from core.http import form_error
from core.thai import THAI_MONTHS, be_year, fiscal_quarter, fiscal_year, fiscal_year_bounds
from org.selectors import agency_memo, agency_of

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


class _IssueFields(forms.Form):
    issued_on = BEDateField(label="วันที่เสนอ")
    recipient = forms.CharField(label="เสนอต่อ", max_length=255)
    reference = forms.CharField(label="เลขที่หนังสือ", max_length=100, required=False)
    fmt = forms.ChoiceField(label="เก็บไฟล์รายงานเป็น", choices=[("pdf", "PDF"), ("docx", "Word")])


class IssueMonthForm(MonthForm, _IssueFields):
    pass


class IssueQuarterForm(QuarterForm, _IssueFields):
    pass


ISSUE_FORMS = {ReportIssue.Kind.MONTHLY: IssueMonthForm, ReportIssue.Kind.QUARTERLY: IssueQuarterForm}


def _recipient(kind: str, agency) -> str:
    """Who the report goes to, as the agency's profile names them (the head; the executive committee)."""
    wording = agency_memo(agency)
    return wording.addressee if kind == ReportIssue.Kind.MONTHLY else wording.committee_recipient


def _agency(user):
    agency = agency_of(user.unit) if user.unit_id else default_agency()
    require(user, "complaint.report", unit=agency)
    return agency


def _issue_form(kind: str, data=None, *, today: dt.date, agency=None):
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    if kind == ReportIssue.Kind.MONTHLY:
        period = {"year": be_year(last_month.year), "month": last_month.month}
    else:
        quarter, fy = fiscal_quarter(today) - 1, fiscal_year(today)
        period = {"fy": fy, "quarter": quarter} if quarter else {"fy": fy - 1, "quarter": 4}  # the last ended
    return ISSUE_FORMS[kind](data, prefix=f"issue-{kind}",
                             initial={**period, "issued_on": today,
                                      "recipient": _recipient(kind, agency) if agency is not None else ""})


def _home(request, agency, **forms_):
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    fy = fiscal_year(today)
    start, end = fiscal_year_bounds(fy)
    may_issue = policy.can(request.user, "complaint.report_issue", unit=agency)
    issue_forms = {kind: forms_.get(kind) or _issue_form(kind, today=today, agency=agency)
                   for kind in ISSUE_FORMS} if may_issue else {}
    return render(request, "complaints/reports.html", {
        "month_form": MonthForm(initial={"year": be_year(last_month.year), "month": last_month.month}),
        "quarter_form": QuarterForm(initial={"fy": fy, "quarter": fiscal_quarter(today)}),
        "year_form": YearForm(initial={"fy": fy}), "fy": fy,
        "issue_month_form": issue_forms.get(ReportIssue.Kind.MONTHLY),
        "issue_quarter_form": issue_forms.get(ReportIssue.Kind.QUARTERLY),
        "issued": recent_issued_reports(agency),
        "stats": ita_statistics(agency=agency, fiscal_year=fy, user=request.user),
        "satisfaction": satisfaction(start=start, end=min(end, today), agency=agency), **nav(request.user)})


@login_required
def report_home(request):
    return _home(request, _agency(request.user))


@login_required
@require_POST
def report_issue_record(request, kind: str):
    """Record that a monthly or quarterly report was sent, freezing the file as generated now."""
    if kind not in ISSUE_FORMS:
        raise Http404("ไม่มีรายงานนี้")
    agency = _agency(request.user)
    require(request.user, "complaint.report_issue", unit=agency)
    form = _issue_form(kind, request.POST, today=timezone.localdate(), agency=agency)
    if form.is_valid():
        data = dict(form.cleaned_data)
        fields = ("issued_on", "recipient", "reference", "fmt")
        try:
            issue = report_issue(actor=request.user, agency=agency, kind=kind,
                                 period={k: v for k, v in data.items() if k not in fields},
                                 **{k: data[k] for k in fields})
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"บันทึกการเสนอ{issue}แล้ว")
            return redirect("complaints:reports")
    return _home(request, agency, **{kind: form})


@login_required
def report_issue_file(request, pk: int):
    stored = get_object_or_404(ReportIssueFile.objects.select_related("issue"), pk=pk)
    require(request.user, "complaint.report", stored.issue)
    return record_files.respond(stored, fallback_stem=f"complaints-{stored.issue.kind}-{stored.issue.pk}")


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
