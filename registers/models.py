"""The plan's registers kept by the host units: work processes with their service standards and manuals
(กพร. and every unit, under the Licensing Facilitation Act), internal control reports (two rounds a fiscal
year), healthy-workplace assessments (กองการเจ้าหน้าที่) and the integrity publicity log (กพร.).

Each record type carries the fields its rule asks for and nothing generic; files hang off a concrete
`core.record_files.RecordFile` per record type, so every register keeps files under the evidence rules.
Fiscal years are B.E. and set by the services from the record's date (never in save()).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.record_files import RecordFile


# ------------------------------------------------------------------ service standards and work manuals
class Process(models.Model):
    """A unit's work process (กระบวนงาน); its standard or manual is what the unit reviews each year."""

    class Kind(models.TextChoices):
        CORE = "core", "กระบวนงานสร้างคุณค่า (ภารกิจหลัก)"
        SUPPORT = "support", "กระบวนงานสนับสนุน (ภารกิจรอง)"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    name = models.CharField("ชื่อกระบวนงาน", max_length=300)
    kind = models.CharField("ประเภทกระบวนงาน", max_length=16, choices=Kind.choices, default=Kind.CORE)
    facilitation_act = models.BooleanField(
        "เป็นงานอนุญาตตาม พ.ร.บ.อำนวยความสะดวก", default=False,
        help_text="พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. ๒๕๕๘ "
                  "กำหนดให้จัดทำคู่มือสำหรับประชาชน")
    note = models.TextField("หมายเหตุ", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="registers_process_unique_name")]
        verbose_name = "กระบวนงาน"

    def __str__(self) -> str:
        return self.name


class ManualVersion(models.Model):
    """One issued version of a process's service standard or manual, with its files."""

    class DocumentType(models.TextChoices):
        STANDARD = "standard", "มาตรฐานการให้บริการ"
        MANUAL = "manual", "คู่มือการปฏิบัติงาน"
        CITIZEN = "citizen", "คู่มือสำหรับประชาชน (พ.ร.บ.อำนวยความสะดวก)"

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="versions",
                                verbose_name="กระบวนงาน")
    document_type = models.CharField("ประเภทเอกสาร", max_length=16, choices=DocumentType.choices)
    version = models.CharField("ฉบับที่", max_length=32, help_text="เช่น ๑ หรือ ปรับปรุง ๒๕๖๐")
    title = models.CharField("ชื่อเอกสาร", max_length=300)
    effective_on = models.DateField("วันที่ประกาศใช้")
    is_published = models.BooleanField("เผยแพร่ต่อสาธารณะ", default=False,
                                       help_text="เอกสารที่เผยแพร่แสดงในหน้าสาธารณะพร้อมไฟล์ (หลักฐาน ITA)")
    published_at = models.DateTimeField("เผยแพร่เมื่อ", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["process__unit__path", "process__name", "-effective_on"]
        constraints = [models.UniqueConstraint(fields=["process", "document_type", "version"],
                                               name="registers_manual_version_unique")]
        verbose_name = "ฉบับของคู่มือ/มาตรฐาน"

    def __str__(self) -> str:
        return f"{self.title} ฉบับที่ {self.version}"


class ManualFile(RecordFile):
    version = models.ForeignKey(ManualVersion, on_delete=models.CASCADE, related_name="files")


class ManualReview(models.Model):
    """A review of a process's manual or standard: when, by whom and what came of it."""

    class Outcome(models.TextChoices):
        UNCHANGED = "unchanged", "ทบทวนแล้ว ยังใช้ฉบับเดิม"
        REVISED = "revised", "ทบทวนและปรับปรุงเป็นฉบับใหม่"

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="reviews",
                                verbose_name="กระบวนงาน")
    version = models.ForeignKey(ManualVersion, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="reviews", verbose_name="ฉบับที่ทบทวน/ฉบับที่ได้")
    reviewed_on = models.DateField("วันที่ทบทวน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", db_index=True)
    reviewer = models.CharField("ผู้ทบทวน", max_length=200)
    reviewer_position = models.CharField("ตำแหน่งผู้ทบทวน", max_length=200, blank=True)
    outcome = models.CharField("ผลการทบทวน", max_length=16, choices=Outcome.choices,
                               default=Outcome.UNCHANGED)
    findings = models.TextField("สรุปผลการทบทวน", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "pk"]
        verbose_name = "การทบทวนคู่มือ/มาตรฐาน"

    def __str__(self) -> str:
        return f"ทบทวน {self.process} ({self.reviewed_on})"


class ComplianceReport(models.Model):
    """A unit's report on how it worked under its main-mission manuals over a fiscal year (5.1-a item 3)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", db_index=True)
    reported_on = models.DateField("วันที่รายงาน")
    title = models.CharField("ชื่อรายงาน", max_length=300)
    summary = models.TextField("ผลการปฏิบัติงานตามคู่มือ")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "pk"]
        verbose_name = "รายงานผลการปฏิบัติงานตามคู่มือ"

    def __str__(self) -> str:
        return self.title


class ComplianceFile(RecordFile):
    report = models.ForeignKey(ComplianceReport, on_delete=models.CASCADE, related_name="files")


# ------------------------------------------------------------------ internal control reports
class IcRound(models.Model):
    """One of the fiscal year's two internal control reporting rounds, with its deadline."""

    class Number(models.IntegerChoices):
        FIRST = 1, "รอบที่ ๑ (รอบ ๖ เดือน)"
        SECOND = 2, "รอบที่ ๒ (รอบ ๑๒ เดือน)"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="กรม")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    number = models.PositiveSmallIntegerField("รอบ", choices=Number.choices)
    as_of = models.DateField("ข้อมูล ณ วันที่")
    due_on = models.DateField("กำหนดส่ง")
    note = models.TextField("หมายเหตุ", blank=True)

    class Meta:
        ordering = ["-fiscal_year", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "number"],
                                               name="registers_icround_unique")]
        verbose_name = "รอบรายงานการควบคุมภายใน"

    def __str__(self) -> str:
        return f"รายงานการควบคุมภายใน ปีงบประมาณ {self.fiscal_year} {self.get_number_display()}"


