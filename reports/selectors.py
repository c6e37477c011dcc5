"""Reads for the reporting loop, always through the policy's `scope` so pages, API and exports agree."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import Role, RoleAssignment, User
from org.models import Unit
from plans.models import Activity, Indicator
from reports.models import (
    Evidence,
    EvidenceLink,
    EvidenceRevision,
    IndicatorResult,
    Report,
    ReportRow,
    ReviewComment,
    Round,
)

REPORT_RELATED = ("round__plan__agency", "activity__measure__policy", "unit")


def rounds_visible(user) -> QuerySet[Round]:
    """Rounds of the agencies inside which the user holds a role (the policy's agency-level rule)."""
    return policy.scope(user, "round.view", Round.objects.select_related("plan", "plan__agency"))


def reports_visible(user, round_: Round | None = None) -> QuerySet[Report]:
    qs = Report.objects.select_related(*REPORT_RELATED)
    if round_ is not None:
        qs = qs.filter(round=round_)
    return policy.scope(user, "report.view", qs)


# What a unit should look at first: returned reports, then drafts, then what is waiting for others.
_URGENCY = Case(
    When(status=Report.Status.RETURNED, then=Value(0)),
    When(status=Report.Status.DRAFT, version__gt=0, then=Value(1)),
    When(status=Report.Status.DRAFT, then=Value(2)),
    When(status=Report.Status.SUBMITTED, then=Value(3)),
    When(status=Report.Status.ENDORSED, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def reports_to_edit(user) -> QuerySet[Report]:
    """The user's own unit work in open rounds, most urgent first."""
    qs = Report.objects.select_related(*REPORT_RELATED).filter(round__status=Round.Status.OPEN)
    return (
        policy.scope(user, "report.edit", qs)
        .annotate(urgency=_URGENCY)
        .order_by(
            "round__due_on",
            "round_id",
            "urgency",
            "activity__measure__policy__number",
            "activity__measure__sort_key",
            "activity__sort_order",
            "unit__sort_order",
        )
    )


def group_by_round(reports) -> list[tuple[Round, list[Report]]]:
    groups: dict[int, tuple[Round, list[Report]]] = {}
    for report in reports:
        groups.setdefault(report.round_id, (report.round, []))[1].append(report)
    return list(groups.values())


def reports_to_review(user) -> QuerySet[Report]:
    qs = Report.objects.select_related(*REPORT_RELATED).filter(
        Q(status=Report.Status.ENDORSED)
        | Q(status=Report.Status.SUBMITTED, round__requires_endorsement=False)
    )
    return policy.scope(user, "report.review", qs).order_by("submitted_at")


def reports_to_endorse(user) -> QuerySet[Report]:
    qs = Report.objects.select_related(*REPORT_RELATED).filter(
        status=Report.Status.SUBMITTED, round__requires_endorsement=True
    )
    return policy.scope(user, "report.endorse", qs).order_by("submitted_at")


def report_for(user, pk: int, action: str = "report.view") -> Report:
    """A report the user may act on, with what the form shows; 404 (not 403) outside the user's scope."""
    qs = policy.scope(user, action, Report.objects.select_related(*REPORT_RELATED, "activity__measure"))
    return get_object_or_404(qs, pk=pk)


def report_content(report: Report) -> dict:
    """Rows, indicators with results, evidence and comments of one report, in a fixed number of queries."""
    rows = list(report.rows.all())
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report)}
    indicators = list(Indicator.objects.filter(activity_id=report.activity_id).order_by("sort_order", "id"))
    evidence = list(
        Evidence.objects.filter(report=report, removed_at__isnull=True)
        .prefetch_related(Prefetch("revisions", queryset=EvidenceRevision.objects.order_by("number")))
        .select_related("row")
    )
    links = list(EvidenceLink.objects.filter(report=report, removed_at__isnull=True).select_related("row"))
    comments = list(ReviewComment.objects.filter(report=report).select_related("author", "row"))
    return {
        "rows": rows,
        "indicators": [(ind, results.get(ind.pk)) for ind in indicators],
        "evidence": evidence,
        "links": links,
        "comments": comments,
        "open_comments": [c for c in comments if not c.resolved],
        "submissions": list(report.submissions.select_related("submitted_by", "decided_by")),
    }


def row_by_id(report: Report, row_id) -> ReportRow | None:
    if not row_id:
        return None
    return ReportRow.objects.filter(report=report, pk=row_id).first()


def ancestor_paths(unit: Unit) -> list[str]:
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def users_with_role_over(units: Iterable[Unit], roles: Iterable[str]) -> list[User]:
    """Active users holding one of `roles` over any of `units` (a role covers its unit's whole subtree)."""
    paths = {p for unit in units for p in ancestor_paths(unit)}
    if not paths:
        return []
    user_ids = RoleAssignment.objects.filter(
        role__in=list(roles), unit__path__in=paths, unit__is_active=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def reviewers_of(report: Report) -> list[User]:
    """Host-unit coordinators review unit reports; the plan administrators review host summaries, and any
    report whose activity has no coordinator."""
    hosts = list(report.activity.host_units.all())
    coordinators = [] if report.is_summary else users_with_role_over(hosts, [Role.COORDINATOR])
    if coordinators:
        return coordinators
    return users_with_role_over([report.round.plan.agency], [Role.PLAN_ADMIN])


def writers_of(report: Report) -> list[User]:
    return users_with_role_over([report.unit], [Role.REPORTER, Role.UNIT_HEAD])


def heads_of(unit: Unit) -> list[User]:
    return users_with_role_over([unit], [Role.UNIT_HEAD])


def round_status_counts(round_: Round) -> dict[str, int]:
    rows = Report.objects.filter(round=round_).values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


def activities_of(round_: Round) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(measure__policy__plan=round_.plan)
        .select_related("measure__policy")
        .order_by("measure__policy__number", "measure__sort_key", "sort_order", "id")
    )


def reports_changed_since(round_, when) -> int:
    """How many of the round's reports were sent or reviewed after `when` (the last compile): the figures
    of an edited summary may no longer match the tables."""
    from django.db.models import Q

    if when is None:
        return 0
    return (
        Report.objects.filter(round=round_)
        .filter(Q(submitted_at__gt=when) | Q(reviewed_at__gt=when))
        .count()
    )
