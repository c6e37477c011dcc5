"""Evidence attached to a report: files kept as immutable revisions, and links checked when saved."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


def revision_path(instance: EvidenceRevision, filename: str) -> str:
    # The stored name never comes from the uploader: it is random, and the original name is kept apart.
    ext = (instance.extension or "bin").lower()
    return f"evidence/{instance.sha256[:2]}/{uuid.uuid4().hex}.{ext}"


class Evidence(models.Model):
    """One document offered as proof; each upload of it is a new revision and none is ever overwritten."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="evidence")
    row = models.ForeignKey(
        "reports.ReportRow", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    title = models.CharField("ชื่อเอกสาร", max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Removing evidence from a report hides it; the files stay for the history of earlier submissions.
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = "เอกสารหลักฐาน"

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> EvidenceRevision | None:
        revisions = getattr(self, "_prefetched_objects_cache", {}).get("revisions")
        if revisions is not None:
            return max(revisions, key=lambda r: r.number, default=None)
        return self.revisions.order_by("-number").first()


class EvidenceRevision(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField("ฉบับที่")
    file = models.FileField(upload_to=revision_path, max_length=255)
    original_name = models.CharField("ชื่อไฟล์", max_length=255)
    extension = models.CharField(max_length=16)
    mime = models.CharField("ชนิดไฟล์", max_length=100)
    size = models.PositiveBigIntegerField("ขนาด (ไบต์)")
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evidence", "number"]
        verbose_name = "ไฟล์หลักฐาน (ฉบับ)"
        constraints = [
            models.UniqueConstraint(fields=["evidence", "number"], name="unique_evidence_revision")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (ฉบับที่ {self.number})"


class EvidenceLink(models.Model):
    class Status(models.TextChoices):
        UNCHECKED = "unchecked", "ยังไม่ตรวจ"
        OK = "ok", "เปิดได้"
        BROKEN = "broken", "เปิดไม่ได้"
        BLOCKED = "blocked", "ไม่อนุญาต (ที่อยู่ภายใน)"

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="links")
    row = models.ForeignKey(
        "reports.ReportRow", null=True, blank=True, on_delete=models.SET_NULL, related_name="links"
    )
    url = models.URLField("ลิงก์", max_length=2000)
    title = models.CharField("คำอธิบาย", max_length=255, blank=True)
    status = models.CharField("ผลการตรวจลิงก์", max_length=16, choices=Status.choices, default=Status.UNCHECKED)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = "ลิงก์หลักฐาน"

    def __str__(self) -> str:
        return self.title or self.url