class IcSubmission(models.Model):
    """A unit's internal control report for a round."""

    round = models.ForeignKey(IcRound, on_delete=models.PROTECT, related_name="submissions",
                              verbose_name="รอบรายงาน")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    submitted_on = models.DateField("วันที่ส่ง")
    document_no = models.CharField("เลขที่หนังสือนำส่ง", max_length=100, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"],
                                               name="registers_icsubmission_unique")]
        verbose_name = "รายงานการควบคุมภายในของหน่วยงาน"

    def __str__(self) -> str:
        return f"{self.unit} · {self.round}"

    @property
    def is_late(self) -> bool:
        return self.submitted_on > self.round.due_on


class IcFile(RecordFile):
    submission = models.ForeignKey(IcSubmission, on_delete=models.CASCADE, related_name="files")


# ------------------------------------------------------------------ healthy workplace
class WorkplaceAssessment(models.Model):
    """A central unit's assessment against the basic level of the four criteria for a fiscal year."""

    CRITERIA = ("clean", "safe", "environment", "lively")

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", db_index=True)
    assessed_on = models.DateField("วันที่ประเมิน")
    clean = models.BooleanField("สะอาด ผ่านเกณฑ์ระดับพื้นฐาน", default=False)
    safe = models.BooleanField("ปลอดภัย ผ่านเกณฑ์ระดับพื้นฐาน", default=False)
    environment = models.BooleanField("สิ่งแวดล้อมดี ผ่านเกณฑ์ระดับพื้นฐาน", default=False)
    lively = models.BooleanField("มีชีวิตชีวา ผ่านเกณฑ์ระดับพื้นฐาน", default=False)
    assessor = models.CharField("ผู้ประเมิน/คณะกรรมการ", max_length=200)
    note = models.TextField("ข้อสังเกต", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "fiscal_year"],
                                               name="registers_workplace_unique_year")]
        verbose_name = "ผลการประเมินสถานที่ทำงานน่าอยู่"

    def __str__(self) -> str:
        return f"{self.unit} ปีงบประมาณ {self.fiscal_year}"

    @property
    def passed(self) -> bool:
        """The basic level is passed only when all four criteria pass."""
        return all(getattr(self, name) for name in self.CRITERIA)


class WorkplaceAward(models.Model):
    assessment = models.ForeignKey(WorkplaceAssessment, on_delete=models.CASCADE, related_name="awards",
                                   verbose_name="ผลการประเมิน")
    name = models.CharField("ชื่อรางวัล", max_length=300)
    level = models.CharField("ระดับรางวัล", max_length=100, blank=True)
    awarded_by = models.CharField("หน่วยงานผู้มอบ", max_length=200, blank=True)
    awarded_on = models.DateField("วันที่ได้รับรางวัล")

    class Meta:
        ordering = ["awarded_on", "pk"]
        verbose_name = "รางวัลสถานที่ทำงานน่าอยู่"

    def __str__(self) -> str:
        return self.name


class WorkplaceFile(RecordFile):
    assessment = models.ForeignKey(WorkplaceAssessment, on_delete=models.CASCADE, related_name="files")


# ------------------------------------------------------------------ integrity publicity log
class PublicityEntry(models.Model):
    """One piece of integrity communication: where it went out, when, by whom, with a link or a photo."""

    class Channel(models.TextChoices):
        TV = "tv", "โทรทัศน์"
        NEWSPAPER = "newspaper", "หนังสือพิมพ์"
        WEBSITE = "website", "เว็บไซต์"
        LINE = "line", "กลุ่มไลน์ (LINE group)"
        FACEBOOK = "facebook", "เฟซบุ๊ก (Facebook)"
        BOARD = "board", "บอร์ดประชาสัมพันธ์"
        OTHER = "other", "อื่น ๆ (ระบุ)"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    channel = models.CharField("ช่องทาง", max_length=16, choices=Channel.choices)
    channel_other = models.CharField("ช่องทางอื่น (ระบุ)", max_length=100, blank=True)
    published_on = models.DateField("วันที่เผยแพร่")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", db_index=True)
    title = models.CharField("เรื่องที่เผยแพร่", max_length=300)
    link = models.URLField("ลิงก์", max_length=500, blank=True)
    note = models.TextField("รายละเอียด", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = "การเผยแพร่ประชาสัมพันธ์"

    def __str__(self) -> str:
        return self.title

    @property
    def channel_label(self) -> str:
        if self.channel == self.Channel.OTHER and self.channel_other:
            return self.channel_other
        return self.get_channel_display()

    @property
    def channel_key(self) -> str:
        """Distinct channels: each named "other" channel counts as its own channel."""
        if self.channel == self.Channel.OTHER:
            return "other:" + "".join(self.channel_other.split()).casefold()
        return self.channel


class PublicityFile(RecordFile):
    entry = models.ForeignKey(PublicityEntry, on_delete=models.CASCADE, related_name="files")
