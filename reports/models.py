"""Reporting rounds and the progress form of attachment 3 (แบบรายงานผลการดำเนินงาน).

A round of a plan's fiscal year holds one report per activity × implementing unit, plus one summary per
activity written by its host unit. A report moves draft → submitted → (endorsed) → accepted / returned →
locked through `reports.services` only; every submission keeps a frozen copy so resubmissions never erase
what was sent before. Evidence files are immutable revisions identified by their SHA-256.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from reports.approval_models import CompiledVersion, PaccDispatch  # noqa: F401
from reports.evidence_models import Evidence, EvidenceLink, EvidenceRevision  # noqa: F401
from reports.relevance_models import ActivityRelevance  # noqa: F401


class Round(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", "รายงานความก้าวหน้า"
        ANNUAL = "annual", "รายงานผลประจำปี"
        OTHER = "other", "รอบอื่น"

    class Status(models.TextChoices):
        DRAFT = "draft", "ยังไม่เปิด"
        OPEN = "open", "เปิดรับรายงาน"
        CLOSED = "closed", "ปิดรอบแล้ว"

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, related_name="rounds", verbose_name="แผน"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    name = models.CharField("ชื่อรอบ", max_length=255)
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices, default=Kind.PROGRESS)
    opens_on = models.DateField("เปิดรับรายงานวันที่")
    due_on = models.DateField("กำหนดส่งภายในวันที่")
    closes_on = models.DateField(
        "ปิดรับรายงานวันที่", null=True, blank=True, help_text="เว้นว่างได้ หากยังรับรายงานที่ส่งช้า"
    )
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.DRAFT)
    requires_endorsement = models.BooleanField(
        "ต้องผ่านหัวหน้าหน่วยงานก่อน",
        default=False,
        help_text="รายงานที่ส่งแล้วต้องได้รับการรับรองจากหัวหน้าหน่วยงานก่อนส่งถึงผู้ตรวจ",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set only by the demo loader: its round lies in the real plan's first year (2560), so its dates are years
    # in the past and the pages say so instead of counting thousands of days late.
    is_demo = models.BooleanField("ข้อมูลสาธิต", default=False, editable=False)

    class Meta:
        ordering = ["-fiscal_year", "due_on", "id"]
        verbose_name = "รอบการรายงาน"
        constraints = [
            models.UniqueConstraint(fields=["plan", "fiscal_year", "name"], name="unique_round_name"),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("opens_on")), name="round_due_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Report(models.Model):
    class Kind(models.TextChoices):
        UNIT = "unit", "รายงานของหน่วยงานปฏิบัติ"
        HOST_SUMMARY = "host_summary", "สรุปของหน่วยงานเจ้าภาพ"

    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง"
        SUBMITTED = "submitted", "ส่งแล้ว รอตรวจ"
        ENDORSED = "endorsed", "หัวหน้ารับรองแล้ว รอตรวจ"
        RETURNED = "returned", "ส่งกลับแก้ไข"
        ACCEPTED = "accepted", "ผ่านการตรวจ"
        LOCKED = "locked", "ปิดรายงาน"

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    SENT = (Status.SUBMITTED, Status.ENDORSED, Status.ACCEPTED, Status.LOCKED)

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="reports", verbose_name="รอบ")
    activity = models.ForeignKey(
        "plans.Activity", on_delete=models.PROTECT, related_name="reports", verbose_name="กิจกรรม"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="reports", verbose_name="หน่วยงาน"
    )
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices, default=Kind.UNIT)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Bumped by every write of the content: a form carries the version it was read at, so a save based on
    # an older version is refused instead of overwriting someone else's work.
    version = models.PositiveIntegerField(default=0)
    as_of = models.DateField("ข้อมูล ณ วันที่", null=True, blank=True)
    problems = models.TextField("ปัญหาอุปสรรค", blank=True)
    suggestions = models.TextField("ข้อเสนอแนะ", blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_submitted_at = models.DateTimeField("ส่งครั้งแรกเมื่อ", null=True, blank=True)
    submitted_at = models.DateTimeField("ส่งล่าสุดเมื่อ", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = [
            "round",
            "activity__measure__policy__number",
            "activity__measure__sort_key",
            "activity__sort_order",
            "kind",
            "unit__path",
        ]
        verbose_name = "รายงานผลการดำเนินงาน"
        constraints = [
            models.UniqueConstraint(fields=["round", "activity", "unit", "kind"], name="unique_report_slot"),
        ]
        indexes = [models.Index(fields=["round", "status"]), models.Index(fields=["round", "unit"])]

    def __str__(self) -> str:
        prefix = "สรุป " if self.kind == self.Kind.HOST_SUMMARY else ""
        return f"{prefix}{self.activity.title[:60]} — {self.unit.short_name}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_started(self) -> bool:
        return self.version > 0

    @property
    def is_summary(self) -> bool:
        return self.kind == self.Kind.HOST_SUMMARY

    def is_late(self) -> bool:
        """Sent after the due date, or still not sent once it has passed (days counted in Bangkok)."""
        from django.utils import timezone

        from core.thai import local_date

        if self.first_submitted_at:
            return local_date(self.first_submitted_at) > self.round.due_on
        return timezone.localdate() > self.round.due_on


# A cell of the form holds a summary, not the whole evidence (that goes in files): about two pages of
# Thai text.
# The report as a whole is bounded too, so that one report cannot make its PDF take minutes to lay out.
TEXT_MAX_CHARS = 3000
REPORT_MAX_CHARS = 60000
# The period is usually a few words ("ต.ค. 2559 - มี.ค. 2560"), but units paste dates with notes; a short
# paragraph fits, and longer text is refused with a message (the form's validator), never cut.
PERIOD_MAX_CHARS = 1000


class ReportRow(models.Model):
    """One line of the form: วิธีดำเนินการ | ช่วงเวลาดำเนินการ | ผลการดำเนินงาน | คำอธิบายรายละเอียดเอกสาร/หลักฐาน."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    method = models.TextField("วิธีดำเนินการ")
    period_text = models.CharField("ช่วงเวลาดำเนินการ", max_length=PERIOD_MAX_CHARS, blank=True)
    result = models.TextField("ผลการดำเนินงาน", blank=True)
    evidence_note = models.TextField("คำอธิบายรายละเอียดเอกสาร/หลักฐาน", blank=True)

    class Meta:
        ordering = ["report", "order", "id"]
        verbose_name = "แถวรายงาน"

    def __str__(self) -> str:
        return f"{self.order}. {self.method[:60]}"


