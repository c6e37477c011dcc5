"""Conflict of interest under ระเบียบกรมส่งเสริมสหกรณ์ว่าด้วยการป้องกันผลประโยชน์ทับซ้อน พ.ศ. ๒๕๕๙: staff
declarations (personal data: the declarant, the head of the declarant's unit and the CoI officers only), the
gift register judged against the legal limit in force, the No Gift Policy announcement and the yearly summary
report to the executive (plan 3.1-a ๒)."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from core.record_files import RecordFile

# ประกาศคณะกรรมการ ป.ป.ช. ว่าด้วยหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา พ.ศ. ๒๕๔๓ ข้อ ๕:
# from anyone other than a relative, at most 3,000 baht per person per occasion. Used until the agency
# records a limit of its own (GiftLimit).
DEFAULT_GIFT_LIMIT = Decimal("3000")
DEFAULT_GIFT_BASIS = "ประกาศคณะกรรมการ ป.ป.ช. ว่าด้วยหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา พ.ศ. ๒๕๔๓"


class Declaration(models.Model):
    class Occasion(models.TextChoices):
        ANNUAL = "annual", "ประจำปี"
        MATTER = "matter", "เฉพาะเรื่องที่ปฏิบัติหน้าที่"

    class Decision(models.TextChoices):
        PENDING = "pending", "รอผู้บังคับบัญชาพิจารณา"
        NONE_FOUND = "none", "ไม่มีผลประโยชน์ทับซ้อน"
        CONTINUE = "continue", "ให้ปฏิบัติหน้าที่ต่อโดยมีมาตรการกำกับ"
        RECUSE = "recuse", "ให้งดเว้นการปฏิบัติหน้าที่ในเรื่องนั้น"
        REASSIGN = "reassign", "มอบหมายผู้อื่นปฏิบัติแทน"

    declarant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้แจ้ง"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="สังกัดของผู้แจ้ง"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    declared_on = models.DateField("วันที่แจ้ง")
    occasion = models.CharField("ประเภทการแจ้ง", max_length=16, choices=Occasion.choices)
    has_interest = models.BooleanField("มีส่วนได้เสียหรือความเกี่ยวข้อง")
    matter = models.CharField("เรื่องที่ปฏิบัติหน้าที่", max_length=300, blank=True)
    related_party = models.CharField("บุคคลหรือนิติบุคคลที่เกี่ยวข้อง", max_length=300, blank=True)
    relationship = models.CharField("ลักษณะความเกี่ยวข้อง", max_length=300, blank=True)
    detail = models.TextField("รายละเอียด", blank=True)
    decision = models.CharField(
        "ผลการพิจารณาของผู้บังคับบัญชา", max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.CharField("ผู้พิจารณา", max_length=200, blank=True)
    decided_on = models.DateField("วันที่พิจารณา", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-declared_on", "-id"]
        verbose_name = "การแจ้งส่วนได้เสีย"

    def __str__(self) -> str:
        return f"การแจ้งส่วนได้เสีย {self.get_occasion_display()} ปีงบประมาณ {self.fiscal_year} #{self.pk}"


class DeclarationFile(RecordFile):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="files")


class GiftLimit(models.Model):
    """The value above which a gift may not be kept, as the agency applies it from a date."""

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField("มูลค่าสูงสุดที่รับได้ (บาท)", max_digits=12, decimal_places=2)
    effective_from = models.DateField("ใช้ตั้งแต่")
    basis = models.CharField("ตามกฎหมายหรือประกาศ", max_length=300)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "เกณฑ์มูลค่าของขวัญ"


class GiftRecord(models.Model):
    class Handling(models.TextChoices):
        RECEIVED = "received", "รับไว้"
        REFUSED = "refused", "ปฏิเสธการรับ"
        RETURNED = "returned", "ส่งคืนผู้ให้"
        HANDED_OVER = "handed_over", "ส่งมอบให้หน่วยงาน"

    class GiverKind(models.TextChoices):
        STAKEHOLDER = "stakeholder", "ผู้มีส่วนได้ส่วนเสียกับการปฏิบัติหน้าที่"
        GENERAL = "general", "บุคคลทั่วไป"
        RELATIVE = "relative", "ญาติ"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    recipient = models.CharField("ผู้รับ", max_length=200)
    recipient_position = models.CharField("ตำแหน่งผู้รับ", max_length=200, blank=True)
    received_on = models.DateField("วันที่ได้รับ/วันที่มีผู้เสนอให้")
    giver = models.CharField("ผู้ให้", max_length=300)
    giver_kind = models.CharField("ผู้ให้เป็น", max_length=16, choices=GiverKind.choices)
    occasion = models.CharField("โอกาส", max_length=200, blank=True)
    description = models.CharField("สิ่งของหรือประโยชน์", max_length=300)
    value = models.DecimalField("มูลค่าโดยประมาณ (บาท)", max_digits=12, decimal_places=2)
    handling = models.CharField("การดำเนินการ", max_length=16, choices=Handling.choices)
    limit_applied = models.DecimalField("เกณฑ์มูลค่าที่ใช้ (บาท)", max_digits=12, decimal_places=2)
    limit_basis = models.CharField("ตามกฎหมายหรือประกาศ", max_length=300)
    within_limit = models.BooleanField("อยู่ในเกณฑ์ที่รับได้")
    note = models.TextField("หมายเหตุ", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "ทะเบียนการรับของขวัญ"

    def __str__(self) -> str:
        return f"{self.description} จาก {self.giver}"

    @property
    def decision_text(self) -> str:
        if self.giver_kind == self.GiverKind.RELATIVE:
            return "รับจากญาติ ไม่อยู่ในเกณฑ์มูลค่า"
        if self.within_limit:
            return "มูลค่าไม่เกินเกณฑ์ รับได้"
        if self.handling == self.Handling.RECEIVED:
            return "มูลค่าเกินเกณฑ์ ต้องรายงานผู้บังคับบัญชาและส่งมอบ/คืน"
        return "มูลค่าเกินเกณฑ์ ดำเนินการถูกต้องแล้ว"


class GiftFile(RecordFile):
    gift = models.ForeignKey(GiftRecord, on_delete=models.CASCADE, related_name="files")


class NoGiftPolicy(models.Model):
    """The executive's announcement of the No Gift Policy for a fiscal year."""

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    announced_on = models.DateField("วันที่ประกาศ")
    title = models.CharField("ชื่อประกาศ", max_length=300)
    announced_by = models.CharField("ผู้ประกาศ", max_length=200)
    reference = models.CharField("เลขที่หรือที่เผยแพร่", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year", "-announced_on"]
        verbose_name = "ประกาศนโยบายไม่รับของขวัญ (No Gift Policy)"

    def __str__(self) -> str:
        return self.title


class CoiYearReport(models.Model):
    """The yearly summary of the CoI regulation's implementation, generated from the registers and then
    recorded as presented to the executive (plan 3.1-a ๒)."""

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    statistics = models.JSONField("สถิติ ณ วันที่จัดทำ", default=dict)
    generated_at = models.DateTimeField("จัดทำเมื่อ")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    presented_on = models.DateField("วันที่เสนอผู้บริหาร", null=True, blank=True)
    presented_to = models.CharField("เสนอต่อ", max_length=200, blank=True)
    presentation_ref = models.CharField("อ้างอิงการเสนอ", max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="integrity_one_coi_report")
        ]
        ordering = ["-fiscal_year"]
        verbose_name = "รายงานสรุปผลการดำเนินการตามระเบียบผลประโยชน์ทับซ้อน"

    def __str__(self) -> str:
        return f"รายงานสรุปผลการป้องกันผลประโยชน์ทับซ้อน ปีงบประมาณ พ.ศ. {self.fiscal_year}"
