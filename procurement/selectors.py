"""Reads: which projects a person may see, the public record, and the per-year relationship list."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts import policy
from procurement import search
from procurement.models import (
    Bid,
    CommitteeMember,
    DocumentBuyer,
    Official,
    ProcurementPlan,
    Project,
    PublicationChannel,
    Relationship,
    Supplier,
    YearReview,
)


def projects_for(user, action: str = "procurement.view") -> QuerySet[Project]:
    return policy.scope(user, action, Project.objects.select_related("unit", "winner"))


def _public_agency(agency):
    """`agency`, else the one the public request's /a/<code>/ prefix serves (org.serving); None without
    either: the unprefixed public pages list every agency's records."""
    from org.selectors import served_agency

    return agency if agency is not None else served_agency()


def public_projects(agency=None) -> QuerySet[Project]:
    qs = Project.objects.public().select_related("unit", "winner")
    agency = _public_agency(agency)
    return qs if agency is None else qs.filter(unit__path__startswith=agency.path)


def filter_projects(qs: QuerySet[Project], *, fiscal_year=None, method=None, status=None, query=None,
                    unit=None) -> QuerySet[Project]:
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    if method:
        qs = qs.filter(method=method)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if query:
        qs = search.filter_queryset(qs, query)
    return qs


def fiscal_years(qs: QuerySet[Project]) -> list[int]:
    return sorted({y for y in qs.values_list("fiscal_year", flat=True).distinct() if y}, reverse=True)


def project_detail(qs: QuerySet[Project], pk: int) -> Project:
    return qs.prefetch_related(
        Prefetch("bids", queryset=Bid.objects.select_related("supplier").order_by("amount", "id")),
        Prefetch("document_buyers", queryset=DocumentBuyer.objects.select_related("supplier")),
        Prefetch("committee", queryset=CommitteeMember.objects.select_related("official")),
    ).select_related("plan_item__plan").get(pk=pk)


def public_plans(agency=None) -> QuerySet[ProcurementPlan]:
    qs = ProcurementPlan.objects.filter(status=ProcurementPlan.Status.PUBLISHED).select_related("unit")
    agency = _public_agency(agency)
    return qs if agency is None else qs.filter(unit__path__startswith=agency.path)


def plans_for(user) -> QuerySet[ProcurementPlan]:
    return policy.scope(user, "procurement.view", ProcurementPlan.objects.select_related("unit"))


def officials_for(user) -> QuerySet[Official]:
    return policy.scope(user, "procurement.view", Official.objects.select_related("unit")).annotate(
        relative_count=Count("relatives", distinct=True), employer_count=Count("employers", distinct=True))


def relationship_list(user, fiscal_year: int | None, *, include_rejected: bool = False) -> list[dict]:
    """The plan's per-year list: ties to suppliers that bought documents, bid or won in that year's projects.

    Each row names the projects of the year the supplier took part in and whether the official sat on one of
    their committees (the case that matters most).
    """
    rows = policy.scope(user, "procurement.view", Relationship.objects.all()).select_related(
        "official", "relative", "employer", "person", "supplier")
    if not include_rejected:
        rows = rows.exclude(status=Relationship.Status.REJECTED)
    projects = Project.objects.all()
    if fiscal_year:
        projects = projects.filter(fiscal_year=fiscal_year)
    taking_part = Q(project__in=projects)
    supplier_projects: dict[int, set[int]] = {}
    for model in (Bid, DocumentBuyer):
        pairs = model.objects.filter(taking_part).values_list("supplier_id", "project_id")
        for supplier_id, project_id in pairs:
            supplier_projects.setdefault(supplier_id, set()).add(project_id)
    for supplier_id, project_id in projects.filter(winner__isnull=False).values_list("winner_id", "id"):
        supplier_projects.setdefault(supplier_id, set()).add(project_id)
    involved = list(rows.filter(supplier_id__in=list(supplier_projects)))
    project_ids = {pid for r in involved for pid in supplier_projects[r.supplier_id]}
    titles = dict(Project.objects.filter(pk__in=project_ids).values_list("pk", "title"))
    seats: dict[int, set[int]] = {}
    for official_id, project_id in CommitteeMember.objects.filter(project_id__in=project_ids).values_list(
            "official_id", "project_id"):
        seats.setdefault(official_id, set()).add(project_id)
    out = []
    for row in involved:
        ids = sorted(supplier_projects[row.supplier_id])
        out.append({"relationship": row, "path": row.path(),
                    "projects": [(pid, titles.get(pid, "")) for pid in ids],
                    "on_committee": sorted(seats.get(row.official_id, set()) & set(ids))})
    out.sort(key=lambda r: (r["relationship"].status != Relationship.Status.PENDING, not r["on_committee"],
                            -r["relationship"].score))
    return out


def supplier_search(query: str, limit: int = 20) -> QuerySet[Supplier]:
    from procurement.names import company_key

    key = company_key(query)
    return Supplier.objects.filter(Q(name__icontains=query.strip()) | Q(name_key__contains=key) |
                                   Q(juristic_id=query.strip())).order_by("name")[:limit]


def project_ties(user, project: Project) -> list[dict]:
    """Known ties between officials and the suppliers taking part in this project; committee members first."""
    suppliers = ({b.supplier_id for b in project.bids.all()}
                 | {d.supplier_id for d in project.document_buyers.all()})
    if project.winner_id:
        suppliers.add(project.winner_id)
    rows = (policy.scope(user, "procurement.view", Relationship.objects.filter(supplier_id__in=suppliers))
            .exclude(status=Relationship.Status.REJECTED)
            .select_related("official", "relative", "employer", "person", "supplier"))
    seated = {m.official_id for m in project.committee.all()}
    ties = [{"relationship": r, "path": r.path(), "on_committee": r.official_id in seated} for r in rows]
    return sorted(ties, key=lambda t: (not t["on_committee"], -t["relationship"].score))


def year_plans(unit, fiscal_year: int) -> QuerySet[ProcurementPlan]:
    """The annual procurement plans of a unit and the units under it for one fiscal year (all statuses)."""
    return ProcurementPlan.objects.filter(unit__path__startswith=unit.path, fiscal_year=fiscal_year) \
        .select_related("unit").order_by("unit__path")


def year_reviews(unit, fiscal_year: int) -> QuerySet[YearReview]:
    """The recorded analyses of a finished fiscal year's procurement, for a unit and the units under it."""
    return YearReview.objects.filter(unit__path__startswith=unit.path, fiscal_year=fiscal_year) \
        .select_related("unit").prefetch_related("files").order_by("unit__path")


AWARDED_STATUSES = (Project.Status.AWARDED, Project.Status.CONTRACTED, Project.Status.COMPLETED)


def year_awarded_projects(unit, fiscal_year: int) -> QuerySet[Project]:
    """A fiscal year's projects that reached the award, for a unit and the units under it, with how many
    bids each records."""
    return Project.objects.filter(unit__path__startswith=unit.path, fiscal_year=fiscal_year,
                                  status__in=AWARDED_STATUSES) \
        .annotate(bid_count=Count("bids", distinct=True)).order_by("unit__path", "id")


def year_channels(unit, fiscal_year: int) -> QuerySet[PublicationChannel]:
    """The recorded publication channels of a fiscal year's procurement plans, for a unit and the units
    under it, with their files."""
    return PublicationChannel.objects.filter(plan__unit__path__startswith=unit.path,
                                             plan__fiscal_year=fiscal_year) \
        .select_related("plan__unit").prefetch_related("files").order_by("published_on", "id")
