"""The annual procurement plan, last year's review, and the legal minimum announcement periods as data."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.record_files import RecordFile
from core.thai import THAI_MONTHS
from procurement.methods import Method

MONTHS = [(i, name) for i, name in enumerate(THAI_MONTHS, start=1)]


class ProcurementPlan(models.Model):
    """แผนการจัดซื้อจัดจ้างประจำปี (ม.๑๑): published within 30 days of the budget allocation."""

    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง"
        PUBLISHED = "published", "เผยแพร่แล้ว"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="procurement_plans",
                             verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    title = models.CharField("ชื่อแผน", max_length=255)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("เผยแพร่เมื่อ", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["-fiscal_year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "fiscal_year"], name="unique_procurement_plan"),
        ]
        verbose_name = "แผนการจัดซื้อจัดจ้าง"

    def __str__(self) -> str:
        return self.title


class PlanItem(models.Model):
    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField("ลำดับ")
    title = models.CharField("รายการ", max_length=500)
    category = models.CharField("ประเภท", max_length=16, blank=True,
                                choices=[("goods", "ซื้อ"), ("works", "จ้างก่อสร้าง"),
                                         ("services", "จ้างทั่วไป/บริการ")])
    budget = models.DecimalField("วงเงินงบประมาณ (ประมาณการ)", max_digits=18, decimal_places=2)
    budget_source = models.CharField("แหล่งเงิน", max_length=255, blank=True)
    method = models.CharField("วิธีจัดซื้อจัดจ้าง", max_length=16, choices=Method.choices)
    planned_month = models.PositiveSmallIntegerField("คาดว่าจะประกาศจัดซื้อจัดจ้าง (เดือน)", choices=MONTHS)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_item_number")]
        verbose_name = "รายการในแผนจัดซื้อจัดจ้าง"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class YearReview(models.Model):
    """The analysis of a finished fiscal year's procurement: figures are computed, the texts are written."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="procurement_reviews",
                             verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณที่วิเคราะห์ (พ.ศ.)")
    risks = models.TextField("การวิเคราะห์ความเสี่ยง", blank=True)
    obstacles = models.TextField("ปัญหา อุปสรรค และข้อจำกัด", blank=True)
    savings = models.TextField("ความสามารถในการประหยัดงบประมาณ", blank=True)
    recommendations = models.TextField("ข้อเสนอแนะและแนวทางปรับปรุงกระบวนการจัดซื้อจัดจ้าง", blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    # The plan asks for the analysis "พร้อมทั้งเสนอผู้บริหาร": when, to whom, and the memo or minutes as a file.
    presented_on = models.DateField("วันที่เสนอผู้บริหาร", null=True, blank=True)
    presented_to = models.CharField("เสนอต่อ", max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "fiscal_year"], name="unique_year_review")]
        verbose_name = "การวิเคราะห์ผลการจัดซื้อจัดจ้าง"

    def __str__(self) -> str:
        return f"การวิเคราะห์ผลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def is_presented(self) -> bool:
        return self.presented_on is not None and bool(self.presented_to.strip())


class YearReviewFile(RecordFile):
    """The memo or minutes showing the analysis went to the executive."""

    review = models.ForeignKey(YearReview, on_delete=models.CASCADE, related_name="files")

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "ไฟล์การเสนอผลการวิเคราะห์"


class PublicationChannel(models.Model):
    """A way the year's procurement plan and database reach the public (plan 1.2 items ๔–๕), besides this
    system's own public pages, which count by themselves once the plan is published."""

    class Kind(models.TextChoices):
        WEBSITE = "website", "เว็บไซต์กรม"
        EGP = "egp", "ระบบ e-GP"
        BOARD = "board", "บอร์ดประชาสัมพันธ์"
        CIRCULAR = "circular", "หนังสือเวียน"
        FACEBOOK = "facebook", "Facebook"
        LINE = "line", "LINE"
        OTHER = "other", "ช่องทางอื่น"

    plan = models.ForeignKey(ProcurementPlan, on_delete=models.CASCADE, related_name="channels",
                             verbose_name="แผนการจัดซื้อจัดจ้าง")
    kind = models.CharField("ช่องทาง", max_length=16, choices=Kind.choices)
    name = models.CharField("ชื่อช่องทาง (ถ้าเลือกช่องทางอื่น)", max_length=255, blank=True)
    url = models.URLField("ลิงก์", max_length=500, blank=True)
    published_on = models.DateField("วันที่เผยแพร่")
    note = models.TextField("หมายเหตุ", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["published_on", "id"]
        verbose_name = "ช่องทางเผยแพร่ข้อมูลจัดซื้อจัดจ้าง"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.OTHER and self.name.strip():
            return self.name.strip()
        return self.get_kind_display()

    @property
    def distinct_key(self) -> str:
        """Two records of the same channel (a second post on the same page) count once."""
        return f"other:{self.name.strip().casefold()}" if self.kind == self.Kind.OTHER else self.kind


class PublicationChannelFile(RecordFile):
    """A photo of the notice board, the circular, a screenshot of the post."""

    channel = models.ForeignKey(PublicationChannel, on_delete=models.CASCADE, related_name="files")

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "ไฟล์หลักฐานการเผยแพร่"


class LeadTimeRule(models.Model):
    """A legal minimum period between publishing the invitation and the last day for submissions.

    Rules change, so each row has a validity window and a legal basis; the row in force on the announcement
    date, for the project's method and value, applies.
    """

    class DayKind(models.TextChoices):
        WORKING = "working", "วันทำการ"
        CALENDAR = "calendar", "วัน"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "ตรวจสอบกับตัวบทแล้ว"
        TO_VERIFY = "to_verify", "ต้องตรวจสอบ"

    method = models.CharField("วิธีจัดซื้อจัดจ้าง", max_length=16, choices=Method.choices)
    min_amount = models.DecimalField("วงเงินเกินกว่า (บาท)", max_digits=18, decimal_places=2, null=True,
                                     blank=True)
    max_amount = models.DecimalField("วงเงินไม่เกิน (บาท)", max_digits=18, decimal_places=2, null=True,
                                     blank=True)
    min_days = models.PositiveSmallIntegerField("ระยะเวลาขั้นต่ำ")
    day_kind = models.CharField("นับเป็น", max_length=16, choices=DayKind.choices, default=DayKind.WORKING)
    legal_basis = models.TextField("อ้างอิงกฎหมาย/ระเบียบ")
    status = models.CharField("สถานะการตรวจสอบ", max_length=16, choices=Status.choices,
                              default=Status.TO_VERIFY)
    effective_from = models.DateField("ใช้ตั้งแต่")
    effective_to = models.DateField("ใช้ถึง", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["method", "effective_from", "min_amount"]
        verbose_name = "ระยะเวลาประกาศขั้นต่ำ"

    def __str__(self) -> str:
        return f"{self.get_method_display()} ≥ {self.min_days} {self.get_day_kind_display()}"
