"""Reads of the registers: scoped lists for the pages and the API, the published manuals for the public page,
and the yearly figures the plan's computed indicators take (reports/computed_registers.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from accounts import policy
from org.models import Unit
from org.selectors import reporting_units, resolve_unit_group, unit_subtree
from registers.models import (
    ComplianceReport,
    IcRound,
    IcSubmission,
    ManualReview,
    ManualVersion,
    Process,
    PublicityEntry,
    WorkplaceAssessment,
    WorkplaceAward,
)


def _in_agency(qs: QuerySet, agency: Unit, path: str) -> QuerySet:
    return qs.filter(**{f"{path}__path__startswith": agency.path})


# ------------------------------------------------------------------ lists for pages and the API
def processes_visible(user, *, agency: Unit | None = None) -> QuerySet[Process]:
    qs = Process.objects.select_related("unit").prefetch_related(
        Prefetch("versions", queryset=ManualVersion.objects.prefetch_related("files")),
        Prefetch("reviews", queryset=ManualReview.objects.select_related("version")))
    if agency is not None:
        qs = _in_agency(qs, agency, "unit")
    return policy.scope(user, "manual.view", qs)


def compliance_visible(user) -> QuerySet[ComplianceReport]:
    return policy.scope(user, "manual.view", ComplianceReport.objects.select_related("unit")
                        .prefetch_related("files"))


def reviews_visible(user, fiscal_year: int | None = None) -> QuerySet[ManualReview]:
    qs = ManualReview.objects.select_related("process__unit", "version")
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    return policy.scope(user, "manual.view", qs)


def ic_rounds(agency: Unit) -> QuerySet[IcRound]:
    return IcRound.objects.filter(agency=agency).order_by("-fiscal_year", "number")


def ic_submissions_visible(user, round_: IcRound | None = None) -> QuerySet[IcSubmission]:
    qs = IcSubmission.objects.select_related("unit", "round").prefetch_related("files")
    if round_ is not None:
        qs = qs.filter(round=round_)
    return policy.scope(user, "icontrol.view", qs)


def assessments_visible(user, fiscal_year: int | None = None) -> QuerySet[WorkplaceAssessment]:
    qs = WorkplaceAssessment.objects.select_related("unit").prefetch_related("awards", "files")
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    return policy.scope(user, "workplace.view", qs)


def publicity_visible(user, fiscal_year: int | None = None) -> QuerySet[PublicityEntry]:
    qs = PublicityEntry.objects.select_related("unit").prefetch_related("files")
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    return policy.scope(user, "publicity.view", qs)


def published_versions(agency: Unit | None = None) -> QuerySet[ManualVersion]:
    """The manuals and standards open to everyone (ITA evidence): published and carrying a file."""
    qs = (ManualVersion.objects.filter(is_published=True, files__isnull=False).distinct()
          .select_related("process__unit").prefetch_related("files")
          .order_by("process__unit__path", "process__name", "document_type", "-effective_on"))
    if agency is not None:
        qs = _in_agency(qs, agency, "process__unit")
    return qs


# ------------------------------------------------------------------ internal control: who is late or missing
@dataclass
class RoundStatus:
    round: IcRound
    expected: list[Unit]
    on_time: list[IcSubmission] = field(default_factory=list)
    late: list[IcSubmission] = field(default_factory=list)
    missing: list[Unit] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def ic_expected_units(agency: Unit) -> list[Unit]:
    """Every unit that reports on the plan sends its internal control report (the activity names all)."""
    return list(reporting_units(agency).order_by("path"))


def ic_round_status(round_: IcRound, expected: list[Unit] | None = None) -> RoundStatus:
    expected = expected if expected is not None else ic_expected_units(round_.agency)
    submitted = {s.unit_id: s for s in round_.submissions.select_related("unit")}
    status = RoundStatus(round_, expected)
    for unit in expected:
        sub = submitted.get(unit.pk)
        if sub is None:
            status.missing.append(unit)
        elif sub.is_late:
            status.late.append(sub)
        else:
            status.on_time.append(sub)
    return status


def ic_year_status(agency: Unit, fiscal_year: int) -> list[RoundStatus]:
    expected = ic_expected_units(agency)
    return [ic_round_status(r, expected) for r in
            IcRound.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("number")]


# ------------------------------------------------------------------ manuals: reviews per unit in a year
def central_units(agency: Unit) -> list[Unit]:
    """The central units, as the plan's rule "ทุกหน่วยงานส่วนกลาง" (all_central) resolves them."""
    return list(resolve_unit_group(agency=agency, rule="all_central").order_by("path"))


def reviewed_processes_by_unit(agency: Unit, fiscal_year: int) -> dict[int, list[ManualReview]]:
    """Unit id -> the year's reviews, one per process (the latest), of that unit's processes."""
    reviews = (ManualReview.objects
               .filter(fiscal_year=fiscal_year, process__unit__path__startswith=agency.path)
               .select_related("process__unit").order_by("process_id", "-reviewed_on"))
    by_unit: dict[int, list[ManualReview]] = {}
    seen: set[int] = set()
    for review in reviews:
        if review.process_id in seen:
            continue
        seen.add(review.process_id)
        by_unit.setdefault(review.process.unit_id, []).append(review)
    return by_unit


def compliance_reports(agency: Unit, fiscal_year: int) -> QuerySet[ComplianceReport]:
    return (ComplianceReport.objects.filter(fiscal_year=fiscal_year, unit__path__startswith=agency.path)
            .select_related("unit").order_by("reported_on"))


# ------------------------------------------------------------------ healthy workplace and publicity
def year_assessments(agency: Unit, fiscal_year: int) -> list[WorkplaceAssessment]:
    return list(WorkplaceAssessment.objects
                .filter(fiscal_year=fiscal_year, unit__path__startswith=agency.path)
                .select_related("unit").prefetch_related("awards").order_by("unit__path"))


def year_awards(agency: Unit, fiscal_year: int) -> list[WorkplaceAward]:
    return list(WorkplaceAward.objects.filter(assessment__fiscal_year=fiscal_year,
                                              assessment__unit__path__startswith=agency.path)
                .select_related("assessment__unit").order_by("awarded_on"))


def year_publicity(agency: Unit, fiscal_year: int) -> list[PublicityEntry]:
    return list(PublicityEntry.objects.filter(fiscal_year=fiscal_year, unit__path__startswith=agency.path)
                .select_related("unit").order_by("published_on", "pk"))


def units_in(agency: Unit) -> QuerySet[Unit]:
    return unit_subtree(agency).filter(is_active=True)
