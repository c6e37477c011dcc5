"""The approved versions of a compiled round and the letters that carried them to ป.ป.ท.

A compiled round leaves the department only as a `CompiledVersion`: the content of the official summary and of
its annexes, frozen as JSON when the round is compiled (or its summary edited), named by the SHA-256 of that
JSON in canonical form. The hash is taken over the content rather than over a rendered PDF: the PDF carries
the hash in its own footer and a render date in its metadata, so its bytes cannot name themselves; the JSON
is what every document of the version is rendered from, so the same hash names the DOCX and the PDF alike.
A change after approval (a report sent again, the summary edited, a recompilation with new figures) makes a
new version, which needs approval again. Writes go through reports.services.approval only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class CompiledVersion(models.Model):
    round = models.ForeignKey(
        "reports.Round", on_delete=models.CASCADE, related_name="versions", verbose_name="รอบ"
    )
    number = models.PositiveIntegerField("ฉบับที่")
    sha256 = models.CharField("SHA-256 ของเนื้อหา", max_length=64)
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approver_name = models.CharField("ชื่อผู้ให้ความเห็นชอบ", max_length=255, blank=True)
    approver_position = models.CharField("ตำแหน่งผู้ให้ความเห็นชอบ", max_length=255, blank=True)
    approved_on = models.DateField("วันที่ให้ความเห็นชอบ", null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField("ความเห็น", blank=True)

    class Meta:
        ordering = ["round", "-number"]
        verbose_name = "ฉบับของผลการรวบรวม"
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="unique_compiled_version")]

    def __str__(self) -> str:
        return f"{self.round} ฉบับที่ {self.number}"

    @property
    def approved(self) -> bool:
        return self.approved_at is not None

    @property
    def short_hash(self) -> str:
        return self.sha256[:16]


class PaccDispatch(models.Model):
    """The letter to ป.ป.ท. of one round: its draft details (อ้างถึง), then, once sent, the book number, its
    date and who recorded it. Only an approved version is sent (reports.services.approval.record_sent)."""

    round = models.ForeignKey(
        "reports.Round", on_delete=models.CASCADE, related_name="dispatches", verbose_name="รอบ"
    )
    version = models.ForeignKey(
        CompiledVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name="ฉบับที่ส่ง",
    )
    reference = models.CharField("อ้างถึง", max_length=500, blank=True)
    ref_no = models.CharField("เลขที่หนังสือ", max_length=100, blank=True)
    letter_date = models.DateField("ลงวันที่", null=True, blank=True)
    sent_on = models.DateField("วันที่ส่ง", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "-id"]
        verbose_name = "หนังสือส่งผลถึงสำนักงาน ป.ป.ท."

    def __str__(self) -> str:
        return f"{self.round} {self.ref_no}"

    @property
    def sent(self) -> bool:
        return self.sent_on is not None
