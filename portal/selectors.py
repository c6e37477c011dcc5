"""What the portal shows: its own pages and, through the other apps' selectors, the live sections."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.models import LIVE_SECTIONS, Page, PageFile, ResultFile, ResultPublication, Section


def public_agency():
    """The agency the public pages serve: the one named by the /a/<code>/ prefix (org.serving), else the
    first active root unit."""
    from org.selectors import served_agency, unprefixed_agency

    return served_agency() or unprefixed_agency()


def identity(agency=None) -> dict:
    """The agency's name, emblem and contact as every public page heads them."""
    from org.selectors import agency_profile

    agency = agency or public_agency()
    if agency is None:
        return {}
    profile = agency_profile(agency)
    return {"agency": agency, "profile": profile, "has_emblem": profile.has_emblem}


def pages_published(agency, section: str | None = None) -> QuerySet[Page]:
    qs = Page.objects.filter(agency=agency, published_at__isnull=False, unpublished_at__isnull=True)
    if section:
        qs = qs.filter(section=section)
    return qs


def budget_published(agency, kind: str | None = None):
    """The agency's spending plan and reports published by finance (their figures frozen), newest year
    first; all of them in the budget section beside its typed pages, one kind on that kind's page."""
    from budget.selectors import publications_public

    return publications_public(agency, kind=kind)


def budget_kinds() -> dict[str, str]:
    """The kinds of budget publication, each with a page of its own (ITA O18, O19, O20 link one each)."""
    from budget.selectors import publication_kinds

    return publication_kinds()


def budget_kind_is_empty(agency, kind: str, fiscal_year: int | None = None) -> bool:
    """True when the agency's page of `kind` shows nothing (given the ITA's fiscal year: nothing of the years
    that year assesses). An unknown kind has no page to be empty; it answers 404."""
    from budget.selectors import ita_evidence

    if kind not in budget_kinds():
        return False
    if fiscal_year is None:
        return not budget_published(agency, kind).exists()
    return not ita_evidence(agency, kind, fiscal_year).exists()


# Typed sections that records can fill too: a publication there is content as much as a typed page (the ITA
# items link each kind's own page, budget_kind_is_empty, rather than the section of them all).
_RECORDS = {Section.BUDGET: budget_published}


def section_is_empty(agency, key: str) -> bool:
    """True when a typed section has nothing published: its page still answers, but holds no evidence.
    The live sections read their content from the records, so they are never counted empty here."""
    if key not in Section.values or key in LIVE_SECTIONS:
        return False
    if key in _RECORDS and _RECORDS[key](agency).exists():
        return False
    return not pages_published(agency, key).exists()


def news_published(agency, limit: int | None = None) -> QuerySet[Page]:
    qs = pages_published(agency, Section.NEWS).order_by("-event_date", "-published_at", "-id")
    return qs[:limit] if limit else qs


def pages_for_staff(agency) -> QuerySet[Page]:
    return (Page.objects.filter(agency=agency).select_related("published_by")
            .order_by("section", "sort_order", "id"))


def page_files(page: Page) -> QuerySet[PageFile]:
    return page.files.filter(removed_at__isnull=True).order_by("id")


def results_published(agency) -> QuerySet[ResultPublication]:
    return ResultPublication.objects.filter(agency=agency, published_at__isnull=False,
                                            unpublished_at__isnull=True).select_related("round")


def result_files(publication: ResultPublication) -> list[ResultFile]:
    """The files of the publication's current version."""
    return list(publication.files.filter(version=publication.version).order_by("fmt"))


def result_versions(publication: ResultPublication) -> list[tuple[int, list[ResultFile]]]:
    versions: dict[int, list[ResultFile]] = {}
    for f in publication.files.order_by("-version", "fmt"):
        versions.setdefault(f.version, []).append(f)
    return list(versions.items())


def rounds_to_publish(agency) -> list[tuple[object, ResultPublication | None]]:
    """Each compiled round of the agency with its publication (None when never published)."""
    from reports.selectors import rounds_compiled

    rounds = list(rounds_compiled(agency))
    pubs = {p.round_id: p for p in ResultPublication.objects.filter(round__in=rounds)}
    return [(r, pubs.get(r.pk)) for r in rounds]


def structure(agency) -> list:
    """The unit tree as it stands (the structure page is generated, never typed); Unit.depth indents."""
    from org.selectors import unit_tree

    return [u for u in unit_tree(agency) if u.is_active]


def integrity_plans():
    """The public agency's approved plans (the anti-corruption action plan is one of them; plans:detail is
    public); another agency's plans are never listed."""
    from plans.selectors import plans_public

    return plans_public().filter(agency=public_agency()).order_by("-period_start", "-id")


def manuals_url() -> str | None:
    """The registers app's public page of manuals and service standards, if that app offers one."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("registers:public_manuals")
    except NoReverseMatch:
        return None
