"""Public pages (no login): projects with every stage, the annual plans, last year's analysis, open data."""

from __future__ import annotations

import io
from typing import NamedTuple

import orjson
from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.thai import fiscal_year
from org.models import Unit
from org.selectors import OpenDataTerms, agencies, deployment_open_data_terms, served_agency
from procurement import flags, selectors
from procurement.analysis import year_figures
from procurement.charts import figures_charts
from procurement.leadtime import check_project
from procurement.methods import Method
from procurement.models import Bid, CommitteeMember, Project, YearReview
from procurement.ocds.merge import normalise
from procurement.opendata import (
    agency_package_meta,
    export_csv,
    export_ocds,
    package_meta,
    package_terms,
    stream_release_package,
)

PAGE = 50


@require_GET
def home(request):
    base = selectors.public_projects()
    fy_text = request.GET.get("fy", "")
    query = request.GET.get("q", "").strip()
    qs = selectors.filter_projects(base, fiscal_year=int(fy_text) if fy_text.isdigit() else None,
                                   method=request.GET.get("method") or None, query=query or None)
    page = max(int(request.GET.get("page", "1")) if request.GET.get("page", "1").isdigit() else 1, 1)
    total = qs.count()
    return render(request, "procurement/public/home.html", {
        "projects": qs[(page - 1) * PAGE: page * PAGE], "total": total, "page": page,
        "has_next": page * PAGE < total, "years": selectors.fiscal_years(base), "methods": Method.choices,
        "q": query, "fy": fy_text, "method": request.GET.get("method", ""),
        "plans": selectors.public_plans()[:10], "agencies": agencies(),
        "agency_packages": agency_packages(),
    })


@require_GET
def project(request, pk: int):
    try:
        project = selectors.project_detail(selectors.public_projects(), pk)
    except Project.DoesNotExist:
        raise Http404 from None
    after_deadline = (project.submission_deadline is None
                      or project.submission_deadline < timezone.localdate()
                      or project.status not in (Project.Status.DRAFT, Project.Status.ANNOUNCED))
    qualification_out = project.qualified_on is not None or project.status not in (
        Project.Status.DRAFT, Project.Status.ANNOUNCED)
    return render(request, "procurement/public/project.html", {
        "project": project, "leadtime": check_project(project), "flags": flags.project_flags(project),
        # Who bought the documents stays private until submissions close: it would tell bidders their rivals.
        "show_buyers": after_deadline, "show_bids": qualification_out,
        "reference_committee": [m for m in project.committee.all()
                                if m.committee == CommitteeMember.Committee.REFERENCE],
        "valid_bids": [b for b in project.bids.all() if b.status == Bid.Status.VALID],
        "S": Project.Status,
    })


@require_GET
def project_ocds(request, pk: int):
    project = get_object_or_404(selectors.public_projects(), pk=pk)
    record = {"ocid": project.ocid,
              "releases": [normalise(r.data) for r in project.releases.order_by("seq", "id")],
              "compiledRelease": normalise(project.compiled)}
    return HttpResponse(orjson.dumps(record, option=orjson.OPT_INDENT_2), content_type="application/json")


@require_GET
def plans(request):
    return render(request, "procurement/public/plans.html", {"plans": selectors.public_plans()})


@require_GET
def plan(request, pk: int):
    plan = get_object_or_404(selectors.public_plans(), pk=pk)
    items = list(plan.items.all())
    return render(request, "procurement/public/plan.html", {"plan": plan, "items": items,
                                                            "total": sum(i.budget for i in items)})


def _public_unit(unit_id: int | None) -> Unit:
    served = served_agency()
    if unit_id:
        units = Unit.objects.filter(is_active=True)
        return get_object_or_404(units if served is None else units.filter(path__startswith=served.path),
                                 pk=unit_id)
    unit = served or agencies().order_by("id").first()
    if unit is None:
        raise Http404
    return unit


