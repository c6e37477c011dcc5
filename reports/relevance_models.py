"""A unit's statement that an activity does not concern it (ไม่เกี่ยวข้องกับหน่วยงาน), decided by the host unit.

The Director-General's memo asks each unit to act "ในส่วนที่เกี่ยวข้อง": a unit whose work has no part in an
activity says so, with its reason, on its report of the round; the activity's host unit accepts or refuses.
An accepted statement takes the unit out of the activity's denominator in the compiled round; a refused one
leaves the report due as before. Writes go through reports.services.relevance only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ActivityRelevance(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "รอหน่วยงานเจ้าภาพพิจารณา"
        ACCEPTED = "accepted", "หน่วยงานเจ้าภาพรับว่าไม่เกี่ยวข้อง"
        REFUSED = "refused", "หน่วยงานเจ้าภาพไม่รับ ต้องรายงานผล"

    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="relevance", verbose_name="รายงาน"
    )
    reason = models.TextField("เหตุผลที่ไม่เกี่ยวข้องกับหน่วยงาน")
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.PENDING)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("ความเห็นของหน่วยงานเจ้าภาพ", blank=True)

    class Meta:
        verbose_name = "การแจ้งว่ากิจกรรมไม่เกี่ยวข้องกับหน่วยงาน"

    def __str__(self) -> str:
        return f"{self.report} — {self.get_status_display()}"
