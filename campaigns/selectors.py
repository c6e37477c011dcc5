"""Reads of the roster and the campaigns: who is on the roster on a date, who acknowledged, who not yet."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from campaigns.models import Acknowledgement, Campaign, ExecutiveLevel, StaffMember
from core.thai import fiscal_year_bounds
from org.models import Unit


def as_of_for(fiscal_year: int, today: datetime.date | None = None) -> datetime.date:
    """The roster date of a fiscal year's figures: the year's last day, or today while the year runs."""
    today = today or timezone.localdate()
    return min(today, fiscal_year_bounds(fiscal_year)[1])


def roster(agency: Unit, day: datetime.date, *, units: QuerySet | None = None) -> QuerySet[StaffMember]:
    qs = StaffMember.objects.filter(agency=agency).filter(StaffMember.active_on(day)).select_related("unit")
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs


def audience(campaign: Campaign, day: datetime.date, *, units: QuerySet | None = None) -> QuerySet:
    """The people a staff campaign asks (everyone, or the executives only)."""
    qs = roster(campaign.agency, day, units=units)
    if campaign.audience == Campaign.Audience.EXECUTIVES:
        qs = qs.exclude(executive_level=ExecutiveLevel.NONE)
    return qs


def target_units(agency: Unit) -> QuerySet[Unit]:
    """The units a unit campaign asks: every active unit of the agency counted among "all units"."""
    return Unit.objects.filter(path__startswith=agency.path, is_active=True, reports_on_plan=True).exclude(
        pk=agency.pk).order_by("path")


def acknowledged_staff_ids(campaigns) -> set[int]:
    return set(Acknowledgement.objects.filter(campaign__in=campaigns, staff__isnull=False)
               .values_list("staff_id", flat=True))


def acknowledged_unit_ids(campaigns) -> set[int]:
    return set(Acknowledgement.objects.filter(campaign__in=campaigns, staff__isnull=True)
               .values_list("unit_id", flat=True))


def not_yet(campaign: Campaign, day: datetime.date, *, units: QuerySet | None = None) -> list:
    """Who (staff campaign) or which units (unit campaign) have not acknowledged yet."""
    if campaign.for_units:
        pool = target_units(campaign.agency)
        if units is not None:
            pool = pool.filter(pk__in=units.values("pk"))
        done = acknowledged_unit_ids([campaign])
        return [u for u in pool if u.pk not in done]
    done = acknowledged_staff_ids([campaign])
    return [m for m in audience(campaign, day, units=units) if m.pk not in done]


@dataclass(frozen=True)
class Share:
    done: int
    total: int

    @property
    def percent(self):
        from decimal import Decimal

        return (Decimal(self.done * 100) / self.total) if self.total else None


def share(campaigns, kind_audience: str, agency: Unit, day: datetime.date,
          *, units: QuerySet | None = None) -> Share:
    """Of the roster (or the units) as of `day`, how many acknowledged any of `campaigns`."""
    if kind_audience == Campaign.Audience.UNITS:
        pool = target_units(agency)
        if units is not None:
            pool = pool.filter(pk__in=units.values("pk"))
        ids = set(pool.values_list("pk", flat=True))
        return Share(len(ids & acknowledged_unit_ids(campaigns)), len(ids))
    qs = roster(agency, day, units=units)
    if kind_audience == Campaign.Audience.EXECUTIVES:
        qs = qs.exclude(executive_level=ExecutiveLevel.NONE)
    ids = set(qs.values_list("pk", flat=True))
    return Share(len(ids & acknowledged_staff_ids(campaigns)), len(ids))


def campaign_share(campaign: Campaign, day: datetime.date | None = None, *, units=None) -> Share:
    return share([campaign], campaign.audience, campaign.agency, day or as_of_for(campaign.fiscal_year),
                 units=units)


def year_campaigns(agency: Unit, fiscal_year: int, kind: str) -> list[Campaign]:
    return list(Campaign.objects.filter(agency=agency, fiscal_year=fiscal_year, kind=kind).order_by("id"))


def unit_rows(campaign: Campaign, units: QuerySet, day: datetime.date) -> list[tuple[Unit, Share]]:
    """Per unit (of `units`) the share of the campaign, for the campaign's page."""
    rows = []
    if campaign.for_units:
        done = acknowledged_unit_ids([campaign])
        for unit in target_units(campaign.agency).filter(pk__in=units.values("pk")):
            rows.append((unit, Share(1 if unit.pk in done else 0, 1)))
        return rows
    done = acknowledged_staff_ids([campaign])
    counts: dict[int, list[int]] = {}
    for member_id, unit_id in audience(campaign, day, units=units).values_list("pk", "unit_id"):
        entry = counts.setdefault(unit_id, [0, 0])
        entry[1] += 1
        entry[0] += member_id in done
    for unit in Unit.objects.filter(pk__in=counts).order_by("path"):
        rows.append((unit, Share(*counts[unit.pk])))
    return rows


def unit_acknowledgement(campaign: Campaign, unit: Unit) -> Acknowledgement | None:
    return Acknowledgement.objects.filter(campaign=campaign, unit=unit, staff__isnull=True).first()


def acknowledgements_of(campaign: Campaign, *, units: QuerySet | None = None) -> QuerySet:
    qs = Acknowledgement.objects.filter(campaign=campaign).select_related("staff", "unit", "file")
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs
