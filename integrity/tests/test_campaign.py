"""Campaign events and executives' reminders: recorded through the services, judged on their dates by the
plan's computed indicators (3.1-a ๑, 4.1-a, 4.3-a by 31 March; 4.1-a ๒ once a quarter)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import ApplicationError
from integrity.services.campaign import event_record, reminder_record
from integrity.tests.conftest import unit, values_by_key
from reports.indicator_values import COMPUTED

pytestmark = pytest.mark.django_db


def _event(actor, day, title="ประชุมชี้แจงการป้องกันผลประโยชน์ทับซ้อน", code="cpd-hr"):
    return event_record(
        actor=actor,
        unit=unit(code),
        held_on=day,
        title=title,
        audience="ข้าราชการส่วนกลาง",
        attendance=80,
        material="คู่มือการป้องกันผลประโยชน์ทับซ้อน",
    )


def test_an_event_by_march_makes_the_campaign_indicators_met_and_a_may_event_does_not_count(
    annual_2560, people
):
    coi = people["coi"]
    before = values_by_key(annual_2560)
    assert before["3.1-a/1"].source == COMPUTED and before["3.1-a/1"].value == 0
    may = _event(coi, datetime.date(2017, 5, 10), "อบรมหลังกำหนด")
    only_may = values_by_key(annual_2560)["3.1-a/1"]
    assert only_may.value == 0 and only_may.verdict.status != "met"
    assert "หลังเดือนมีนาคมอีก 1 ครั้งไม่นับ" in only_may.verdict.explanation
    march = _event(coi, datetime.date(2017, 3, 15))
    feb = _event(coi, datetime.date(2017, 2, 20), "นิทรรศการ No Gift Policy", "cpd-prov-13")
    after = values_by_key(annual_2560)
    for key in ("3.1-a/1", "4.1-a/1", "4.3-a/1"):
        value = after[key]
        assert value.source == COMPUTED and value.value == 2, key
        assert value.verdict.status == "met", (key, value.verdict.explanation)
    urls = [url for _, url in after["3.1-a/1"].provenance]
    assert urls == [reverse("integrity:event_detail", args=[pk]) for pk in (feb.pk, march.pk, may.pk)]
    assert "ครั้งแรกเมื่อ 20 กุมภาพันธ์ 2560" in after["3.1-a/1"].verdict.explanation


def test_the_plan_administrator_can_open_the_counted_event(annual_2560, people, client):
    event = _event(people["coi"], datetime.date(2017, 3, 15))
    client.force_login(people["admin"])
    assert client.get(reverse("integrity:event_detail", args=[event.pk])).status_code == 200


def test_reminders_count_the_quarters_that_had_one(annual_2560, people):
    coi, agency = people["coi"], unit("cpd")
    for day in (
        datetime.date(2016, 11, 20),
        datetime.date(2016, 12, 15),
        datetime.date(2017, 2, 1),
        datetime.date(2017, 8, 20),
    ):
        reminder_record(
            actor=coi,
            unit=agency,
            meeting="การประชุมผู้บริหารกรม",
            met_on=day,
            agenda_item="4.1",
            executive="อธิบดี",
            minutes="กำชับให้ถือปฏิบัติตามระเบียบผลประโยชน์ทับซ้อน",
        )
    value = values_by_key(annual_2560)["4.1-a/2"]
    assert value.source == COMPUTED and value.value == 3  # two in Q1 count once; Q3 has none
    assert "ไตรมาสที่ไม่มีการกำชับ: ไตรมาสที่ 3" in value.verdict.explanation
    assert value.verdict.status == "not_met"
    reminder_record(
        actor=coi,
        unit=agency,
        meeting="การประชุมผู้บริหารกรม",
        met_on=datetime.date(2017, 5, 5),
        agenda_item="5",
        executive="รองอธิบดี",
        minutes="กำชับอีกครั้ง",
    )
    assert values_by_key(annual_2560)["4.1-a/2"].verdict.status == "met"


def test_event_rules_and_policy(department, people):
    with pytest.raises(ApplicationError) as err:
        _event(people["coi"], timezone.localdate() + datetime.timedelta(days=2))
    assert err.value.field == "held_on"
    with pytest.raises(PermissionDenied):
        _event(people["reporter"], datetime.date(2017, 3, 1), code="cpd-prov-13")
    event = _event(people["coi"], datetime.date(2017, 3, 1))
    entry = AuditEvent.objects.get(action="integrity.event_record", object_id=str(event.pk))
    assert entry.new["attendance"] == 80 and entry.actor == people["coi"]
