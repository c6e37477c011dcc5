"""One survey mechanism: questions are data (a five-point scale or free text), answers are anonymous.

A response keeps no address, no browser string, no account and no time of day (the date only), and has no
link to the invitation that allowed it: an invitation records only that it was used. Public surveys are
held back by a per-hour counter keyed by a pseudonym of the client (complaints.services.throttle)."""

from __future__ import annotations

from django.db import models


class Survey(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", "ประชาชนผู้ใช้เว็บไซต์"
        STAFF = "staff", "บุคลากร (ตอบด้วยรหัสเชิญ)"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    key = models.SlugField("รหัสแบบสำรวจ", max_length=64)
    title = models.CharField("ชื่อแบบสำรวจ", max_length=255)
    description = models.TextField("คำชี้แจง", blank=True)
    audience = models.CharField("ผู้ตอบ", max_length=16, choices=Audience.choices)
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    opens_on = models.DateField("เปิดรับตั้งแต่")
    closes_on = models.DateField("ปิดรับเมื่อ")

    class Meta:
        ordering = ["-fiscal_year", "key"]
        constraints = [models.UniqueConstraint(fields=["agency", "key", "fiscal_year"],
                                               name="survey_key_once_a_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def manage_action(self) -> str:
        return "survey.manage_public" if self.audience == self.Audience.PUBLIC else "survey.manage_staff"


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT5 = "likert5", "ระดับความพึงพอใจ ๕ ระดับ"
        TEXT = "text", "ข้อความ"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField("ลำดับ")
    text = models.CharField("คำถาม", max_length=500)
    kind = models.CharField("ชนิด", max_length=16, choices=Kind.choices, default=Kind.LIKERT5)
    required = models.BooleanField("ต้องตอบ", default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A one-time code for a staff survey. Only its hash is kept; nothing ties it to the answers."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_on = models.DateField(auto_now_add=True)
    used = models.BooleanField(default=False)


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField("วันที่ตอบ")

    class Meta:
        ordering = ["id"]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField("คะแนน", null=True, blank=True)
    text = models.TextField("ความเห็น", blank=True)


class SubmitCounter(models.Model):
    """Responses sent to a public survey from one client pseudonym in the current hour."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="survey_counter_once")]
