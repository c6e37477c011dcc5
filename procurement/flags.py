"""Red flags for a project page: the project's own flags plus those found by comparing it with every other
published project (repeat winners, split purchases, outliers). The comparison is cached until data changes."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max

from procurement.leadtime import check_project
from procurement.models import Project
from procurement.ocds.build import compiled_from_release, release_from_project
from procurement.redflags import Flag, explain, screen
from procurement.redflags.explain import cardinal_text
from procurement.redflags.ocds import party_names

# R003 (a short submission period) judges the same period as the legal minimum of the lead-time rules.
PERIOD_CODE = "R003"

# These indicators call a value abnormal against the distribution of all other processes (quartile fences).
# With a handful of processes the fences are meaningless (one process is its own outlier), so they are shown
# only once enough published processes exist to compare with.
OUTLIER_CODES = {"R024", "R025", "R038", "R048", "R058"}
MIN_POPULATION = 30


def _population_key() -> str:
    stats = Project.objects.public().aggregate(n=Count("id"), changed=Max("updated_at"))
    return f"procurement-flags:{stats['n']}:{stats['changed'].isoformat() if stats['changed'] else ''}"


def population_result():
    key = _population_key()
    cached = cache.get(key)
    if cached is None:
        texts = Project.objects.public().exclude(compiled_text="").values_list("compiled_text", flat=True)
        cached = (screen(texts.iterator(chunk_size=500), include_thai=True), texts.count())
        cache.set(key, cached, 3600)
    return cached


def project_flags(project: Project, *, population: bool = True, private: bool = False) -> list:
    """Flags from what is published; `private` (staff pages) also screens bids and document buyers that are
    not public yet, so officers see a problem before the public can."""
    if not project.compiled_text:
        return []
    compiled = project.compiled
    if private and project.is_editable:
        preview = release_from_project(project, tag="tenderUpdate", release_id="preview",
                                       date=compiled.get("date"), private=True)
        compiled = compiled_from_release(preview)
    flags = list(explain(compiled))
    if population and project.is_public:
        seen = {f.id for f in flags}
        result, size = population_result()
        for flag in explain(result, project.ocid, names=party_names(compiled)):
            if flag.id in OUTLIER_CODES and size < MIN_POPULATION:
                continue
            if flag.id not in seen:
                flags.append(flag)
                seen.add(flag.id)
    return sorted(_legal_period(project, flags), key=lambda f: f.id)


def _legal_period(project: Project, flags: list) -> list:
    """One threshold for the announcement period on a page: where a lead-time rule (the law's minimum, kept
    as data) covers the project, R003 is raised from that rule's check, with its days and day kind, instead
    of the indicator's generic threshold; without such a rule the indicator stays as screened."""
    check = check_project(project)
    if check.rule is None:
        return flags
    kept = [f for f in flags if f.id != PERIOD_CODE]
    if check.ok is False:
        text = cardinal_text(PERIOD_CODE)
        kept.append(Flag(id=PERIOD_CODE, title=text["title"], explanation=check.message,
                         description=text.get("description", ""), key=project.ocid,
                         data={"days": check.days, "threshold": check.required,
                               "day_kind": check.rule.day_kind, "rule": check.rule.pk}))
    return kept


# Projects still running: a flag on one of these can still be acted on.
OPEN_STATUSES = (Project.Status.DRAFT, Project.Status.ANNOUNCED, Project.Status.QUALIFIED,
                 Project.Status.AWARDED, Project.Status.CONTRACTED)


def open_flagged_ids() -> set[int]:
    """Ids of the projects still running with at least one red flag (the project page's flags, as published).
    Screening is costly, so the set is kept until a project changes (the same key as the population's)."""
    changed = Project.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    at = changed["at"].isoformat() if changed["at"] else ""
    key = f"{_population_key()}:open-flagged:{changed['n']}:{at}"
    found = cache.get(key)
    if found is None:
        found = {p.pk for p in Project.objects.filter(status__in=OPEN_STATUSES).exclude(compiled_text="")
                 if project_flags(p)}
        cache.set(key, found, 3600)
    return found


def open_flagged_projects(user):
    """The running projects with red flags that the user may view: the project list's `flagged=1` filter."""
    from procurement.selectors import projects_for

    return projects_for(user).filter(pk__in=open_flagged_ids())
