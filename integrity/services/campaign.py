"""Campaign events and executives' reminders: recorded by the CoI officers of the unit that held them."""

from __future__ import annotations

from django.db import transaction

from accounts.policy import require
from core.errors import ApplicationError
from integrity.models import CampaignEvent, ExecutiveReminder
from integrity.services.common import not_future, record_audit, store_files

EVENT_FIELDS = ["unit", "held_on", "title", "audience", "attendance", "material", "note"]
REMINDER_FIELDS = ["unit", "meeting", "met_on", "agenda_item", "executive", "minutes", "minutes_ref"]


def _check_event(data: dict) -> None:
    not_future(data.get("held_on"), "held_on", "วันที่จัด")
    if not (data.get("title") or "").strip():
        raise ApplicationError("กรุณากรอกชื่อกิจกรรม", field="title")
    if data.get("attendance") is not None and data["attendance"] < 0:
        raise ApplicationError("จำนวนผู้เข้าร่วมต้องไม่ติดลบ", field="attendance")


@transaction.atomic
def event_record(
    *, actor, unit, held_on, title, audience, attendance, material="", note="", files=(), audit: bool = True
) -> CampaignEvent:
    require(actor, "integrity.coi.edit", unit=unit)
    data = {"held_on": held_on, "title": title, "attendance": attendance}
    _check_event(data)
    event = CampaignEvent.objects.create(
        unit=unit,
        held_on=held_on,
        title=title.strip(),
        audience=audience.strip(),
        attendance=attendance,
        material=material.strip(),
        note=note.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    store_files(actor, event, files)
    if audit:
        record_audit(actor, "integrity.event_record", event, EVENT_FIELDS)
    return event


@transaction.atomic
def reminder_record(
    *,
    actor,
    unit,
    meeting,
    met_on,
    agenda_item,
    executive,
    minutes,
    minutes_ref="",
    files=(),
    audit: bool = True,
) -> ExecutiveReminder:
    require(actor, "integrity.coi.edit", unit=unit)
    not_future(met_on, "met_on", "วันที่ประชุม")
    if not minutes.strip():
        raise ApplicationError("กรุณากรอกสาระสำคัญที่ผู้บริหารกำชับตามรายงานการประชุม", field="minutes")
    reminder = ExecutiveReminder.objects.create(
        unit=unit,
        meeting=meeting.strip(),
        met_on=met_on,
        agenda_item=agenda_item.strip(),
        executive=executive.strip(),
        minutes=minutes.strip(),
        minutes_ref=minutes_ref.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    store_files(actor, reminder, files)
    if audit:
        record_audit(actor, "integrity.reminder_record", reminder, REMINDER_FIELDS)
    return reminder
