import pytest

from accounts import policy
from accounts.models import Role
from complaints.models import Case, Channel
from complaints.services import case_assign
from complaints.services.common import triage_action
from org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(submit, officer):
    service, report = submit().case, submit(channel=Channel.CORRUPTION).case
    case_assign(actor=officer, case=service, lead=Unit.objects.get(code="cpd-prov-13"))
    return service, report


def visible(user):
    return set(policy.scope(user, "complaint.view", Case.objects.all()))


def test_who_sees_which_case(cases, officer, custodian, handler, auditor, reporter, make_user):
    service, report = cases
    other_province = make_user("handler.cr", "cpd-prov-12", (Role.COMPLAINT_OFFICER, "cpd-prov-12"))
    assert visible(officer) == visible(custodian) == visible(auditor) == {service, report}
    assert visible(handler) == {service}
    assert visible(other_province) == visible(reporter) == set()


def test_confidential_reports_are_triaged_by_the_custodian_only(cases, officer, custodian):
    service, report = cases
    assert triage_action(report) == "complaint.triage_confidential"
    assert policy.can(custodian, triage_action(report), report)
    assert not policy.can(officer, triage_action(report), report)
    assert policy.can(officer, triage_action(service), service)
    assert not policy.can(custodian, triage_action(service), service)


def test_identity_and_handling_rights(cases, officer, custodian, handler, auditor):
    service, report = cases
    assert [u.username for u in (officer, custodian, handler, auditor)
            if policy.can(u, "complaint.identity", report)] == [custodian.username]
    assert policy.can(handler, "complaint.handle", service)
    assert not policy.can(handler, "complaint.handle", report)
    assert not policy.can(auditor, "complaint.handle", service)
    agency = service.agency
    assert policy.can(auditor, "complaint.report", unit=agency)
    assert policy.can(officer, "complaint.configure", unit=agency)
    assert not policy.can(handler, "complaint.configure", unit=agency)
