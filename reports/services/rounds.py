"""Reporting rounds: create, move, open (which creates the report slots) and close."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record, snapshot
from core.errors import ApplicationError
from core.thai import ce_year, fiscal_year_bounds
from plans.models import Activity, Plan
from plans.selectors import implementing_units
from reports.models import ReminderLog, Report, Round
from reports.services.common import after_commit, require

ROUND_FIELDS = [
    "name",
    "kind",
    "fiscal_year",
    "opens_on",
    "due_on",
    "closes_on",
    "status",
    "requires_endorsement",
]
EDITABLE_FIELDS = {"name", "kind", "opens_on", "due_on", "closes_on", "requires_endorsement"}


def default_round_specs(fiscal_year: int) -> list[dict]:
    """The memo's two deadlines: progress by 4 April and the year's results by 31 August (ที่ กษ ๑๑๑๓/๑๑๑๕)."""
    year_ce = ce_year(fiscal_year)
    return [
        {
            "name": "รอบที่ ๑ รายงานความก้าวหน้า",
            "kind": Round.Kind.PROGRESS,
            "opens_on": datetime.date(year_ce, 3, 1),
            "due_on": datetime.date(year_ce, 4, 4),
        },
        {
            "name": "รายงานผลการดำเนินงานประจำปี",
            "kind": Round.Kind.ANNUAL,
            "opens_on": datetime.date(year_ce, 8, 1),
            "due_on": datetime.date(year_ce, 8, 31),
        },
    ]


def _validate_dates(*, plan: Plan, fiscal_year: int, opens_on, due_on, closes_on) -> None:
    if not plan.covers_fiscal_year(fiscal_year):
        raise ApplicationError(
            f"แผนนี้ครอบคลุมปี พ.ศ. {plan.period_start} - {plan.period_end} ไม่รวมปีงบประมาณ {fiscal_year}",
            field="fiscal_year",
        )
    if opens_on > due_on:
        raise ApplicationError("วันเปิดรับรายงานต้องไม่อยู่หลังวันกำหนดส่ง", field="opens_on")
    if closes_on and closes_on < due_on:
        raise ApplicationError("วันปิดรับรายงานต้องไม่อยู่ก่อนวันกำหนดส่ง", field="closes_on")
    start, end = fiscal_year_bounds(fiscal_year)
    if not start <= due_on <= end + datetime.timedelta(days=90):
        raise ApplicationError(
            f"วันกำหนดส่งต้องอยู่ในปีงบประมาณ {fiscal_year} (หรือไม่เกิน ๓ เดือนหลังสิ้นปี)", field="due_on"
        )


@transaction.atomic
def round_create(
    *,
    actor,
    plan: Plan,
    fiscal_year: int,
    name: str,
    kind: str,
    opens_on: datetime.date,
    due_on: datetime.date,
    closes_on: datetime.date | None = None,
    requires_endorsement: bool = False,
) -> Round:
    require(actor, "round.manage", unit=plan.agency)
    name = (name or "").strip()
    if not name:
        raise ApplicationError("กรุณาตั้งชื่อรอบการรายงาน", field="name")
    _validate_dates(plan=plan, fiscal_year=fiscal_year, opens_on=opens_on, due_on=due_on, closes_on=closes_on)
    if Round.objects.filter(plan=plan, fiscal_year=fiscal_year, name=name).exists():
        raise ApplicationError(f"มีรอบชื่อ “{name}” ในปีงบประมาณนี้แล้ว", field="name")
    round_ = Round.objects.create(
        plan=plan,
        fiscal_year=fiscal_year,
        name=name,
        kind=kind,
        opens_on=opens_on,
        due_on=due_on,
        closes_on=closes_on,
        requires_endorsement=requires_endorsement,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor, action="round.create", obj=round_, unit=plan.agency, new=snapshot(round_, ROUND_FIELDS)
    )
    return round_


@transaction.atomic
def round_create_defaults(*, actor, plan: Plan, fiscal_year: int) -> list[Round]:
    """The memo's default rounds for a fiscal year; rounds that already exist are kept as they are."""
    created = []
    for spec in default_round_specs(fiscal_year):
        if not Round.objects.filter(plan=plan, fiscal_year=fiscal_year, name=spec["name"]).exists():
            created.append(round_create(actor=actor, plan=plan, fiscal_year=fiscal_year, **spec))
    return created


