"""Reads of the information centre (for its pages, the API and reports.computed_infocentre)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from core.thai import fiscal_year_bounds
from infocentre import search as _search
from infocentre.models import Comment, Consultation, DisclosureAnalysis, Document, InfoRequest, LinkBack


def published(agency=None):
    qs = Document.objects.filter(status=Document.Status.PUBLISHED).select_related("unit")
    return qs.filter(agency=agency) if agency is not None else qs


def search(query: str, agency=None):
    return _search.search(published(agency), query)


def year_submissions_by_unit(agency, fiscal_year: int) -> dict[int, list[Document]]:
    """Items each unit sent to the ICT centre in the fiscal year (published or waiting; not returned)."""
    start, end = fiscal_year_bounds(fiscal_year)
    out: dict[int, list[Document]] = defaultdict(list)
    for doc in (Document.objects.filter(agency=agency, submitted_on__range=(start, end))
                .exclude(status=Document.Status.RETURNED).select_related("unit").order_by("submitted_on")):
        out[doc.unit_id].append(doc)
    return out


def linkbacks(units) -> dict[int, LinkBack]:
    return {lb.unit_id: lb for lb in LinkBack.objects.filter(unit__in=list(units))}


def analyses(fiscal_year: int, units) -> dict[int, DisclosureAnalysis]:
    rows = DisclosureAnalysis.objects.filter(fiscal_year=fiscal_year, unit__in=list(units))
    return {a.unit_id: a for a in rows}


def consultations_by_unit(fiscal_year: int, units=None) -> dict[int, list[Consultation]]:
    """Consultations opened in the fiscal year (by their opening date), per unit."""
    start, end = fiscal_year_bounds(fiscal_year)
    qs = Consultation.objects.filter(opens_on__range=(start, end)).select_related("unit").order_by("opens_on")
    if units is not None:
        qs = qs.filter(unit__in=list(units))
    out: dict[int, list[Consultation]] = defaultdict(list)
    for c in qs:
        out[c.unit_id].append(c)
    return out


def public_consultations():
    today = timezone.localdate()
    return Consultation.objects.filter(opens_on__lte=today).select_related("unit")


def published_comments(consultation: Consultation):
    return consultation.comments.filter(state=Comment.State.PUBLISHED)


def monthly_statistics(agency, fiscal_year: int) -> list[dict]:
    """Per month of the fiscal year: requests received, answered (given / refused), answered late, open."""
    start, end = fiscal_year_bounds(fiscal_year)
    rows = []
    month = start
    requests = list(InfoRequest.objects.filter(agency=agency, received_on__range=(start, end)))
    while month <= end:
        nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        batch = [r for r in requests if month <= r.received_on < nxt]
        rows.append({
            "month": month,
            "received": len(batch),
            "replied": sum(1 for r in batch if r.status == InfoRequest.Status.REPLIED),
            "refused": sum(1 for r in batch if r.status == InfoRequest.Status.REFUSED),
            "open": sum(1 for r in batch if r.is_open),
            "late": sum(1 for r in batch if r.closed_on and r.closed_on > r.due_on),
        })
        month = nxt
    return rows
