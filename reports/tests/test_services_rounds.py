import datetime

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from core.errors import ApplicationError
from reports import services
from reports.models import Report, Round

pytestmark = pytest.mark.django_db


def test_default_rounds_follow_the_memo(small_plan, people):
    rounds = services.round_create_defaults(actor=people["admin"], plan=small_plan, fiscal_year=2560)
    assert [(r.kind, r.due_on) for r in rounds] == [
        ("progress", datetime.date(2017, 4, 4)),
        ("annual", datetime.date(2017, 8, 31)),
    ]
    assert services.round_create_defaults(actor=people["admin"], plan=small_plan, fiscal_year=2560) == []
    assert Round.objects.filter(plan=small_plan).count() == 2


def test_only_the_plan_administrator_manages_rounds(small_plan, people):
    with pytest.raises(PermissionDenied):
        services.round_create_defaults(actor=people["coordinator"], plan=small_plan, fiscal_year=2561)
    with pytest.raises(ApplicationError, match="ไม่รวม"):
        services.round_create(
            actor=people["admin"],
            plan=small_plan,
            fiscal_year=2590,
            name="x",
            kind="other",
            opens_on=datetime.date(2047, 1, 1),
            due_on=datetime.date(2047, 2, 1),
        )
    with pytest.raises(ApplicationError, match="วันเปิด"):
        services.round_create(
            actor=people["admin"],
            plan=small_plan,
            fiscal_year=2560,
            name="x",
            kind="other",
            opens_on=datetime.date(2017, 5, 1),
            due_on=datetime.date(2017, 4, 1),
        )


def test_opening_creates_one_report_per_activity_and_unit_plus_host_summaries(open_round):
    slots = set(Report.objects.filter(round=open_round).values_list("activity__key", "unit__code", "kind"))
    assert slots == {
        ("t-1", "cpd-prov-13", "unit"),
        ("t-1", "cpd-prov-01", "unit"),
        ("t-1", "cpd-hr", "unit"),
        ("t-1", "cpd-psdg", "host_summary"),
        ("t-2", "cpd-prov-13", "unit"),
        ("t-2", "cpd-prov-01", "unit"),
        ("t-2", "cpd-hr", "host_summary"),
    }
    assert AuditEvent.objects.filter(action="round.open", note__contains="7").exists()


def test_sync_adds_slots_for_units_added_later_and_keeps_existing_reports(open_round, people):
    from reports.tests.conftest import fill, report_of, unit

    fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    activity = open_round.plan.policies.get(number=1).measures.get().activities.get()
    activity.implementing_units.add(unit("cpd-prov-02"))
    assert services.round_sync_slots(open_round) == 1
    assert report_of(open_round, "cpd-prov-13").rows.count() == 1


def test_the_real_plan_opens_for_the_whole_department(plan, people):
    plan.status = "approved"
    plan.save()
    round_ = services.round_create(
        actor=people["admin"],
        plan=plan,
        fiscal_year=2560,
        name="รอบที่ ๑",
        kind="progress",
        opens_on=datetime.date(2017, 3, 1),
        due_on=datetime.date(2017, 4, 4),
    )
    services.round_open(actor=people["admin"], round_=round_)
    reports = Report.objects.filter(round=round_)
    provinces = (
        reports.filter(kind="unit", unit__code__startswith="cpd-prov-").values("unit").distinct().count()
    )
    assert provinces == 76
    first = reports.filter(activity__key="1.1.1-a")
    # Every co-host summarises its share (กพร., สนม., กพน., ศทส.), not only the first one listed.
    hosts = set(first.filter(kind="host_summary").values_list("unit__abbreviation", flat=True))
    assert hosts == {unit.abbreviation for unit in first.first().activity.host_units.all()}
    assert len(hosts) == 4 and "กพร." in hosts
    from org.selectors import reporting_units

    assert set(first.filter(kind="unit").values_list("unit_id", flat=True)) == set(
        reporting_units(plan.agency).values_list("pk", flat=True)
    )


def test_moving_the_due_date_restarts_reminders_for_unsent_reports(open_round, people):
    from reports.models import ReminderLog
    from reports.tests.conftest import report_of

    report = report_of(open_round, "cpd-prov-13")
    ReminderLog.objects.create(report=report, kind="d7", claimed_at=datetime.datetime.now(datetime.UTC))
    services.round_update(actor=people["admin"], round_=open_round, due_on=datetime.date(2017, 4, 10))
    assert not ReminderLog.objects.exists()
    assert AuditEvent.objects.filter(action="round.update", note__contains="ล้างประวัติ").exists()


def test_a_draft_plan_cannot_open_a_round(small_plan, people):
    small_plan.status = "draft"
    small_plan.save()
    round_ = services.round_create(
        actor=people["admin"],
        plan=small_plan,
        fiscal_year=2560,
        name="r",
        kind="progress",
        opens_on=datetime.date(2017, 3, 1),
        due_on=datetime.date(2017, 4, 4),
    )
    with pytest.raises(ApplicationError, match="อนุมัติ"):
        services.round_open(actor=people["admin"], round_=round_)


def test_closing_locks_accepted_reports(open_round, people):
    from reports.tests.conftest import fill, report_of

    report = services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    )
    services.report_accept(actor=people["coordinator"], report=report)
    services.round_close(actor=people["admin"], round_=open_round)
    report.refresh_from_db()
    assert report.status == Report.Status.LOCKED
    assert AuditEvent.objects.filter(action="report.lock", object_id=str(report.pk)).exists()
