from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts import policy
from core.thai import fiscal_year
from plans.selectors import plan_year_for, unit_work
from reports.selectors import rounds_visible
from site_shell import executive
from site_shell.executive_chart import areas_svg


def home(request):
    if not request.user.is_authenticated:
        return redirect("portal:home")
    user = request.user
    fy = fiscal_year(timezone.localdate())
    context = {"fiscal_year": fy, "roles": sorted(policy.roles_of(user)), "work": [], "plan": None}
    if executive.is_executive_home(user):
        def body() -> str:
            view = executive.executive_view(user)
            chart = areas_svg(view.areas, view.areas_as_of) if view.areas else ""
            return render_to_string("site_shell/_executive_body.html", {
                **context, "exec": view, "chart": chart,
                "may_brief": view.round is not None and bool(view.areas),
                "assignments": list(user.role_assignments.select_related("unit"))}, request=request)

        # Rendered from the person's own figures and no form or token, so reused as it is (cached_home).
        html = mark_safe(executive.cached_home(user, body))  # noqa: S308
        return render(request, "site_shell/executive_home.html", {**context, "body": html})
    if user.unit_id:
        plan, fy = plan_year_for(user.unit, fy)
        context["fiscal_year"] = fy
        if plan is not None:
            context["plan"] = plan
            context["work"] = unit_work(unit=user.unit, plan=plan, fiscal_year=fy)[:8]
    return render(request, "site_shell/home.html", context)


@login_required
def executive_brief(request, pk: int):
    """The one-page brief for the executive board meeting (A4, Thai) of a round."""
    from site_shell.brief import brief_pdf

    round_ = get_object_or_404(rounds_visible(request.user), pk=pk)
    policy.require(request.user, "round.dashboard", round_)
    response = HttpResponse(brief_pdf(request.user, round_), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="executive-brief-{round_.pk}.pdf"'
    return response
