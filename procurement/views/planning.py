"""Staff pages: annual procurement plans, last year's analysis, minimum-period rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.thai import fiscal_year
from org.models import Unit
from org.selectors import agency_of, agency_thai_digits
from procurement import documents
from procurement.analysis import year_figures
from procurement.charts import figures_charts
from procurement.forms import LeadTimeRuleForm, PlanForm, PlanItemForm, ReviewForm
from procurement.models import LeadTimeRule, PlanItem, ProcurementPlan, YearReview
from procurement.selectors import plans_for, projects_for
from procurement.services import planning
from procurement.views.common import edit_units, run_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def plan_list(request):
    require(request.user, "procurement.view")
    form = PlanForm(request.POST or None, units=edit_units(request.user),
                    initial={"fiscal_year": fiscal_year(timezone.localdate()), "unit": request.user.unit_id})

    def create(data):
        require(request.user, "procurement.edit", unit=data["unit"])
        return planning.plan_create(actor=request.user, **data)

    if request.method == "POST":
        require(request.user, "procurement.edit")
    return run_form(request, form, create, success="สร้างแผนแล้ว",
                    redirect_to=lambda plan: reverse("procurement:plan", args=[plan.pk]),
                    template="procurement/plan_list.html",
                    context={"plans": plans_for(request.user),
                             "may_edit": policy.can(request.user, "procurement.edit")})


@login_required
def plan_detail(request, pk: int):
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    may_edit = policy.can(request.user, "procurement.edit", plan)
    form = PlanItemForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "procurement.edit", plan)
    return run_form(request, form, lambda d: planning.plan_item_add(actor=request.user, plan=plan, **d),
                    success="เพิ่มรายการแล้ว", redirect_to=reverse("procurement:plan", args=[plan.pk]),
                    template="procurement/plan_detail.html",
                    context={"plan": plan, "items": plan.items.all(), "may_edit": may_edit,
                             "channels": plan.channels.prefetch_related("files"),
                             "total": sum(i.budget for i in plan.items.all())})


@login_required
def plan_item_edit(request, pk: int):
    item = get_object_or_404(PlanItem.objects.select_related("plan__unit"), pk=pk)
    require(request.user, "procurement.edit", item.plan)
    form = PlanItemForm(request.POST or None, initial={f: getattr(item, f) for f in PlanItemForm.base_fields})
    if request.method == "POST" and request.POST.get("delete"):
        try:
            planning.plan_item_delete(actor=request.user, item=item)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "ลบรายการแล้ว")
        return redirect("procurement:plan", item.plan_id)
    return run_form(request, form, lambda d: planning.plan_item_update(actor=request.user, item=item, **d),
                    success="บันทึกแล้ว", redirect_to=reverse("procurement:plan", args=[item.plan_id]),
                    context={"heading": f"แก้ไขรายการที่ {item.number}", "button": "บันทึก", "plan": item.plan,
                             "deletable": True})


@login_required
@require_POST
def plan_publish(request, pk: int):
    plan = get_object_or_404(ProcurementPlan, pk=pk)
    require(request.user, "procurement.edit", plan)
    try:
        planning.plan_publish(actor=request.user, plan=plan)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "เผยแพร่แผนแล้ว")
    return redirect("procurement:plan", plan.pk)


def plan_xlsx(request, pk: int):
    """Published plans are public; drafts need the right to view."""
    plan = get_object_or_404(ProcurementPlan.objects.select_related("unit"), pk=pk)
    if plan.status != ProcurementPlan.Status.PUBLISHED:
        require(request.user, "procurement.view", plan)
    response = HttpResponse(documents.plan_xlsx(plan, thai_digits=agency_thai_digits(plan.unit)),
                            content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="procurement-plan-{plan.fiscal_year}-{plan.pk}.xlsx"'
    )
    return response


def _analysis_unit(request) -> Unit:
    viewable = policy.units_for(request.user, "procurement.view")
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        return get_object_or_404(viewable, pk=int(unit_id))
    own = request.user.unit if request.user.unit_id else None
    if own is not None and viewable.filter(pk=own.pk).exists():
        return agency_of(own) if viewable.filter(pk=agency_of(own).pk).exists() else own
    first = viewable.order_by("path").first()
    if first is None:
        require(request.user, "procurement.view")
    return first


@login_required
def analysis(request):
    require(request.user, "procurement.view")
    unit = _analysis_unit(request)
    fy_text = request.GET.get("fy", "")
    fy = int(fy_text) if fy_text.isdigit() else fiscal_year(timezone.localdate()) - 1
    projects = projects_for(request.user).filter(unit__path__startswith=unit.path)
    figures = year_figures(projects, fy)
    review = YearReview.objects.filter(unit=unit, fiscal_year=fy).first()
    may_edit = policy.can(request.user, "procurement.edit", unit=unit)
    form = ReviewForm(request.POST or None,
                      initial={f: getattr(review, f, "") for f in ReviewForm.base_fields})
    if request.method == "POST":
        require(request.user, "procurement.edit", unit=unit)
    here = reverse("procurement:analysis") + f"?unit={unit.pk}&fy={fy}"
    units = policy.units_for(request.user, "procurement.view").filter(kind__in=["agency", "division"])[:80]
    return run_form(request, form,
                    lambda d: planning.review_save(actor=request.user, unit=unit, fiscal_year=fy, **d),
                    success="บันทึกข้อวิเคราะห์แล้ว", redirect_to=here, template="procurement/analysis.html",
                    context={"unit": unit, "fy": fy, "figures": figures, "review": review,
                             "may_edit": may_edit, "charts": figures_charts(figures), "units": units})


@login_required
def analysis_export(request, unit_id: int, fy: int, fmt: str):
    unit = get_object_or_404(policy.units_for(request.user, "procurement.view"), pk=unit_id)
    projects = projects_for(request.user).filter(unit__path__startswith=unit.path)
    figures = year_figures(projects, fy)
    review = YearReview.objects.filter(unit=unit, fiscal_year=fy).first()
    digits = agency_thai_digits(unit)  # the agency's one setting for its documents
    if fmt == "docx":
        content, ctype = documents.analysis_docx(unit_name=unit.name, figures=figures, review=review,
                                                 thai_digits=digits), DOCX
    else:
        rows = list(projects.filter(fiscal_year=fy).select_related("unit").order_by("announced_on", "id"))
        content, ctype = documents.analysis_xlsx(unit_name=unit.name, figures=figures, review=review,
                                                 projects=rows, thai_digits=digits), XLSX
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="procurement-analysis-{fy}-{unit.code}.{fmt}"'
    return response


@login_required
def rules(request):
    require(request.user, "procurement.view")
    return render(request, "procurement/rules.html", {
        "rules": LeadTimeRule.objects.all(), "may_edit": policy.can(request.user, "procurement.rules")})


@login_required
def rule_edit(request, pk: int | None = None):
    rule = get_object_or_404(LeadTimeRule, pk=pk) if pk else None
    require(request.user, "procurement.rules")
    initial = {f: getattr(rule, f) for f in LeadTimeRuleForm.base_fields} if rule else {}
    form = LeadTimeRuleForm(request.POST or None, initial=initial)
    return run_form(request, form, lambda d: planning.leadtime_rule_save(actor=request.user, rule=rule, **d),
                    success="บันทึกเกณฑ์แล้ว", redirect_to=reverse("procurement:rules"),
                    context={"heading": "แก้ไขเกณฑ์ระยะเวลาประกาศ" if rule else "เพิ่มเกณฑ์ระยะเวลาประกาศ",
                             "button": "บันทึก", "help_text": "เกณฑ์เดิมที่เลิกใช้ให้กำหนดวันที่สิ้นสุด แล้วเพิ่มแถวใหม่ "
                                                              "เพื่อให้โครงการเก่ายังตรวจกับเกณฑ์ที่ใช้ในขณะนั้น"})
