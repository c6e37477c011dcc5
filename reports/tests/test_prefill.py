"""An empty draft report starts from the registers' rows for its activity (marked, linked, editable before it
is saved); a report with rows typed, or saved once, is never touched."""

import datetime

import pytest
from django.urls import reverse

from integrity.models import CampaignEvent
from plans.models import Activity
from registers.models import ManualReview, Process
from reports.tests.conftest import fill, report_of, unit
from reports.tests.test_views import ROW, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def manual_activity(open_round):
    """Activity t-1 of the small plan stands in for the plan's 1.1.1-a (manual reviews per unit)."""
    Activity.objects.filter(measure__policy__plan=open_round.plan, key="t-1").update(key="1.1.1-a")
    process = Process.objects.create(unit=unit("cpd-prov-13"), name="การรับจดทะเบียนสหกรณ์")
    ManualReview.objects.create(process=process, reviewed_on=datetime.date(2017, 2, 1), fiscal_year=2560,
                                reviewer="ผอ.สหกรณ์จังหวัด")
    other = Process.objects.create(unit=unit("cpd-prov-01"), name="การชำระบัญชี")
    ManualReview.objects.create(process=other, reviewed_on=datetime.date(2017, 2, 2), fiscal_year=2560,
                                reviewer="ผู้อื่น")
    return report_of(open_round, "cpd-prov-13", "1.1.1-a")


def _page(client, report, user) -> str:
    client.force_login(user)
    response = client.get(reverse("reports:edit", args=[report.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_draft_gets_the_register_rows_marked_and_linked(client, people, manual_activity):
    page = _page(client, manual_activity, people["reporter"])
    assert "data-prefilled" in page
    assert "ทะเบียนคู่มือและมาตรฐานกระบวนงาน" in page and f'href="{reverse("registers:manuals")}"' in page
    assert "ทบทวนคู่มือ/มาตรฐานกระบวนงานการรับจดทะเบียนสหกรณ์" in page
    assert "1 กุมภาพันธ์ 2560" in page and "ผอ.สหกรณ์จังหวัด" in page
    assert "การชำระบัญชี" not in page  # another unit's register row
    assert page.count("data-prefilled-row") == 1
    # Nothing is written by opening the form: the rows are the form's starting text.
    assert manual_activity.rows.count() == 0


def test_the_prefilled_rows_are_saved_as_the_reporter_edits_them(client, people, manual_activity):
    client.force_login(people["reporter"])
    edited = {**ROW, "method": "ทบทวนคู่มือการรับจดทะเบียนสหกรณ์ (แก้ไขแล้ว)"}
    response = client.post(reverse("reports:edit", args=[manual_activity.pk]),
                           form_data(manual_activity, people["reporter"], [edited]))
    assert response.status_code == 302
    assert [r.method for r in manual_activity.rows.all()] == [edited["method"]]
    # Saved once, the report is the unit's: the register rows are not offered again.
    page = _page(client, manual_activity, people["reporter"])
    assert "data-prefilled" not in page and edited["method"] in page


def test_a_draft_with_typed_rows_is_untouched(client, people, manual_activity):
    fill(manual_activity, people["reporter"])
    page = _page(client, manual_activity, people["reporter"])
    assert "data-prefilled" not in page
    assert "ประชุมชี้แจงแนวทางการทบทวนกระบวนงาน" in page
    assert "การรับจดทะเบียนสหกรณ์" not in page
    assert manual_activity.rows.count() == 1


def test_the_integrity_events_prefill_the_campaign_activity(client, open_round, people):
    Activity.objects.filter(measure__policy__plan=open_round.plan, key="t-2").update(key="3.1-a")
    CampaignEvent.objects.create(unit=unit("cpd-prov-13"), held_on=datetime.date(2017, 3, 10),
                                 title="รณรงค์ไม่รับของขวัญ", audience="บุคลากร", attendance=25)
    page = _page(client, report_of(open_round, "cpd-prov-13", "3.1-a"), people["reporter"])
    assert "จัดกิจกรรมรณรงค์: รณรงค์ไม่รับของขวัญ" in page and "ผู้เข้าร่วม 25 คน" in page
    assert f'href="{reverse("integrity:event_list")}"' in page
    # Krabi held no event: its form starts empty.
    krabi = report_of(open_round, "cpd-prov-01", "3.1-a")
    assert "data-prefilled" not in _page(client, krabi, people["other"])


def test_the_budget_meetings_go_to_the_host_and_campaigns_answer_without_records(open_round):
    from budget.models import FollowUpMeeting
    from reports.prefill import rows_for

    activity = Activity.objects.get(measure__policy__plan=open_round.plan, key="t-1")  # host: cpd-psdg
    activity.key = "5.3-a"
    FollowUpMeeting.objects.create(agency=unit("cpd"), fiscal_year=2560, month=1,
                                   held_on=datetime.date(2016, 11, 3),
                                   title="ประชุมคณะกรรมการติดตามเร่งรัดการใช้จ่าย ครั้งที่ ๑")
    host_rows = rows_for(unit=unit("cpd-psdg"), activity=activity, fiscal_year=2560)
    assert [p.row["period_text"] for p in host_rows] == ["3 พฤศจิกายน 2559"]
    assert "ครั้งที่ ๑" in host_rows[0].row["method"] and host_rows[0].url.endswith("?fy=2560")
    assert rows_for(unit=unit("cpd-prov-13"), activity=activity, fiscal_year=2560) == []
    for key in ("2.1-a", "2.2-a", "6.1.2-a"):
        activity.key = key
        assert rows_for(unit=unit("cpd-prov-13"), activity=activity, fiscal_year=2560) == []