@require_GET
def analysis(request, unit_id: int | None = None, fy: int | None = None):
    unit = _public_unit(unit_id)
    fy = fy or fiscal_year(timezone.localdate()) - 1
    figures = year_figures(selectors.public_projects().filter(unit__path__startswith=unit.path), fy)
    return render(request, "procurement/public/analysis.html", {
        "unit": unit, "fy": fy, "figures": figures, "charts": figures_charts(figures),
        "review": YearReview.objects.filter(unit=unit, fiscal_year=fy).first(),
        "years": selectors.fiscal_years(selectors.public_projects()),
    })


@require_GET
def chart(request, unit_id: int, fy: int, kind: str):
    unit = _public_unit(unit_id)
    figures = year_figures(selectors.public_projects().filter(unit__path__startswith=unit.path), fy)
    charts = figures_charts(figures)
    if kind not in charts:
        raise Http404
    response = HttpResponse(charts[kind].svg(), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def open_data(request):
    return render(request, "procurement/public/open_data.html", {
        "count": selectors.public_projects().count(), "plans": selectors.public_plans().count(),
        "agency_packages": agency_packages(), "terms": package_terms(selectors.public_projects()),
    })


def _agency_address(agency, name: str) -> str:
    """A public address under `agency`'s own /a/<code>/ prefix: the one the visitor is on when it is
    that agency's, else built from the unprefixed address."""
    served = served_agency()
    if served is not None and served.pk == agency.pk:
        return reverse(name)
    script = get_script_prefix()
    return f"{script}a/{agency.code}/{reverse(name)[len(script):]}"


class AgencyPackage(NamedTuple):
    name: str
    url: str
    terms: OpenDataTerms


def agency_packages() -> list[AgencyPackage]:
    """The agencies with something published, each with the address of its OCDS package and the terms it
    names: the served agency under its prefix, every such agency on the unprefixed pages (which list them
    all)."""
    published = Project.objects.public().filter(unit__path__startswith=OuterRef("path"))
    chosen = (agencies().filter(is_active=True).filter(Exists(published)).order_by("id")
              .annotate(official_name=F("profile__official_name"), own_license=F("profile__ocds_license"),
                        own_policy=F("profile__ocds_publication_policy")))
    served = served_agency()
    if served is not None:
        chosen = chosen.filter(pk=served.pk)
    default = deployment_open_data_terms()
    # The official name and terms read with the agencies (agency_profile's and agency_open_data_terms'
    # rules, in one query for every agency listed).
    return [AgencyPackage(a.official_name or a.name, _agency_address(a, "procurement:agency_ocds"),
                          OpenDataTerms(license=(a.own_license or "").strip() or default.license,
                                        publication_policy=(a.own_policy or "").strip()
                                        or default.publication_policy))
            for a in chosen]


@require_GET
def agency_ocds(request):
    """One agency's published projects as an OCDS release package, streamed, published under its name.
    Unprefixed it is the first agency's, as every unprefixed public page serves that agency."""
    agency = served_agency() or agencies().filter(is_active=True).order_by("id").first()
    if agency is None:
        raise Http404
    projects = selectors.public_projects(agency)
    if not projects.exists():  # a package holds at least one release (the schema's minItems)
        raise Http404("ส่วนราชการนี้ยังไม่ได้เผยแพร่โครงการจัดซื้อจัดจ้าง")
    uri = settings.SITE_URL.rstrip("/") + _agency_address(agency, "procurement:agency_ocds")
    # Filtered and addressed now: the prefix (and the served agency) end when the view returns, before
    # the body is sent.
    body = stream_release_package(projects, agency_package_meta(agency, uri=uri))
    response = StreamingHttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-ocds-releases.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def download(request, name: str):
    projects = selectors.public_projects()
    if name == "projects.csv":
        response = HttpResponse(export_csv(projects), content_type="text/csv; charset=utf-8")
    else:
        fmt = {"releases.json": "package", "records.json": "record", "compiled.jsonl": "jsonl"}.get(name)
        if fmt is None:
            raise Http404
        buffer = io.BytesIO()
        export_ocds(buffer, projects, fmt, package_meta(projects))
        response = HttpResponse(buffer.getvalue(), content_type="application/x-ndjson" if fmt == "jsonl"
                                else "application/json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
