"""The discipline register: only discipline officers read it (every read logged); the auditor and the plan's
readers get counts; a corruption complaint becomes a case through its tracking code only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import ApplicationError
from integrity import selectors
from integrity.models import DisciplineCase
from integrity.services import discipline
from integrity.tests.conftest import unit

pytestmark = pytest.mark.django_db
D = datetime.date
NOV_1 = D(2016, 11, 1)


def _case(actor, number, completed=None, opened=NOV_1):
    return discipline.case_record(
        actor=actor,
        unit=unit("cpd-hr"),
        number=number,
        opened_on=opened,
        subject="กรณีทดสอบ",
        stage="completed" if completed else "fact_finding",
        legal_basis="non_serious",
        completed_on=completed,
    )


def test_only_discipline_officers_read_cases_and_every_read_is_logged(agency, people, client):
    case = _case(people["discipline"], "วน.๑/๒๕๖๐", completed=D(2017, 5, 1))
    _case(people["discipline"], "วน.๒/๒๕๖๐")
    for key in ("admin", "executive", "auditor", "coi", "head_cm"):
        assert not selectors.cases_visible(people[key]).exists(), key
        with pytest.raises(PermissionDenied):
            selectors.case_read(people[key], case.pk)
        client.force_login(people[key])
        assert client.get(reverse("integrity:case_detail", args=[case.pk])).status_code == 403, key
        assert client.get(reverse("integrity:case_list")).status_code == 403, key
    client.force_login(people["discipline"])
    assert client.get(reverse("integrity:case_detail", args=[case.pk])).status_code == 200
    read = AuditEvent.objects.filter(action="integrity.case_read").latest("id")
    assert read.actor == people["discipline"] and read.object_id == str(case.pk)
    assert client.get(reverse("integrity:case_list")).status_code == 200
    listed = AuditEvent.objects.filter(action="integrity.case_read").latest("id")
    assert listed.object_type == "list" and len(listed.new["ids"]) == 2
    # Counts for the auditor; the counts page shows numbers, never a case.
    counts = selectors.case_counts(people["auditor"], 2560)
    assert (counts.opened, counts.completed, counts.open_now) == (2, 1, 1)
    client.force_login(people["auditor"])
    page = client.get(reverse("integrity:discipline_counts") + "?fy=2560")
    assert page.status_code == 200 and "วน.๑/๒๕๖๐" not in page.content.decode()
    with pytest.raises(PermissionDenied):
        _case(people["coi"], "วน.๓/๒๕๖๐")


def test_case_rules(agency, people):
    officer = people["discipline"]
    with pytest.raises(ApplicationError) as err:
        discipline.case_record(
            actor=officer,
            unit=unit("cpd-hr"),
            number="ก-1",
            opened_on=D(2017, 1, 1),
            subject="x",
            stage="completed",
        )
    assert err.value.field == "completed_on"
    case = _case(officer, "ก-1")
    with pytest.raises(ApplicationError) as err:
        _case(officer, "ก-1")
    assert err.value.field == "number"
    with pytest.raises(ApplicationError):
        discipline.case_update(
            actor=officer, case=case, stage="completed", legal_basis="serious", completed_on=D(2016, 10, 1)
        )  # before it opened
    discipline.case_update(
        actor=officer,
        case=case,
        stage="completed",
        legal_basis="serious",
        completed_on=D(2017, 6, 1),
        outcome="ไล่ออก",
    )
    assert selectors.year_cases_completed(agency, 2560) == 1


def test_a_corruption_complaint_becomes_a_case_without_the_complainants_identity(agency, people):
    from complaints import services as complaints
    from complaints.crypto import Identity

    complaints.standards_ensure(agency=agency)
    identity = Identity(name="นายผู้แจ้ง ลับมาก", phone="0812345678", email="whistle@example.test", address="")
    receipt = complaints.case_submit(
        agency=agency,
        channel="corruption",
        subject="เรียกรับเงิน",
        details="เจ้าหน้าที่เรียกรับเงินค่าตรวจสหกรณ์",
        identity=identity,
    )
    service = complaints.case_submit(
        agency=agency,
        channel="service",
        subject="ล่าช้า",
        details="รอการจดทะเบียนนานเกินกำหนด",
        identity=identity,
    )
    case = discipline.case_from_complaint(
        actor=people["discipline"],
        complaint_id=receipt.case.pk,
        unit=unit("cpd-hr"),
        number="วน.๙/๒๕๖๐",
        opened_on=timezone.localdate(),
        subject="กรณีกล่าวหาว่าเรียกรับเงิน",
    )
    assert (
        case.complaint_reference == receipt.tracking_code and case.source == DisciplineCase.Source.COMPLAINT
    )
    stored = " ".join(str(v) for v in DisciplineCase.objects.filter(pk=case.pk).values().get().values())
    for secret in ("ผู้แจ้ง", "0812345678", "whistle@example.test", receipt.case.number):
        assert secret not in stored
    entry = AuditEvent.objects.get(action="integrity.case_from_complaint")
    assert entry.new["complaint_reference"] == receipt.tracking_code and "ผู้แจ้ง" not in str(entry.new)
    with pytest.raises(ApplicationError):  # once only
        discipline.case_from_complaint(
            actor=people["discipline"],
            complaint_id=receipt.case.pk,
            unit=unit("cpd-hr"),
            number="วน.๑๐/๒๕๖๐",
            opened_on=timezone.localdate(),
            subject="ซ้ำ",
        )
    with pytest.raises(ApplicationError):  # a service complaint is not a discipline matter
        discipline.case_from_complaint(
            actor=people["discipline"],
            complaint_id=service.case.pk,
            unit=unit("cpd-hr"),
            number="วน.๑๑/๒๕๖๐",
            opened_on=timezone.localdate(),
            subject="บริการ",
        )
    with pytest.raises(PermissionDenied):
        discipline.case_from_complaint(
            actor=people["coi"],
            complaint_id=receipt.case.pk,
            unit=unit("cpd-hr"),
            number="วน.๑๒/๒๕๖๐",
            opened_on=timezone.localdate(),
            subject="x",
        )


def test_the_computed_count_links_to_the_counts_page(department, people):
    from plans.models import Indicator
    from reports.computed import compute

    _, plan = department
    _case(people["discipline"], "วน.๑/๒๕๖๐", completed=D(2017, 5, 1))
    _case(people["discipline"], "วน.๒/๒๕๖๐", completed=D(2017, 10, 2))  # FY 2561
    ind = Indicator.objects.get(activity__measure__policy__plan=plan, activity__key="3.3.3-a")
    result = compute(ind, plan=plan, fiscal_year=2560)
    assert result.value == 1
    assert result.records == [(result.records[0][0], reverse("integrity:discipline_counts") + "?fy=2560")]
