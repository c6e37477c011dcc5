from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from org.forms import UnitForm
from org.models import Unit
from org.selectors import agencies, unit_tree
from org.services import unit_update


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
