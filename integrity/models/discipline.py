"""The confidential register of discipline and investigation cases (กองการเจ้าหน้าที่, plan 3.3.3-a), under
พระราชบัญญัติระเบียบข้าราชการพลเรือน พ.ศ. ๒๕๕๑. Only discipline officers read it; everyone else, the plan's
indicator included, gets counts. A case that began as a corruption complaint keeps the complaint's tracking
code only, never who complained."""

from django.conf import settings
from django.db import models

from core.record_files import RecordFile


class DisciplineCase(models.Model):
    class Stage(models.TextChoices):
        FACT_FINDING = "fact_finding", "สืบสวนข้อเท็จจริง"
        INVESTIGATION = "investigation", "ตั้งคณะกรรมการสอบสวน"
        CONSIDERATION = "consideration", "พิจารณาความผิดและกำหนดโทษ"
        ORDER = "order", "ออกคำสั่ง"
        APPEAL = "appeal", "อุทธรณ์หรือร้องทุกข์"
        COMPLETED = "completed", "ดำเนินการแล้วเสร็จ"

    class LegalBasis(models.TextChoices):
        UNDETERMINED = "undetermined", "ยังไม่ระบุฐานความผิด (อยู่ระหว่างสืบสวน)"
        NON_SERIOUS = "non_serious", "ความผิดวินัยไม่ร้ายแรง (หมวด ๖ มาตรา ๘๒–๘๔)"
        SERIOUS = "serious", "ความผิดวินัยอย่างร้ายแรง (มาตรา ๘๕)"
        CRIMINAL = "criminal", "ดำเนินคดีอาญาตามประมวลกฎหมายอาญาหรือกฎหมายอื่น"

    class Source(models.TextChoices):
        COMPLAINT = "complaint", "เรื่องร้องเรียนการทุจริต"
        AUDIT = "audit", "ผลการตรวจสอบ"
        OTHER = "other", "อื่น ๆ"

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงานที่ดำเนินการ"
    )
    number = models.CharField("เลขที่เรื่อง", max_length=50, unique=True)
    opened_on = models.DateField("วันที่เริ่มดำเนินการ")
    source = models.CharField("ที่มา", max_length=16, choices=Source.choices, default=Source.OTHER)
    complaint_reference = models.CharField("รหัสติดตามเรื่องร้องเรียน", max_length=32, blank=True)
    subject = models.CharField("เรื่อง", max_length=300)
    stage = models.CharField("ขั้นตอน", max_length=16, choices=Stage.choices, default=Stage.FACT_FINDING)
    legal_basis = models.CharField(
        "ฐานตาม พ.ร.บ. ระเบียบข้าราชการพลเรือน พ.ศ. ๒๕๕๑",
        max_length=16,
        choices=LegalBasis.choices,
        default=LegalBasis.UNDETERMINED,
    )
    legal_detail = models.CharField("มาตราหรือข้อกฎหมายที่อ้าง", max_length=300, blank=True)
    completed_on = models.DateField("วันที่แล้วเสร็จ", null=True, blank=True)
    outcome = models.TextField("ผลการดำเนินการ", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = "เรื่องวินัยและการสอบสวน"

    def __str__(self) -> str:
        return f"เรื่องวินัยเลขที่ {self.number}"


class DisciplineFile(RecordFile):
    case = models.ForeignKey(DisciplineCase, on_delete=models.CASCADE, related_name="files")
