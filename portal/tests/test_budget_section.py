"""The budget section shows the figures finance published, frozen, for the agency whose portal it is, and
has content once either a page or a publication is published; each kind has a page of its own (the one ITA
O18, O19 or O20 links), showing that kind only and saying so when none is published."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budget import services as budget
from core.templatetags.thai import be_date
from portal import selectors

pytestmark = pytest.mark.django_db


def _publish(agency, finance, *, code, allocated, disbursed_march):
    line = budget.line_save(actor=finance, agency=agency, fiscal_year=2560, code=code, name=f"แผนงาน {code}")
    budget.allocation_save(actor=finance, line=line, unit=agency, amount=Decimal(allocated))
    budget.disbursement_import(actor=finance, agency=agency, fiscal_year=2560,
                               uploaded=_march(agency, code, disbursed_march))
    return budget.budget_publish(actor=finance, agency=agency, fiscal_year=2560, kind="half_year")


def test_each_agency_portal_shows_its_own_published_figures(client, agency, second_agency, make_user):
    finance = make_user("finance", "cpd-finance", ("finance_officer", "cpd"))
    other_finance = make_user("finance.cad", second_agency.code, ("finance_officer", second_agency.code))
    assert selectors.section_is_empty(agency, "budget")
    assert "ยังไม่มีข้อมูลที่เผยแพร่ในหมวดนี้" in client.get("/public/s/budget/").content.decode()

    ours = _publish(agency, finance, code="CPD1", allocated="2000000", disbursed_march="500000")
    _publish(second_agency, other_finance, code="CAD1", allocated="7777000", disbursed_march="1234000")
    assert not selectors.section_is_empty(agency, "budget")

    page = client.get("/public/s/budget/").content.decode()
    assert "รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือน ปีงบประมาณ พ.ศ. 2560" in page
    assert "2,000,000.00" in page and "500,000.00" in page and "ร้อยละ 25.00" in page
    assert "31 มีนาคม 2560" in page and "CPD1" in page  # B.E. date of the data, the budget line
    assert "ยังไม่มีข้อมูลที่เผยแพร่ในหมวดนี้" not in page
    assert "7,777,000.00" not in page and "CAD1" not in page and "1,234,000.00" not in page
    theirs = client.get(f"/a/{second_agency.code}/public/s/budget/").content.decode()
    assert "7,777,000.00" in theirs and "CAD1" in theirs and "CPD1" not in theirs

    # Disbursements imported after publication do not change what the public reads.
    budget.disbursement_import(actor=finance, agency=agency, fiscal_year=2560,
                               uploaded=_march(agency, "CPD1", 1900000))
    assert "500,000.00" in client.get("/public/s/budget/").content.decode()

    budget.budget_withdraw(actor=finance, publication=ours, reason="แก้ไขตัวเลข")
    assert selectors.section_is_empty(agency, "budget")
    assert "CPD1" not in client.get("/public/s/budget/").content.decode()


def test_each_kind_has_its_own_page_with_only_that_kind_of_the_agency(client, agency, second_agency,
                                                                      make_user):
    finance = make_user("finance", "cpd-finance", ("finance_officer", "cpd"))
    other_finance = make_user("finance.cad", second_agency.code, ("finance_officer", second_agency.code))
    half = _publish(agency, finance, code="CPD1", allocated="2000000", disbursed_march="500000")
    _publish(second_agency, other_finance, code="CAD1", allocated="7777000", disbursed_march="1234000")
    budget.budget_publish(actor=other_finance, agency=second_agency, fiscal_year=2560, kind="plan")

    page = client.get("/public/s/budget/half_year/").content.decode()
    assert "<h1>รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือน</h1>" in page
    assert "ปีงบประมาณ พ.ศ. 2560" in page and "2,000,000.00" in page and "500,000.00" in page
    assert f"เผยแพร่เมื่อ</dt><dd>{be_date(half.published_at)}</dd>" in page and "31 มีนาคม 2560" in page
    assert "<caption>" in page and 'scope="col"' in page
    assert "CAD1" not in page and "7,777,000.00" not in page
    # The plan page: agency A has none (B's plan is on B's page only), and it says so.
    plan = client.get("/public/s/budget/plan/").content.decode()
    assert "ยังไม่มีแผนการใช้จ่ายงบประมาณประจำปีที่เผยแพร่" in plan and "CPD1" not in plan and "CAD1" not in plan
    assert selectors.budget_kind_is_empty(agency, "plan") and not selectors.budget_kind_is_empty(agency,
                                                                                                "half_year")
    theirs = client.get(f"/a/{second_agency.code}/public/s/budget/plan/").content.decode()
    assert "7,777,000.00" in theirs and "CPD1" not in theirs
    assert f'href="/a/{second_agency.code}/public/s/budget/half_year/"' in theirs  # B's visitor stays on B's
    # The section lists the three pages.
    section = client.get("/public/s/budget/").content.decode()
    assert all(f'href="/public/s/budget/{kind}/"' in section for kind in ("plan", "half_year", "annual"))

    budget.budget_withdraw(actor=finance, publication=half, reason="แก้ไขตัวเลข")
    page = client.get("/public/s/budget/half_year/").content.decode()
    assert "ยังไม่มีรายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือนที่เผยแพร่" in page and "CPD1" not in page
    assert selectors.budget_kind_is_empty(agency, "half_year")
    assert client.get("/public/s/budget/quarterly/").status_code == 404


def _march(agency, code, amount):
    """A CSV sheet of March's disbursement, as finance exports it."""
    text = f"หน่วยงาน,รหัสงบ,เดือน,จำนวนเงิน\n{agency.code},{code},มี.ค.,{amount}\n"
    return SimpleUploadedFile("march.csv", text.encode())
