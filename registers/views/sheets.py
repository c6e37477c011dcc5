"""Spreadsheet pages of the registers: the empty template, the import (all or nothing, Thai per-row
messages) and the export of what the person may see, as XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts import policy
from core.errors import ApplicationError
from core.http import form_error
from registers import forms, imports, selectors
from registers.views.common import ACTIONS, agency_for, nav, year_of

EDIT = {"manuals": "manual.edit", "icontrol": "icontrol.submit", "workplace": "workplace.edit",
        "publicity": "publicity.edit"}
LISTS = {"manuals": "registers:manuals", "icontrol": "registers:icontrol", "workplace": "registers:workplace",
         "publicity": "registers:publicity"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind(kind: str) -> str:
    if kind not in imports.SHEETS:
        raise Http404("ไม่พบทะเบียนนี้")
    return kind


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def template(request, kind: str):
    policy.require(request.user, EDIT[_kind(kind)])
    return _xlsx(imports.template_xlsx(kind), f"{kind}-template")


@login_required
def import_sheet(request, kind: str):
    user = request.user
    policy.require(user, EDIT[_kind(kind)])
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = imports.import_register(kind, form.cleaned_data["file"], actor=user,
                                              agency=agency_for(user))
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if not outcome.errors:
                messages.success(request, f"นำเข้าแล้ว {outcome.created} รายการ")
                return redirect(LISTS[kind])
            errors = outcome.errors
    return render(request, "registers/import.html", {
        "form": form, "kind": kind, "title": imports.TITLES[kind], "errors": errors,
        "headings": imports.SHEETS[kind].headings(), "back": reverse(LISTS[kind]), **nav(user)})


@login_required
def export(request, kind: str):
    user = request.user
    policy.require(user, ACTIONS[_kind(kind)])
    fy = year_of(request)
    records = {
        "manuals": lambda: selectors.reviews_visible(user, fy),
        "icontrol": lambda: selectors.ic_submissions_visible(user).filter(round__fiscal_year=fy),
        "workplace": lambda: selectors.assessments_visible(user, fy),
        "publicity": lambda: selectors.publicity_visible(user, fy),
    }[kind]()
    return _xlsx(imports.export_xlsx(kind, records), f"{kind}-{fy}")
