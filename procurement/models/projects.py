"""A procurement project is one OCDS contracting process (one `ocid`).

The relational fields hold what the pages, the analysis and the rules need; the OCDS releases are kept whole
(`Release.json_text`, `Project.compiled_text`) so that an imported process is never reduced to those fields.
"""

from __future__ import annotations

import orjson
from django.conf import settings
from django.db import models

from core.compressed import CompressedTextField
from procurement.methods import Method


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published_at__isnull=False)


class Project(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "บันทึกในระบบ"
        CSV = "csv", "นำเข้าจากไฟล์ e-GP (CSV)"
        OCDS = "ocds", "นำเข้าจากข้อมูล OCDS"

    class Status(models.TextChoices):
        DRAFT = "draft", "เตรียมการ (ยังไม่ประกาศ)"
        ANNOUNCED = "announced", "ประกาศเชิญชวนแล้ว"
        QUALIFIED = "qualified", "ประกาศรายชื่อผู้มีคุณสมบัติแล้ว"
        AWARDED = "awarded", "ประกาศผู้ได้รับการคัดเลือกแล้ว"
        CONTRACTED = "contracted", "ลงนามสัญญาแล้ว"
        COMPLETED = "completed", "ส่งมอบงานแล้วเสร็จ"
        CANCELLED = "cancelled", "ยกเลิก"
        UNSUCCESSFUL = "unsuccessful", "ไม่มีผู้ได้รับการคัดเลือก"

    class Category(models.TextChoices):
        GOODS = "goods", "ซื้อ"
        WORKS = "works", "จ้างก่อสร้าง"
        SERVICES = "services", "จ้างทั่วไป/บริการ"

    class Criteria(models.TextChoices):
        PRICE = "price", "เกณฑ์ราคา"
        PRICE_PERFORMANCE = "price_performance", "เกณฑ์ราคาประกอบเกณฑ์อื่น (Price Performance)"

    class ReferenceSource(models.TextChoices):
        # พ.ร.บ.การจัดซื้อจัดจ้างฯ ๒๕๖๐ มาตรา ๔ นิยาม "ราคากลาง" in its order of precedence
        COMMITTEE_CRITERIA = "1", "(๑) ราคาที่ได้จากการคำนวณตามหลักเกณฑ์ที่คณะกรรมการราคากลางกำหนด"
        CGD_DATABASE = "2", "(๒) ราคาที่ได้จากฐานข้อมูลราคาอ้างอิงของพัสดุที่กรมบัญชีกลางจัดทำ"
        BUDGET_STANDARD = "3", "(๓) ราคามาตรฐานที่สำนักงบประมาณหรือหน่วยงานกลางอื่นกำหนด"
        MARKET_SURVEY = "4", "(๔) ราคาที่ได้จากการสืบราคาจากท้องตลาด"
        LAST_PURCHASE = "5", "(๕) ราคาที่เคยซื้อหรือจ้างครั้งหลังสุดภายในระยะเวลาสองปีงบประมาณ"
        OTHER = "6", "(๖) ราคาอื่นใดตามหลักเกณฑ์ วิธีการ หรือแนวทางปฏิบัติของหน่วยงานของรัฐนั้น ๆ"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="procurement_projects",
                             verbose_name="หน่วยงานที่จัดซื้อจัดจ้าง")
    ocid = models.CharField("เลขอ้างอิง OCDS (ocid)", max_length=255, unique=True)
    source = models.CharField("ที่มาของข้อมูล", max_length=8, choices=Source.choices, default=Source.MANUAL)
    external_id = models.CharField("เลขที่โครงการ (e-GP)", max_length=64, blank=True, db_index=True)
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", null=True, blank=True, db_index=True)
    title = models.TextField("ชื่อโครงการ")
    description = models.TextField("รายละเอียด", blank=True)
    category = models.CharField("ประเภท", max_length=16, choices=Category.choices, blank=True)
    method = models.CharField("วิธีจัดซื้อจัดจ้าง", max_length=16, choices=Method.choices, blank=True)
    method_details = models.CharField("วิธีจัดซื้อจัดจ้าง (ตามข้อมูลต้นทาง)", max_length=255, blank=True)
    ocds_method = models.CharField("วิธีตาม OCDS", max_length=16, blank=True)
    method_rationale = models.TextField("เหตุผลที่ใช้วิธีนี้", blank=True)
    budget = models.DecimalField("วงเงินงบประมาณ", max_digits=18, decimal_places=2, null=True, blank=True)
    budget_source = models.CharField("แหล่งเงิน", max_length=255, blank=True)
    currency = models.CharField("สกุลเงิน", max_length=3, default="THB")
    reference_price = models.DecimalField("ราคากลาง", max_digits=18, decimal_places=2, null=True, blank=True)
    reference_source = models.CharField("ที่มาของราคากลาง", max_length=2, choices=ReferenceSource.choices,
                                        blank=True)
    reference_method = models.TextField("วิธีการคำนวณราคากลาง", blank=True)
    reference_date = models.DateField("วันที่กำหนดราคากลาง", null=True, blank=True)
    criteria = models.CharField("หลักเกณฑ์การพิจารณา", max_length=24, choices=Criteria.choices, blank=True)
    criteria_detail = models.TextField("รายละเอียดหลักเกณฑ์การพิจารณาคัดเลือก", blank=True)
    announcement_no = models.CharField("เลขที่ประกาศ", max_length=128, blank=True)
    announced_on = models.DateField("วันที่ประกาศเชิญชวน", null=True, blank=True)
    submission_deadline = models.DateField("วันสุดท้ายของการยื่นข้อเสนอ", null=True, blank=True)
    qualified_on = models.DateField("วันที่ประกาศรายชื่อผู้มีคุณสมบัติ", null=True, blank=True)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.DRAFT)
    awarded_on = models.DateField("วันที่ประกาศผล", null=True, blank=True)
    award_amount = models.DecimalField("ราคาที่ตกลงซื้อหรือจ้าง", max_digits=18, decimal_places=2, null=True,
                                       blank=True)
    award_reason = models.TextField("เหตุผลที่คัดเลือก", blank=True)
    winner = models.ForeignKey("procurement.Supplier", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="won_projects", verbose_name="ผู้ได้รับการคัดเลือก")
    winner_names = models.TextField("ผู้ได้รับการคัดเลือก (ตามข้อมูลต้นทาง)", blank=True)
    contract_no = models.CharField("เลขที่สัญญา", max_length=128, blank=True)
    contract_signed_on = models.DateField("วันที่ลงนามสัญญา", null=True, blank=True)
    contract_amount = models.DecimalField("มูลค่าสัญญา", max_digits=18, decimal_places=2, null=True, blank=True)
    completed_on = models.DateField("วันที่ส่งมอบงานแล้วเสร็จ", null=True, blank=True)
    cancel_reason = models.TextField("เหตุผลที่ยกเลิก", blank=True)
    plan_item = models.ForeignKey("procurement.PlanItem", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="projects", verbose_name="รายการในแผนจัดซื้อจัดจ้าง")
    published_at = models.DateTimeField("เผยแพร่เมื่อ", null=True, blank=True, db_index=True)
    compiled_text = CompressedTextField("OCDS compiled release", blank=True)
    # Whether the compiled release uses the bids extension: an export declares the extension when any does.
    uses_bids = models.BooleanField(default=False, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    release_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "-announced_on", "-id"]
        verbose_name = "โครงการจัดซื้อจัดจ้าง"
        verbose_name_plural = "โครงการจัดซื้อจัดจ้าง"
        indexes = [models.Index(fields=["unit", "fiscal_year"])]

    def __str__(self) -> str:
        return self.title[:200]

    @property
    def compiled(self) -> dict:
        return orjson.loads(self.compiled_text) if self.compiled_text else {}

    @property
    def is_public(self) -> bool:
        return self.published_at is not None

    @property
    def is_editable(self) -> bool:
        """Processes imported from OCDS are another publisher's record: shown here, never rewritten."""
        return self.source != self.Source.OCDS

    @property
    def method_label(self) -> str:
        return self.get_method_display() if self.method else (self.method_details or self.ocds_method or "")


