"""The national roll-up: every agency's report slots of one kind of round in a fiscal year, how many were
sent and accepted, in one grouped query (the index on (round, status) and the round's plan give the
agency)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q

from reports.models import Report


@dataclass(frozen=True)
class AgencyLine:
    agency_id: int
    slots: int
    sent: int
    accepted: int

    @property
    def pct_sent(self) -> float:
        return round(100 * self.sent / self.slots, 1) if self.slots else 0.0


def national_rollup(*, fiscal_year: int, kind: str) -> list[AgencyLine]:
    rows = (
        Report.objects.filter(round__fiscal_year=fiscal_year, round__kind=kind)
        .order_by()
        .values(agency_id=F("round__plan__agency_id"))
        .annotate(slots=Count("id"), sent=Count("id", filter=Q(status__in=Report.SENT)),
                  accepted=Count("id", filter=Q(status__in=[Report.Status.ACCEPTED, Report.Status.LOCKED])))
        .order_by("agency_id")
    )
    return [AgencyLine(**row) for row in rows]
