"""Staff roster and acknowledgement campaigns (the pledges and policy awareness the plan counts at 100 %).

The roster is the HR division's list of people per unit; a person need not be a user of the system. A member
is on the roster from `active_from` to `active_to` (inclusive, open-ended when empty), so "the roster as of a
date" is a filter, and a re-import that no longer lists someone ends their period instead of deleting them:
their past acknowledgements keep counting for the rounds they belonged to.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.record_files import RecordFile


class ExecutiveLevel(models.TextChoices):
    NONE = "", "ไม่ใช่ผู้บริหาร"
    JUNIOR = "junior", "ผู้บริหารระดับต้น"
    MIDDLE = "middle", "ผู้บริหารระดับกลาง"
    SENIOR = "senior", "ผู้บริหารระดับสูง"


class StaffMember(models.Model):
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="staff_members",
                             verbose_name="หน่วยงาน")
    code = models.CharField("รหัสบุคลากร", max_length=32)
    title = models.CharField("คำนำหน้า", max_length=64, blank=True)
    first_name = models.CharField("ชื่อ", max_length=100)
    last_name = models.CharField("นามสกุล", max_length=100)
    position = models.CharField("ตำแหน่ง", max_length=255, blank=True)
    executive_level = models.CharField("ระดับผู้บริหาร", max_length=16, choices=ExecutiveLevel.choices,
                                       blank=True, default="")
    email = models.EmailField("อีเมล", blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    active_from = models.DateField("อยู่ในบัญชีตั้งแต่")
    active_to = models.DateField("อยู่ในบัญชีถึง", null=True, blank=True)

    class Meta:
        ordering = ["unit__path", "first_name", "last_name", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="campaign_staff_code")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}".strip()

    @property
    def is_executive(self) -> bool:
        return bool(self.executive_level)

    @staticmethod
    def active_on(day: datetime.date) -> Q:
        return Q(active_from__lte=day) & (Q(active_to__isnull=True) | Q(active_to__gte=day))


class Campaign(models.Model):
    class Kind(models.TextChoices):
        STAFF_PLEDGE = "staff_pledge", "บุคลากรแสดงเจตจำนงซื่อตรงต่อหน้าที่"
        EXECUTIVE_PLEDGE = "executive_pledge", "ผู้บริหารแสดงเจตจำนงบริหารงานอย่างซื่อสัตย์สุจริต"
        POLICY_AWARENESS = "policy_awareness", "บุคลากรรับรู้นโยบายคุณธรรมและความโปร่งใส"
        VALUES_PARTICIPATION = "values_participation", "หน่วยงานมีส่วนร่วมตามแผนขับเคลื่อนค่านิยมกรม"
        UNIT_CIRCULATION = "unit_circulation", "หน่วยงานรับทราบหนังสือแจ้งเวียนนโยบาย"
        UNIT_POSTING = "unit_posting", "หน่วยงานติดประกาศนโยบาย"

    class Audience(models.TextChoices):
        STAFF = "staff", "บุคลากรทุกคน"
        EXECUTIVES = "executives", "ผู้บริหารทุกระดับ"
        UNITS = "units", "ทุกหน่วยงาน"

    DEFAULT_AUDIENCE = {
        Kind.STAFF_PLEDGE: Audience.STAFF, Kind.EXECUTIVE_PLEDGE: Audience.EXECUTIVES,
        Kind.POLICY_AWARENESS: Audience.STAFF, Kind.VALUES_PARTICIPATION: Audience.UNITS,
        Kind.UNIT_CIRCULATION: Audience.UNITS, Kind.UNIT_POSTING: Audience.UNITS,
    }

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("ประเภท", max_length=32, choices=Kind.choices)
    audience = models.CharField("กลุ่มเป้าหมาย", max_length=16, choices=Audience.choices)
    title = models.CharField("ชื่อการรณรงค์", max_length=255)
    text = models.TextField("ข้อความที่แสดงเจตจำนงหรือรับทราบ")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    opens_on = models.DateField("เปิดรับตั้งแต่")
    closes_on = models.DateField("ปิดรับเมื่อ")
    reminder_round = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.title} (ปีงบประมาณ พ.ศ. {self.fiscal_year})"

    @property
    def for_units(self) -> bool:
        return self.audience == self.Audience.UNITS

    @property
    def needs_evidence(self) -> bool:
        """A unit's posting of the announcement is shown by a photo or a link."""
        return self.kind == self.Kind.UNIT_POSTING


class CampaignFile(RecordFile):
    """A signed paper sheet of a unit, or the photo of a unit's posting."""

    class Kind(models.TextChoices):
        SHEET = "sheet", "แบบลงนามกระดาษ"
        EVIDENCE = "evidence", "หลักฐานของหน่วยงาน"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="files")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)


class Acknowledgement(models.Model):
    class How(models.TextChoices):
        LINK = "link", "ผ่านลิงก์หรือคิวอาร์โค้ดส่วนตัว"
        PAPER = "paper", "ลงนามในแบบกระดาษ"
        RECORDED = "recorded", "หน่วยงานบันทึก"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="acknowledgements")
    staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="acknowledgements")
    # The acknowledging unit (a unit campaign) or the person's unit when they acknowledged (for scoping).
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("เมื่อ")
    how = models.CharField("วิธี", max_length=16, choices=How.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    file = models.ForeignKey(CampaignFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    link = models.URLField("ลิงก์หลักฐาน", max_length=500, blank=True)
    note = models.CharField("หมายเหตุ", max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "staff"], condition=Q(staff__isnull=False),
                                    name="campaign_ack_once_per_person"),
            models.UniqueConstraint(fields=["campaign", "unit"], condition=Q(staff__isnull=True),
                                    name="campaign_ack_once_per_unit"),
        ]

    def __str__(self) -> str:
        who = self.staff.full_name if self.staff_id else self.unit.name
        return f"{who} — {self.campaign.title}"


class ReminderLog(models.Model):
    """One reminder e-mail per person, campaign and reminder round (claimed before sending)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    round_no = models.PositiveIntegerField()
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "staff", "round_no"],
                                               name="campaign_reminder_once")]


class PublicCounter(models.Model):
    """Requests of one client on the public acknowledgement page per hour; the key is a keyed hash of the
    address and the hour, never the address itself."""

    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)
