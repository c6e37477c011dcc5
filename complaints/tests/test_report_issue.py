"""Recording that a monthly/quarterly complaints report was sent: guarded, audited, the file frozen."""

import datetime

import pytest
from django.urls import reverse

from accounts.policy import Denied
from audit.models import AuditEvent
from complaints.models import ReportIssue
from complaints.services import standards_ensure
from complaints.services.issues import report_issue
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db
OCT = {"year": 2567, "month": 10}


@pytest.fixture(autouse=True)
def _standards(agency):
    standards_ensure(agency=agency)


def _issue(actor, agency, **kw):
    values = {"kind": "monthly", "period": OCT, "issued_on": datetime.date(2024, 11, 5),
              "recipient": "อธิบดีกรมส่งเสริมสหกรณ์", "reference": "กษ 1101/123", **kw}
    return report_issue(actor=actor, agency=agency, **values)


def test_an_issued_report_keeps_the_period_the_recipient_and_the_file_as_generated(officer, agency):
    issue = _issue(officer, agency)
    assert (issue.fiscal_year, issue.period_start, issue.period_end) == (
        2568, datetime.date(2024, 10, 1), datetime.date(2024, 10, 31))
    stored = issue.files.get()
    assert stored.extension == "pdf" and stored.original_name == "complaints-monthly-2567-10.pdf"
    event = AuditEvent.objects.get(action="complaint.report_issue")
    assert event.new["recipient"] == "อธิบดีกรมส่งเสริมสหกรณ์" and event.new["file"]["sha256"] == stored.sha256
    quarter = _issue(officer, agency, kind="quarterly", period={"fy": 2568, "quarter": 1},
                     issued_on=datetime.date(2025, 1, 10), recipient="คณะกรรมการบริหารกรม", fmt="docx")
    assert quarter.period_end == datetime.date(2024, 12, 31) and quarter.files.get().extension == "docx"


def test_dates_before_the_period_ends_a_second_record_and_no_recipient_are_refused(officer, agency):
    with pytest.raises(ApplicationError) as exc:
        _issue(officer, agency, issued_on=datetime.date(2024, 10, 20))
    assert exc.value.field == "issued_on"
    with pytest.raises(ApplicationError) as exc:
        _issue(officer, agency, recipient="  ")
    assert exc.value.field == "recipient"
    _issue(officer, agency)
    with pytest.raises(ApplicationError):
        _issue(officer, agency, issued_on=datetime.date(2024, 11, 6))
    assert ReportIssue.objects.count() == 1


def test_only_the_complaint_desk_records_it_and_readers_open_the_file(client, officer, auditor, handler,
                                                                      agency, make_user):
    from accounts.models import Role

    with pytest.raises(Denied):
        _issue(auditor, agency)
    with pytest.raises(Denied):
        _issue(handler, agency)  # a provincial office's officer: not the department's reports
    client.force_login(officer)
    url = reverse("complaints:report_issue", args=["monthly"])
    bad = client.post(url, {"issue-monthly-year": "2567", "issue-monthly-month": "10",
                            "issue-monthly-issued_on": "40/11/2567", "issue-monthly-recipient": "อธิบดีกรมฯ",
                            "issue-monthly-fmt": "pdf"})
    assert bad.status_code == 200 and "อธิบดีกรมฯ" in bad.content.decode()  # what was typed stays
    ok = client.post(url, {"issue-monthly-year": "2567", "issue-monthly-month": "10",
                           "issue-monthly-issued_on": "05/11/2567", "issue-monthly-recipient": "อธิบดี",
                           "issue-monthly-reference": "กษ 1101/9", "issue-monthly-fmt": "pdf"})
    assert ok.status_code == 302
    stored = ReportIssue.objects.get().files.get()
    page = client.get(reverse("complaints:reports")).content.decode()
    assert "กษ 1101/9" in page and reverse("complaints:report_issue_file", args=[stored.pk]) in page
    admin = make_user("admin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    client.force_login(admin)
    assert client.get(reverse("complaints:report_issue_file", args=[stored.pk])).status_code == 200
    client.force_login(handler)
    assert client.get(reverse("complaints:report_issue_file", args=[stored.pk])).status_code in (403, 404)


def test_demo_records_the_last_two_monthly_reports_once(agency, make_user, settings, tmp_path):
    from complaints import demo

    settings.DATA_DIR = tmp_path  # the demo appends its tracking codes there; keep the shared file as it was

    make_user("complaints", "cpd-slk", ("complaint_officer", "cpd"))
    make_user("custodian", "cpd-slk", ("identity_custodian", "cpd"))
    assert "รายงานรายเดือนต่ออธิบดี 2 เดือน" in demo.load(agency=agency)
    assert demo.load(agency=agency) == ""
    issues = list(ReportIssue.objects.order_by("period_start"))
    assert all(i.files.count() == 1 for i in issues)
    # The last two months now, and the demo round's year (Oct 2559 – Mar 2560 and its first quarter).
    recent = [i for i in issues if i.period_start.year >= 2020]
    assert len(recent) == 2 and recent[0].period_end < recent[1].period_start
    assert len(issues) - len(recent) == 7


def test_the_issue_forms_offer_the_last_month_and_the_last_quarter_that_ended():
    from complaints.views.reports import _issue_form

    in_q1 = datetime.date(2024, 11, 5)  # fiscal 2568, first quarter still running
    initial = _issue_form("quarterly", today=in_q1).initial
    assert (initial["fy"], initial["quarter"]) == (2567, 4)
    assert _issue_form("quarterly", today=datetime.date(2025, 5, 2)).initial["quarter"] == 2
    assert _issue_form("monthly", today=in_q1).initial["month"] == 10
