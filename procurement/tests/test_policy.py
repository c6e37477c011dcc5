import pytest

from accounts import policy
from accounts.models import Role
from procurement.models import Project, Relationship
from procurement.services import parties, projects
from procurement.services.relationships import relationships_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, officer):
    return {
        "officer": officer,
        "cm_officer": make_user("cmbuyer", "cpd-prov-13", (Role.PROCUREMENT_OFFICER, "cpd-prov-13")),
        "auditor": make_user("aud", "cpd-ia", (Role.AUDITOR, None)),
        "reporter": make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13")),
        "planadmin": make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, None)),
    }


@pytest.fixture
def two_projects(recorded, people, agency):
    from org.models import Unit

    finance_project, _ = recorded("draft")
    cm = projects.project_create(actor=people["cm_officer"], unit=Unit.objects.get(code="cpd-prov-13"),
                                 title="ซื้อวัสดุสำนักงาน", fiscal_year=2568, method="specific", budget=100000)
    return finance_project, cm


def test_officers_see_and_edit_only_their_units(people, two_projects):
    finance_project, cm = two_projects
    seen = set(policy.scope(people["officer"], "procurement.view", Project.objects.all()))
    assert seen == {finance_project}
    assert policy.can(people["cm_officer"], "procurement.edit", cm)
    assert not policy.can(people["cm_officer"], "procurement.edit", finance_project)


def test_readers_read_everything_and_edit_nothing(people, two_projects):
    for name in ("auditor", "planadmin"):
        assert policy.scope(people[name], "procurement.view", Project.objects.all()).count() == 2
        assert not any(policy.can(people[name], "procurement.edit", p) for p in two_projects)
    assert policy.scope(people["reporter"], "procurement.view", Project.objects.all()).count() == 0


def test_can_agrees_with_scope(people, two_projects):
    for user in people.values():
        for action in ("procurement.view", "procurement.edit"):
            visible = set(policy.scope(user, action, Project.objects.all()))
            for project in Project.objects.all():
                assert policy.can(user, action, project) == (project in visible)


def test_near_match_decisions_follow_the_official_unit(people, finance, officer, supplier_factory):
    official = parties.official_create(actor=officer, unit=finance, name="นายสมชาย ใจดี")
    supplier = supplier_factory("บริษัท มั่นคง จำกัด", "0105555012348")
    from procurement.models import CompanyPerson

    CompanyPerson.objects.create(supplier=supplier, name="นายสมชัย ใจดี", name_key="สมชัย ใจดี", role="director")
    relationships_refresh(actor=officer)
    row = Relationship.objects.get(official=official)
    assert policy.can(people["officer"], "procurement.decide_match", row)
    assert policy.can(people["planadmin"], "procurement.decide_match", row)
    assert not policy.can(people["cm_officer"], "procurement.decide_match", row)
    assert not policy.can(people["auditor"], "procurement.decide_match", row)


def test_staff_pages_need_the_right_role(client, people, two_projects):
    finance_project, cm = two_projects
    client.force_login(people["reporter"])
    assert client.get("/procurement/").status_code == 403
    client.force_login(people["cm_officer"])
    assert client.get(f"/procurement/{finance_project.pk}/").status_code == 404
    assert client.get(f"/procurement/{cm.pk}/").status_code == 200
    assert client.get(f"/procurement/{finance_project.pk}/announce/").status_code == 404
    client.force_login(people["auditor"])
    assert client.get(f"/procurement/{finance_project.pk}/").status_code == 200
    assert client.get(f"/procurement/{finance_project.pk}/reference/").status_code == 404
