"""Staff pages: officials and their declarations, suppliers, and the relationship list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.thai import fiscal_year
from procurement import selectors
from procurement.forms import DecisionForm, DeclarationForm, OfficialForm
from procurement.models import Official, Relationship, Supplier
from procurement.services import parties, relationships
from procurement.views.common import edit_units, run_form


@login_required
def officials(request):
    require(request.user, "procurement.view")
    form = OfficialForm(request.POST or None, units=edit_units(request.user),
                        initial={"unit": request.user.unit_id})

    def create(data):
        require(request.user, "procurement.edit", unit=data["unit"])
        return parties.official_create(actor=request.user, **data)

    if request.method == "POST":
        require(request.user, "procurement.edit")
    return run_form(request, form, create, success="เพิ่มเจ้าหน้าที่แล้ว",
                    redirect_to=lambda o: reverse("procurement:official", args=[o.pk]),
                    template="procurement/officials.html",
                    context={"officials": selectors.officials_for(request.user),
                             "may_edit": policy.can(request.user, "procurement.edit")})


@login_required
def official_detail(request, pk: int):
    official = get_object_or_404(policy.scope(request.user, "procurement.view", Official.objects.all()),
                                 pk=pk)
    may_edit = policy.can(request.user, "procurement.edit", official)
    form = DeclarationForm(request.POST or None, initial=DeclarationForm.initial_for(official))
    if request.method == "POST":
        require(request.user, "procurement.edit", official)
    return run_form(request, form,
                    lambda d: parties.official_declare(actor=request.user, official=official, **d),
                    success="บันทึกข้อมูลที่แจ้งแล้ว",
                    redirect_to=reverse("procurement:official", args=[official.pk]),
                    template="procurement/official_detail.html",
                    context={"official": official, "may_edit": may_edit,
                             "ties": Relationship.objects.filter(official=official).select_related(
                                 "supplier", "person", "relative", "employer"),
                             "seats": official.committee_seats.select_related("project")})


@login_required
def suppliers(request):
    require(request.user, "procurement.view")
    query = request.GET.get("q", "").strip()
    rows = selectors.supplier_search(query, 100) if query else Supplier.objects.annotate(
        n_bids=Count("bids")).order_by("-n_bids", "name")[:100]
    return render(request, "procurement/suppliers.html", {"suppliers": rows, "q": query})


@login_required
def supplier_detail(request, pk: int):
    require(request.user, "procurement.view")
    supplier = get_object_or_404(Supplier.objects.prefetch_related("people"), pk=pk)
    visible = selectors.projects_for(request.user)
    return render(request, "procurement/supplier_detail.html", {
        "supplier": supplier,
        "bids": supplier.bids.filter(project__in=visible).select_related("project"),
        "won": visible.filter(winner=supplier),
        "ties": policy.scope(request.user, "procurement.view", Relationship.objects.filter(supplier=supplier))
        .select_related("official", "relative", "employer", "person", "supplier"),
    })


@login_required
def relationship_list(request):
    require(request.user, "procurement.view")
    fy_text = request.GET.get("fy", "")
    fy = int(fy_text) if fy_text.isdigit() else fiscal_year(timezone.localdate())
    rows = selectors.relationship_list(request.user, fy if fy_text != "all" else None)
    return render(request, "procurement/relationships.html", {
        "rows": rows, "fy": fy, "all_years": fy_text == "all",
        "years": selectors.fiscal_years(selectors.projects_for(request.user)),
        "may_refresh": policy.can(request.user, "procurement.edit"),
        "may_decide": policy.can(request.user, "procurement.decide_match"),
        "pending": sum(1 for r in rows if r["relationship"].status == Relationship.Status.PENDING),
    })


@login_required
@require_POST
def relationship_refresh(request):
    require(request.user, "procurement.edit")
    counts = relationships.relationships_refresh(actor=request.user)
    messages.success(request, f"ตรวจแล้ว พบ {counts['found']} รายการ (ใหม่ {counts['created']}, "
                              f"รอการพิจารณา {counts['pending']})")
    return redirect(request.POST.get("next") or reverse("procurement:relationships"))


@login_required
def relationship_decide(request, pk: int):
    row = get_object_or_404(policy.scope(request.user, "procurement.decide_match", Relationship.objects.all())
                            .select_related("official", "relative", "employer", "person", "supplier"), pk=pk)
    form = DecisionForm(request.POST or None)
    return run_form(request, form,
                    lambda d: relationships.relationship_decide(actor=request.user, relationship=row, **d),
                    success="บันทึกผลการพิจารณาแล้ว", redirect_to=reverse("procurement:relationships"),
                    template="procurement/relationship_decide.html", context={"row": row, "path": row.path()})
