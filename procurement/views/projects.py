"""Staff pages for procurement officers: record a project from announcement to award."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from procurement import flags, selectors
from procurement.forms import (
    AnnounceForm,
    AwardForm,
    BidForm,
    CancelForm,
    CommitteeForm,
    CompleteForm,
    ContractForm,
    DocumentBuyerForm,
    EvaluateForm,
    ProjectForm,
    QualifiedForm,
    ReferenceForm,
)
from procurement.leadtime import check_project
from procurement.methods import Method
from procurement.models import Bid, CommitteeMember, Official, PlanItem, Project
from procurement.services import parties, projects, tendering
from procurement.views.common import edit_units, editable_project, run_form


def _detail_url(project: Project) -> str:
    return reverse("procurement:detail", args=[project.pk])


@login_required
def project_list(request):
    require(request.user, "procurement.view")
    base = selectors.projects_for(request.user)
    fy = request.GET.get("fy")
    qs = selectors.filter_projects(base, fiscal_year=int(fy) if fy and fy.isdigit() else None,
                                   method=request.GET.get("method") or None,
                                   status=request.GET.get("status") or None,
                                   query=request.GET.get("q") or None)
    if request.GET.get("flagged") == "1":  # the executive home's count of running projects with red flags
        qs = qs.filter(pk__in=flags.open_flagged_ids())
    return render(request, "procurement/project_list.html", {
        "projects": qs[:200], "total": qs.count(), "years": selectors.fiscal_years(base),
        "methods": Method.choices, "statuses": Project.Status.choices,
        "may_edit": policy.can(request.user, "procurement.edit"),
        "filters": request.GET,
    })


@login_required
def project_detail(request, pk: int):
    try:
        project = selectors.project_detail(selectors.projects_for(request.user), pk)
    except Project.DoesNotExist:
        raise Http404 from None
    may_edit = project.is_editable and policy.can(request.user, "procurement.edit", project)
    return render(request, "procurement/project_detail.html", {
        "project": project, "may_edit": may_edit, "leadtime": check_project(project),
        "flags": flags.project_flags(project, private=True),
        "releases": project.releases.order_by("-seq", "-id")[:20],
        "S": Project.Status, "show_buyers": True, "show_bids": True,
        "ties": selectors.project_ties(request.user, project),
    })


def _plan_items(user):
    return PlanItem.objects.filter(plan__in=selectors.plans_for(user)).select_related("plan").order_by(
        "-plan__fiscal_year", "number")


@login_required
def project_new(request):
    require(request.user, "procurement.edit")
    units = edit_units(request.user)
    form = ProjectForm(request.POST or None, units=units, plan_items=_plan_items(request.user),
                       initial={"unit": request.user.unit_id
                                if units.filter(pk=request.user.unit_id).exists() else None})

    def create(data):
        require(request.user, "procurement.edit", unit=data["unit"])
        return projects.project_create(actor=request.user, **data)

    return run_form(request, form, create, success="บันทึกโครงการแล้ว", redirect_to=_detail_url,
                    context={"heading": "บันทึกโครงการจัดซื้อจัดจ้าง", "button": "บันทึก"})


@login_required
def project_edit(request, pk: int):
    project = editable_project(request, pk)
    initial = {f: getattr(project, f) for f in projects.BASIC_FIELDS}
    form = ProjectForm(request.POST or None, units=edit_units(request.user),
                       plan_items=_plan_items(request.user), with_unit=False, initial=initial)
    return run_form(request, form,
                    lambda d: projects.project_update(actor=request.user, project=project, **d),
                    success="บันทึกการแก้ไขแล้ว", redirect_to=_detail_url,
                    context={"heading": "แก้ไขข้อมูลโครงการ", "project": project, "button": "บันทึก"})


def _stage(request, pk, form_cls, action, *, success, heading, button, form_kwargs=None, initial=None,
           help_text=""):
    project = editable_project(request, pk)
    form = form_cls(request.POST or None, initial=initial(project) if initial else None,
                    **(form_kwargs or {}))
    return run_form(request, form, lambda d: action(project, d), success=success,
                    redirect_to=lambda _result: _detail_url(project),
                    context={"heading": heading, "project": project, "button": button,
                             "help_text": help_text})


@login_required
def reference(request, pk: int):
    return _stage(request, pk, ReferenceForm,
                  lambda p, d: projects.project_set_reference(actor=request.user, project=p, **d),
                  success="บันทึกราคากลางแล้ว", heading="ราคากลางและวิธีการคำนวณ", button="บันทึกราคากลาง",
                  initial=lambda p: {"reference_price": p.reference_price,
                                     "reference_source": p.reference_source,
                                     "reference_method": p.reference_method,
                                     "reference_date": p.reference_date})


@login_required
def committee_add(request, pk: int):
    officials = policy.scope(request.user, "procurement.view", Official.objects.filter(is_active=True))
    return _stage(request, pk, CommitteeForm,
                  lambda p, d: projects.committee_member_add(actor=request.user, project=p, **d),
                  success="แต่งตั้งกรรมการแล้ว", heading="แต่งตั้งคณะกรรมการ", button="เพิ่มกรรมการ",
                  form_kwargs={"officials": officials},
                  help_text="รายชื่อมาจากทะเบียนเจ้าหน้าที่ที่เกี่ยวข้อง (เมนู เจ้าหน้าที่และญาติ)")


@login_required
@require_POST
def committee_remove(request, pk: int, member_id: int):
    project = editable_project(request, pk)
    member = get_object_or_404(CommitteeMember, pk=member_id, project=project)
    try:
        projects.committee_member_remove(actor=request.user, member=member)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(_detail_url(project))


@login_required
def announce(request, pk: int):
    return _stage(request, pk, AnnounceForm,
                  lambda p, d: projects.project_announce(actor=request.user, project=p, **d),
                  success="ประกาศเชิญชวนแล้ว โครงการนี้เผยแพร่ต่อสาธารณะแล้ว", heading="ประกาศเชิญชวน",
                  button="ประกาศและเผยแพร่",
                  help_text="เมื่อประกาศแล้ว ข้อมูลโครงการ ราคากลาง และหลักเกณฑ์จะแสดงบนหน้าเว็บสาธารณะ "
                            "ระบบจะตรวจระยะเวลาประกาศกับเกณฑ์ขั้นต่ำตามวิธีและวงเงิน")


def _supplier(request, data, project):
    return parties.supplier_get_or_create(actor=request.user, name=data.pop("supplier_name"),
                                          juristic_id=data.pop("juristic_id"), address=data.pop("address"),
                                          phone=data.pop("phone"), unit=project.unit)


@login_required
def document_buyer_add(request, pk: int):
    def action(p, d):
        supplier = _supplier(request, d, p)
        return tendering.document_buyer_add(actor=request.user, project=p, supplier=supplier, **d)

    return _stage(request, pk, DocumentBuyerForm, action, success="บันทึกผู้ซื้อหรือรับเอกสารแล้ว",
                  heading="ผู้ซื้อหรือรับเอกสาร", button="บันทึก")


@login_required
def bid_add(request, pk: int):
    def action(p, d):
        supplier = _supplier(request, d, p)
        return tendering.bid_add(actor=request.user, project=p, supplier=supplier, **d)

    return _stage(request, pk, BidForm, action, success="บันทึกข้อเสนอแล้ว", heading="ผู้ยื่นข้อเสนอ",
                  button="บันทึกข้อเสนอ")


@login_required
def bid_evaluate(request, bid_id: int):
    bid = get_object_or_404(Bid.objects.select_related("project", "supplier"), pk=bid_id)
    project = editable_project(request, bid.project_id)
    form = EvaluateForm(request.POST or None, initial={"status": bid.status, "reason": bid.status_reason})
    return run_form(request, form, lambda d: tendering.bid_evaluate(actor=request.user, bid=bid, **d),
                    success="บันทึกผลการพิจารณาแล้ว", redirect_to=lambda _r: _detail_url(project),
                    context={"heading": f"พิจารณาคุณสมบัติ: {bid.supplier.name}", "project": project,
                             "button": "บันทึกผล"})


@login_required
def qualified(request, pk: int):
    return _stage(request, pk, QualifiedForm,
                  lambda p, d: tendering.project_publish_qualified(actor=request.user, project=p, **d),
                  success="ประกาศรายชื่อผู้มีคุณสมบัติแล้ว", heading="ประกาศรายชื่อผู้มีคุณสมบัติเบื้องต้น",
                  button="ประกาศรายชื่อ")


@login_required
def award(request, pk: int):
    project = editable_project(request, pk)
    valid = project.bids.filter(status=Bid.Status.VALID).select_related("supplier").order_by("amount")
    return _stage(request, pk, AwardForm,
                  lambda p, d: tendering.project_award(actor=request.user, project=p, **d),
                  success="ประกาศผลผู้ได้รับการคัดเลือกแล้ว", heading="ประกาศผลผู้ได้รับการคัดเลือก",
                  button="ประกาศผล", form_kwargs={"bids": valid},
                  initial=lambda p: {"bid": valid.first(), "amount": valid.first().amount if valid else None})


@login_required
def contract(request, pk: int):
    return _stage(request, pk, ContractForm,
                  lambda p, d: tendering.project_contract(actor=request.user, project=p, **d),
                  success="บันทึกการลงนามสัญญาแล้ว", heading="ลงนามสัญญา", button="บันทึก",
                  initial=lambda p: {"amount": p.award_amount})


@login_required
def complete(request, pk: int):
    return _stage(request, pk, CompleteForm,
                  lambda p, d: tendering.project_complete(actor=request.user, project=p, **d),
                  success="บันทึกการส่งมอบงานแล้ว", heading="ส่งมอบงานแล้วเสร็จ", button="บันทึก")


@login_required
def cancel(request, pk: int):
    return _stage(request, pk, CancelForm,
                  lambda p, d: projects.project_cancel(actor=request.user, project=p, **d),
                  success="ยกเลิกโครงการแล้ว", heading="ยกเลิกโครงการ", button="ยกเลิกโครงการ")
