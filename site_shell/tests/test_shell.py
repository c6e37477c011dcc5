"""The site shell at its old addresses: home, menu and the demo command, now outside the kernel."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_home_sends_visitors_to_the_portal_and_greets_staff(client, agency, make_user, login):
    assert reverse("site_shell:home") == "/"
    assert client.get("/")["Location"] == reverse("portal:home")
    make_user("aud", "cpd-ia", (Role.AUDITOR, None))
    login("aud")
    html = client.get("/").content.decode()
    assert "บทบาทของท่าน" in html
    # The menu (site_shell.context_processors) offers the audit trail at /audit/ to an auditor.
    assert 'href="/audit/"' in html and "บันทึกการเปลี่ยนแปลง" in html


def test_setup_demo_without_demo_data_loads_the_department(tmp_path, settings, capsys):
    settings.DATA_DIR = tmp_path
    call_command("setup_demo", "--no-demo")
    assert Plan.objects.filter(agency__code="cpd", status=Plan.Status.APPROVED).count() == 1
    assert "หน่วยงาน:" in capsys.readouterr().out


def test_demo_cases_assigned_to_chiang_mai_reach_an_officer_there(agency):
    """Without an officer at the assigned unit, every demo assignment warned that nobody there was told."""
    from complaints import demo as complaints_demo
    from complaints.models import Case
    from complaints.selectors import units_without_handlers
    from org.models import Unit
    from site_shell.demo import load_demo_accounts

    load_demo_accounts(agency)
    complaints_demo.load(agency=agency)
    chiang_mai = Unit.objects.get(code="cpd-prov-13")
    assert Case.objects.filter(assigned_units=chiang_mai).exists()
    assert units_without_handlers([chiang_mai]) == []
