"""The filter form of every list of reports that can run past one page (a round's reports, the review and
endorsement queues): unit (typed, with the list's units offered as suggestions), status, kind, activity,
lateness and free text. The form is a plain GET form, so it works without script and a filtered list is a
link that can be shared, bookmarked and followed from a dashboard count."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet

from org.models import Unit
from reports import selectors
from reports.models import Report
from reports.selectors import CATEGORY_LABELS, KIND_LABELS, ReportFilters

PAGE_SIZE = 50
STATUS_CHOICES = [*CATEGORY_LABELS.items(), ("sent", "ส่งแล้ว (ผ่านการตรวจและรอตรวจ)")]
QUEUE_STATUS_CHOICES = [
    (Report.Status.SUBMITTED.value, "ส่งแล้ว รอตรวจ"),
    (Report.Status.ENDORSED.value, "หัวหน้ารับรองแล้ว รอตรวจ"),
]
LATE_CHOICES = [("1", "ส่งช้าหรือเลยกำหนดแล้วยังไม่ส่ง"), ("0", "ไม่ล่าช้า")]
PARAMS = ("unit", "status", "kind", "activity", "late", "region", "complete", "q")


def _unit(text: str, units: list[Unit]) -> Unit | None:
    """The unit the typed text names: its id (links), full name or abbreviation, ignoring case and spaces."""
    if text.isdigit():
        return next((u for u in units if u.pk == int(text)), None)
    key = " ".join(text.split()).casefold()
    return next(
        (u for u in units if key in (u.name.casefold(), (u.abbreviation or "").casefold())), None
    )


def parse(params, units: list[Unit]) -> ReportFilters:
    text = params.get("unit", "").strip()[:200]
    unit = _unit(text, units) if text else None
    activity = params.get("activity", "")
    return ReportFilters(
        unit=unit,
        unit_text="" if unit or text.isdigit() else text,
        status=params.get("status", "").strip(),
        kind=params.get("kind", "").strip(),
        activity=int(activity) if activity.isdigit() else None,
        late=params.get("late", "") if params.get("late") in ("0", "1") else "",
        region=params.get("region", "").strip(),
        complete=params.get("complete") == "1",
        q=params.get("q", "").strip()[:200],
    )


def querystring(f: ReportFilters, **extra) -> str:
    """The filters as a query string (pager links keep them); empty values are left out."""
    values = {
        "unit": f.unit.pk if f.unit else f.unit_text,
        "status": f.status,
        "kind": f.kind,
        "activity": f.activity or "",
        "late": f.late,
        "region": f.region,
        "complete": "1" if f.complete else "",
        "q": f.q,
        **extra,
    }
    return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def listing(request, base: QuerySet[Report], *, statuses=STATUS_CHOICES, page_param: str = "page") -> dict:
    """Filter and page `base` by the request's query string; what the list's template needs."""
    choices = selectors.filter_choices(base)
    f = parse(request.GET, choices["units"])
    filtered = selectors.filter_reports(base, f)
    page = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get(page_param))
    units_shown = filtered.order_by().values("unit_id").distinct().count() if page.paginator.count else 0
    return {
        "filters": f,
        "page": page,
        "page_param": page_param,
        "units_shown": units_shown,
        "query": querystring(f),
        "unit_options": choices["units"],
        "activity_options": choices["activities"],
        "status_options": statuses,
        "kind_options": list(KIND_LABELS.items()),
        "late_options": LATE_CHOICES,
        "region_options": Unit.Region.choices,
        "unit_value": f.unit.name if f.unit else f.unit_text,
    }
