from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts import policy
from accounts.policy import require
from core.downloads import file_response
from core.errors import ApplicationError
from core.http import form_error
from org.forms import AgencyProfileForm, UnitForm
from org.models import Unit
from org.selectors import agencies, agency_profile, unit_tree
from org.services import agency_profile_update, unit_update


def unit_list(request):
    """The unit tree is public information (the plan names units), like the API's /api/units."""
    trees = [(agency, unit_tree(agency)) for agency in agencies()]
    return render(request, "org/unit_list.html", {"trees": trees})


def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    staff = None
    if request.user.is_authenticated:
        staff = policy.scope(request.user, "user.view", unit.staff.all())
    return render(request, "org/unit_detail.html", {
        "unit": unit, "children": unit.children.all(), "staff": staff,
        "may_manage": policy.can(request.user, "unit.manage", unit),
        "may_settings": unit.parent_id is None and policy.can(request.user, "agency.settings", unit),
        "hosted": unit.hosted_activities.select_related("measure__policy__plan")[:50],
    })


@login_required
def unit_edit(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    require(request.user, "unit.manage", unit)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            unit_update(actor=request.user, unit=unit, **form.changes())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกข้อมูลหน่วยงานแล้ว")
            return redirect("org:unit_detail", unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})


@login_required
def agency_settings(request, pk: int):
    agency = get_object_or_404(Unit, pk=pk, parent__isnull=True)
    require(request.user, "agency.settings", agency)
    profile = agency_profile(agency)
    form = AgencyProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            agency_profile_update(actor=request.user, agency=agency, emblem=form.cleaned_data["emblem_file"],
                                  remove_emblem=form.cleaned_data["remove_emblem"], **form.values())
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกข้อมูลส่วนราชการแล้ว")
            return redirect("org:agency_settings", agency.pk)
    return render(request, "org/agency_settings.html", {"form": form, "agency": agency, "profile": profile})


def agency_emblem(request, pk: int):
    """The emblem is public (it heads the public pages); it goes out as an image under a built name."""
    agency = get_object_or_404(Unit, pk=pk, parent__isnull=True)
    profile = agency_profile(agency)
    if not profile.has_emblem:
        raise Http404("ส่วนราชการนี้ยังไม่มีตราสัญลักษณ์")
    # An attachment disposition does not stop an <img> from showing it, and keeps a direct visit inert.
    return file_response(profile.emblem.open("rb"), original_name=f"emblem-{agency.code}",
                         fallback_stem=f"emblem-{agency.code}", cache="public, max-age=3600")
