"""The supervising bodies' roll-up (ป.ป.ท., a ministry): one row per agency they supervise, its current round,
slots sent of those expected, late units and indicator verdicts, each count a link to what it counts (the
round's report list filtered, the round's dashboard). Read-only; who sees which agencies is the policy's
"national.rollup" scope, and the same selection feeds the API (api.routers.national)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from accounts.policy import require
from reports.national import (
    STATUS_FILTERS,
    AgencyStatus,
    IndicatorCounts,
    indicator_counts,
    rounds_of,
    supervised_statuses,
)

PAGE_SIZE = 25
DENIED = "เฉพาะหน่วยงานกำกับจึงจะดูภาพรวมของทุกส่วนราชการได้"


@dataclass(frozen=True)
class Filters:
    ministry: str = ""
    q: str = ""
    status: str = ""

    @classmethod
    def parse(cls, params) -> Filters:
        status = params.get("status", "")
        return cls(ministry=params.get("ministry", "").strip()[:255],
                   q=" ".join(params.get("q", "").split())[:200],
                   status=status if status in STATUS_FILTERS else "")

    def query(self, **extra) -> str:
        values = {"ministry": self.ministry, "q": self.q, "status": self.status, **extra}
        return urlencode({k: v for k, v in values.items() if v})


def with_indicators(rows: list[AgencyStatus]) -> list[tuple[AgencyStatus, IndicatorCounts | None]]:
    """The rows of one page, each with its round's indicator counts (from the kept values)."""
    rounds = rounds_of(rows)
    return [(r, indicator_counts(rounds[r.round_id]) if r.round_id in rounds else None) for r in rows]


def links(row: AgencyStatus) -> dict[str, str]:
    """Where each count of a row leads: the round's report list filtered as the count, the dashboard."""
    if row.round_id is None:
        return {}
    listing = reverse("reports:round", args=[row.round_id])
    dashboard = reverse("reports:dashboard", args=[row.round_id])
    return {
        "round": listing,
        "slots": f"{listing}?kind=unit#list-h",
        "sent": f"{listing}?kind=unit&status=sent#list-h",
        "late": f"{listing}?kind=unit&late=1#list-h",
        "dashboard": dashboard,
        "indicators": f"{dashboard}?indicators=all#ind-details",
    }


@login_required
def national_rollup(request):
    require(request.user, "national.rollup", message=DENIED)
    filters = Filters.parse(request.GET)
    rows, ministries, read_at = supervised_statuses(request.user, ministry=filters.ministry, q=filters.q,
                                                    status=filters.status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    lines = [(row, counts, links(row)) for row, counts in with_indicators(list(page.object_list))]
    totals = {"agencies": len(rows), "slots": sum(r.slots for r in rows), "sent": sum(r.sent for r in rows),
              "late": sum(1 for r in rows if r.late_units)}
    return render(request, "site_shell/national_rollup.html", {
        "filters": filters, "page": page, "lines": lines, "ministries": ministries,
        "status_options": list(STATUS_FILTERS.items()), "read_at": read_at, "totals": totals,
        "query": filters.query(),
    })
