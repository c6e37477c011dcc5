"""Manuals and service standards: the unit's processes with their versions and reviews, the yearly
report on work under the manuals, and the public page of published manuals (ITA evidence)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts import policy
from core import record_files
from registers import forms, selectors
from registers.models import ComplianceFile, ManualFile, ManualVersion, Process
from registers.services import manuals as services
from registers.views.common import agency_for, download, files_of, form_page, int_param, nav, year_of

EDIT = "manual.edit"


@login_required
def manual_list(request):
    user = request.user
    policy.require(user, "manual.view")
    fy, unit_id = year_of(request), int_param(request, "unit")
    processes = selectors.processes_visible(user, agency=agency_for(user))
    if unit_id:
        processes = processes.filter(unit_id=unit_id)
    rows = []
    for process in processes:
        reviews = [r for r in process.reviews.all() if r.fiscal_year == fy]
        rows.append({"process": process, "versions": list(process.versions.all()), "reviews": reviews,
                     "may_edit": policy.can(user, EDIT, process)})
    return render(request, "registers/manuals.html", {
        "rows": rows, "fy": fy, "unit_id": unit_id, "may_add": policy.can(user, EDIT),
        "reviewed": sum(1 for r in rows if r["reviews"]), **nav(user)})


@login_required
def process_edit(request, pk: int | None = None):
    user = request.user
    process = get_object_or_404(Process, pk=pk) if pk else None
    policy.require(user, EDIT, process) if process else policy.require(user, EDIT)
    initial = {"unit": process.unit, "name": process.name, "kind": process.kind,
               "facilitation_act": process.facilitation_act, "note": process.note} if process else {
        "unit": user.unit}
    form = forms.ProcessForm(request.POST or None, user=user, initial=initial)

    def save(data):
        return services.process_save(actor=user, process=process, **data)

    return form_page(request, form=form, title="แก้ไขกระบวนงาน" if process else "เพิ่มกระบวนงาน", save=save,
                     back=lambda p: reverse("registers:manuals") + f"?unit={p.unit_id}",
                     cancel=reverse("registers:manuals"))


@login_required
def version_edit(request, process_id: int, pk: int | None = None):
    user = request.user
    process = get_object_or_404(Process, pk=process_id)
    version = get_object_or_404(ManualVersion, pk=pk, process=process) if pk else None
    policy.require(user, EDIT, process)
    initial = {"document_type": version.document_type, "number": version.version, "title": version.title,
               "effective_on": version.effective_on, "is_published": version.is_published,
               "note": version.note} if version else {"title": process.name}
    form = forms.VersionForm(request.POST or None, request.FILES or None, initial=initial)

    def save(data):
        files = files_of(data)
        data = {k: v for k, v in data.items() if k != "file"}
        return services.version_save(actor=user, process=process, version=version, files=files, **data)

    return form_page(request, form=form, title=f"ฉบับของคู่มือ/มาตรฐาน: {process.name}", save=save,
                     back=lambda v: reverse("registers:manuals") + f"?unit={process.unit_id}",
                     cancel=reverse("registers:manuals"))


@login_required
def review_new(request, process_id: int):
    user = request.user
    process = get_object_or_404(Process, pk=process_id)
    policy.require(user, EDIT, process)
    form = forms.ReviewForm(request.POST or None, process=process)

    def save(data):
        return services.review_save(actor=user, process=process, **data)

    return form_page(request, form=form, title=f"บันทึกการทบทวน: {process.name}", save=save,
                     intro="บันทึกวันที่ทบทวน ผู้ทบทวน และผล หากปรับปรุงเป็นฉบับใหม่ "
                           "ให้เพิ่มฉบับใหม่ก่อนแล้วเลือกในช่องฉบับ",
                     back=lambda r: reverse("registers:manuals") + f"?unit={process.unit_id}"
                                                                    f"&fy={r.fiscal_year}",
                     cancel=reverse("registers:manuals"))


@login_required
def manual_file(request, pk: int):
    stored = get_object_or_404(ManualFile.objects.select_related("version__process"), pk=pk)
    return download(request, stored, action="manual.view", record=stored.version, stem="manual")


@login_required
def compliance_list(request):
    user = request.user
    policy.require(user, "manual.view")
    fy = year_of(request)
    reports = selectors.compliance_visible(user).filter(fiscal_year=fy)
    return render(request, "registers/compliance.html", {
        "reports": reports, "fy": fy, "may_add": policy.can(user, EDIT), **nav(user)})


@login_required
def compliance_new(request):
    user = request.user
    policy.require(user, EDIT)
    form = forms.ComplianceForm(request.POST or None, request.FILES or None, user=user,
                                initial={"unit": user.unit})

    def save(data):
        return services.compliance_save(actor=user, unit=data["unit"], reported_on=data["reported_on"],
                                        title=data["title"], summary=data["summary"], files=files_of(data))

    return form_page(request, form=form, title="รายงานผลการปฏิบัติงานตามคู่มือ", save=save,
                     back=lambda r: reverse("registers:compliance") + f"?fy={r.fiscal_year}",
                     cancel=reverse("registers:compliance"))


@login_required
def compliance_file(request, pk: int):
    stored = get_object_or_404(ComplianceFile, pk=pk)
    return download(request, stored, action="manual.view", record=stored.report, stem="compliance-report")


def public_manuals(request):
    """Everyone: the published manuals and standards with their files (the ITA evidence)."""
    versions = selectors.published_versions()
    groups: dict = {}
    for version in versions:
        groups.setdefault(version.process.unit, []).append(version)
    return render(request, "registers/public_manuals.html", {"groups": groups})


def public_manual_file(request, pk: int):
    stored = get_object_or_404(ManualFile, pk=pk, version__in=selectors.published_versions())
    return record_files.respond(stored, fallback_stem="manual")

