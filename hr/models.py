"""Personnel administration records behind plan measures ๕ (๒) and (๔) (กองการเจ้าหน้าที่):

- the improvement of the individual performance-evaluation criteria, as the five steps of its success level
  (5.2-a ๑.), each with its date, reference and document;
- the job lines (สายงาน) and the central indicators set for each in a fiscal year (5.2-a ๓.);
- the year's individual KPI setting and its two evaluation rounds, with each unit's completion (5.4-a).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.record_files import RecordFile


class CriteriaStep(models.Model):
    """One step of the year's improvement of the performance-evaluation criteria, done."""

    class Step(models.IntegerChoices):
        REVIEW = 1, "ทบทวนหลักเกณฑ์เดิมและวิเคราะห์ปัญหา"
        DRAFT = 2, "ยกร่างหลักเกณฑ์ที่ปรับปรุง"
        APPROVE = 3, "เสนอ อ.ก.พ. กรม พิจารณาให้ความเห็นชอบ"
        ANNOUNCE = 4, "ประกาศใช้หลักเกณฑ์"
        COMMUNICATE = 5, "ถ่ายทอดสื่อสารสร้างความเข้าใจแก่บุคลากร"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    step = models.PositiveSmallIntegerField("ขั้นที่", choices=Step.choices)
    done_on = models.DateField("วันที่ดำเนินการ")
    reference = models.CharField("อ้างอิง (หนังสือ/คำสั่ง/การประชุม)", max_length=300, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fiscal_year", "step"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "step"],
                                               name="hr_criteria_step_once")]
        verbose_name = "ขั้นตอนการปรับปรุงหลักเกณฑ์การประเมินผล"

    def __str__(self) -> str:
        return f"ขั้นที่ {self.step} {self.get_step_display()}"


class CriteriaStepFile(RecordFile):
    step = models.ForeignKey(CriteriaStep, on_delete=models.CASCADE, related_name="files")

    class Meta:
        ordering = ["uploaded_at", "id"]


class JobLine(models.Model):
    """A job line (สายงาน) of the agency's positions."""

    class Kind(models.TextChoices):
        CORE = "core", "สายงานหลัก"
        SUPPORT = "support", "สายงานสนับสนุน"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("ชื่อสายงาน", max_length=255)
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="hr_job_line_name")]
        verbose_name = "สายงาน"

    def __str__(self) -> str:
        return self.name


class JobLineKpi(models.Model):
    """The central indicators set for a job line in a fiscal year, for units to adapt into individual KPIs."""

    job_line = models.ForeignKey(JobLine, on_delete=models.CASCADE, related_name="kpi_sets")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    kpis = models.TextField("ตัวชี้วัดกลาง (บรรทัดละหนึ่งตัวชี้วัด)")
    set_on = models.DateField("วันที่กำหนด")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["fiscal_year", "job_line__name"]
        constraints = [models.UniqueConstraint(fields=["job_line", "fiscal_year"], name="hr_kpi_per_year")]
        verbose_name = "ตัวชี้วัดกลางของสายงาน"

    @property
    def kpi_list(self) -> list[str]:
        return [line.strip() for line in self.kpis.splitlines() if line.strip()]


class EvaluationRound(models.Model):
    """The year's individual KPI setting (at its start) or one of its two evaluation rounds."""

    class Number(models.IntegerChoices):
        SETTING = 0, "กำหนดตัวชี้วัดรายบุคคลต้นปีงบประมาณ"
        FIRST = 1, "ประเมินผลรอบที่ ๑ (ตุลาคม–มีนาคม)"
        SECOND = 2, "ประเมินผลรอบที่ ๒ (เมษายน–กันยายน)"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    number = models.PositiveSmallIntegerField("รอบ", choices=Number.choices)
    closes_on = models.DateField("กำหนดเสร็จ")
    completed_on = models.DateField("วันที่ปิดรอบ", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["fiscal_year", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "number"],
                                               name="hr_round_once")]
        verbose_name = "รอบการประเมินผลการปฏิบัติราชการ"

    def __str__(self) -> str:
        return f"{self.get_number_display()} ปีงบประมาณ พ.ศ. {self.fiscal_year}"


class UnitCompletion(models.Model):
    """A unit finished the round: every member of its staff has KPIs set (or was evaluated)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="completions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    completed_on = models.DateField("วันที่ดำเนินการครบ")
    staff_count = models.PositiveIntegerField("จำนวนบุคลากร")
    evaluated_count = models.PositiveIntegerField("จำนวนที่ดำเนินการแล้ว")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["round", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="hr_completion_once")]
        verbose_name = "การดำเนินการของหน่วยงานในรอบการประเมิน"

    @property
    def is_complete(self) -> bool:
        return self.evaluated_count >= self.staff_count
