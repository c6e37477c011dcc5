"""Fixtures shared by every app's tests."""

import os
import shutil
import tempfile

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
# Playwright's sync API runs an event loop in the test thread; Django's async guard would refuse ORM calls
# from it. Safe here: the live server has its own thread and connections.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    profile = tempfile.mkdtemp(prefix="prongsai-chromium-")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
        "env": {**os.environ, "XDG_CONFIG_HOME": profile, "XDG_CACHE_HOME": profile},
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "th-TH", "timezone_id": "Asia/Bangkok"}


@pytest.fixture
def agency(db):
    """The department's real unit tree, as `make run` loads it."""
    from org.loaders import agency_load

    return agency_load(actor=None)


@pytest.fixture
def plan(agency):
    """The department's real 2560–2564 plan, loaded from the curated file, left as a draft."""
    from plans.services import plan_load

    return plan_load(actor=None, agency=agency)


@pytest.fixture
def make_user(agency):
    """Create a staff member with roles: make_user("name", unit_code, (role, scope_code) ...)."""
    from accounts.services import role_assign, user_create
    from org.models import Unit

    def make(username, unit_code="cpd", *roles, password="Pr0ngsai-test-pw"):
        user = user_create(actor=None, username=username, password=password,
                           unit=Unit.objects.get(code=unit_code), first_name=username,
                           email=f"{username}@example.test")
        for role, scope_code in roles:
            role_assign(actor=None, user=user, role=role, unit=Unit.objects.get(code=scope_code or "cpd"))
        return user

    return make


@pytest.fixture
def login(client):
    """Log the test client in as an existing user (login throttling needs a request, so skip the form)."""
    from accounts.models import User

    def do(username):
        user = User.objects.get(username=username)
        client.force_login(user)
        return user

    return do


@pytest.fixture
def second_agency(agency):
    """The second demo agency (ตส.: 5 units, a two-activity plan, its administrator), loaded as `make run`
    loads it; here so that a domain's tests need not import the demo shell."""
    from site_shell.demo import load_second_agency

    return load_second_agency()[0]
