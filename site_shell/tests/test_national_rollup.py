"""The supervising bodies' page /national/: the demo's ป.ป.ท. and ministry logins see both demo agencies
(the department and กรมตรวจบัญชีสหกรณ์), filter them by ministry, name and status, page through thousands,
follow each count to the list it counts, and read it at phone width (stacked rows)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Role, Supervision, User
from site_shell.demo import _profile, load_second_agency, load_supervisors

pytestmark = pytest.mark.django_db

URL = "/national/"


@pytest.fixture
def demo(agency, settings, tmp_path):
    """The department (with its profile, as the demo writes it), the second agency with an open round, and
    the demo's supervisors."""
    from plans.services import plan_approve
    from reports.services import round_create, round_open

    settings.DATA_DIR = tmp_path
    cache.clear()  # the roll-up is kept a minute per latest audit entry, whose ids a rolled-back test reuses
    _profile(agency)
    cad, plan, _ = load_second_agency()
    plan = plan_approve(actor=None, plan=plan, approved_on=datetime.date(2023, 1, 5),
                        approval_memo="ที่ ตส ๑/๑")
    round_ = round_open(actor=None, round_=round_create(
        actor=None, plan=plan, fiscal_year=2567, name="รอบที่ ๑ รายงานความก้าวหน้า", kind="progress",
        opens_on=datetime.date(2024, 3, 1), due_on=datetime.date(2024, 4, 4)))
    created = load_supervisors()
    return agency, cad, round_, created


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-agency="([^"]+)"', html)


def test_the_demo_supervisors_see_both_demo_agencies(client, demo, settings):
    agency, cad, round_, created = demo
    assert {u for u, _, _ in created} == {"pacc", "moac"} and load_supervisors() == []
    logins = (settings.DATA_DIR / "demo-logins.txt").read_text(encoding="utf-8")
    assert "pacc\t" in logins and Role.SUPERVISOR.label in logins
    assert Supervision.objects.get(user__username="pacc").ministry == ""
    for username in ("pacc", "moac"):
        client.force_login(User.objects.get(username=username))
        page = client.get(URL)
        html = page.content.decode()
        assert page.status_code == 200 and set(_rows(html)) == {agency.code, cad.code}, username
        assert 'data-read-at' in html and "ข้อมูลการส่งรายงาน ณ" in html
        assert reverse("site_shell:national_rollup") in html  # in the menu
        assert Role.SUPERVISOR.label in client.get(reverse("site_shell:home")).content.decode()
    # The second agency's counts lead to what they count; the department has no round yet.
    listing = reverse("reports:round", args=[round_.pk])
    assert f'href="{listing}?kind=unit&amp;status=sent#list-h"' in html
    assert f'href="{listing}?kind=unit&amp;late=1#list-h"' in html
    assert reverse("reports:dashboard", args=[round_.pk]) + "?indicators=all#ind-details" in html
    assert "ยังไม่มีรอบการรายงาน" in html
    # A reader of one agency is not a supervising body.
    client.force_login(User.objects.get(username="admin.cad"))
    assert client.get(URL).status_code == 403


def test_what_the_counts_lead_to_opens_for_the_supervisor(client, demo):
    _, _, round_, _ = demo
    client.force_login(User.objects.get(username="pacc"))
    for url in (reverse("reports:round", args=[round_.pk]) + "?kind=unit&status=sent",
                reverse("reports:dashboard", args=[round_.pk]) + "?indicators=all"):
        assert client.get(url).status_code == 200, url
    report = round_.reports.order_by("pk").first()
    assert client.get(reverse("reports:report", args=[report.pk])).status_code == 200
    assert client.post(reverse("reports:submit", args=[report.pk])).status_code in (403, 404)
    report.refresh_from_db()
    assert report.status == "draft" and report.version == 0


def test_filters_by_ministry_name_and_status(client, demo):
    agency, cad, _, _ = demo
    client.force_login(User.objects.get(username="pacc"))
    assert _rows(client.get(URL, {"q": "ตส."}).content.decode()) == [cad.code]
    assert _rows(client.get(URL, {"q": "กรมส่งเสริม"}).content.decode()) == [agency.code]
    assert _rows(client.get(URL, {"status": "no_round"}).content.decode()) == [agency.code]
    assert _rows(client.get(URL, {"status": "incomplete"}).content.decode()) == [cad.code]
    assert _rows(client.get(URL, {"ministry": "กระทรวงการคลัง"}).content.decode()) == []
    both = _rows(client.get(URL, {"ministry": "กระทรวงเกษตรและสหกรณ์"}).content.decode())
    assert set(both) == {agency.code, cad.code}


def test_a_ministry_supervisor_sees_only_its_ministry(client, demo):
    from org.models import AgencyProfile

    agency, cad, _, _ = demo
    AgencyProfile.objects.filter(agency=cad).update(ministry="กระทรวงการคลัง")
    client.force_login(User.objects.get(username="moac"))
    assert _rows(client.get(URL).content.decode()) == [agency.code]
    client.force_login(User.objects.get(username="pacc"))
    assert set(_rows(client.get(URL).content.decode())) == {agency.code, cad.code}


def test_thousands_of_agencies_are_paged_and_rows_stack_at_phone_width(client, demo):
    from org.models import Unit
    from org.services import unit_create

    for n in range(30):
        unit_create(actor=None, parent=None, code=f"nd-{n:02d}", name=f"กรมสาธิตที่ {n:02d}",
                    kind=Unit.Kind.AGENCY)
    client.force_login(User.objects.get(username="pacc"))
    first = client.get(URL, {"q": "กรมสาธิต"}).content.decode()
    assert len(_rows(first)) == 25 and "ส่วนราชการที่ 1–25 จาก 30" in first
    assert "?q=%E0%B8%81" in first and "page=2" in first  # the pager keeps the filter
    second = client.get(URL, {"q": "กรมสาธิต", "page": 2}).content.decode()
    assert len(_rows(second)) == 5 and not set(_rows(first)) & set(_rows(second))
    # Phone width: the table stacks (prongsai.css, table.stack) and every cell carries its column's name.
    assert '<table class="stack" id="rollup-table">' in first
    cells = re.findall(r"<td( [^>]*)?>", first.split('id="rollup-table"')[1])
    assert cells and all('data-label="' in (attrs or "") for attrs in cells)
