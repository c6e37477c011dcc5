"""The round dashboard for the plan administrator and the executives."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from accounts.policy import require
from reports import selectors
from reports.dashboard import cached, cached_dashboard, round_state
from reports.views.rounds import _round

MATRIX_UNITS = 15  # rows of the units × activities table per page
MAX_PAGE = 1000  # a department has a few hundred units: a larger page number is the last page anyway


def _page_number(raw: str | None) -> int:
    try:
        return min(max(int(raw or 1), 1), MAX_PAGE)
    except ValueError:
        return 1


def _body(round_, page: int, show_indicators: bool, state: str) -> str:
    data, computed_at = cached_dashboard(round_, state=state)
    data = dict(data)
    # The charts are built from escaped text by reports.dashboard, never from raw user input.
    data["chart"] = mark_safe(data["chart"])  # noqa: S308
    data["indicator_chart"] = mark_safe(data["indicator_chart"])  # noqa: S308
    # The units × activities table runs to every unit of the department: one page of units at a time, so
    # the page carries what is seen (the counts above cover every unit).
    data["matrix_page"] = Paginator(data.pop("matrix"), MATRIX_UNITS).get_page(page)
    return render_to_string(
        "reports/_dashboard_body.html",
        {
            "round": round_,
            **data,
            # every count links to the round's list of reports, filtered to what it counts
            "list_url": reverse("reports:round", args=[round_.pk]),
            "show_indicators": show_indicators,
            "computed_at": computed_at,
        },
    )


@login_required
def round_dashboard(request, pk: int):
    round_ = _round(request.user, pk)
    require(request.user, "round.dashboard", round_)
    page = _page_number(request.GET.get("units"))
    show_indicators = request.GET.get("indicators") == "all"
    # The same for everyone allowed to see it (the whole round, no form, no token): rendered once per round
    # state and page, so a view while nothing changed costs the few queries of the key.
    state = round_state(round_)
    body, _ = cached(round_, f"html:{page}:{int(show_indicators)}",
                     lambda: _body(round_, page, show_indicators, state), state=state)
    return render(request, "reports/dashboard.html", {"round": round_, "body": mark_safe(body)})  # noqa: S308


@login_required
def latest_dashboard(request):
    round_ = (
        selectors.rounds_visible(request.user).filter(status="open").first()
        or selectors.rounds_visible(request.user).first()
    )
    if round_ is None:
        return redirect("reports:home")
    return redirect("reports:dashboard", pk=round_.pk)
