"""ITA readiness API (ita.view): every item of a fiscal year with its URLs and their last check."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH
from api.params import FiscalYear
from api.schemas import errors
from ita import selectors
from org.selectors import agencies, agency_of

router = Router(tags=["ITA"])


class LinkOut(Schema):
    target: str
    url: str | None
    auto: bool
    status: str
    http_status: int | None
    public_ok: bool
    checked_at: datetime | None
    note: str


class ItemOut(Schema):
    code: str
    kind: str
    section: str
    text: str
    evidence: str
    status: str
    public_url: str | None
    owner: str | None
    due_on: str | None
    links: list[LinkOut]


class ItemsOut(Schema):
    fiscal_year: int
    total: int
    mapped_public: int
    mapped_percent: Decimal
    estimate_score: Decimal
    estimate_band: str
    estimate_label: str
    items: list[ItemOut]


@router.get("/ita/{fiscal_year}/items", response={200: ItemsOut, **errors(401, 403, 404, 422)}, auth=AUTH,
            summary="รายการ ITA ของปีพร้อมลิงก์และสถานะ")
def items(request, fiscal_year: FiscalYear):
    """Every OIT and EB item of the year: status (green / amber / red), its URLs with the last check, and
    `mapped_public`: items with a URL that answered 200 to an anonymous visitor. The score is a
    self-estimate."""
    user = request.auth
    agency = agency_of(user.unit) if user.unit_id else agencies().first()
    policy.require(user, "ita.view", unit=agency)
    year = selectors.year_of(agency, fiscal_year)
    if year is None:
        raise Http404("ยังไม่มีรายการ ITA ของปีนี้")
    rows = selectors.board(year)
    estimate = selectors.estimate([r for r in rows if r.item.kind == "oit"])
    every = selectors.estimate(rows)
    return {
        "fiscal_year": fiscal_year, "total": every.total, "mapped_public": every.mapped_public,
        "mapped_percent": every.mapped_percent, "estimate_score": estimate.score,
        "estimate_band": estimate.band, "estimate_label": estimate.label,
        "items": [{
            "code": r.item.code, "kind": r.item.kind, "section": r.item.section, "text": r.item.text,
            "evidence": r.item.evidence, "status": r.status, "public_url": r.url,
            "owner": r.item.owner.get_full_name() if r.item.owner else None,
            "due_on": r.item.due_on.isoformat() if r.item.due_on else None,
            "links": [{"target": str(link), "url": link.resolved_url or link.url or None, "auto": link.auto,
                       "status": link.status, "http_status": link.http_status, "public_ok": link.public_ok,
                       "checked_at": link.checked_at, "note": link.check_note} for link in r.links],
        } for r in rows],
    }
