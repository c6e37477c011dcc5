"""The agency's transparency portal: the OIT 'basic information' pages the ICT centre (ศสท.) keeps.

Simple models rather than a CMS: a page is a title and a body of plain text (a few markdown-like marks,
rendered by portal.text after escaping, so no raw HTML ever reaches a visitor), in one of the OIT sections.
Every save of the content writes a full `PageRevision` (who, when, what), publication and withdrawal are
guarded service functions that write the audit trail, and a withdrawn page keeps its URL as a tombstone
(HTTP 410 with the date and the reason) instead of disappearing. Sections built from records (structure,
contact, social channels, manuals, the anti-corruption plan, the compiled rounds) are live pages, not typed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.record_files import RecordFile


class Section(models.TextChoices):
    # The keys are stable: the ITA/OIT catalogue maps its items to portal:section with these.
    STRUCTURE = "structure", "โครงสร้างหน่วยงาน"
    EXECUTIVES = "executives", "ข้อมูลผู้บริหาร"
    DUTIES = "duties", "อำนาจหน้าที่"
    STRATEGY = "strategy", "แผนยุทธศาสตร์และแผนพัฒนาหน่วยงาน"
    CONTACT = "contact", "ข้อมูลการติดต่อ"
    LAWS = "laws", "กฎหมายที่เกี่ยวข้อง"
    NEWS = "news", "ข่าวประชาสัมพันธ์"
    QA = "qa", "ถาม-ตอบ (Q&A)"
    SOCIAL = "social", "ช่องทางสื่อสังคมออนไลน์"
    MANUALS = "manuals", "คู่มือและมาตรฐานการให้บริการ"
    HR_POLICY = "hr_policy", "นโยบายการบริหารทรัพยากรบุคคล"
    INTEGRITY_PLAN = "integrity_plan", "แผนปฏิบัติการป้องกันการทุจริต"
    RESULTS = "results", "ผลการดำเนินงานตามแผน รอบ ๖ เดือน และรอบปี"
    BUDGET = "budget", "แผนและผลการใช้จ่ายงบประมาณ"
    PARTICIPATION = "participation", "การเปิดโอกาสให้เกิดการมีส่วนร่วม"


# Sections whose main content is read from the records (typed pages may still add to them).
LIVE_SECTIONS = frozenset({Section.STRUCTURE, Section.CONTACT, Section.SOCIAL, Section.MANUALS,
                           Section.INTEGRITY_PLAN, Section.RESULTS})


class Publication(models.Model):
    """Draft (never published) → published → withdrawn (a tombstone) → published again."""

    published_at = models.DateTimeField("เผยแพร่เมื่อ", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    unpublished_at = models.DateTimeField("ยกเลิกการเผยแพร่เมื่อ", null=True, blank=True)
    unpublish_reason = models.TextField("เหตุผลที่ยกเลิกการเผยแพร่", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.unpublished_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.unpublished_at is not None

    @property
    def state_label(self) -> str:
        if self.is_withdrawn:
            return "ยกเลิกการเผยแพร่"
        return "เผยแพร่แล้ว" if self.is_published else "ฉบับร่าง"


class Page(Publication):
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"parent__isnull": True})
    section = models.CharField("หมวด", max_length=32, choices=Section.choices)
    slug = models.SlugField("ชื่อในที่อยู่เว็บ (URL)", max_length=80, unique=True,
                            help_text="อักษรอังกฤษตัวเล็ก ตัวเลข และขีด เช่น executives-2568 ใช้เป็นที่อยู่ถาวร")
    title = models.CharField("ชื่อเรื่อง", max_length=255)
    body = models.TextField("เนื้อหา", blank=True)
    event_date = models.DateField("วันที่ของข่าว", null=True, blank=True)
    sort_order = models.PositiveIntegerField("ลำดับ", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    revision_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["section", "sort_order", "-event_date", "id"]
        verbose_name = "หน้าเว็บไซต์สาธารณะ"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        if self.section == Section.NEWS:
            return reverse("portal:news", args=[self.pk])
        return reverse("portal:page", args=[self.slug])


class PageRevision(models.Model):
    """A full copy of what a save made the page say (never a diff): the history shows every version."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    section = models.CharField(max_length=32, choices=Section.choices)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    event_date = models.DateField(null=True, blank=True)
    note = models.CharField("สรุปการแก้ไข", max_length=255, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["page", "-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="unique_page_revision")]


class PageFile(RecordFile):
    """An attachment of a page (a law's PDF, the HR policy signed); public while its page is published."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("ชื่อเอกสาร", max_length=255, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)


class ResultPublication(Publication):
    """A compiled round (reports.CompiledSummary) put on the portal: its documents are frozen when it is
    published, so what the public downloads is what was accepted, not what the records say today."""

    round = models.OneToOneField("reports.Round", on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("ชื่อเรื่อง", max_length=255)
    summary_text = models.TextField("บทสรุปสำหรับผู้บริหาร", blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "ผลการดำเนินงานที่เผยแพร่"

    def __str__(self) -> str:
        return self.title


class ResultFile(RecordFile):
    publication = models.ForeignKey(ResultPublication, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField()
    fmt = models.CharField(max_length=8)

    class Meta:
        ordering = ["-version", "fmt"]
