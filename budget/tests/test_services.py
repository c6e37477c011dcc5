"""Budget monitoring through its services: the import (all or nothing, months replaced, audited), targets,
meetings and reviews, and the three computed indicators read through the round's indicator values."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from audit.models import AuditEvent
from budget import months, selectors, services
from budget.models import Disbursement, FollowUpMeeting
from budget.tests.conftest import PDF, sheet
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_fiscal_months_map_to_calendar_months():
    assert months.calendar_month(1) == 10 and months.calendar_month(12) == 9
    assert months.parse("ต.ค.") == 1 and months.parse("กันยายน") == 12 and months.parse(10) == 1
    assert months.parse("มี.ค. 2560") == 6 and months.parse("13") is None and months.parse("abc") is None
    assert months.month_end(2560, 1) == datetime.date(2016, 10, 31)
    assert months.elapsed(2560, datetime.date(2016, 12, 30)) == 2
    assert months.elapsed(2560, datetime.date(2016, 12, 31)) == 3


def test_an_import_with_a_bad_row_writes_nothing_and_names_each_row(agency, finance, lines_2560):
    good = sheet([("cpd-finance", "P1", "ต.ค.", 100000), ("กองคลัง", "P1", "พ.ย.", "50,000.50")])
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=good)
    assert Disbursement.objects.count() == 2
    bad = sheet([("cpd-finance", "P1", "ต.ค.", 1), ("ไม่มีหน่วยนี้", "P1", "ต.ค.", 2),
                 ("cpd-finance", "P9", "ธ.ค.", "สองพัน"), ("cpd-finance", "P1", "ต.ค.", 3)])
    with pytest.raises(services.ImportRefused) as refused:
        services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=bad)
    errors = refused.value.errors
    assert errors[0].startswith("แถวที่ 3: หน่วยงาน: ไม่พบหน่วยงาน “ไม่มีหน่วยนี้”")
    assert errors[1].startswith("แถวที่ 4:") and "ไม่พบรหัสงบ “P9”" in errors[1] and "ไม่ใช่ตัวเลข" in errors[1]
    assert errors[2] == "แถวที่ 5: ซ้ำกับแถวที่ 2 (หน่วยงาน รหัสงบ และเดือนเดียวกัน)"
    # Nothing written, nothing of the earlier import lost (October was not replaced by the bad file).
    assert sorted(Disbursement.objects.values_list("month", "amount")) == [(1, Decimal("100000.00")),
                                                                           (2, Decimal("50000.50"))]
    assert AuditEvent.objects.filter(action="budget.import").count() == 1


def test_reimporting_a_month_replaces_it_and_is_audited_with_counts(agency, finance, lines_2560):
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=sheet(
        [("cpd-finance", "P1", "ต.ค.", 100), ("cpd-prov-13", "P1", "ต.ค.", 200),
         ("cpd-finance", "P1", 11, 5)]))
    checked = services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, dry_run=True,
                                           uploaded=sheet([("cpd-finance", "P2", "ต.ค.", 70)]))
    assert checked.rows == 1 and checked.replaced == 2 and Disbursement.objects.count() == 3  # dry run
    outcome = services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560,
                                           uploaded=sheet([("cpd-finance", "P2", "ต.ค.", 70)]))
    assert outcome.replaced == 2 and outcome.months == [1]
    assert sorted(Disbursement.objects.values_list("month", "line__code", "amount")) == [
        (1, "P2", Decimal("70.00")), (2, "P1", Decimal("5.00"))]
    event = AuditEvent.objects.filter(action="budget.import").latest("id")
    assert event.new["rows"] == 1 and event.new["replaced"] == 2
    assert event.new["months"] == ["ต.ค. 2559"]


def test_a_provincial_officer_imports_only_its_own_units_rows(agency, finance, lines_2560, make_user):
    prov = make_user("fin.cm", "cpd-prov-13", (Role.FINANCE_OFFICER, "cpd-prov-13"))
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=sheet(
        [("cpd-finance", "P1", "ต.ค.", 100), ("cpd-prov-13", "P1", "ต.ค.", 200)]))
    with pytest.raises(services.ImportRefused) as refused:
        services.disbursement_import(actor=prov, agency=agency, fiscal_year=2560,
                                     uploaded=sheet([("cpd-finance", "P1", "ต.ค.", 1)]))
    assert "ท่านไม่มีสิทธิ์นำเข้าข้อมูลของกองคลัง" in refused.value.errors[0]
    services.disbursement_import(actor=prov, agency=agency, fiscal_year=2560,
                                 uploaded=sheet([("cpd-prov-13", "P1", "ต.ค.", 250)]))
    # The province's October replaced only the province's row; the finance division's stays.
    assert sorted(Disbursement.objects.values_list("unit__code", "amount")) == [
        ("cpd-finance", Decimal("100.00")), ("cpd-prov-13", Decimal("250.00"))]


def test_missing_columns_and_other_files_are_refused_in_thai(agency, finance, lines_2560):
    with pytest.raises(ApplicationError, match="ไม่พบคอลัมน์ จำนวนเงิน"):
        services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560,
                                     uploaded=sheet([("cpd", "P1", "ต.ค.")],
                                                    headers=("หน่วยงาน", "รหัสงบ", "เดือน")))
    with pytest.raises(ApplicationError, match="รับเฉพาะไฟล์"):
        services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560,
                                     uploaded=SimpleUploadedFile("x.txt", b"hello"))
    csv_file = SimpleUploadedFile("b.csv", "หน่วยงาน,รหัสงบ,เดือน,จำนวนเงิน\ncpd-finance,P1,ธันวาคม,12.5\n"
                                  .encode("utf-8-sig"))
    services.disbursement_import(actor=finance, agency=agency, fiscal_year=2560, uploaded=csv_file)
    assert Disbursement.objects.get().month == 3


def test_targets_default_and_stay_in_order(agency, finance):
    default = selectors.targets(agency, 2561)[2]
    assert default[0] == Decimal("52") and not default[2]
    services.target_save(actor=finance, agency=agency, fiscal_year=2561, quarter=1,
                         cumulative_percent=Decimal("32"))
    with pytest.raises(ApplicationError, match="ไม่น้อยกว่าไตรมาสก่อน"):
        services.target_save(actor=finance, agency=agency, fiscal_year=2561, quarter=2,
                             cumulative_percent=Decimal("20"))
    assert selectors.targets(agency, 2561)[1] == (Decimal("32.00"), "", True)


def test_meetings_keep_their_minutes_and_refuse_others(agency, finance, make_user):
    meeting = services.meeting_record(
        actor=finance, agency=agency, fiscal_year=2560, month=1, held_on=datetime.date(2016, 11, 3),
        title="ประชุมติดตามเร่งรัด", files=[SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")])
    assert meeting.files.get().extension == "pdf"
    with pytest.raises(ApplicationError, match="ก่อนเดือน"):
        services.meeting_record(actor=finance, agency=agency, fiscal_year=2560, month=3,
                                held_on=datetime.date(2016, 11, 3), title="x")
    reporter = make_user("rep", "cpd-finance", (Role.REPORTER, "cpd-finance"))
    from accounts.policy import Denied

    with pytest.raises(Denied):
        services.meeting_record(actor=reporter, agency=agency, fiscal_year=2560, month=1,
                                held_on=datetime.date(2016, 11, 3), title="x")
    assert FollowUpMeeting.objects.count() == 1
