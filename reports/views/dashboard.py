"""The round dashboard for the plan administrator and the executives."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from accounts.policy import require
from reports import selectors
from reports.dashboard import cached_dashboard
from reports.views.rounds import _round

MATRIX_UNITS = 15  # rows of the units × activities table per page


@login_required
def round_dashboard(request, pk: int):
    round_ = _round(request.user, pk)
    require(request.user, "round.dashboard", round_)
    data, computed_at = cached_dashboard(round_)
    data = dict(data)
    # The charts are built from escaped text by reports.dashboard, never from raw user input.
    data["chart"] = mark_safe(data["chart"])  # noqa: S308
    data["indicator_chart"] = mark_safe(data["indicator_chart"])  # noqa: S308
    # The units × activities table runs to every unit of the department: one page of units at a time, so
    # the page carries what is seen (the counts above cover every unit).
    data["matrix_page"] = Paginator(data.pop("matrix"), MATRIX_UNITS).get_page(request.GET.get("units"))
    return render(
        request,
        "reports/dashboard.html",
        {
            "round": round_,
            **data,
            # every count links to the round's list of reports, filtered to what it counts
            "list_url": reverse("reports:round", args=[round_.pk]),
            "show_indicators": request.GET.get("indicators") == "all",
            "computed_at": computed_at,
        },
    )


@login_required
def latest_dashboard(request):
    round_ = (
        selectors.rounds_visible(request.user).filter(status="open").first()
        or selectors.rounds_visible(request.user).first()
    )
    if round_ is None:
        return redirect("reports:home")
    return redirect("reports:dashboard", pk=round_.pk)