class ImportRun(models.Model):
    """One import (OCDS files, e-GP CSV, company registry CSV): who, what file, what it changed or why not."""

    class Kind(models.TextChoices):
        OCDS = "ocds", "ข้อมูล OCDS"
        EGP_CSV = "egp_csv", "ไฟล์โครงการจาก e-GP (CSV)"
        REGISTRY_CSV = "registry_csv", "ข้อมูลนิติบุคคล (CSV)"

    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filenames = models.TextField("ไฟล์", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    ok = models.BooleanField("สำเร็จ", default=False)
    counts = models.JSONField("จำนวน", default=dict, blank=True)
    errors = models.JSONField("ข้อผิดพลาด", default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "การนำเข้าข้อมูล"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filenames}"[:200]


class Release(models.Model):
    """One OCDS release as published (imported verbatim, or generated by this system at each stage)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="releases")
    release_id = models.CharField(max_length=255)
    date = models.CharField(max_length=64, blank=True)
    tag = models.JSONField(default=list)
    json_text = CompressedTextField()
    sha256 = models.CharField(max_length=64)
    generated = models.BooleanField(default=False)
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    seq = models.PositiveIntegerField(default=0, help_text="order of arrival within the project")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "date", "seq"]
        constraints = [models.UniqueConstraint(fields=["project", "release_id"], name="unique_release_id")]

    def __str__(self) -> str:
        return self.release_id

    @property
    def data(self) -> dict:
        return orjson.loads(self.json_text)


class Bid(models.Model):
    """A bid (OCDS bid extension `bids.details[]`); `status` valid means the bidder qualified."""

    class Status(models.TextChoices):
        INVITED = "invited", "ได้รับเชิญ"
        PENDING = "pending", "รอพิจารณา"
        VALID = "valid", "ผ่านคุณสมบัติ"
        DISQUALIFIED = "disqualified", "ไม่ผ่านคุณสมบัติ"
        WITHDRAWN = "withdrawn", "ถอนข้อเสนอ"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="bids")
    supplier = models.ForeignKey("procurement.Supplier", on_delete=models.PROTECT, related_name="bids",
                                 verbose_name="ผู้ยื่นข้อเสนอ")
    ocds_id = models.CharField(max_length=255)
    amount = models.DecimalField("ราคาที่เสนอ", max_digits=18, decimal_places=2, null=True, blank=True)
    submitted_on = models.DateField("วันที่ยื่นข้อเสนอ", null=True, blank=True)
    status = models.CharField("ผลการพิจารณา", max_length=16, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField("เหตุผล", blank=True)

    class Meta:
        ordering = ["amount", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "ocds_id"], name="unique_bid_id")]
        verbose_name = "ข้อเสนอ"

    def __str__(self) -> str:
        return f"{self.supplier} {self.amount or ''}".strip()


class DocumentBuyer(models.Model):
    """Who bought or downloaded the bid documents (ผู้ซื้อซอง/รับเอกสาร): not in OCDS, required by the plan."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="document_buyers")
    supplier = models.ForeignKey("procurement.Supplier", on_delete=models.PROTECT,
                                 related_name="document_purchases", verbose_name="ผู้ซื้อหรือรับเอกสาร")
    obtained_on = models.DateField("วันที่ซื้อหรือรับเอกสาร", null=True, blank=True)

    class Meta:
        ordering = ["obtained_on", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "supplier"], name="unique_document_buyer")]
        verbose_name = "ผู้ซื้อหรือรับเอกสาร"

    def __str__(self) -> str:
        return str(self.supplier)


class CommitteeMember(models.Model):
    class Committee(models.TextChoices):
        TOR = "tor", "คณะกรรมการจัดทำร่างขอบเขตของงาน (TOR)"
        REFERENCE = "reference", "คณะกรรมการกำหนดราคากลาง"
        EVALUATION = "evaluation", "คณะกรรมการพิจารณาผล"
        INSPECTION = "inspection", "คณะกรรมการตรวจรับพัสดุ"

    class Role(models.TextChoices):
        CHAIR = "chair", "ประธานกรรมการ"
        MEMBER = "member", "กรรมการ"
        SECRETARY = "secretary", "กรรมการและเลขานุการ"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="committee")
    committee = models.CharField("คณะกรรมการ", max_length=16, choices=Committee.choices)
    official = models.ForeignKey("procurement.Official", on_delete=models.PROTECT,
                                 related_name="committee_seats", verbose_name="เจ้าหน้าที่")
    role = models.CharField("ตำแหน่งในคณะกรรมการ", max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["committee", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "committee", "official"],
                                               name="unique_committee_seat")]
        verbose_name = "กรรมการ"

    def __str__(self) -> str:
        return f"{self.official} ({self.get_role_display()})"
