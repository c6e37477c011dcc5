"""The supervising body (Role.SUPERVISOR above the agencies): reads every agency's rounds, reports, dashboard
and the roll-up, and nothing else; writes nothing (issue 15: ป.ป.ท. or a ministry over many agencies).

The matrix's data set (matrix_world) is the first agency; a second agency stands beside it. A national
supervisor (every agency), a ministry supervisor (the second agency's ministry only) and one held at the
second agency's root are tried on every URL of the matrix: every write (POST) is refused, and a reading opens
exactly when the policy allows it, which only the supervisor's read actions ever do.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from accounts import policy
from accounts.models import Role
from accounts.tests.matrix_urls import URLS, url_routes
from accounts.tests.test_policy_matrix import DENIED, _request, _to_login, _url

pytestmark = pytest.mark.django_db

OTHER, MINISTRY = "xag", "กระทรวงทดสอบ"


@pytest.fixture(scope="module")
def supervised(django_db_setup, django_db_blocker):
    from accounts.services import role_assign, supervision_grant, user_create
    from accounts.tests.matrix_world import build_world
    from org.loaders import agency_load
    from org.models import AgencyProfile, Unit
    from org.services import unit_create

    cache.clear()  # the roll-up is kept a minute per latest audit entry, whose ids a rolled-back test reuses
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            world, _ = build_world(agency_load(actor=None))
            other = unit_create(actor=None, parent=None, code=OTHER, name="กรมทดสอบที่สอง",
                                kind=Unit.Kind.AGENCY)
            unit_create(actor=None, parent=other, code="xag-hr", name="กองการเจ้าหน้าที่",
                        kind=Unit.Kind.DIVISION)
            AgencyProfile.objects.create(agency=other, official_name=other.name, ministry=MINISTRY)
            people = {}
            for key, ministry in (("national", ""), ("ministry", MINISTRY)):
                user = user_create(actor=None, username=f"supervisor.{key}", password=None, unit=None,
                                   email=f"supervisor.{key}@example.test")
                supervision_grant(actor=None, user=user, ministry=ministry, body="สำนักงานทดสอบ")
                people[key] = user
            at_root = user_create(actor=None, username="supervisor.xag", password=None, unit=other,
                                  email="supervisor.xag@example.test")
            role_assign(actor=None, user=at_root, role=Role.SUPERVISOR, unit=other)
            people["root"] = at_root
            clients = {}
            for key, user in people.items():
                client = Client(raise_request_exception=False)
                client.force_login(user)
                clients[key] = (user, client, client.cookies[settings.SESSION_COOKIE_NAME].value)
            yield world, other, clients
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def _actions(spec) -> tuple[str, ...]:
    return spec.action if isinstance(spec.action, tuple) else (spec.action,)


def _target(world, spec) -> dict:
    if spec.target is None:
        return {}
    if spec.target.startswith("unit:"):
        return {"unit": world[spec.target[5:]]}
    return {"obj": world[spec.target]}


def test_the_supervisor_rules_are_readings_only():
    granted = {action for action, rules in policy.RULES.items()
               if any(role == Role.SUPERVISOR for role, _ in rules)}
    assert granted == policy.SUPERVISOR_READS
    writes = ("edit", "manage", "submit", "handle", "publish", "approve", "send", "identity", "create")
    assert not [a for a in granted if any(w in a for w in writes)]
    assert not [a for a in granted if a.startswith(("complaint.", "user.", "integrity.", "inforequest."))]


def test_supervisors_stand_where_their_supervision_says(supervised):
    world, other, clients = supervised
    agency = world["agency"]
    national, ministry, root = (clients[k][0] for k in ("national", "ministry", "root"))
    assert policy.roles_of(national) == {Role.SUPERVISOR} and not national.is_superuser
    from org.selectors import agencies

    def seen(user):
        return set(policy.scope(user, "national.rollup", agencies()).values_list("code", flat=True))

    assert seen(national) >= {agency.code, OTHER}
    assert seen(ministry) == {OTHER} and seen(root) == {OTHER}
    for action in ("round.view", "round.dashboard", "plan.view"):
        assert policy.can(national, action, world["round"]), action
        assert not policy.can(ministry, action, world["round"]), action
    assert policy.can(national, "report.view", world["report"])
    assert not policy.can(ministry, "report.view", world["report"])
    for action in ("complaint.view", "complaint.identity", "report.edit", "round.manage", "user.view"):
        assert not policy.can(national, action), action


def _policy_routes():
    routes = {route for route, _ in url_routes()}
    return sorted(route for route, spec in URLS.items() if route in routes and spec.kind == "policy")


def _judge(method: str, allowed: bool, response) -> str | None:
    """What is wrong with a supervisor's answer: a write let through, a reading refused or let through."""
    status = response.status_code
    refused = status in DENIED or _to_login(response)
    if status >= 500:
        return f"{status} (server error)"
    if method == "POST":
        return None if refused else f"{status}, a write let through"
    if allowed and refused:
        return f"{status}, a reading refused"
    if not allowed and not refused:
        return f"{status}, let through"
    return None


