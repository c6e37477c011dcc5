"""The reporting home page and the rounds: list, create, edit, open, close, and a round's reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year
from plans.models import Plan
from reports import selectors, services
from reports.forms import RoundForm
from reports.models import Round
from reports.views.listing import listing


def _round(user, pk: int) -> Round:
    return get_object_or_404(selectors.rounds_visible(user), pk=pk)


REVIEW_PAGE_SIZE = 50


@login_required
def home(request):
    user = request.user
    mine = list(selectors.reports_to_edit(user)[:300])
    rounds = list(selectors.rounds_visible(user)[:30])
    manage_plans = list(_plans_for(user)) if policy.can(user, "round.manage") else []
    # A host unit's coordinator may have hundreds waiting on the due date: page through all of them.
    review_page = Paginator(selectors.reports_to_review(user), REVIEW_PAGE_SIZE).get_page(
        request.GET.get("review_page")
    )
    return render(
        request,
        "reports/home.html",
        {
            "mine": mine,
            "mine_by_round": selectors.group_by_round(mine),
            "several_units": len({r.unit_id for r in mine}) > 1,
            "to_review": list(review_page.object_list),
            "review_page": review_page,
            "to_endorse": list(selectors.reports_to_endorse(user)[:100]),
            "to_endorse_count": selectors.reports_to_endorse(user).count(),
            "rounds": rounds,
            "may_manage": bool(manage_plans),
            "manage_plans": manage_plans,
            "may_dashboard": policy.can(user, "round.dashboard"),
            "today": timezone.localdate(),
        },
    )


def _plans_for(user):
    return policy.scope(user, "round.manage", Plan.objects.select_related("agency").order_by("-period_start"))


@login_required
def round_create(request):
    plans = list(_plans_for(request.user))
    if not plans:
        require(request.user, "round.manage")
        messages.error(request, "ยังไม่มีแผนที่ท่านดูแล จึงยังสร้างรอบการรายงานไม่ได้")
        return redirect("reports:home")
    plan = next(
        (p for p in plans if str(p.pk) == request.GET.get("plan", request.POST.get("plan"))), plans[0]
    )
    form = RoundForm(request.POST or None, initial={"fiscal_year": fiscal_year(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_create(actor=request.user, plan=plan, **data)
            messages.success(request, f"สร้าง{round_.name}แล้ว")
            return redirect("reports:round", pk=round_.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    return render(request, "reports/round_form.html", {"form": form, "plans": plans, "plan": plan})


@login_required
@require_POST
def round_create_defaults(request):
    plan = get_object_or_404(_plans_for(request.user), pk=request.POST.get("plan"))
    try:
        fy = int(request.POST.get("fiscal_year", ""))
        created = services.round_create_defaults(actor=request.user, plan=plan, fiscal_year=fy)
        messages.success(
            request, f"สร้างรอบตามหนังสือสั่งการ {len(created)} รอบ" if created else "มีรอบตามหนังสือสั่งการของปีนี้ครบแล้ว"
        )
    except ValueError:
        messages.error(request, "กรุณาระบุปีงบประมาณเป็นตัวเลข พ.ศ.")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reports:home")


@login_required
def round_edit(request, pk: int):
    round_ = _round(request.user, pk)
    require(request.user, "round.manage", round_)
    form = RoundForm(request.POST or None, instance=round_)
    form.fields["fiscal_year"].disabled = True
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in services.rounds.EDITABLE_FIELDS}
        try:
            services.round_update(actor=request.user, round_=Round.objects.get(pk=round_.pk), **changes)
            messages.success(request, "บันทึกการแก้ไขรอบแล้ว")
            return redirect("reports:round", pk=round_.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    return render(request, "reports/round_form.html", {"form": form, "round": round_, "plan": round_.plan})


@login_required
@require_POST
def round_open(request, pk: int):
    round_ = _round(request.user, pk)
    try:
        services.round_open(actor=request.user, round_=round_)
        messages.success(request, f"เปิด{round_.name}แล้ว สร้างแบบรายงาน {round_.reports.count()} ฉบับ")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reports:round", pk=round_.pk)


@login_required
@require_POST
def round_close(request, pk: int):
    round_ = _round(request.user, pk)
    try:
        services.round_close(actor=request.user, round_=round_)
        messages.success(request, f"ปิด{round_.name}แล้ว")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reports:round", pk=round_.pk)


@login_required
def round_detail(request, pk: int):
    round_ = _round(request.user, pk)
    user = request.user
    reports = selectors.reports_visible(user, round_).order_by(
        "activity__measure__policy__number",
        "activity__measure__sort_key",
        "activity__sort_order",
        "kind",
        "unit__path",
    )
    # The counts are of what this user may see, so each one matches the list its link opens.
    counts = selectors.round_counts(round_, user)
    return render(
        request,
        "reports/round_detail.html",
        {
            "round": round_,
            **listing(request, reports),
            "counts": counts,
            "categories": selectors.CATEGORY_LABELS,
            "may_manage": policy.can(user, "round.manage", round_),
            "may_compile": policy.can(user, "round.compile", round_),
            "may_dashboard": policy.can(user, "round.dashboard", round_),
            "today": timezone.localdate(),
        },
    )
