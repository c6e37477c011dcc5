"""The public pages: no login, the agency's identity on each (templates/portal/base.html)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts import policy
from core import record_files
from portal import selectors
from portal.models import LIVE_SECTIONS, Page, PageFile, ResultFile, ResultPublication, Section
from portal.text import render as render_body

HOME_FIRST = [  # what a citizen looks for first, in that order
    Section.CONTACT, Section.MANUALS, Section.NEWS, Section.INTEGRITY_PLAN, Section.RESULTS,
]


def _agency():
    agency = selectors.public_agency()
    if agency is None:
        raise Http404("ยังไม่ได้ตั้งค่าหน่วยงาน")
    return agency


def _sections():
    return [(s.value, s.label) for s in Section]


def home(request):
    agency = _agency()
    return render(request, "portal/home.html", {
        "agency": agency, "plans": selectors.integrity_plans(), "sections": _sections(),
        "news": selectors.news_published(agency, limit=5), "results": selectors.results_published(agency)[:3],
        "manuals_url": selectors.manuals_url(), "Section": Section,
    })


def section(request, key: str):
    if key not in Section.values:
        raise Http404("ไม่พบหมวดนี้")
    agency = _agency()
    sec = Section(key)
    pages = selectors.pages_published(agency, key)
    if key == Section.NEWS:
        pages = selectors.news_published(agency)
    shown = [(p, render_body(p.body) if key != Section.NEWS else "") for p in pages]
    context = {"agency": agency, "section": sec, "pages": shown, "live": key in LIVE_SECTIONS,
               "sections": _sections()}
    if key in (Section.CONTACT, Section.SOCIAL):
        context.update(selectors.identity(agency))
    if key == Section.STRUCTURE:
        context["units"] = selectors.structure(agency)
    elif key == Section.INTEGRITY_PLAN:
        context["plans"] = selectors.integrity_plans()
    elif key == Section.RESULTS:
        context["results"] = selectors.results_published(agency)
    elif key == Section.MANUALS:
        context["manuals_url"] = selectors.manuals_url()
    elif key == Section.BUDGET:
        context["budget_publications"] = selectors.budget_published(agency)
        context["budget_kinds"] = selectors.budget_kinds()
    return render(request, "portal/section.html", context)


def budget(request, kind: str):
    """One kind of the spending plan and reports (the page ITA O18, O19 or O20 links), every year of it."""
    kinds = selectors.budget_kinds()
    if kind not in kinds:
        raise Http404("ไม่พบแผนหรือรายงานนี้")
    agency = _agency()
    return render(request, "portal/budget.html", {
        "agency": agency, "kind": kind, "label": kinds[kind], "kinds": kinds, "section": Section.BUDGET,
        "publications": selectors.budget_published(agency, kind), "sections": _sections(),
    })


def _show(request, page: Page):
    staff = policy.can(request.user, "portal.edit", page)
    if page.is_withdrawn and not staff:
        return tombstone(request, page)
    if page.published_at is None and not staff:
        raise Http404("ไม่พบหน้านี้")  # a draft has never been public: it has no address yet
    return render(request, "portal/page.html", {
        "page": page, "body": render_body(page.body), "files": selectors.page_files(page),
        "section": Section(page.section), "staff": staff, "sections": _sections(),
    })


def tombstone(request, item):
    """410 Gone with a readable page: the address stays known (links from the ITA evidence, search engines
    and bookmarks learn the item was withdrawn on purpose, when and why) rather than a 404's 'never was'."""
    return render(request, "portal/tombstone.html", {"item": item, "sections": _sections()}, status=410)


# Each agency's items open only on its own public pages (unprefixed: the first agency's; /a/<code>/: its).
def page(request, slug: str):
    return _show(request, get_object_or_404(Page.objects.exclude(section=Section.NEWS), slug=slug,
                                            agency=_agency()))


def news(request, pk: int):
    return _show(request, get_object_or_404(Page, pk=pk, section=Section.NEWS, agency=_agency()))


def _history(request, page: Page):
    staff = policy.can(request.user, "portal.edit", page)
    if page.published_at is None and not staff:
        raise Http404("ไม่พบหน้านี้")
    return render(request, "portal/history.html", {
        "page": page, "revisions": page.revisions.select_related("author"), "staff": staff,
        "sections": _sections(),
    })


def page_history(request, slug: str):
    return _history(request, get_object_or_404(Page.objects.exclude(section=Section.NEWS), slug=slug,
                                               agency=_agency()))


def news_history(request, pk: int):
    return _history(request, get_object_or_404(Page, pk=pk, section=Section.NEWS, agency=_agency()))


def page_file(request, pk: int):
    file = get_object_or_404(PageFile.objects.select_related("page"), pk=pk, removed_at__isnull=True,
                             page__agency=_agency())
    if not (file.page.is_published or policy.can(request.user, "portal.edit", file.page)):
        raise Http404("ไม่พบไฟล์")
    return record_files.respond(file, fallback_stem=f"{file.page.slug}-{file.pk}")


def result(request, pk: int):
    pub = get_object_or_404(ResultPublication.objects.select_related("round__plan"), round_id=pk,
                            published_at__isnull=False, agency=_agency())
    if pub.is_withdrawn:
        return tombstone(request, pub)
    return render(request, "portal/result.html", {
        "pub": pub, "files": selectors.result_files(pub), "versions": selectors.result_versions(pub),
        "summary": render_body(pub.summary_text), "sections": _sections(),
    })


def result_file(request, pk: int):
    file = get_object_or_404(ResultFile.objects.select_related("publication"), pk=pk,
                             publication__agency=_agency())
    if file.publication.is_withdrawn:
        return tombstone(request, file.publication)
    if not file.publication.is_published:
        raise Http404("ไม่พบไฟล์")
    stem = f"results-round-{file.publication.round_id}-v{file.version}"
    return record_files.respond(file, fallback_stem=stem)
