"""Executives' issuances: a review against the checklist; a flagged one is escalated to the agency's
executives and auditors; the share of executives reviewed clean is computed."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from core.errors import ApplicationError
from integrity import selectors
from integrity.models import Issuance
from integrity.services import issuances
from integrity.tests.conftest import unit

pytestmark = pytest.mark.django_db
D = datetime.date
JAN_10 = D(2017, 1, 10)


def _issue(name, title, day=JAN_10):
    return issuances.issuance_record(
        actor=None,
        unit=unit("cpd"),
        issuer_name=name,
        issuer_position="รองอธิบดี",
        kind="announcement",
        title=title,
        issued_on=day,
        uses_budget=True,
    )


def test_review_rules_escalation_and_the_share_of_clean_executives(
    agency, people, django_capture_on_commit_callbacks
):
    a1 = _issue("นายก  ทดสอบ", "ประกาศ ๑")  # spacing typed differently is the same executive
    a2 = _issue("นายก ทดสอบ", "ประกาศ ๒")
    b1 = _issue("นางข ทดสอบ", "ระเบียบ ๑")
    c1 = _issue("นายค ทดสอบ", "โครงการ ๑")
    assert selectors.clean_share(selectors.executives_standing(agency, 2560)) == Decimal("0.00")
    with pytest.raises(PermissionDenied):
        issuances.issuance_review(
            actor=people["admin"], issuance=a1, reviewed_on=D(2017, 1, 20), checklist={}, verdict="clean"
        )
    with pytest.raises(ApplicationError) as err:
        issuances.issuance_review(
            actor=people["coi"],
            issuance=a1,
            reviewed_on=D(2017, 1, 20),
            checklist={"favours_officials": True},
            verdict="clean",
        )
    assert err.value.field == "verdict"
    with pytest.raises(ApplicationError) as err:
        issuances.issuance_review(
            actor=people["coi"],
            issuance=b1,
            reviewed_on=D(2017, 1, 20),
            checklist={"favours_stakeholders": True},
            verdict="flagged",
        )
    assert err.value.field == "note"
    for issuance in (a1, a2, c1):
        issuances.issuance_review(
            actor=people["auditor"],
            issuance=issuance,
            reviewed_on=D(2017, 1, 20),
            checklist={},
            verdict="clean",
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        issuances.issuance_review(
            actor=people["coi"],
            issuance=b1,
            reviewed_on=D(2017, 1, 21),
            checklist={"favours_stakeholders": True},
            verdict="flagged",
            note="กำหนดคุณสมบัติให้ผู้รับจ้างรายเดียว",
        )
    b1.refresh_from_db()
    assert b1.status == Issuance.Status.ESCALATED and b1.escalated_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["executive"].email, people["auditor"].email]
    )
    assert "ผู้รับบริการหรือผู้มีส่วนได้ส่วนเสีย" in mail.outbox[0].body
    standing = selectors.executives_standing(agency, 2560)
    assert [(e.name, e.clean) for e in standing] == [
        ("นางข ทดสอบ", False),
        ("นายก ทดสอบ", True),
        ("นายค ทดสอบ", True),
    ]
    assert selectors.clean_share(standing) == Decimal("66.67")
    # An executive whose issuance is still unreviewed does not count as clean.
    _issue("นายค ทดสอบ", "โครงการ ๒", D(2017, 5, 1))
    assert selectors.clean_share(selectors.executives_standing(agency, 2560)) == Decimal("33.33")


def test_the_computed_share_reads_the_year(department, people):
    from plans.models import Indicator
    from reports.computed import compute

    _, plan = department
    _issue("นายก ทดสอบ", "ประกาศ ๑")
    ind = Indicator.objects.get(activity__measure__policy__plan=plan, activity__key="3.3.1-a")
    before = compute(ind, plan=plan, fiscal_year=2560)
    assert before.value == Decimal("0.00") and "ยังไม่ได้ตรวจ 1 เรื่อง" in before.records[0][0]
    assert compute(ind, plan=plan, fiscal_year=2561).value is None
