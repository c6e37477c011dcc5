"""Reminder e-mails of a campaign: everyone on the roster with an address who has not acknowledged yet,
exactly once per person in each reminder round.

As in reports.reminders, a `ReminderLog` row (unique per campaign, person and round) is committed before the
e-mail goes out, so a second run of the same round, or a worker restarted halfway, sends nothing twice. A
claim whose e-mail was never confirmed sent is taken over by a later run only after `LEASE`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import selectors, tokens
from campaigns.models import Campaign, ReminderLog, StaffMember
from core.thai import format_be

LEASE = datetime.timedelta(minutes=30)
FOOTER = "\n\n—\nอีเมลฉบับนี้ส่งจากระบบโปร่งใสโดยอัตโนมัติ กรุณาอย่าตอบกลับ"


def _claim(campaign: Campaign, member: StaffMember, round_no: int, now) -> ReminderLog | None:
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(campaign=campaign, staff=member, round_no=round_no,
                                              claimed_at=now)
    except IntegrityError:
        pass
    taken = ReminderLog.objects.filter(campaign=campaign, staff=member, round_no=round_no,
                                       sent_at__isnull=True, claimed_at__lt=now - LEASE)
    taken = taken.update(claimed_at=now)
    return ReminderLog.objects.get(campaign=campaign, staff=member, round_no=round_no) if taken else None


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "prongsai.local"


def message(campaign: Campaign, member: StaffMember, round_no: int) -> EmailMessage:
    subject = f"[โปร่งใส] ขอเชิญร่วม: {campaign.title}"
    body = (f"เรียน {member.full_name}\n\n"
            f"ระบบยังไม่พบการแสดงเจตจำนงหรือการรับทราบของท่านใน \"{campaign.title}\" "
            f"(ปิดรับวันที่ {format_be(campaign.closes_on)})\n\n"
            f"ข้อความ:\n{campaign.text}\n\n"
            f"กดลิงก์ส่วนตัวของท่านเพื่อยืนยัน (ไม่ต้องเข้าสู่ระบบ):\n"
            f"{tokens.absolute_url(campaign.pk, member.pk)}\n\n"
            f"ลิงก์นี้เป็นของท่านคนเดียว กรุณาอย่าส่งต่อ{FOOTER}")
    return EmailMessage(subject=subject, body=body, to=[member.email],
                        headers={"Message-ID": f"<campaign.{campaign.pk}.{member.pk}.{round_no}@{_domain()}>",
                                 "Auto-Submitted": "auto-generated"})


def run_campaign_reminders(*, campaign_id: int, round_no: int) -> int:
    """Send the round's reminders still due; returns the number of e-mails sent."""
    campaign = Campaign.objects.select_related("agency").filter(pk=campaign_id).first()
    if campaign is None or campaign.for_units or round_no > campaign.reminder_round:
        return 0
    today = timezone.localdate()
    if today > campaign.closes_on:
        return 0
    sent = 0
    pending = [m for m in selectors.not_yet(campaign, today) if m.email]
    connection = get_connection()
    for member in pending:
        now = timezone.now()
        log = _claim(campaign, member, round_no, now)
        if log is None:
            continue
        try:
            connection.send_messages([message(campaign, member, round_no)])
        except Exception:
            ReminderLog.objects.filter(pk=log.pk, sent_at__isnull=True).delete()
            raise
        ReminderLog.objects.filter(pk=log.pk).update(sent_at=timezone.now())
        sent += 1
    return sent
