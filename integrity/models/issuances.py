"""Rules, announcements, policies, plans and projects an executive issues, each with a review against the
department's policy that no issuance funded by the state budget favours officials, service users or
stakeholders (plan 3.3.1-a). A flagged issuance is escalated."""

from django.conf import settings
from django.db import models

from core.record_files import RecordFile

# The review's questions; ticking one means the issuance raises that concern.
CHECKLIST = {
    "favours_officials": "เอื้อประโยชน์ต่อเจ้าหน้าที่ของรัฐ",
    "favours_stakeholders": "เอื้อประโยชน์ต่อผู้รับบริการหรือผู้มีส่วนได้ส่วนเสีย",
    "no_authority": "ไม่มีอำนาจหรือฐานทางกฎหมายรองรับ",
    "budget_misdirected": "ใช้งบประมาณแผ่นดินโดยไม่เป็นไปเพื่อประโยชน์ส่วนรวม",
}


class Issuance(models.Model):
    class Kind(models.TextChoices):
        RULE = "rule", "กฎ ระเบียบ ข้อกำหนด"
        ANNOUNCEMENT = "announcement", "ประกาศ"
        POLICY = "policy", "นโยบาย"
        PLAN = "plan", "แผนงาน"
        PROJECT = "project", "โครงการ"

    class Status(models.TextChoices):
        AWAITING = "awaiting", "รอการตรวจ"
        CLEAN = "clean", "ตรวจแล้ว ไม่พบการเอื้อประโยชน์"
        ESCALATED = "escalated", "พบประเด็น ส่งเรื่องผู้บริหารสูงสุดและผู้ตรวจสอบภายในแล้ว"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    issuer_name = models.CharField("ผู้บริหารที่ออก", max_length=200)
    issuer_position = models.CharField("ตำแหน่ง", max_length=200)
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices)
    title = models.CharField("ชื่อเรื่อง", max_length=300)
    issued_on = models.DateField("วันที่ออก")
    reference = models.CharField("เลขที่หนังสือหรือคำสั่ง", max_length=200, blank=True)
    uses_budget = models.BooleanField("ใช้งบประมาณแผ่นดิน", default=False)
    summary = models.TextField("สาระสำคัญ", blank=True)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.AWAITING)
    escalated_at = models.DateTimeField("ส่งเรื่องเมื่อ", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "การออกกฎ ระเบียบ ประกาศ นโยบาย หรือโครงการของผู้บริหาร"

    def __str__(self) -> str:
        return self.title

    @property
    def issuer_key(self) -> str:
        """One executive, however the name was spaced when typed."""
        return " ".join(self.issuer_name.split())


class IssuanceReview(models.Model):
    class Verdict(models.TextChoices):
        CLEAN = "clean", "ไม่พบการเอื้อประโยชน์"
        FLAGGED = "flagged", "พบประเด็นที่อาจเอื้อประโยชน์"

    issuance = models.ForeignKey(Issuance, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="ผู้ตรวจ"
    )
    reviewed_on = models.DateField("วันที่ตรวจ")
    checklist = models.JSONField("รายการตรวจ", default=dict)
    verdict = models.CharField("ผลการตรวจ", max_length=16, choices=Verdict.choices)
    note = models.TextField("ความเห็นผู้ตรวจ", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = "ผลการตรวจการออกกฎของผู้บริหาร"

    def concerns(self) -> list[str]:
        return [label for key, label in CHECKLIST.items() if self.checklist.get(key)]


class IssuanceFile(RecordFile):
    issuance = models.ForeignKey(Issuance, on_delete=models.CASCADE, related_name="files")
