"""Gifts judged against the limit in force, declarations visible to the declarant, their unit head and the
CoI officers only (every read logged), and the yearly report from generation to presentation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import ApplicationError
from integrity import selectors
from integrity.models import GiftRecord
from integrity.services import campaign, coi
from integrity.tests.conftest import unit

pytestmark = pytest.mark.django_db
D = datetime.date
JAN_5 = D(2017, 1, 5)


def _gift(actor, value, kind="stakeholder", day=JAN_5, handling="returned"):
    return coi.gift_record(
        actor=actor,
        unit=unit("cpd-finance"),
        recipient="นางสาวทดสอบ",
        received_on=day,
        giver="บริษัท ตัวอย่าง จำกัด",
        giver_kind=kind,
        description="กระเช้า",
        value=Decimal(value),
        handling=handling,
    )


def test_a_gift_is_judged_against_the_limit_in_force_on_the_day(agency, people):
    coi_officer = people["coi"]
    assert _gift(coi_officer, "3000").within_limit is True
    over = _gift(coi_officer, "3000.01", handling="received")
    assert over.within_limit is False and over.limit_applied == Decimal("3000")
    assert "ต้องรายงานผู้บังคับบัญชา" in over.decision_text
    assert _gift(coi_officer, "9000", kind="relative").within_limit is True
    coi.gift_limit_set(
        actor=coi_officer,
        agency=agency,
        amount=Decimal("500"),
        effective_from=D(2017, 2, 1),
        basis="มติคณะกรรมการกรม",
    )
    assert _gift(coi_officer, "800", day=D(2017, 1, 31)).within_limit is True  # before the new limit
    later = _gift(coi_officer, "800", day=D(2017, 2, 1))
    assert later.within_limit is False and later.limit_basis == "มติคณะกรรมการกรม"
    with pytest.raises(PermissionDenied):
        _gift(people["reporter"], "100")
    with pytest.raises(ApplicationError):
        _gift(coi_officer, "100", day=timezone.localdate() + datetime.timedelta(days=1))
    assert GiftRecord.objects.count() == 5


def _declare(user, actor=None, interest=False, **extra):
    return coi.declaration_record(
        actor=actor or user,
        declarant=user,
        fiscal_year=2560,
        declared_on=D(2016, 11, 1),
        occasion="matter" if interest else "annual",
        has_interest=interest,
        matter="ตรวจสหกรณ์" if interest else "",
        related_party="สหกรณ์ตัวอย่าง" if interest else "",
        relationship="ญาติเป็นกรรมการ" if interest else "",
        **extra,
    )


def test_declarations_are_read_by_the_declarant_their_unit_head_and_the_coi_officers_only(agency, people):
    mine = _declare(people["staff_cm"], interest=True)
    visible = {
        key: set(selectors.declarations_visible(people[key]).values_list("pk", flat=True)) for key in people
    }
    for key in ("staff_cm", "head_cm", "coi"):
        assert mine.pk in visible[key], key
    for key in ("staff_cm2", "head_kb", "admin", "executive", "auditor", "reporter", "discipline"):
        assert mine.pk not in visible[key], key
        with pytest.raises(PermissionDenied):
            selectors.declaration_read(people[key], mine.pk)
    before = AuditEvent.objects.filter(action="integrity.declaration_read").count()
    selectors.declaration_read(people["head_cm"], mine.pk)
    read = AuditEvent.objects.filter(action="integrity.declaration_read").latest("id")
    assert AuditEvent.objects.filter(action="integrity.declaration_read").count() == before + 1
    assert read.actor == people["head_cm"] and read.object_id == str(mine.pk)
    # The trail of the record itself keeps that it was made, not its content.
    made = AuditEvent.objects.get(action="integrity.declaration_record", object_id=str(mine.pk))
    assert "สหกรณ์ตัวอย่าง" not in str(made.new)


def test_declaration_rules(agency, people):
    with pytest.raises(ApplicationError) as err:
        coi.declaration_record(
            actor=people["staff_cm"],
            declarant=people["staff_cm"],
            fiscal_year=2560,
            declared_on=D(2016, 11, 1),
            occasion="annual",
            has_interest=True,
        )
    assert err.value.field == "related_party"
    with pytest.raises(PermissionDenied):  # someone else's declaration needs a CoI officer
        _declare(people["staff_cm2"], actor=people["staff_cm"])
    entered = _declare(people["staff_cm2"], actor=people["coi"])
    assert entered.declarant == people["staff_cm2"] and entered.decision == "none"
    pending = _declare(people["staff_cm"], interest=True)
    assert pending.decision == "pending"
    with pytest.raises(PermissionDenied):
        coi.declaration_decide(
            actor=people["head_kb"],
            declaration=pending,
            decision="recuse",
            decided_by="x",
            decided_on=D(2016, 11, 2),
        )
    coi.declaration_decide(
        actor=people["head_cm"],
        declaration=pending,
        decision="recuse",
        decided_by="สหกรณ์จังหวัด",
        decided_on=D(2016, 11, 2),
    )
    pending.refresh_from_db()
    assert pending.decision == "recuse"


def test_declaration_pages_answer_only_those_who_may_read(agency, people, client):
    mine = _declare(people["staff_cm"])
    url = reverse("integrity:declaration_detail", args=[mine.pk])
    for key, status in (
        ("staff_cm", 200),
        ("head_cm", 200),
        ("coi", 200),
        ("staff_cm2", 403),
        ("admin", 403),
    ):
        client.force_login(people[key])
        assert client.get(url).status_code == status, key
    client.force_login(people["staff_cm2"])
    assert mine.pk not in [d.pk for d in client.get(reverse("integrity:declaration_list")).context["page"]]


def test_the_yearly_report_is_generated_from_the_registers_then_presented(agency, people, client):
    coi_officer = people["coi"]
    campaign.event_record(
        actor=coi_officer,
        unit=unit("cpd-hr"),
        held_on=D(2017, 3, 1),
        title="ประชุมชี้แจง",
        audience="บุคลากร",
        attendance=45,
    )
    _gift(coi_officer, "5000")
    _declare(people["staff_cm"], interest=True)
    report = coi.coi_report_generate(actor=coi_officer, agency=agency, fiscal_year=2560)
    assert report.statistics["attendance"] == 45 and report.statistics["gifts_over_limit"] == 1
    assert report.statistics["declarations_pending"] == 1
    with pytest.raises(PermissionDenied):
        coi.coi_report_present(
            actor=people["admin"], report=report, presented_on=D(2017, 9, 20), presented_to="อธิบดี"
        )
    coi.coi_report_present(actor=coi_officer, report=report, presented_on=D(2017, 9, 20), presented_to="อธิบดี")
    with pytest.raises(ApplicationError):  # what was presented stays as presented
        coi.coi_report_generate(actor=coi_officer, agency=agency, fiscal_year=2560)
    client.force_login(people["admin"])
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        response = client.get(reverse("integrity:coi_report_document", args=[2560, fmt]))
        assert response.status_code == 200 and response.content.startswith(magic), fmt


def test_the_no_gift_policy_and_a_limit_are_recorded_on_their_page(agency, people, client):
    url = reverse("integrity:gift_rules")
    client.force_login(people["admin"])
    assert client.get(url).status_code == 403
    client.force_login(people["coi"])
    bad = client.post(
        url, {"which": "limit", "lm-amount": "สามพัน", "lm-effective_from": "01/10/2560", "lm-basis": "มติ"}
    )
    assert bad.status_code == 200 and "กรุณากรอกมูลค่าเป็นตัวเลข" in bad.content.decode()
    assert 'value="01/10/2560"' in bad.content.decode()  # what was typed stays
    response = client.post(
        url,
        {
            "which": "no_gift",
            "ng-fiscal_year": "2560",
            "ng-announced_on": "1 ธ.ค. 2559",
            "ng-title": "ประกาศนโยบายไม่รับของขวัญ",
            "ng-announced_by": "อธิบดี",
        },
    )
    assert response.status_code == 302
    assert selectors.year_no_gift(agency, 2560).announced_on == D(2016, 12, 1)