class IndicatorResult(models.Model):
    """What a unit achieved on one indicator of the activity; which fields matter depends on the kind."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicator_results")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.PROTECT, related_name="results")
    value = models.DecimalField("ค่าที่ทำได้", max_digits=12, decimal_places=2, null=True, blank=True)
    count = models.PositiveIntegerField("จำนวนครั้ง/จำนวน", null=True, blank=True)
    event_date = models.DateField("วันที่ดำเนินการ", null=True, blank=True)
    # The date of each event counted (ISO dates), where the indicator needs them: events after a deadline
    # ("ภายในเดือนมีนาคม") do not count, and "ทุกเดือน" names the months without one.
    event_dates = models.JSONField("วันที่ดำเนินการแต่ละครั้ง", default=list, blank=True, encoder=DjangoJSONEncoder)
    done = models.BooleanField("ดำเนินการแล้ว", null=True, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    # A computed indicator (plans.Indicator.source) takes its value from the system's records; the report may
    # put its own value in place of it only with a written reason, and keeps what the system showed then.
    override_reason = models.TextField("เหตุผลที่แก้ไขค่าที่คำนวณจากระบบ", blank=True)
    computed_value = models.CharField("ค่าที่ระบบคำนวณได้เมื่อแก้ไข", max_length=255, blank=True)

    class Meta:
        verbose_name = "ผลตามตัวชี้วัด"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_indicator_result")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value or self.count or self.done}"

    @property
    def event_days(self) -> list[datetime.date]:
        """`event_dates` as dates, in order (for the pages)."""
        return sorted(d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d))
                      for d in self.event_dates or [])

    @property
    def is_empty(self) -> bool:
        return (
            self.value is None
            and self.count is None
            and self.event_date is None
            and self.done is None
            and not self.note
            and not self.event_dates
        )


class ReportSubmission(models.Model):
    """A frozen copy of what was sent each time, and what the reviewer decided about it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "รอตรวจ"
        RETURNED = "returned", "ส่งกลับแก้ไข"
        ACCEPTED = "accepted", "ผ่านการตรวจ"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField("ครั้งที่")
    version = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(encoder=DjangoJSONEncoder)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="unique_submission_number")]


