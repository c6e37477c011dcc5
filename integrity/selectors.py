"""Reads of the integrity registers. Year reads (for the plan's computed indicators and the yearly report)
take an agency and a fiscal year and see the whole agency; page reads take the user and go through the
policy. Declarations and discipline cases are confidential: reading one writes an audit entry."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from accounts import policy
from audit.services import audit_record
from core.thai import fiscal_year_bounds
from integrity.models import (
    CampaignEvent,
    CoiYearReport,
    Declaration,
    DisciplineCase,
    ExecutiveReminder,
    GiftRecord,
    Issuance,
    IssuanceReview,
    NoGiftPolicy,
)


def user_agency(user):
    """The agency whose registers a person works on: their unit's, or the first agency for someone without
    a unit (a system administrator)."""
    from org.selectors import agencies, agency_of

    if getattr(user, "unit_id", None):
        return agency_of(user.unit)
    return agencies().order_by("id").first()


def _in_agency(qs: QuerySet, agency, field: str = "unit") -> QuerySet:
    return qs.filter(**{f"{field}__path__startswith": agency.path})


def _in_year(qs: QuerySet, field: str, fiscal_year: int) -> QuerySet:
    start, end = fiscal_year_bounds(fiscal_year)
    return qs.filter(**{f"{field}__gte": start, f"{field}__lte": end})


def march_end(fiscal_year: int) -> datetime.date:
    """31 March inside the fiscal year (the plan's "ภายในเดือนมีนาคม")."""
    return datetime.date(fiscal_year_bounds(fiscal_year)[1].year, 3, 31)


def year_events(agency, fiscal_year: int) -> QuerySet[CampaignEvent]:
    return _in_year(
        _in_agency(CampaignEvent.objects.select_related("unit"), agency), "held_on", fiscal_year
    ).order_by("held_on", "id")


def year_reminders(agency, fiscal_year: int) -> QuerySet[ExecutiveReminder]:
    return _in_year(_in_agency(ExecutiveReminder.objects.all(), agency), "met_on", fiscal_year).order_by(
        "met_on", "id"
    )


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start, _ = fiscal_year_bounds(fiscal_year)
    month = start.month + 3 * (quarter - 1)
    first = datetime.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    nxt = first.month + 3
    after = datetime.date(first.year + (nxt - 1) // 12, (nxt - 1) % 12 + 1, 1)
    return first, after - datetime.timedelta(days=1)


def year_gifts(agency, fiscal_year: int) -> QuerySet[GiftRecord]:
    return _in_year(
        _in_agency(GiftRecord.objects.select_related("unit"), agency), "received_on", fiscal_year
    ).order_by("received_on", "id")


def year_declarations(agency, fiscal_year: int) -> QuerySet[Declaration]:
    return _in_agency(Declaration.objects.all(), agency).filter(fiscal_year=fiscal_year)


def year_no_gift(agency, fiscal_year: int) -> NoGiftPolicy | None:
    return (
        NoGiftPolicy.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("announced_on").first()
    )


def coi_report(agency, fiscal_year: int) -> CoiYearReport | None:
    return CoiYearReport.objects.filter(agency=agency, fiscal_year=fiscal_year).first()


def year_issuances(agency, fiscal_year: int) -> QuerySet[Issuance]:
    return _in_year(
        _in_agency(Issuance.objects.prefetch_related("reviews"), agency), "issued_on", fiscal_year
    ).order_by("issued_on", "id")


def latest_review(issuance: Issuance) -> IssuanceReview | None:
    reviews = sorted(issuance.reviews.all(), key=lambda r: (r.reviewed_on, r.pk))
    return reviews[-1] if reviews else None


@dataclass
class ExecutiveStanding:
    name: str
    position: str
    issuances: list[Issuance]
    unreviewed: int
    flagged: int

    @property
    def clean(self) -> bool:
        return bool(self.issuances) and not self.unreviewed and not self.flagged


def executives_standing(agency, fiscal_year: int) -> list[ExecutiveStanding]:
    """Each executive who issued something in the year, with how many issuances are unreviewed or flagged
    (an issuance counts by its latest review)."""
    by_name: dict[str, ExecutiveStanding] = {}
    for issuance in year_issuances(agency, fiscal_year):
        entry = by_name.setdefault(
            issuance.issuer_key, ExecutiveStanding(issuance.issuer_key, issuance.issuer_position, [], 0, 0)
        )
        entry.issuances.append(issuance)
        review = latest_review(issuance)
        if review is None:
            entry.unreviewed += 1
        elif review.verdict != IssuanceReview.Verdict.CLEAN:
            entry.flagged += 1
    return sorted(by_name.values(), key=lambda e: e.name)


def clean_share(standing: list[ExecutiveStanding]) -> Decimal | None:
    if not standing:
        return None
    return (Decimal(sum(1 for e in standing if e.clean)) * 100 / len(standing)).quantize(Decimal("0.01"))


# ---- discipline: counts leave the register, contents do not ---------------------------------------------


def year_cases_completed(agency, fiscal_year: int) -> int:
    return (
        _in_year(_in_agency(DisciplineCase.objects.all(), agency), "completed_on", fiscal_year)
        .filter(stage=DisciplineCase.Stage.COMPLETED)
        .count()
    )


@dataclass
class CaseCounts:
    fiscal_year: int
    opened: int
    completed: int
    open_now: int
    by_stage: list[tuple[str, int]]
    by_basis: list[tuple[str, int]]
    from_complaints: int


def case_counts(user, fiscal_year: int, agency=None) -> CaseCounts:
    """Counts of the cases the user may count (the discipline officers' and the readers' scope); for the
    system (user None) the agency's."""
    if user is None:
        qs = _in_agency(DisciplineCase.objects.all(), agency)
    else:
        qs = policy.scope(user, "integrity.discipline.counts", DisciplineCase.objects.all())
        if agency is not None:
            qs = _in_agency(qs, agency)
    opened = _in_year(qs, "opened_on", fiscal_year)
    completed = _in_year(qs, "completed_on", fiscal_year).filter(stage=DisciplineCase.Stage.COMPLETED)
    open_now = qs.exclude(stage=DisciplineCase.Stage.COMPLETED)
    stages = Counter(open_now.values_list("stage", flat=True))
    bases = Counter(opened.values_list("legal_basis", flat=True))
    return CaseCounts(
        fiscal_year,
        opened.count(),
        completed.count(),
        open_now.count(),
        [
            (label, stages.get(value, 0))
            for value, label in DisciplineCase.Stage.choices
            if value != DisciplineCase.Stage.COMPLETED
        ],
        [(label, bases.get(value, 0)) for value, label in DisciplineCase.LegalBasis.choices],
        opened.filter(source=DisciplineCase.Source.COMPLAINT).count(),
    )


def cases_visible(user) -> QuerySet[DisciplineCase]:
    return policy.scope(user, "integrity.discipline.view", DisciplineCase.objects.select_related("unit"))


def case_read(user, pk: int) -> DisciplineCase:
    """One case for a discipline officer; the read is recorded. Anyone else is refused (Denied), even
    knowing the number."""
    case = cases_visible(user).filter(pk=pk).first()
    if case is None:
        raise policy.Denied("integrity.discipline.view", "เรื่องวินัยเปิดดูได้เฉพาะเจ้าหน้าที่วินัยที่รับผิดชอบ")
    audit_record(actor=user, action="integrity.case_read", obj=case, unit=case.unit)
    return case


def log_list_read(user, action: str, objects, unit=None) -> None:
    """A list of confidential records is a read of each: one entry naming them."""
    ids = [o.pk for o in objects]
    if ids:
        audit_record(
            actor=user,
            action=action,
            unit=unit,
            object_type="list",
            object_id=",".join(map(str, ids))[:64],
            object_label=f"รายการ {len(ids)} รายการ",
            new={"ids": ids},
        )


# ---- declarations: the declarant, the head of the declarant's unit, the CoI officers ----------------------


def declarations_visible(user) -> QuerySet[Declaration]:
    if not getattr(user, "is_authenticated", False):
        return Declaration.objects.none()
    scoped = policy.scope(user, "integrity.declaration.view", Declaration.objects.all())
    return Declaration.objects.filter(Q(pk__in=scoped.values("pk")) | Q(declarant=user)).select_related(
        "declarant", "unit"
    )


def may_view_declaration(user, declaration: Declaration) -> bool:
    return declaration.declarant_id == getattr(user, "pk", None) or policy.can(
        user, "integrity.declaration.view", declaration
    )


def declaration_read(user, pk: int) -> Declaration:
    declaration = declarations_visible(user).filter(pk=pk).first()
    if declaration is None:
        raise policy.Denied(
            "integrity.declaration.view",
            "การแจ้งส่วนได้เสียเปิดดูได้เฉพาะผู้แจ้ง หัวหน้าหน่วยงานของผู้แจ้ง และเจ้าหน้าที่ผลประโยชน์ทับซ้อน",
        )
    audit_record(actor=user, action="integrity.declaration_read", obj=declaration, unit=declaration.unit)
    return declaration


# ---- the yearly CoI report ------------------------------------------------------------------------------


def year_statistics(agency, fiscal_year: int) -> dict:
    """What the yearly summary reports, as plain values (kept with the report when generated)."""
    events = list(year_events(agency, fiscal_year))
    reminders = list(year_reminders(agency, fiscal_year))
    gifts = list(year_gifts(agency, fiscal_year))
    declarations = year_declarations(agency, fiscal_year)
    no_gift = year_no_gift(agency, fiscal_year)
    quarters = {q: 0 for q in range(1, 5)}
    for r in reminders:
        for q in quarters:
            first, last = quarter_bounds(fiscal_year, q)
            if first <= r.met_on <= last:
                quarters[q] += 1
    handling = Counter(g.handling for g in gifts)
    return {
        "events": [
            {
                "held_on": e.held_on.isoformat(),
                "title": e.title,
                "unit": e.unit.short_name,
                "audience": e.audience,
                "attendance": e.attendance,
            }
            for e in events
        ],
        "attendance": sum(e.attendance for e in events),
        "reminders_by_quarter": quarters,
        "declarations": declarations.count(),
        "declarations_with_interest": declarations.filter(has_interest=True).count(),
        "declarations_pending": declarations.filter(decision=Declaration.Decision.PENDING).count(),
        "gifts": len(gifts),
        "gifts_over_limit": sum(1 for g in gifts if not g.within_limit),
        "gifts_by_handling": {label: handling.get(value, 0) for value, label in GiftRecord.Handling.choices},
        "no_gift_policy": (
            {
                "title": no_gift.title,
                "announced_on": no_gift.announced_on.isoformat(),
                "announced_by": no_gift.announced_by,
            }
            if no_gift
            else None
        ),
    }
