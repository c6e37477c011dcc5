"""The demo keeps the real plan's years (its round is in fiscal year 2560, due 4 April 2560) and says so on
every reporting page, instead of counting thousands of days late; real rounds keep their countdown."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from audit.models import AuditEvent
from core.thai import BANGKOK
from reports import demo, services
from reports.compile import compile_round
from reports.exports.excel import compiled_xlsx
from reports.models import Report, Round
from reports.tests.conftest import fill, report_of
from site_shell.demo import load_demo_accounts

pytestmark = pytest.mark.django_db

LABEL = "ข้อมูลสาธิต:"


@pytest.fixture
def demo_round(agency, plan):
    plan.status = "approved"
    plan.save()
    load_demo_accounts(agency)
    assert demo.load(agency=agency, plan=plan)
    return Round.objects.get(plan=plan, fiscal_year=2560, status="open")


def test_the_demo_round_keeps_the_plans_year_and_every_page_labels_it(client, demo_round):
    assert (demo_round.fiscal_year, demo_round.due_on) == (2560, datetime.date(2017, 4, 4))
    assert set(Round.objects.filter(plan=demo_round.plan).values_list("is_demo", flat=True)) == {True}
    reporter = User.objects.get(username="reporter.cm")
    client.force_login(reporter)
    home = client.get(reverse("reports:home")).content.decode()
    assert LABEL in home and "ปีงบประมาณ 2560" in home
    assert "เลยกำหนดมาแล้ว" not in home, "no count of the years since 2560"
    assert "ข้อมูลสาธิต ปีงบประมาณ 2560" in client.get("/").content.decode()
    client.force_login(User.objects.get(username="planadmin"))
    for name in ("reports:round", "reports:dashboard"):
        page = client.get(reverse(name, args=[demo_round.pk])).content.decode()
        assert LABEL in page and "เป็นวันในอดีต" in page, name
    # a report sent after the due date says by how many days, counted from the due date
    late = Report.objects.filter(
        round=demo_round, first_submitted_at__gte=datetime.datetime(2017, 4, 5, tzinfo=BANGKOK)
    ).select_related("round").first()
    days = (late.first_submitted_at.astimezone(BANGKOK).date() - demo_round.due_on).days
    assert 1 <= days <= 9
    round_url = reverse("reports:round", args=[demo_round.pk])
    listed = client.get(round_url, {"unit": late.unit.name}).content.decode()
    assert f"ส่งช้า {days} วัน" in listed


def test_the_demo_workbook_has_no_line_twice(demo_round):
    book = load_workbook(io.BytesIO(compiled_xlsx(compile_round(demo_round))))
    lines = [tuple(row) for ws in book.worksheets[1:] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert len(lines) > 2000 and len(set(lines)) == len(lines)
    # host units that implement the activity too: their summary reads differently from their own report
    for summary in Report.objects.filter(round=demo_round, kind="host_summary", version__gt=0)[:30]:
        own = Report.objects.filter(
            round=demo_round, kind="unit", unit=summary.unit, activity=summary.activity
        )
        if own.filter(version__gt=0).exists():
            assert list(summary.rows.values_list("method", flat=True)) != list(
                own.get().rows.values_list("method", flat=True)
            )


def test_a_demo_loaded_before_the_mark_is_marked_on_the_next_start(demo_round):
    Round.objects.update(is_demo=False)
    assert AuditEvent.objects.filter(note=demo.DEMO_NOTE, object_id=str(demo_round.pk)).exists()
    assert demo.load(agency=demo_round.plan.agency, plan=demo_round.plan) == ""
    assert set(Round.objects.values_list("is_demo", flat=True)) == {True}


def test_a_real_round_keeps_its_countdown_and_no_demo_label(client, small_plan, people):
    today = timezone.localdate()
    fy = today.year + 543 + (1 if today.month >= 10 else 0)
    small_plan.period_end = max(small_plan.period_end, fy)
    small_plan.save()
    due = today + datetime.timedelta(days=10)
    round_ = services.round_create(
        actor=people["admin"], plan=small_plan, fiscal_year=fy, name="รอบทดสอบ", kind="other",
        opens_on=today - datetime.timedelta(days=5), due_on=min(due, datetime.date(fy - 543, 9, 30)),
    )
    services.round_open(actor=people["admin"], round_=round_)
    assert not round_.is_demo
    client.force_login(people["reporter"])
    home = client.get(reverse("reports:home")).content.decode()
    assert LABEL not in home
    assert re.search(r"\(อีก \d+ วัน\)|\(วันนี้\)", home)


def test_a_late_report_on_a_real_round_counts_days_from_the_due_date(client, open_round, people):
    report = services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    )
    sent = datetime.datetime(2017, 4, 7, 8, tzinfo=BANGKOK)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=sent)
    client.force_login(people["admin"])
    page = client.get(reverse("reports:round", args=[open_round.pk])).content.decode()
    assert "ส่งช้า 3 วัน" in page and LABEL not in page