class ReviewComment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    row = models.ForeignKey(
        ReportRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    # The row's number and opening words when the comment was made, kept if the row is later removed.
    row_label = models.CharField(max_length=255, blank=True)
    submission = models.ForeignKey(
        ReportSubmission, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("ความเห็น")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField("แก้ไขแล้ว", default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "created_at", "id"]
        verbose_name = "ความเห็นของผู้ตรวจ"

    def __str__(self) -> str:
        return self.text[:80]


class DraftStash(models.Model):
    """What a user typed into a report form but has not saved: autosaved, or posted after the session
    ended."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="stashes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField()
    base_version = models.PositiveIntegerField()
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="unique_draft_stash")]


class ReminderLog(models.Model):
    """One reminder of one kind for one report. The row is written before the e-mail goes out, so a worker
    that restarts cannot send it again; `sent_at` records that the mail server accepted it."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "d7", "๗ วันก่อนกำหนดส่ง"
        DAY_BEFORE = "d1", "๑ วันก่อนกำหนดส่ง"
        DUE_DAY = "d0", "วันครบกำหนดส่ง"
        OVERDUE = "overdue", "เลยกำหนดส่ง (แจ้งหัวหน้าหน่วยงาน)"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "kind"], name="unique_reminder")]


class CompiledSummary(models.Model):
    """The plan administrator's compilation of a round: figures, an editable executive summary and the cover
    memo (บันทึกข้อความ) whose number and date are typed by the user."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="summary")
    text = models.TextField("บทสรุปสำหรับผู้บริหาร", blank=True)
    stats = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    compiled_at = models.DateTimeField(null=True, blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    thai_digits = models.BooleanField("ใช้เลขไทย", default=False)
    memo_agency = models.CharField("ส่วนราชการ", max_length=255, blank=True)
    memo_phone = models.CharField("โทร.", max_length=64, blank=True)
    memo_ref_no = models.CharField("ที่", max_length=100, blank=True)
    memo_date = models.DateField("วันที่", null=True, blank=True)
    memo_subject = models.CharField("เรื่อง", max_length=500, blank=True)
    memo_addressee = models.CharField("เรียน", max_length=255, blank=True)
    memo_body = models.TextField("ข้อความ", blank=True)
    memo_signer_name = models.CharField("ชื่อผู้ลงนาม", max_length=255, blank=True)
    memo_signer_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=255, blank=True)
    # Every indicator's value, verdict, source and records as they stood when the round was compiled: the
    # compiled documents show these, while the live pages recompute from the records.
    indicator_values = models.JSONField(default=list, blank=True, encoder=DjangoJSONEncoder)
    values_as_of = models.DateTimeField("ค่าตัวชี้วัด ณ เวลา", null=True, blank=True)

    class Meta:
        verbose_name = "สรุปผลรอบการรายงาน"

    def __str__(self) -> str:
        return f"สรุป {self.round}"


class IndicatorSnapshot(models.Model):
    """A computed indicator's value for a round as the task worker last computed it (reports.indicator_cache):
    the dashboard and the API read it while it is fresh instead of reading every register again."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="indicator_snapshots")
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(encoder=DjangoJSONEncoder)
    computed_at = models.DateTimeField("คำนวณเมื่อ")

    class Meta:
        verbose_name = "ค่าตัวชี้วัดที่คำนวณไว้"
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="unique_indicator_snapshot")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.indicator_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
