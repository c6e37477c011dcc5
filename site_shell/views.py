from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import policy
from core.thai import fiscal_year
from plans.selectors import plan_year_for, unit_work


def home(request):
    if not request.user.is_authenticated:
        return redirect("portal:home")
    user = request.user
    fy = fiscal_year(timezone.localdate())
    context = {"fiscal_year": fy, "roles": sorted(policy.roles_of(user)), "work": [], "plan": None}
    if user.unit_id:
        plan, fy = plan_year_for(user.unit, fy)
        context["fiscal_year"] = fy
        if plan is not None:
            context["plan"] = plan
            context["work"] = unit_work(unit=user.unit, plan=plan, fiscal_year=fy)[:8]
    return render(request, "site_shell/home.html", context)
