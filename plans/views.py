from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year
from org.selectors import reporting_units, unit_subtree
from plans import excel, services
from plans.forms import ActivityForm, ApproveForm, ImportForm, IndicatorForm, ReopenForm
from plans.models import Activity, Indicator, Plan
from plans.selectors import plan_with_tree, plan_year_for, plans_visible, unit_work


def plan_list(request):
    return render(request, "plans/plan_list.html", {"plans": plans_visible(request.user)})


def plan_detail(request, pk: int):
    try:
        plan = plan_with_tree(pk, base=plans_visible(request.user))
    except Plan.DoesNotExist:
        raise Http404("ไม่พบแผน") from None
    user = request.user
    return render(request, "plans/plan_detail.html", {
        "plan": plan,
        "may_edit": not plan.is_approved and policy.can(user, "plan.edit", plan),
        "may_reopen": plan.is_approved and policy.can(user, "plan.edit", plan),
        "may_approve": not plan.is_approved and policy.can(user, "plan.approve", plan),
        "may_export": policy.can(user, "plan.export", plan),
        "fiscal_year": fiscal_year(timezone.localdate()),
    })


@login_required
def my_work(request):
    user = request.user
    today_fy = fiscal_year(timezone.localdate())
    try:
        asked = int(request.GET.get("fy") or today_fy)
    except ValueError:
        asked = today_fy
    plan, fy = plan_year_for(user.unit, asked) if user.unit_id else (None, asked)
    work = unit_work(unit=user.unit, plan=plan, fiscal_year=fy) if plan else []
    return render(request, "plans/my_work.html", {"plan": plan, "work": work, "fiscal_year": fy,
                                                  "asked_year": asked,
                                                  "years": range(plan.period_start, plan.period_end
                                                                 + 1) if plan
                                                  else []})


def _anchor(plan: Plan, anchor: str) -> str:
    return reverse("plans:detail", args=[plan.pk]) + f"#{anchor}"


def _plan_of(obj) -> Plan:
    activity = obj if isinstance(obj, Activity) else obj.activity
    return activity.measure.policy.plan


@login_required
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("activity__measure__policy__plan"), pk=pk)
    plan = _plan_of(indicator)
    require(request.user, "plan.edit", plan)
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_for(indicator))
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกตัวชี้วัดแล้ว")
            return redirect(_anchor(plan, f"indicator-{indicator.pk}"))
    return render(request, "plans/indicator_form.html",
                  {"form": form, "indicator": indicator, "activity": indicator.activity, "plan": plan})


@login_required
def indicator_new(request, pk: int):
    activity = get_object_or_404(Activity.objects.select_related("measure__policy__plan"), pk=pk)
    plan = _plan_of(activity)
    require(request.user, "plan.edit", plan)
    form = IndicatorForm(request.POST or None, initial={"scope": Indicator.Scope.DEPARTMENT})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=request.user, activity=activity, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "เพิ่มตัวชี้วัดแล้ว")
            return redirect(_anchor(plan, f"indicator-{indicator.pk}"))
    return render(request, "plans/indicator_form.html",
                  {"form": form, "indicator": None, "activity": activity, "plan": plan})


@login_required
def activity_edit(request, pk: int):
    activity = get_object_or_404(Activity.objects.select_related("measure__policy__plan"), pk=pk)
    plan = _plan_of(activity)
    require(request.user, "plan.edit", plan)
    units = unit_subtree(plan.agency).exclude(pk=plan.agency_id)
    initial = {"title": activity.title, "text": activity.text, "host_units": activity.host_units.all(),
               "implementing_rule": activity.implementing_rule,
               "implementing_units": activity.implementing_units.all(), "note": activity.note}
    form = ActivityForm(request.POST or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกกิจกรรมแล้ว")
            return redirect(_anchor(plan, f"activity-{activity.pk}"))
    return render(request, "plans/activity_form.html", {"form": form, "activity": activity, "plan": plan,
                                                         "unit_count": reporting_units(plan.agency).count()})


@login_required
def plan_approve_view(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    require(request.user, "plan.approve", plan)
    form = ApproveForm(request.POST or None, initial={"approved_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_approve(actor=request.user, plan=plan, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "อนุมัติแผนแล้ว")
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/plan_action.html", {"form": form, "plan": plan, "heading": "อนุมัติแผน",
                                                       "button": "อนุมัติแผน"})


@login_required
def plan_reopen_view(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    require(request.user, "plan.edit", plan)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_reopen(actor=request.user, plan=plan, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "เปิดแผนเป็นฉบับร่างเพื่อแก้ไขแล้ว ต้องให้ผู้บริหารอนุมัติอีกครั้ง")
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/plan_action.html", {"form": form, "plan": plan, "heading": "เปิดแผนเพื่อแก้ไข",
                                                       "button": "เปิดแผนเพื่อแก้ไข"})


def plan_export(request, pk: int):
    plan = get_object_or_404(plans_visible(request.user), pk=pk)
    if not plan.is_approved:
        require(request.user, "plan.export", plan)
    content = excel.plan_to_xlsx(plan_with_tree(plan.pk))
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.xlsx"'
    return response


@login_required
def plan_import_view(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    require(request.user, "plan.edit", plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = excel.plan_import_xlsx(actor=request.user, plan=plan, fileobj=form.cleaned_data["file"])
        if result.ok:
            messages.success(request, f"นำเข้าแล้ว แก้ไข {result.changed} รายการ")
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/plan_import.html", {"form": form, "plan": plan, "result": result})
