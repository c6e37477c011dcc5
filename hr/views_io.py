"""Spreadsheet pages of the hr records: import each unit's round figures and the year's job lines with their
central KPIs (template downloads), and the year's XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from hr import forms, imports
from hr.views import _agency, _fy, _home_url, _round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _import_page(request, *, run, heading, columns, template_url, back, done_url):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = run(form.cleaned_data["file"], form.cleaned_data["dry_run"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if outcome.errors:
                form.add_error("file", "แฟ้มมีข้อผิดพลาด ไม่มีการบันทึกข้อมูลใด ๆ ดูรายการด้านล่าง "
                                       "แก้ไขแล้วเลือกแฟ้มอีกครั้ง")
            elif not outcome.dry_run:
                messages.success(request, f"นำเข้าแล้ว {outcome.rows} แถว")
                return redirect(done_url)
    return render(request, "hr/import.html", {"form": form, "outcome": outcome, "heading": heading,
                                              "columns": columns, "template_url": template_url, "back": back})


@login_required
def round_import(request, pk: int):
    round_ = _round(request, pk)
    require(request.user, "hr.unit")  # somewhere; each row is checked against the unit it names
    return _import_page(
        request, heading=f"นำเข้าผลของหน่วยงาน: {round_}", columns=imports.COMPLETIONS.headings(),
        run=lambda f, dry: imports.import_completions(f, actor=request.user, round_=round_, dry_run=dry),
        template_url=reverse("hr:round_template", args=[round_.pk]),
        back=reverse("hr:round", args=[round_.pk]), done_url=reverse("hr:round", args=[round_.pk]))


@login_required
def round_template(request, pk: int):
    round_ = _round(request, pk)
    require(request.user, "hr.unit")
    return _xlsx(imports.completion_template(round_, request.user), f"hr-round-{round_.pk}-template.xlsx")


@login_required
def job_lines_import(request):
    agency, fy = _agency(request.user), _fy(request)
    require(request.user, "hr.manage", unit=agency)
    return _import_page(
        request, heading=f"นำเข้าสายงานและตัวชี้วัดกลาง ปีงบประมาณ พ.ศ. {fy}",
        columns=imports.JOB_LINES.headings(),
        run=lambda f, dry: imports.import_job_lines(f, actor=request.user, agency=agency, fiscal_year=fy,
                                                    dry_run=dry),
        template_url=reverse("hr:job_lines_template") + f"?fy={fy}", back=_home_url(fy),
        done_url=_home_url(fy))


@login_required
def job_lines_template(request):
    agency, fy = _agency(request.user), _fy(request)
    require(request.user, "hr.manage", unit=agency)
    return _xlsx(imports.job_line_template(agency, fy), f"hr-job-lines-{fy}-template.xlsx")


@login_required
def export(request):
    agency, fy = _agency(request.user), _fy(request)
    return _xlsx(imports.year_xlsx(actor=request.user, agency=agency, fiscal_year=fy), f"hr-{fy}.xlsx")
