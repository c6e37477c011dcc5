"""Staff import and export: OCDS files, e-GP CSV, company registry CSV."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from procurement.forms import EgpUploadForm, OcdsUploadForm, RegistryUploadForm
from procurement.models import ImportRun
from procurement.opendata import FORMATS, export_csv, export_ocds
from procurement.selectors import projects_for
from procurement.services.csv_import import egp_csv_import, registry_csv_import
from procurement.services.ocds_import import ocds_import
from procurement.views.common import edit_units

FORM_PREFIXES = {"ocds": "ocds", "egp": "egp", "registry": "registry"}


def _runs(user):
    """Runs for the user's units, plus registry imports (they belong to no unit)."""
    visible = policy.scope(user, "procurement.view", ImportRun.objects.all()).values("pk")
    return ImportRun.objects.filter(Q(pk__in=visible) | Q(unit__isnull=True)).select_related("unit").order_by(
        "-created_at")[:20]


@login_required
def imports(request):
    require(request.user, "procurement.edit")
    units = edit_units(request.user)
    kind = request.POST.get("kind") if request.method == "POST" else None
    forms = {
        "ocds": OcdsUploadForm(request.POST if kind == "ocds" else None,
                               request.FILES if kind == "ocds" else None, units=units, prefix="ocds",
                               initial={"publish": True, "unit": request.user.unit_id}),
        "egp": EgpUploadForm(request.POST if kind == "egp" else None,
                             request.FILES if kind == "egp" else None, units=units, prefix="egp",
                             initial={"publish": True, "unit": request.user.unit_id}),
        "registry": RegistryUploadForm(request.POST if kind == "registry" else None,
                                       request.FILES if kind == "registry" else None, prefix="registry"),
    }
    errors: list = []
    if kind in forms and forms[kind].is_valid():
        data = forms[kind].cleaned_data
        upload = data["file"]
        try:
            if kind == "ocds":
                require(request.user, "procurement.edit", unit=data["unit"])
                run = ocds_import(actor=request.user, sources=[(upload.name, upload)], unit=data["unit"],
                                  publish=data["publish"])
            elif kind == "egp":
                require(request.user, "procurement.edit", unit=data["unit"])
                run = egp_csv_import(actor=request.user, data=upload.read(), filename=upload.name,
                                     unit=data["unit"], publish=data["publish"])
            else:
                run = registry_csv_import(actor=request.user, data=upload.read(), filename=upload.name)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            errors = exc.extra.get("errors", [])
            run = exc.extra.get("run")
            if run is not None and run.pk:
                return redirect("procurement:import_run", run.pk)
        else:
            messages.success(request, "นำเข้าข้อมูลเรียบร้อยแล้ว")
            return redirect("procurement:import_run", run.pk)
    return render(request, "procurement/imports.html", {"forms": forms, "errors": errors,
                                                        "runs": _runs(request.user), "formats": FORMATS})


@login_required
def import_run(request, pk: int):
    require(request.user, "procurement.view")
    run = get_object_or_404(ImportRun.objects.select_related("unit", "actor"), pk=pk)
    if run.unit_id:
        require(request.user, "procurement.view", run)
    return render(request, "procurement/import_run.html", {"run": run})


@login_required
def export(request, fmt: str):
    """Everything the user may see, including projects not yet published."""
    require(request.user, "procurement.view")
    projects = projects_for(request.user)
    if fmt == "csv":
        response = HttpResponse(export_csv(projects), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="procurement-projects.csv"'
        return response
    if fmt not in FORMATS:
        return redirect("procurement:imports")
    buffer = io.BytesIO()
    export_ocds(buffer, projects, fmt)
    suffix = "jsonl" if fmt == "jsonl" else "json"
    response = HttpResponse(buffer.getvalue(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="procurement-{fmt}.{suffix}"'
    return response


TEMPLATES = {
    "egp": ("project_id,project_name,dept_name,budget_year,announce_date,submission_deadline,project_money,"
            "price_build,purchase_method_name,project_status,contract_no,contract_date,price_agree,"
            "winner,winner_tin\n"
            "68019001,จ้างเหมาบริการทำความสะอาดอาคาร,กองคลัง,2568,01/11/2567,08/11/2567,480000,478000,"
            "วิธีเฉพาะเจาะจง,จัดทำสัญญา/PO แล้ว,12/2568,20/11/2567,478000,"
            "บริษัท สะอาดดี เซอร์วิส จำกัด,0105555601122\n"),
    "registry": ("เลขทะเบียนนิติบุคคล,ชื่อนิติบุคคล,ที่อยู่,โทรศัพท์,ชื่อ-สกุล,ฐานะ\n"
                 "0105555601122,บริษัท สะอาดดี เซอร์วิส จำกัด,21 ถนนนครอินทร์ นนทบุรี,02-555-0606,"
                 "นางบุษบา สะอาดดี,กรรมการ\n"),
}


@login_required
def csv_template(request, kind: str):
    """A ready-to-fill CSV with the expected columns and one example row (UTF-8 with BOM for Excel)."""
    require(request.user, "procurement.view")
    if kind not in TEMPLATES:
        return redirect("procurement:imports")
    response = HttpResponse(("\ufeff" + TEMPLATES[kind]).encode("utf-8"),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response
