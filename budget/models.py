"""Budget monitoring (plan 5.3 and 3.3.2): what each unit has disbursed month by month against the
government's quarterly targets, the monthly follow-up meetings, the yearly review of the monitoring
system itself, and the spending plan and reports finance publishes on the portal (ITA O18–O20).

Months are fiscal-year months (1 = ตุลาคม … 12 = กันยายน), the order in which finance reads the year; the
calendar month of a row is derived when it is shown (budget.months)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.record_files import RecordFile

MONTH = [MinValueValidator(1), MaxValueValidator(12)]


class BudgetLine(models.Model):
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    code = models.CharField("รหัสงบ", max_length=64)
    name = models.CharField("ชื่อรายการงบประมาณ", max_length=255)

    class Meta:
        ordering = ["fiscal_year", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "code"],
                                               name="budget_line_code_once_a_year")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Allocation(models.Model):
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="allocations")
    amount = models.DecimalField("งบประมาณที่ได้รับจัดสรร (บาท)", max_digits=16, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        ordering = ["line__code", "unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["unit", "line"], name="budget_allocation_once")]

    def __str__(self) -> str:
        return f"{self.line.code} {self.unit.name}"


class Disbursement(models.Model):
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="disbursements")
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    month = models.PositiveSmallIntegerField("เดือนของปีงบประมาณ", validators=MONTH)
    amount = models.DecimalField("เบิกจ่าย (บาท)", max_digits=16, decimal_places=2)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fiscal_year", "month", "line__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "line", "month"],
                                               name="budget_disbursement_once_a_month")]

    def __str__(self) -> str:
        return f"{self.line.code} {self.unit.name} เดือน {self.month}"


class QuarterTarget(models.Model):
    """The government's cumulative disbursement target for the end of a quarter (percent of allocation).
    Data, not code: the figures change each year by cabinet resolution and finance keeps them here."""

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    quarter = models.PositiveSmallIntegerField("ไตรมาส",
                                               validators=[MinValueValidator(1), MaxValueValidator(4)])
    cumulative_percent = models.DecimalField("เป้าหมายสะสม (ร้อยละ)", max_digits=5, decimal_places=2,
                                             validators=[MinValueValidator(Decimal("0")),
                                                         MaxValueValidator(Decimal("100"))])
    source_note = models.CharField("ที่มาของเป้าหมาย", max_length=255, blank=True)

    class Meta:
        ordering = ["fiscal_year", "quarter"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "quarter"],
                                               name="budget_target_once_a_quarter")]

    def __str__(self) -> str:
        return f"ไตรมาส {self.quarter}/{self.fiscal_year}"


class FollowUpMeeting(models.Model):
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    month = models.PositiveSmallIntegerField("เดือนที่ติดตาม", validators=MONTH)
    held_on = models.DateField("วันที่ประชุม")
    title = models.CharField("ชื่อการประชุม", max_length=255)
    summary = models.TextField("สรุปผลการติดตาม", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fiscal_year", "month", "held_on"]

    def __str__(self) -> str:
        return self.title


class MeetingMinutes(RecordFile):
    meeting = models.ForeignKey(FollowUpMeeting, on_delete=models.CASCADE, related_name="files")


class MonitoringReview(models.Model):
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    reviewed_on = models.DateField("วันที่ทบทวน")
    summary = models.TextField("ผลการทบทวน/ปรับปรุงระบบติดตาม")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fiscal_year", "reviewed_on"]

    def __str__(self) -> str:
        return f"ทบทวนระบบติดตามการเบิกจ่าย ปีงบประมาณ {self.fiscal_year}"


class ReviewFile(RecordFile):
    review = models.ForeignKey(MonitoringReview, on_delete=models.CASCADE, related_name="files")


class BudgetPublication(models.Model):
    """The agency's spending plan or spending report put on the public portal (ITA items O18–O20).

    Its figures are frozen when it is published: what the public reads is what finance published, not what
    the disbursement rows say today. A publication is never edited; publishing the same report again
    withdraws the earlier one and freezes a new one, so each version stays on record."""

    class Kind(models.TextChoices):
        PLAN = "plan", "แผนการใช้จ่ายงบประมาณประจำปี"
        HALF_YEAR = "half_year", "รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือน"
        ANNUAL = "annual", "รายงานผลการใช้จ่ายงบประมาณประจำปี"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"parent__isnull": True})
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices)
    figures = models.JSONField("ตัวเลขที่เผยแพร่", default=dict)
    published_at = models.DateTimeField("เผยแพร่เมื่อ")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField("ยกเลิกการเผยแพร่เมื่อ", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdraw_reason = models.TextField("เหตุผลที่ยกเลิกการเผยแพร่", blank=True)

    class Meta:
        ordering = ["-fiscal_year", "kind", "-published_at", "-id"]
        verbose_name = "แผน/ผลการใช้จ่ายงบประมาณที่เผยแพร่"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "kind"],
                                               condition=models.Q(withdrawn_at__isnull=True),
                                               name="budget_publication_one_live_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def is_published(self) -> bool:
        return self.withdrawn_at is None

    @property
    def as_of(self) -> datetime.date | None:
        """The last day the frozen figures cover (None for a plan, which has no disbursement yet)."""
        value = self.figures.get("as_of")
        return datetime.date.fromisoformat(value) if value else None
