"""ITA O18, O19 and O20 each need their own kind of budget publication, of the year the ITA assesses, on
the agency's own page: the spending plan alone no longer turns the two spending reports green, a withdrawn
publication stops counting, and another agency's publication never counts. The years loaded before the
catalogue changed pick up the new links through the migration."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from accounts.models import Role
from budget import services as budget
from budget.models import BudgetLine, BudgetPublication
from ita import catalogue, services
from ita.models import ItemLink
from ita.services import run_links, run_start

pytestmark = pytest.mark.django_db
ITA_YEAR = 2569  # a year whose half-year and annual reports can be published by now
CODES = ("O18", "O19", "O20")
PLAN, HALF, ANNUAL = (
    BudgetPublication.Kind.PLAN,
    BudgetPublication.Kind.HALF_YEAR,
    BudgetPublication.Kind.ANNUAL,
)


def _year(agency, actor):
    year = services.catalogue_load(
        actor=actor, agency=agency, fiscal_year=ITA_YEAR, content=catalogue.shipped("oit_2570.yaml")
    )
    year.items.exclude(code__in=CODES).delete()
    return year


def _publish(finance, agency, fiscal_year: int, kind: str) -> BudgetPublication:
    line = BudgetLine.objects.filter(agency=agency, fiscal_year=fiscal_year).first()
    if line is None:
        line = budget.line_save(
            actor=finance, agency=agency, fiscal_year=fiscal_year, code="P1", name="แผนงานพื้นฐาน"
        )
        budget.allocation_save(actor=finance, line=line, unit=agency, amount=Decimal("1200000"))
    return budget.budget_publish(actor=finance, agency=agency, fiscal_year=fiscal_year, kind=kind)


def _check(ict, year) -> dict[str, ItemLink]:
    run_links(run_start(actor=ict, agency=year.agency))
    return {link.item.code: link for link in ItemLink.objects.filter(item__year=year).select_related("item")}


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


@pytest.fixture
def finance(make_user):
    return make_user("finance", "cpd-finance", (Role.FINANCE_OFFICER, "cpd"))


def test_each_budget_item_is_green_only_with_its_own_kind_of_the_assessed_year(agency, ict, finance):
    year = _year(agency, ict)
    links = _check(ict, year)
    assert [links[c].route for c in CODES] == [
        "portal:budget plan",
        "portal:budget half_year",
        "portal:budget annual",
    ]
    for code in CODES:  # each page opens for anyone and says nothing is published: no evidence
        assert links[code].public_ok and links[code].status == ItemLink.Status.AMBER
        assert links[code].check_note.startswith("หน้าเปิดได้ แต่ยังไม่มีเนื้อหาเผยแพร่")

    # Last year's plan is not the plan of the year assessed.
    _publish(finance, agency, ITA_YEAR - 1, PLAN)
    links = _check(ict, year)
    assert links["O18"].status == ItemLink.Status.AMBER and str(ITA_YEAR) in links["O18"].check_note

    plan = _publish(finance, agency, ITA_YEAR, PLAN)
    links = _check(ict, year)
    assert links["O18"].status == ItemLink.Status.GREEN and links["O18"].check_note == ""
    assert links["O18"].resolved_url.endswith("/public/s/budget/plan/")
    assert links["O19"].status == links["O20"].status == ItemLink.Status.AMBER

    _publish(finance, agency, ITA_YEAR, HALF)
    links = _check(ict, year)
    assert links["O19"].status == ItemLink.Status.GREEN and links["O20"].status == ItemLink.Status.AMBER

    # The annual report the ITA asks for is that of the year just ended.
    _publish(finance, agency, ITA_YEAR - 1, ANNUAL)
    links = _check(ict, year)
    assert {code: links[code].status for code in CODES} == dict.fromkeys(CODES, ItemLink.Status.GREEN)

    budget.budget_withdraw(actor=finance, publication=plan, reason="เผยแพร่ผิดฉบับ")
    links = _check(ict, year)
    assert links["O18"].status == ItemLink.Status.AMBER and "ยังไม่มีเนื้อหาเผยแพร่" in links["O18"].check_note
    assert links["O19"].status == links["O20"].status == ItemLink.Status.GREEN


def test_another_agency_publication_never_counts_and_each_links_its_own_page(
    agency, ict, finance, make_user, second_agency
):
    code = second_agency.code
    ict_b = make_user("ict-b", code, (Role.ICT_OFFICER, code))
    finance_b = make_user("finance-b", code, (Role.FINANCE_OFFICER, code))
    ours, theirs = _year(agency, ict), _year(second_agency, ict_b)
    _publish(finance_b, second_agency, ITA_YEAR, PLAN)

    assert _check(ict, ours)["O18"].status == ItemLink.Status.AMBER
    link_b = _check(ict_b, theirs)["O18"]
    # B's item points at B's own page, which shows B's plan.
    assert link_b.status == ItemLink.Status.GREEN
    assert link_b.resolved_url.endswith(f"/a/{code}/public/s/budget/plan/")

    _publish(finance, agency, ITA_YEAR, HALF)
    assert _check(ict_b, theirs)["O19"].status == ItemLink.Status.AMBER
    assert _check(ict, ours)["O19"].resolved_url.endswith("/public/s/budget/half_year/")
    assert "/a/" not in _check(ict, ours)["O19"].resolved_url  # the first agency's addresses stay as given


def test_the_migration_relinks_the_years_already_loaded_unless_an_administrator_changed_them(agency, ict):
    migration = importlib.import_module("ita.migrations.0002_budget_items_link_their_own_kind")
    year = _year(agency, ict)
    old = {"O18": ["portal:section budget", "procurement:public_plans"], "O19": ["portal:section budget"]}
    for code, routes in old.items():
        services.item_save(
            actor=ict,
            year=year,
            item=year.items.get(code=code),
            code=code,
            text=code,
            links="\n".join(routes),
        )
    mine = ["portal:section budget", "https://www.example.go.th/budget-report"]
    services.item_save(
        actor=ict, year=year, item=year.items.get(code="O20"), code="O20", text="O20", links="\n".join(mine)
    )
    o19 = ItemLink.objects.get(item__year=year, item__code="O19")
    ItemLink.objects.filter(pk=o19.pk).update(status=ItemLink.Status.GREEN, resolved_url="/public/s/budget/")

    def routes():
        return {
            code: [str(link) for link in year.items.get(code=code).links.order_by("order")] for code in CODES
        }

    migration.forwards(django_apps, None)
    assert routes() == {"O18": ["portal:budget plan"], "O19": ["portal:budget half_year"], "O20": mine}
    relinked = ItemLink.objects.get(pk=o19.pk)  # the same link, its old answer forgotten until checked
    assert relinked.status == ItemLink.Status.UNCHECKED and relinked.resolved_url == ""

    migration.backwards(django_apps, None)
    assert routes() == {**old, "O20": mine}

    # A year whose OIT has closed keeps the links it was judged on.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(year).objects.filter(pk=year.pk).update(oit_closes_on=yesterday)
    migration.forwards(django_apps, None)
    assert routes() == {**old, "O20": mine}
