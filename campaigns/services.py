"""Writes of the campaigns: opening a campaign, acknowledging (personal link, signed paper sheet, a unit's
record), and asking for a reminder round. Every write is checked by the policy and audited; one person (or
unit) acknowledges a campaign once — the database refuses a second row, and a second use of a link answers
with the first acknowledgement instead of an error."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from campaigns import tokens
from campaigns.models import Acknowledgement, Campaign, CampaignFile, StaffMember
from core import record_files
from core.errors import ApplicationError
from core.thai import format_be
from org.models import Unit
from reports.evidence import validate_link_url

SHEET_KINDS = ("pdf", "jpg", "png", "webp")


def campaign_create(*, actor, agency: Unit, kind: str, title: str, text: str, fiscal_year: int,
                    opens_on: datetime.date, closes_on: datetime.date,
                    audience: str | None = None) -> Campaign:
    policy.require(actor, "campaign.manage", unit=agency)
    if kind not in Campaign.Kind.values:
        raise ApplicationError("ไม่มีประเภทการรณรงค์นี้", field="kind")
    if closes_on < opens_on:
        raise ApplicationError("วันปิดรับต้องไม่ก่อนวันเปิดรับ", field="closes_on")
    if not text.strip():
        raise ApplicationError("กรุณากรอกข้อความที่ให้แสดงเจตจำนงหรือรับทราบ", field="text")
    campaign = Campaign.objects.create(
        agency=agency, kind=kind, audience=audience or Campaign.DEFAULT_AUDIENCE[kind], title=title.strip(),
        text=text.strip(), fiscal_year=fiscal_year, opens_on=opens_on, closes_on=closes_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit_record(actor=actor, action="campaign.create", obj=campaign, unit=agency,
                 new={"kind": kind, "title": campaign.title, "fiscal_year": fiscal_year,
                      "opens_on": opens_on, "closes_on": closes_on, "audience": campaign.audience})
    return campaign


def _open_check(campaign: Campaign, today: datetime.date) -> None:
    if today < campaign.opens_on:
        raise ApplicationError(f"การรณรงค์นี้เปิดรับตั้งแต่วันที่ {format_be(campaign.opens_on)}")
    if today > campaign.closes_on:
        raise ApplicationError(f"การรณรงค์นี้ปิดรับแล้วเมื่อวันที่ {format_be(campaign.closes_on)}")


class AlreadyAcknowledged(ApplicationError):
    def __init__(self, ack: Acknowledgement):
        super().__init__(f"บันทึกไว้แล้วเมื่อ {format_be(ack.at)} ไม่ต้องทำซ้ำ")
        self.acknowledgement = ack


def link_target(token: str) -> tuple[Campaign, StaffMember]:
    """The campaign and person a personal link names; tokens.BadToken when it is forged or expired, or
    when the person is not (or no longer) asked by the campaign."""
    claim = tokens.read(token)
    member = StaffMember.objects.select_related("unit").filter(pk=claim.staff_id).first()
    campaign = Campaign.objects.filter(pk=claim.campaign_id).first()
    if member is None or campaign is None or campaign.for_units or member.agency_id != campaign.agency_id:
        raise tokens.BadToken("ไม่พบการรณรงค์หรือรายชื่อตามลิงก์นี้ กรุณาติดต่อหน่วยงานของท่าน")
    return campaign, member


def acknowledge_by_link(*, token: str, now: datetime.datetime | None = None) -> Acknowledgement:
    """The person behind a personal link acknowledges (no account: the token is the authority)."""
    now = now or timezone.now()
    campaign, member = link_target(token)
    existing = Acknowledgement.objects.filter(campaign=campaign, staff=member).first()
    if existing is not None:
        raise AlreadyAcknowledged(existing)
    _open_check(campaign, timezone.localdate(now))
    try:
        with transaction.atomic():
            ack = Acknowledgement.objects.create(campaign=campaign, staff=member, unit=member.unit, at=now,
                                                 how=Acknowledgement.How.LINK)
    except IntegrityError:
        # The same link opened twice at once: the other request's row stands.
        raise AlreadyAcknowledged(Acknowledgement.objects.get(campaign=campaign, staff=member)) from None
    audit_record(actor=None, action="campaign.acknowledge", obj=ack, unit=member.unit,
                 new={"campaign": campaign.title, "staff": member.full_name, "how": ack.how},
                 note="ผ่านลิงก์ส่วนตัว")
    return ack


@transaction.atomic
def paper_sheet_record(*, actor, campaign: Campaign, unit: Unit, uploaded, staff_ids: list[int],
                       now: datetime.datetime | None = None) -> list[Acknowledgement]:
    """A unit uploads the sheet its people signed and ticks their names: one acknowledgement each."""
    policy.require(actor, "campaign.unit", unit=unit)
    now = now or timezone.now()
    if campaign.for_units:
        raise ApplicationError("การรณรงค์นี้รับทราบในนามหน่วยงาน ไม่ใช้แบบลงนามรายบุคคล")
    if uploaded is None:
        raise ApplicationError("กรุณาแนบไฟล์แบบที่ลงนามแล้ว (PDF หรือรูปภาพ)", field="sheet")
    if not staff_ids:
        raise ApplicationError("กรุณาเลือกรายชื่อผู้ที่ลงนามในแบบอย่างน้อยหนึ่งคน", field="staff")
    from campaigns.selectors import audience

    day = min(timezone.localdate(now), campaign.closes_on)
    units = Unit.objects.filter(path__startswith=unit.path)
    members = {m.pk: m for m in audience(campaign, day, units=units).filter(pk__in=staff_ids)}
    if len(members) != len(set(staff_ids)):
        raise ApplicationError("รายชื่อที่เลือกบางคนไม่อยู่ในบัญชีรายชื่อของหน่วยงานนี้", field="staff")
    already = set(Acknowledgement.objects.filter(campaign=campaign, staff_id__in=members)
                  .values_list("staff_id", flat=True))
    sheet = record_files.store(CampaignFile(campaign=campaign, unit=unit, kind=CampaignFile.Kind.SHEET),
                               uploaded, actor=actor, field="sheet", allowed=SHEET_KINDS)
    acks = [Acknowledgement.objects.create(campaign=campaign, staff=m, unit=m.unit, at=now,
                                           how=Acknowledgement.How.PAPER, recorded_by=actor, file=sheet)
            for pk, m in members.items() if pk not in already]
    audit_record(actor=actor, action="campaign.paper_sheet", obj=sheet, unit=unit,
                 new={"campaign": campaign.title, **record_files.audit_fields(sheet),
                      "staff": sorted(members[a.staff_id].full_name for a in acks),
                      "already": len(already)})
    return acks


@transaction.atomic
def unit_acknowledge(*, actor, campaign: Campaign, unit: Unit, uploaded=None, link: str = "", note: str = "",
                     now: datetime.datetime | None = None) -> Acknowledgement:
    """A unit records its own acknowledgement of a unit campaign (receipt of the circulated policy, its
    posting of the announcement with a photo or link, its part in the values plan)."""
    policy.require(actor, "campaign.unit", unit=unit)
    now = now or timezone.now()
    if not campaign.for_units:
        raise ApplicationError("การรณรงค์นี้ให้บุคลากรแสดงเจตจำนงรายบุคคล")
    from campaigns.selectors import target_units, unit_acknowledgement

    if not target_units(campaign.agency).filter(pk=unit.pk).exists():
        raise ApplicationError("หน่วยงานนี้ไม่อยู่ในกลุ่มเป้าหมายของการรณรงค์")
    existing = unit_acknowledgement(campaign, unit)
    if existing is not None:
        raise AlreadyAcknowledged(existing)
    link = link.strip()
    if link:
        try:
            link = validate_link_url(link)
        except ApplicationError as exc:
            raise ApplicationError(exc.message, field="link") from None
    if campaign.needs_evidence and uploaded is None and not link:
        raise ApplicationError("กรุณาแนบรูปถ่ายการติดประกาศ หรือใส่ลิงก์ที่เผยแพร่ประกาศ", field="evidence")
    evidence = None
    if uploaded is not None:
        evidence = record_files.store(
            CampaignFile(campaign=campaign, unit=unit, kind=CampaignFile.Kind.EVIDENCE), uploaded,
            actor=actor, field="evidence")
    ack = Acknowledgement.objects.create(campaign=campaign, unit=unit, at=now,
                                         how=Acknowledgement.How.RECORDED, recorded_by=actor, file=evidence,
                                         link=link, note=note.strip()[:500])
    audit_record(actor=actor, action="campaign.unit_acknowledge", obj=ack, unit=unit,
                 new={"campaign": campaign.title, "link": link,
                      **(record_files.audit_fields(evidence) if evidence else {})})
    return ack


def reminders_request(*, actor, campaign: Campaign) -> int:
    """Start a reminder round: the task worker e-mails everyone with an address who has not acknowledged,
    once per person in this round. Returns the round's number."""
    policy.require(actor, "campaign.manage", campaign)
    if campaign.for_units:
        raise ApplicationError("การรณรงค์ของหน่วยงานไม่ส่งอีเมลเตือนรายบุคคล")
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        campaign.reminder_round += 1
        campaign.save(update_fields=["reminder_round"])
        audit_record(actor=actor, action="campaign.remind", obj=campaign, unit=campaign.agency,
                     new={"round": campaign.reminder_round})
        round_no = campaign.reminder_round

        def enqueue():
            from campaigns.tasks import send_campaign_reminders

            send_campaign_reminders.enqueue(campaign.pk, round_no)

        transaction.on_commit(enqueue)
    return round_no
