"""The ITA catalogue of a fiscal year (OIT and EB items as data), each item's URLs with their last check,
dated snapshots of what a link answered, evidence tagged to several regimes, and the year's submission.

Items change every year, so nothing here knows an item by its code: the catalogue is loaded from a file
(ita/data/) and edited on the pages.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ItaYear(models.Model):
    """One agency's ITA of one fiscal year and its calendar (dates move by announcement every year)."""

    agency = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    registration_on = models.DateField("ลงทะเบียนผู้ใช้งาน", null=True, blank=True)
    oit_opens_on = models.DateField("เริ่มตอบแบบ OIT", null=True, blank=True)
    oit_closes_on = models.DateField("ปิดการตอบแบบ OIT", null=True, blank=True)
    clarification_on = models.DateField("ยื่นคำชี้แจง", null=True, blank=True)
    results_on = models.DateField("ประกาศผล", null=True, blank=True)
    source = models.CharField("ที่มาของรายการ", max_length=255, blank=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="unique_ita_year")]

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}"


class ItaItem(models.Model):
    class Kind(models.TextChoices):
        OIT = "oit", "OIT (เปิดเผยข้อมูลสาธารณะ)"
        EB = "eb", "EB (หลักฐานเชิงประจักษ์)"

    year = models.ForeignKey(ItaYear, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("ประเภท", max_length=8, choices=Kind.choices, default=Kind.OIT)
    code = models.CharField("ข้อ", max_length=16)
    section = models.CharField("หมวด", max_length=255, blank=True)
    text = models.CharField("รายการ", max_length=500)
    evidence = models.TextField("สิ่งที่นับเป็นหลักฐาน", blank=True)
    # A page about the year must show the year: basic information (structure, contact…) need not.
    yearly = models.BooleanField("ต้องเป็นข้อมูลของปี", default=True)
    order = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name="ผู้รับผิดชอบ")
    due_on = models.DateField("กำหนดเสร็จ", null=True, blank=True)
    note = models.CharField("หมายเหตุ", max_length=500, blank=True)

    class Meta:
        ordering = ["year", "kind", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="unique_ita_item_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class ItemLink(models.Model):
    """Where an item is published: a route of this system (resolved when checked, so a page that does not
    exist yet is red, not an error) or an address on another website."""

    class Status(models.TextChoices):
        UNCHECKED = "unchecked", "ยังไม่ตรวจ"
        GREEN = "green", "พร้อม"
        AMBER = "amber", "เปิดได้แต่ข้อมูลไม่ใช่ของปีนี้"
        RED = "red", "ไม่มี / เปิดไม่ได้"

    item = models.ForeignKey(ItaItem, on_delete=models.CASCADE, related_name="links")
    # "app:name" or "app:name arg1 arg2"; empty when `url` is given.
    route = models.CharField("หน้าในระบบ", max_length=200, blank=True)
    url = models.URLField("ลิงก์", max_length=2000, blank=True)
    label = models.CharField("คำอธิบาย", max_length=255, blank=True)
    auto = models.BooleanField("ระบบเป็นหลักฐานเอง", default=False)
    order = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UNCHECKED)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    public_ok = models.BooleanField("ตอบ 200 โดยไม่ต้องเข้าสู่ระบบ", default=False)
    resolved_url = models.CharField(max_length=2000, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["item", "order", "id"]

    def __str__(self) -> str:
        return self.url or self.route


def snapshot_path(instance: LinkSnapshot, filename: str) -> str:
    return f"records/ita/snapshots/{instance.sha256[:2]}/{uuid.uuid4().hex}.bin"


class LinkSnapshot(models.Model):
    """What a link answered at one check: kept so a reviewer can open it when the live page is gone."""

    agency = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    item_link = models.ForeignKey(ItemLink, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="snapshots")
    evidence_link = models.ForeignKey("reports.EvidenceLink", null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="+")
    url = models.CharField("ลิงก์", max_length=2000)
    checked_at = models.DateTimeField("ตรวจเมื่อ")
    status = models.CharField("ผล", max_length=16)  # ok | broken | blocked
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.CharField(max_length=2000, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    truncated = models.BooleanField(default=False)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # The hash of the body without per-request tokens (CSRF, nonces): what "the content changed" compares.
    fingerprint = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=snapshot_path, max_length=255, blank=True)
    note = models.CharField(max_length=255, blank=True)
    changed = models.BooleanField("เนื้อหาเปลี่ยน", default=False)

    class Meta:
        ordering = ["-checked_at", "-id"]


class LinkAlert(models.Model):
    """A notice to an item's owner: the link died, or what it shows changed."""

    class Kind(models.TextChoices):
        DEAD = "dead", "ลิงก์เปิดไม่ได้"
        CHANGED = "changed", "เนื้อหาเปลี่ยน"

    snapshot = models.ForeignKey(LinkSnapshot, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    mailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]


class CheckRun(models.Model):
    """One run of the link checker; a run still going refuses a second one (simple exactly-once)."""

    agency = models.ForeignKey("org.Unit", null=True, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    checked = models.PositiveIntegerField(default=0)
    dead = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]


class EvidenceTag(models.Model):
    """One piece of evidence shown under an ITA item (OIT or EB) and, if given, a plan indicator: the file
    or link is uploaded once and tagged to every regime that asks for it."""

    item = models.ForeignKey(ItaItem, on_delete=models.CASCADE, related_name="tags")
    indicator = models.ForeignKey("plans.Indicator", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField("คำอธิบาย", max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "id"]


class Submission(models.Model):
    """The year's submission: the answer sheet with a cover memo (บันทึกข้อความ) that an executive approves."""

    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง"
        APPROVED = "approved", "ผู้บริหารเห็นชอบแล้ว"

    year = models.OneToOneField(ItaYear, on_delete=models.CASCADE, related_name="submission")
    memo_agency = models.CharField("ส่วนราชการ", max_length=255)
    memo_phone = models.CharField("โทร.", max_length=100, blank=True)
    memo_ref_no = models.CharField("ที่", max_length=100, blank=True)
    memo_date = models.DateField("วันที่", null=True, blank=True)
    memo_subject = models.CharField("เรื่อง", max_length=255)
    memo_addressee = models.CharField("เรียน", max_length=255)
    memo_body = models.TextField("ข้อความ")
    memo_signer_name = models.CharField("ผู้เสนอ", max_length=255, blank=True)
    memo_signer_position = models.CharField("ตำแหน่งผู้เสนอ", max_length=255, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approver_name = models.CharField("ผู้ให้ความเห็นชอบ", max_length=255, blank=True)
    approver_position = models.CharField(max_length=255, blank=True)
    approved_on = models.DateField("วันที่เห็นชอบ", null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    # The answer sheet as approved: what the executive agreed to, not what the links say later.
    sheet_sha256 = models.CharField(max_length=64, blank=True)