def test_no_supervisor_writes_anything_and_each_reads_only_what_the_policy_lets_it(supervised,
                                                                                  django_db_blocker):
    world, _, clients = supervised
    failures, opened, posts = [], set(), 0
    with django_db_blocker.unblock():
        for route in _policy_routes():
            spec = URLS[route]
            url = _url(route, spec, world)
            for key, (user, client, cookie) in clients.items():
                allowed = any(policy.can(user, a, **_target(world, spec)) for a in _actions(spec))
                if allowed and not set(_actions(spec)) & policy.SUPERVISOR_READS:
                    failures.append(f"{key}: the policy grants {spec.action}")
                for method in [m for m, flag in (("GET", "G"), ("POST", "P")) if flag in spec.methods]:
                    if spec.heavy and allowed:
                        continue  # a download the supervisor may read: the matrix renders those
                    posts += method == "POST"
                    problem = _judge(method, allowed, _request(client, cookie, method, url))
                    if problem:
                        failures.append(f"{key} {method} {url}: {problem}")
                    elif allowed and method == "GET":
                        opened.add((key, route))
    assert not failures, "\n".join(failures[:40])
    assert posts > 100
    # The national supervisor reads the first agency's round, report and dashboard; the others do not.
    for route in ("reports/rounds/<int:pk>/", "reports/rounds/<int:pk>/dashboard/", "reports/<int:pk>/",
                  "national/", "api/national/agencies"):
        assert ("national", route) in opened, route
    assert ("ministry", "reports/rounds/<int:pk>/dashboard/") not in opened
    assert ("ministry", "national/") in opened and ("root", "national/") in opened


def test_the_roll_up_lists_the_agencies_each_supervisor_supervises(supervised, django_db_blocker):
    world, _, clients = supervised
    agency = world["agency"]
    with django_db_blocker.unblock():
        pages = {key: _request(client, cookie, "GET", "/national/").content.decode()
                 for key, (_, client, cookie) in clients.items()}
        api = {key: _request(client, cookie, "GET", "/api/national/agencies?limit=100").json()
               for key, (_, client, cookie) in clients.items()}
    assert f'data-agency="{agency.code}"' in pages["national"]
    assert f'data-agency="{OTHER}"' in pages["national"]
    for key in ("ministry", "root"):
        assert f'data-agency="{OTHER}"' in pages[key] and f'data-agency="{agency.code}"' not in pages[key]
    assert {i["code"] for i in api["national"]["items"]} >= {agency.code, OTHER}
    assert {i["code"] for i in api["ministry"]["items"]} == {OTHER}
    mine = next(i for i in api["national"]["items"] if i["code"] == agency.code)
    assert mine["round_id"] == world["round"].pk and mine["slots"] >= 1
    # No complaint of the first agency is named anywhere on the page.
    assert world["case"].number not in pages["national"]


def test_only_the_national_administrator_grants_a_supervision(make_user, agency):
    from django.core.management import call_command

    from accounts.policy import Denied
    from accounts.services import role_assign, supervision_grant, supervision_revoke

    admin = make_user("sys.root", "cpd", (Role.SYSADMIN, "cpd"))
    target = make_user("pacc.person", "cpd")
    with pytest.raises(Denied):
        supervision_grant(actor=admin, user=target)  # an agency's administrator stands below the agencies
    admin.is_superuser = True
    admin.save()
    made = supervision_grant(actor=admin, user=target, ministry="  กระทรวง  ทดสอบ ", body="สำนักงานทดสอบ")
    assert made.ministry == "กระทรวง ทดสอบ" and made.granted_by == admin
    assert policy.roles_of(target) == set()  # no agency names that ministry yet
    from org.models import AgencyProfile

    AgencyProfile.objects.create(agency=agency, official_name=agency.name, ministry="กระทรวง ทดสอบ")
    policy.forget(target)
    assert policy.roles_of(target) == {Role.SUPERVISOR} and policy.can(target, "round.dashboard", unit=agency)
    supervision_revoke(actor=admin, supervision=made)
    policy.forget(target)
    assert policy.roles_of(target) == set()
    call_command("supervisor_grant", "pacc.person", body="สำนักงาน ป.ป.ท.")
    policy.forget(target)
    assert target.supervisions.get().ministry == "" and policy.can(target, "national.rollup")
    assert policy.can(target, "round.dashboard") and not policy.can(target, "round.manage")
    # The same role held at a unit covers that subtree only, and never the roll-up below an agency root.
    unit_holder = make_user("sup.hr", "cpd-hr")
    role_assign(actor=None, user=unit_holder, role=Role.SUPERVISOR, unit=agency.children.get(code="cpd-hr"))
    assert policy.can(unit_holder, "report.view") and not policy.can(unit_holder, "national.rollup")