@transaction.atomic
def round_update(*, actor, round_: Round, **changes) -> Round:
    round_ = Round.objects.select_for_update().select_related("plan__agency").get(pk=round_.pk)
    require(actor, "round.manage", round_)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    if round_.status == Round.Status.CLOSED:
        raise ApplicationError("รอบนี้ปิดแล้ว แก้ไขไม่ได้")
    merged = {f: changes.get(f, getattr(round_, f)) for f in ("opens_on", "due_on", "closes_on")}
    _validate_dates(plan=round_.plan, fiscal_year=round_.fiscal_year, **merged)
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        if not changes["name"]:
            raise ApplicationError("กรุณาตั้งชื่อรอบการรายงาน", field="name")
    old = snapshot(round_, ROUND_FIELDS)
    due_moved = "due_on" in changes and changes["due_on"] != round_.due_on
    for name, value in changes.items():
        setattr(round_, name, value)
    round_.save()
    note = ""
    if due_moved:
        # Reminders count down to the due date: after a move, the countdown starts again for those who have
        # not sent their report yet.
        cleared, _ = ReminderLog.objects.filter(
            report__round=round_, report__status__in=Report.EDITABLE
        ).delete()
        note = f"เลื่อนกำหนดส่ง ล้างประวัติการเตือน {cleared} รายการ"
        if round_.is_open:
            from reports.tasks import schedule_reminders

            transaction.on_commit(lambda: schedule_reminders(round_))
    audit_record(
        actor=actor,
        action="round.update",
        obj=round_,
        unit=round_.plan.agency,
        old=old,
        new=snapshot(round_, ROUND_FIELDS),
        note=note,
    )
    return round_


def _hosts_of(activity: Activity):
    """Every host unit of an activity: co-hosts each summarise their share. An activity whose plan cell
    names no host gets no summary; the compiled round shows it as "ไม่มีหน่วยงานเจ้าภาพ"."""
    return sorted(activity.host_units.all(), key=lambda u: (u.path, u.sort_order))


def round_sync_slots(round_: Round) -> int:
    """Create the missing report slots of an open round: one per activity × implementing unit, plus one
    summary per activity × host unit. Existing reports are never touched, so this is safe to run again after
    the plan's units change."""
    existing = set(Report.objects.filter(round=round_).values_list("activity_id", "unit_id", "kind"))
    activities = (
        Activity.objects.filter(measure__policy__plan=round_.plan)
        .select_related("measure__policy__plan__agency")
        .prefetch_related("host_units", "implementing_units")
    )
    new = []
    for activity in activities:
        for unit_id in implementing_units(activity).values_list("pk", flat=True):
            if (activity.pk, unit_id, Report.Kind.UNIT) not in existing:
                new.append(Report(round=round_, activity=activity, unit_id=unit_id, kind=Report.Kind.UNIT))
        for host in _hosts_of(activity):
            if (activity.pk, host.pk, Report.Kind.HOST_SUMMARY) not in existing:
                new.append(Report(round=round_, activity=activity, unit=host, kind=Report.Kind.HOST_SUMMARY))
    Report.objects.bulk_create(new, batch_size=500)
    return len(new)


@transaction.atomic
def round_open(*, actor, round_: Round) -> Round:
    round_ = Round.objects.select_for_update().select_related("plan__agency").get(pk=round_.pk)
    require(actor, "round.manage", round_)
    if round_.status == Round.Status.OPEN:
        raise ApplicationError("รอบนี้เปิดอยู่แล้ว")
    if not round_.plan.is_approved:
        raise ApplicationError("แผนยังไม่ได้รับอนุมัติ จึงยังเปิดรอบการรายงานไม่ได้")
    old = snapshot(round_, ROUND_FIELDS)
    round_.status = Round.Status.OPEN
    round_.opened_at = timezone.now()
    round_.closed_at = None
    round_.save()
    created = round_sync_slots(round_)
    audit_record(
        actor=actor,
        action="round.open",
        obj=round_,
        unit=round_.plan.agency,
        old=old,
        new=snapshot(round_, ROUND_FIELDS),
        note=f"สร้างแบบรายงาน {created} ฉบับ",
    )
    from reports.tasks import queue_indicator_refresh, schedule_reminders, send_round_opened

    after_commit(send_round_opened, round_.pk)
    transaction.on_commit(lambda: schedule_reminders(round_))
    # The computed indicators are kept fresh for the dashboard and the API from now on (hourly).
    transaction.on_commit(lambda: queue_indicator_refresh(round_.pk))
    return round_


@transaction.atomic
def round_close(*, actor, round_: Round) -> Round:
    """Close a round: nothing more can be sent, and every accepted report is locked."""
    round_ = Round.objects.select_for_update().select_related("plan__agency").get(pk=round_.pk)
    require(actor, "round.manage", round_)
    if round_.status != Round.Status.OPEN:
        raise ApplicationError("รอบนี้ไม่ได้เปิดอยู่")
    old = snapshot(round_, ROUND_FIELDS)
    now = timezone.now()
    round_.status = Round.Status.CLOSED
    round_.closed_at = now
    round_.save()
    accepted = list(Report.objects.filter(round=round_, status=Report.Status.ACCEPTED).select_related("unit"))
    for report in accepted:
        audit_record(
            actor=actor,
            action="report.lock",
            obj=report,
            unit=report.unit,
            old={"status": report.status},
            new={"status": Report.Status.LOCKED},
            note="ปิดรอบการรายงาน",
        )
    Report.objects.filter(pk__in=[r.pk for r in accepted]).update(status=Report.Status.LOCKED, locked_at=now)
    audit_record(
        actor=actor,
        action="round.close",
        obj=round_,
        unit=round_.plan.agency,
        old=old,
        new=snapshot(round_, ROUND_FIELDS),
        note=f"ปิดรายงานที่ผ่านการตรวจ {len(accepted)} ฉบับ",
    )
    return round_
