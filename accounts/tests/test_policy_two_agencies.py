"""Two agencies: a person holding every role at the root of a second agency never reaches the first
agency's objects, through a page, a download, an export or the API (issue 15 §1 "Many agencies").

The matrix's data set (matrix_world) lives in the first agency. A second agency is created beside it with a
few units, and one person holds ALL roles at its root: the strongest a stranger can be without being the
national administrator. Every URL guarded by the policy on an object of the first agency is requested once
by that person and must be refused (401/403/404 or sent to sign in), never shown and never 500; the policy's
scope of the main lists must hold nothing of the first agency for them.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from accounts import policy
from accounts.models import Role
from accounts.tests.matrix_urls import URLS, url_routes
from accounts.tests.test_policy_matrix import DENIED, _request, _to_login, _url

pytestmark = pytest.mark.django_db

OTHER = "xag"


@pytest.fixture(scope="module")
def two_agencies(django_db_setup, django_db_blocker):
    from accounts.services import role_assign, user_create
    from accounts.tests.matrix_world import build_world
    from org.loaders import agency_load
    from org.models import Unit
    from org.services import unit_create

    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            world, _ = build_world(agency_load(actor=None))
            other = unit_create(actor=None, parent=None, code=OTHER, name="กรมทดสอบที่สอง",
                                kind=Unit.Kind.AGENCY)
            for code, name in (("xag-hr", "กองการเจ้าหน้าที่"), ("xag-finance", "กองคลัง")):
                unit_create(actor=None, parent=other, code=code, name=name, kind=Unit.Kind.DIVISION)
            stranger = user_create(actor=None, username="all.roles.xag", password=None, unit=other,
                                   email="all.roles.xag@example.test")
            for role in Role.values:
                role_assign(actor=None, user=stranger, role=role, unit=other)
            client = Client(raise_request_exception=False)
            client.force_login(stranger)
            yield world, other, stranger, client, client.cookies[settings.SESSION_COOKIE_NAME].value
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def _guarded_on_objects():
    """Routes the policy guards on an object of the world (the first agency's data) named in the address.
    A form without a parameter (e.g. a new round) only names its object for the matrix: for a stranger it
    opens on their own agency's plans, which is right, so it is not one of these."""
    routes = {route for route, _ in url_routes()}
    return sorted(route for route, spec in URLS.items()
                  if route in routes and spec.kind == "policy" and spec.target
                  and not spec.target.startswith("unit:") and ("<" in route or "query" in spec.args))


def test_the_stranger_holds_every_role_at_the_other_root(two_agencies):
    _, other, stranger, _, _ = two_agencies
    assert policy.roles_of(stranger) == set(Role.values)
    assert not stranger.is_superuser
    assert {a.unit_id for a in stranger.role_assignments.all()} == {other.pk}


def test_no_guarded_object_url_of_one_agency_opens_for_another(two_agencies, django_db_blocker):
    world, _, stranger, client, cookie = two_agencies
    routes = _guarded_on_objects()
    assert len(routes) > 50 and any(r.startswith("api/") for r in routes)
    failures = []
    with django_db_blocker.unblock():
        for route in routes:
            spec = URLS[route]
            url = _url(route, spec, world)
            for method in [m for m, flag in (("GET", "G"), ("POST", "P")) if flag in spec.methods]:
                actions = spec.action if isinstance(spec.action, tuple) else (spec.action,)
                obj = world[spec.target]
                if any(policy.can(stranger, a, obj) for a in actions):
                    failures.append(f"policy: {actions} on {spec.target} granted across agencies")
                response = _request(client, cookie, method, url)
                status = response.status_code
                if status >= 500:
                    failures.append(f"{method} {url}: {status} (server error)")
                elif not (status in DENIED or _to_login(response)):
                    failures.append(f"{method} {url}: {status}, let through across agencies")
    assert not failures, "\n".join(failures[:40])


def test_the_api_lists_hold_nothing_of_the_other_agency(two_agencies, django_db_blocker):
    """The API's signed-in lists answer 200 for anyone, with what the policy lets them see: the stranger's
    lists must not name the first agency's complaint, project or register records."""
    world, _, _, client, cookie = two_agencies
    case = world["case"]
    with django_db_blocker.unblock():
        body = _request(client, cookie, "GET", "/api/complaints").content.decode()
        assert case.number not in body and str(case.subject) not in body
        for url in ("/api/registers/internal-control", "/api/registers/healthy-workplace",
                    "/api/registers/publicity", "/api/registers/manual-reviews"):
            response = _request(client, cookie, "GET", url)
            assert response.status_code == 200, url
            data = response.json()
            items = data.get("items", data) if isinstance(data, dict) else data
            assert items in ([], {}) or not items, f"{url}: {data!r}"[:300]


def test_the_main_lists_scope_nothing_of_the_other_agency(two_agencies):
    from django.apps import apps

    world, _, stranger, _, _ = two_agencies
    agency_path = world["agency"].path
    lists = {
        "report.view": ["reports.Report", "reports.Round", "reports.Evidence"],
        "round.view": ["reports.Round"],
        "complaint.view": ["complaints.Case"],
        "procurement.view": [label for label in policy.UNIT_FIELDS if label.startswith("procurement.")],
        "manual.view": ["registers.Process", "registers.ManualVersion", "registers.ComplianceReport"],
        "icontrol.view": ["registers.IcRound", "registers.IcSubmission"],
        "workplace.view": ["registers.WorkplaceAssessment", "registers.WorkplaceAward"],
        "publicity.view": ["registers.PublicityEntry"],
    }
    checked = 0
    for action, labels in lists.items():
        assert action in policy.RULES, action
        for label in labels:
            model = apps.get_model(label)
            everything = model._default_manager.all()
            # The first agency has these objects, so an empty scope below is a real refusal.
            if label in ("complaints.Case", "procurement.Project", "reports.Report", "registers.Process"):
                assert everything.exists(), label
            leaked = policy.scope(stranger, action, everything)
            assert not leaked.exists(), f"{action} on {label}: {list(leaked[:5])}"
            checked += 1
    assert checked >= 20
    # The same person does see their own agency's objects: the scope is not simply empty for everyone.
    from org.models import Unit

    assert policy.scope(stranger, "unit.manage", Unit.objects.all()).exists()
    first = Unit.objects.filter(path__startswith=agency_path)
    assert not policy.scope(stranger, "unit.manage", first).exists()
