import pytest
from django.core.management import call_command

from complaints import demo
from complaints.models import Case, Status

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_the_life_of_a_complaint_and_load_once(agency, make_user, settings):
    make_user("complaints", "cpd-slk", ("complaint_officer", "cpd"))
    make_user("custodian", "cpd-slk", ("identity_custodian", "cpd"))
    message = demo.load(agency=agency)
    assert "7 เรื่อง" in message
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.RECEIVED, Status.ACKNOWLEDGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSED,
            Status.FORWARDED} <= statuses
    assert Case.objects.filter(closed_by_timeout=True).count() == 1
    assert Case.objects.filter(escalated_at__isnull=False).exists()
    assert demo.load(agency=agency) == "" and Case.objects.count() == 7
    lines = (settings.DATA_DIR / "demo-complaints.txt").read_text().splitlines()
    assert len(lines) == 7


def test_timer_sweep_command(agency, submit, capsys):
    submit()
    call_command("complaints_timers")
    assert "ไม่มีรายการที่ถึงกำหนด" in capsys.readouterr().out
