"""Property-based run over the whole JSON API, driven by the app's own OpenAPI document: every operation is
called with generated inputs (in and out of bounds), anonymously and with a staff token, through the WSGI
app. No answer may be a server error, and every answer must match what the document declares (status code
and body schema). Seeded and bounded, so that it gives the same verdict on every run and stays fast."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from accounts.models import Role, User
from accounts.services import api_token_create, role_assign, user_create
from org.models import Unit

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Examples per operation and caller. The whole run stays well under a minute and a half on the CI machine.
EXAMPLES = 12
# Compiled documents render the round; a few calls show they answer within bounds without fuzzing the
# renderer.
HEAVY = ("compiled.pdf", "compiled.docx", "compiled.xlsx")
HEAVY_EXAMPLES = 3


def _world(agency):
    """A little of everything the API serves: a small approved plan with an open round, the demo's
    procurement projects and complaints, and a staff member who may read across the department."""
    from complaints import demo as complaints_demo
    from plans.models import Activity, Indicator, Measure, Plan, Policy
    from procurement import demo as procurement_demo
    from reports.services import round_create, round_open
    from site_shell.demo import DEMO_ACCOUNTS

    for acc in DEMO_ACCOUNTS:
        if acc.username in ("planadmin", "procurement", "complaints", "custodian"):
            user = user_create(actor=None, username=acc.username, password="Pr0ngsai-test-pw",
                               unit=Unit.objects.get(code=acc.unit_code), first_name=acc.first_name)
            scope = Unit.objects.get(code=acc.scope_code) if acc.scope_code else agency
            role_assign(actor=None, user=user, role=acc.role, unit=scope)
    procurement_demo.load(agency=agency)
    complaints_demo.load(agency=agency)

    plan = Plan.objects.create(agency=agency, title="แผนทดสอบ", period_start=2560, period_end=2575,
                               status=Plan.Status.APPROVED, approved_on=datetime.date(2017, 1, 30))
    policy = Policy.objects.create(plan=plan, number=1, title="นโยบายด้านความโปร่งใส")
    measure = Measure.objects.create(policy=policy, number="๑)", code="1", sort_key="001", text="มาตรการ")
    activity = Activity.objects.create(measure=measure, key="f-1", sort_order=0, title="ทบทวนกระบวนงาน",
                                       text="ทบทวนกระบวนงาน",
                                       implementing_rule=Activity.ImplementingRule.UNITS)
    activity.host_units.set([Unit.objects.get(code="cpd-psdg")])
    activity.implementing_units.set([Unit.objects.get(code="cpd-prov-13"), Unit.objects.get(code="cpd-hr")])
    Indicator.objects.create(activity=activity, sort_order=0, text="อย่างน้อย ๑ กระบวนการ",
                             kind=Indicator.Kind.COUNT, comparison=">=", value=Decimal(1),
                             unit_label="กระบวนการ", scope=Indicator.Scope.PER_UNIT)
    admin = User.objects.get(username="planadmin")
    round_ = round_create(actor=admin, plan=plan, fiscal_year=2560, name="รอบที่ ๑", kind="progress",
                          opens_on=datetime.date(2017, 3, 1), due_on=datetime.date(2017, 4, 4))
    round_open(actor=admin, round_=round_)

    reader = user_create(actor=None, username="fuzz.reader", password="Pr0ngsai-test-pw",
                         unit=Unit.objects.get(code="cpd-ia"), first_name="ผู้อ่าน")
    for role in (Role.EXECUTIVE, Role.AUDITOR, Role.PROCUREMENT_OFFICER, Role.COMPLAINT_OFFICER):
        role_assign(actor=None, user=reader, role=role, unit=agency)
    _, key = api_token_create(actor=None, user=reader, name="fuzz")
    from procurement.models import Project
    from reports.models import Report

    known = {
        "plan_id": plan.pk,
        "round_id": round_.pk,
        "report_id": Report.objects.filter(round=round_).order_by("id").first().pk,
        "project_id": Project.objects.public().order_by("id").first().pk,
        "unit_id": Unit.objects.get(code="cpd-finance").pk,
    }
    return key, known


def _operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def _runner(operation, mode, headers, examples, path_parameters=None):
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    return run


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, called directly. Each request ends by closing "old" database
    connections, which inside the test's transaction would close the test's own; Django's test client
    suspends that the same way."""
    from django.core import signals
    from django.db import close_old_connections

    from config.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_operation_answers_a_server_error_or_off_its_schema(agency, wsgi_app):

    key, known = _world(agency)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    failures: list[str] = []
    for operation in _operations(schema):
        heavy = operation.path.endswith(HEAVY)
        # Without parameters or a body there is no input to get wrong.
        takes_input = bool(list(operation.iter_parameters())) or bool(operation.body)
        runs = [("positive", GenerationMode.POSITIVE, None)]
        if takes_input:
            runs.append(("negative", GenerationMode.NEGATIVE, None))
        # Random ids rarely hit a record; one more pass on records that exist checks the full answers.
        ids = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
        if ids:
            runs.append(("existing records", GenerationMode.POSITIVE, ids))
        for label, mode, path_parameters in runs:
            for who, headers in (("anonymous", {}), ("token", {"Authorization": f"Bearer {key}"})):
                try:
                    _runner(operation, mode, headers, HEAVY_EXAMPLES if heavy else EXAMPLES,
                            path_parameters)()
                except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - one run lists every failure
                    failures.append(f"{operation.label} ({label}, {who}): {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
