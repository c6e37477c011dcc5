"""Every URL × every role × where the role is held (the object's own unit, a child unit, a sibling unit, the
agency root), checked against the one policy.

The URLs come from the resolver, so a new URL fails `test_every_url_is_classified` until it is added to
`URLS` (matrix_urls.py) with the action that guards it. For each URL and each signed-in person (and a
visitor) the test asks the policy what the answer should be and requires the view to agree: allowed people
are never refused (401/403/404) and refused people never get through; nothing ever answers 500.
Independently of the views, the policy itself must keep two promises: department-wide actions are open only
to roles held at the agency root, and a role held at a child or sibling unit never reaches an object of
another unit.

One data set is built per module (inside a transaction rolled back at the end); each URL's requests run in
their own savepoint, rolled back after every request, so a POST that closes a round does not change what
the next person sees. Heavy downloads (PDF, Word, Excel) are rendered for two allowed people only; every
refused person is still tried.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client

from accounts import policy
from accounts.models import Role
from accounts.tests.matrix_urls import UNIT_OBJECTS, URLS, U, url_routes
from accounts.tests.matrix_world import PLACEMENTS, build_world

# The mark makes pytest-django create the test database; each test then runs in its own savepoint above the
# module's data set.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The data set and one signed-in client per person, built once for the module and rolled back after."""
    from org.loaders import agency_load

    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            world, people = build_world(agency_load(actor=None))
            clients = {}
            for key, user in people.items():
                client = Client(raise_request_exception=False)
                client.force_login(user)
                clients[key] = (user, client, client.cookies[settings.SESSION_COOKIE_NAME].value)
            yield world, clients
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


# --------------------------------------------------------------------------------------------------------
# Expectations


def _target(world, spec: U):
    if spec.target is None:
        return {}
    if spec.target.startswith("unit:"):
        return {"unit": world[spec.target[5:]]}
    return {"obj": world[spec.target]}


def _allowed(user, spec: U, world) -> bool:
    actions = spec.action if isinstance(spec.action, tuple) else (spec.action,)
    return any(policy.can(user, action, **_target(world, spec)) for action in actions)


def _url(route: str, spec: U, world) -> str:
    """Fill the route's parameters: named in the spec (a world key or a literal) or the target's pk."""

    def value(name):
        given = spec.args.get(name)
        if given is None and name == "pk":
            given = spec.target
        if given in world:
            return str(world[given].pk)
        assert given is not None, f"{route}: no value for <{name}>"
        return str(given)

    url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route)
    return f"{url}?{spec.args['query']}" if "query" in spec.args else url


DENIED = {401, 403, 404}


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def _request(client, cookie, method, url):
    """One request in a savepoint that is rolled back, as the same signed-in person each time. The API is
    sent what its clients send (JSON); the pages, an empty form."""
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif url.startswith("/api/"):
            response = client.post(url, "{}", content_type="application/json")
        else:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response


def _who(spec: U, route: str, people: list) -> list:
    """Everyone for a guarded URL. A page whose answer depends on no role (public, sign-in flows) is tried
    by a visitor, a signed-in person without roles and one role (changing with the URL) at every placement."""
    if spec.kind not in ("public", "flow"):
        return people
    role = Role.values[sum(map(ord, route)) % len(Role.values)]
    return [p for p in people if p[0] is None or p[0][0] in (role, "none")]


def _check(spec: U, allowed: bool, anonymous: bool, method: str, response) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"{status} (server error)"
    if spec.kind == "flow":
        return None
    if spec.kind == "public":
        return f"{status} on a public page" if status in {401, 403} else None
    if spec.kind == "login":
        if anonymous:
            return None if _to_login(response) or status in {401, 403} else f"{status} for a visitor"
        return f"{status} for a signed-in user" if status in {401, 403} else None
    if allowed:
        if status in ({401, 403} if method == "POST" else DENIED) or _to_login(response):
            return f"{status}: allowed by the policy but refused"
        return None
    if status in DENIED or _to_login(response):
        return None
    return f"{status}: refused by the policy but let through"


# --------------------------------------------------------------------------------------------------------
# Tests


def test_every_url_is_classified():
    routes = {route for route, _ in url_routes()}
    assert not routes - set(URLS), f"classify these URLs in URLS: {sorted(routes - set(URLS))}"
    assert not set(URLS) - routes, f"URLS lists routes that no longer exist: {sorted(set(URLS) - routes)}"


def _dept_wide(action: str) -> bool:
    return any(key == "root" for _, key in policy.RULES[action])


@pytest.mark.parametrize("route", sorted({route for route, _ in url_routes()} & set(URLS)))
def test_url_answers_as_the_policy_says(route, matrix, django_db_blocker):
    world, clients = matrix
    spec = URLS[route]
    url = _url(route, spec, world)
    failures = []
    people = [(None, None, Client(raise_request_exception=False), None)]
    people += [(key, user, client, cookie) for key, (user, client, cookie) in clients.items()]
    with django_db_blocker.unblock():
        for method in [m for m, flag in (("GET", "G"), ("POST", "P")) if flag in spec.methods]:
            heavy_allowed = 0
            for key, user, client, cookie in _who(spec, route, people):
                allowed = spec.kind == "policy" and user is not None and _allowed(user, spec, world)
                if spec.kind == "policy" and user is not None:
                    actions = spec.action if isinstance(spec.action, tuple) else (spec.action,)
                    # The policy's own promises, whatever the view does.
                    if allowed and any(_dept_wide(a) for a in actions) and all(
                            _dept_wide(a) for a in actions):
                        assert key[1] == "root", f"{key} may {spec.action} department-wide"
                    if allowed and spec.target in UNIT_OBJECTS:
                        assert key[1] in ("own", "root"), f"{key} reaches {spec.target} of another unit"
                if spec.heavy and (allowed or spec.kind != "policy"):
                    heavy_allowed += 1
                    if heavy_allowed > 2:
                        continue
                response = _request(client, cookie, method, url)
                problem = _check(spec, allowed, user is None, method, response)
                if problem:
                    failures.append(f"{method} {url} as {key or 'visitor'}: {problem}")
    assert not failures, "\n".join(failures[:40])


def test_the_matrix_covers_every_role_and_placement(matrix):
    _, clients = matrix
    placed = {key for key in clients if key[0] != "none"}
    assert placed == {(role, p) for role in Role.values for p in PLACEMENTS}
