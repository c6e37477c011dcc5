"""Reads of the ITA module: the readiness board of a year, an item's status from its links, the
self-estimate of the OIT score, and the evidence tagged to an item or a plan indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from core.thai import fiscal_year
from ita.models import EvidenceTag, ItaItem, ItaYear, ItemLink, LinkAlert, LinkSnapshot

GREEN, AMBER, RED = ItemLink.Status.GREEN, ItemLink.Status.AMBER, ItemLink.Status.RED
STATUS_LABELS = {GREEN: "พร้อม", AMBER: "ต้องปรับปรุง", RED: "ไม่มี"}
# ITA score bands (NACC); pass = 85.
BANDS = [(Decimal(95), "AA"), (Decimal(85), "A"), (Decimal(75), "B"), (Decimal(65), "C"), (Decimal(55), "D"),
         (Decimal(50), "E"), (Decimal(0), "F")]
ESTIMATE_LABEL = "ค่าประมาณการด้วยตนเองจากสถานะลิงก์ ไม่ใช่คะแนนที่สำนักงาน ป.ป.ช. ประเมิน"


def current_fiscal_year() -> int:
    from django.utils import timezone

    return fiscal_year(timezone.localdate())


def year_of(agency, fy: int) -> ItaYear | None:
    return ItaYear.objects.filter(agency=agency, fiscal_year=fy).first()


def items(year: ItaYear, *, kind: str | None = None):
    qs = year.items.select_related("owner").prefetch_related(
        Prefetch("links", queryset=ItemLink.objects.order_by("order", "id")))
    return qs.filter(kind=kind) if kind else qs


def item_status(item: ItaItem) -> str:
    """Green if one of its links is green; amber if one opens but is stale or not the year's; else red."""
    statuses = {link.status for link in item.links.all()}
    if GREEN in statuses:
        return GREEN
    if AMBER in statuses:
        return AMBER
    return RED


def public_url(item: ItaItem) -> str | None:
    """The first of the item's addresses that answered 200 to an anonymous visitor at the last check."""
    for link in item.links.all():
        if link.public_ok and link.resolved_url:
            return link.resolved_url
    return None


@dataclass
class Row:
    item: ItaItem
    status: str
    status_label: str
    url: str | None
    links: list


def board(year: ItaYear, *, kind: str | None = None) -> list[Row]:
    rows = []
    for item in items(year, kind=kind):
        status = item_status(item)
        rows.append(Row(item, status, STATUS_LABELS[status], public_url(item), list(item.links.all())))
    return rows


@dataclass
class Estimate:
    score: Decimal
    band: str
    counts: dict
    mapped_public: int
    total: int
    label: str = ESTIMATE_LABEL

    @property
    def mapped_percent(self) -> Decimal:
        if not self.total:
            return Decimal(0)
        return (Decimal(self.mapped_public) * 100 / self.total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def estimate(rows: list[Row]) -> Estimate:
    """Each item weighs the same: green counts fully, amber half (assessors may refuse stale content), red
    nothing. A self-estimate only."""
    counts = {GREEN: 0, AMBER: 0, RED: 0}
    for row in rows:
        counts[row.status] += 1
    total = len(rows)
    points = Decimal(counts[GREEN]) + Decimal(counts[AMBER]) / 2
    score = (points * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP) if total else Decimal(0)
    band = next(name for floor, name in BANDS if score >= floor)
    return Estimate(score, band, counts, sum(1 for r in rows if r.url), total)


def snapshots(item: ItaItem, limit: int = 20):
    return LinkSnapshot.objects.filter(item_link__item=item).select_related("item_link")[:limit]


def alerts(year: ItaYear, limit: int = 20):
    return LinkAlert.objects.filter(snapshot__item_link__item__year=year).select_related(
        "snapshot__item_link__item", "recipient")[:limit]


def tags_of(item: ItaItem):
    return EvidenceTag.objects.filter(item=item).select_related("content_type", "indicator", "created_by")


def tags_for_indicator(indicator):
    """Evidence tagged to a plan indicator (shown wherever the plan asks for it)."""
    return EvidenceTag.objects.filter(indicator=indicator).select_related("item__year")


def regimes_of(tag: EvidenceTag) -> list[str]:
    """Every regime the same piece of evidence is tagged to (OIT/EB item codes and plan indicators)."""
    same = EvidenceTag.objects.filter(content_type=tag.content_type, object_id=tag.object_id, url=tag.url)
    names = []
    for other in same.select_related("item__year", "indicator"):
        kind = other.item.get_kind_display().split(" ")[0]
        names.append(f"{kind} {other.item.code} ({other.item.year.fiscal_year})")
        if other.indicator_id:
            names.append(f"ตัวชี้วัด {other.indicator}")
    return sorted(set(names))
