"""Complaints and confidential corruption reports.

A `Case` is one complaint from receipt to closing. Who filed it is never stored in the clear: the identity
fields live in `identity_token`, encrypted with a key kept outside the database (see complaints.crypto), so
handlers work with the case number only. Service standards, progress stages, categories and the holiday
calendar are data an administrator changes; the handling manual is generated from the same rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.record_files import RecordFile


class Channel(models.TextChoices):
    SERVICE = "service", "ร้องเรียนการให้บริการ"
    CORRUPTION = "corruption", "แจ้งเบาะแสการทุจริตและประพฤติมิชอบ"


class Source(models.TextChoices):
    WEB = "web", "ระบบออนไลน์"
    PHONE = "phone", "โทรศัพท์"
    LETTER = "letter", "หนังสือ/จดหมาย"
    WALK_IN = "walk_in", "มาติดต่อด้วยตนเอง"
    EMAIL = "email", "ไปรษณีย์อิเล็กทรอนิกส์"
    HOTLINE_1111 = "1111", "ศูนย์บริการประชาชน ๑๑๑๑"
    AGENCY = "agency", "หน่วยงานอื่นส่งต่อ"


class Status(models.TextChoices):
    RECEIVED = "received", "รับเรื่องแล้ว"
    ACKNOWLEDGED = "acknowledged", "ตอบรับเรื่องแล้ว"
    ASSIGNED = "assigned", "มอบหมายหน่วยงานแล้ว"
    IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
    ANSWERED = "answered", "แจ้งผลแล้ว"
    CLOSED = "closed", "ปิดเรื่อง"
    REOPENED = "reopened", "เปิดเรื่องอีกครั้ง"
    FORWARDED = "forwarded", "ส่งต่อหน่วยงานอื่น"
    REJECTED = "rejected", "ไม่รับพิจารณา"
    DUPLICATE = "duplicate", "เรื่องซ้ำ"
    NOT_OURS = "not_ours", "ไม่อยู่ในอำนาจหน้าที่"


# Statuses in which the complainant has had the agency's reply (an answer or a reasoned outcome).
REPLIED = {Status.ANSWERED, Status.CLOSED, Status.FORWARDED, Status.REJECTED, Status.DUPLICATE,
           Status.NOT_OURS}
FINAL = {Status.CLOSED, Status.FORWARDED, Status.REJECTED, Status.DUPLICATE, Status.NOT_OURS}
OPEN = {s for s in Status if s not in FINAL}
DISMISSALS = {Status.REJECTED, Status.DUPLICATE, Status.NOT_OURS}


class Category(models.Model):
    """The type of a complaint, per channel (counted in the ITA statistics).

    With an agency, the category is that agency's own and offered only on its pages; without one it is a
    national default that every agency's form offers (the categories every deployment has had so far)."""

    agency = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="complaint_categories", verbose_name="ส่วนราชการ",
                               help_text="ว่าง = ประเภทเรื่องกลางที่ทุกส่วนราชการใช้")
    channel = models.CharField("ช่องทาง", max_length=16, choices=Channel.choices)
    name = models.CharField("ประเภทเรื่อง", max_length=200)
    sort_order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    is_active = models.BooleanField("ใช้งาน", default=True)

    class Meta:
        ordering = ["channel", "sort_order", "id"]
        verbose_name = "ประเภทเรื่องร้องเรียน"
        constraints = [
            models.UniqueConstraint(fields=["agency", "channel", "name"], name="complaint_category_unique",
                                    condition=models.Q(agency__isnull=False)),
            models.UniqueConstraint(fields=["channel", "name"], name="complaint_category_national_unique",
                                    condition=models.Q(agency__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.name


class ProgressStage(models.Model):
    """A sub-status of "in progress" (fact finding, investigation, waiting for another agency …), one
    agency's own: each agency starts from the defaults (services.config.DEFAULT_STAGES) and changes them."""

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="complaint_stages",
                               verbose_name="ส่วนราชการ")
    name = models.CharField("ขั้นตอนย่อย", max_length=200)
    description = models.CharField("คำอธิบาย", max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    is_active = models.BooleanField("ใช้งาน", default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "ขั้นตอนการดำเนินการ"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="complaint_stage_unique")]

    def __str__(self) -> str:
        return self.name


class ServiceStandard(models.Model):
    """How fast an agency promises to act on a channel, from a date; cases copy their deadlines at receipt."""

    class DayKind(models.TextChoices):
        WORKING = "working", "วันทำการ"
        CALENDAR = "calendar", "วัน"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                               verbose_name="ส่วนราชการ")
    channel = models.CharField("ช่องทาง", max_length=16, choices=Channel.choices)
    receiving_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                                       verbose_name="หน่วยงานรับเรื่อง")
    acknowledge_days = models.PositiveSmallIntegerField("ตอบรับภายใน (วันทำการ)", default=1)
    answer_days = models.PositiveSmallIntegerField("แจ้งผลภายใน", default=15)
    answer_day_kind = models.CharField("นับเป็น", max_length=16, choices=DayKind.choices,
                                       default=DayKind.CALENDAR)
    remind_before_days = models.PositiveSmallIntegerField("เตือนก่อนครบกำหนด (วันทำการ)", default=2)
    close_after_days = models.PositiveSmallIntegerField(
        "ปิดเรื่องอัตโนมัติหลังแจ้งผล (วัน)", default=15,
        help_text="เมื่อผู้ร้องไม่ประเมินความพึงพอใจภายในระยะนี้ ระบบปิดเรื่องให้")
    legal_basis = models.TextField("ที่มา/ฐานทางกฎหมาย", blank=True)
    verified = models.BooleanField("ตรวจสอบข้อกฎหมายแล้ว", default=False)
    effective_from = models.DateField("ใช้ตั้งแต่วันที่")
    effective_to = models.DateField("ใช้ถึงวันที่", null=True, blank=True)

    class Meta:
        ordering = ["agency", "channel", "-effective_from"]
        verbose_name = "มาตรฐานระยะเวลา"

    def __str__(self) -> str:
        return f"{self.get_channel_display()} ตั้งแต่ {self.effective_from:%Y-%m-%d}"

    @property
    def answer_text(self) -> str:
        return f"{self.answer_days} {self.get_answer_day_kind_display()}"


class HolidayOverride(models.Model):
    """A cabinet-declared day off (or a listed holiday on which offices open) that the library does not
    know."""

    date = models.DateField("วันที่", unique=True)
    name = models.CharField("ชื่อวัน", max_length=200)
    is_day_off = models.BooleanField("เป็นวันหยุดราชการ", default=True,
                                     help_text="ไม่เลือก = เป็นวันทำการ แม้ในปฏิทินจะเป็นวันหยุด")
    note = models.CharField("อ้างอิง (มติคณะรัฐมนตรี/ประกาศ)", max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "วันหยุดที่กำหนดเพิ่ม"

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="complaint_cases",
                             verbose_name="หน่วยงานรับเรื่อง")
    assigned_units = models.ManyToManyField("org.Unit", through="CaseAssignment",
                                            related_name="assigned_complaints",
                                            verbose_name="หน่วยงานที่รับผิดชอบ", blank=True)
    # Numbered per agency (CaseSequence): two agencies each have their ร.2568/0001.
    number = models.CharField("เลขที่เรื่อง", max_length=32)
    tracking_code = models.CharField("รหัสติดตาม", max_length=16, unique=True)
    secret_hash = models.CharField(max_length=200)
    channel = models.CharField("ช่องทาง", max_length=16, choices=Channel.choices)
    source = models.CharField("ช่องทางที่รับ", max_length=16, choices=Source.choices, default=Source.WEB)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT,
                                 verbose_name="ประเภท")
    subject = models.CharField("เรื่อง", max_length=300)
    details = models.TextField("รายละเอียด")
    external_ref = models.CharField("เลขที่อ้างอิงภายนอก", max_length=100, blank=True)
    identity_token = models.TextField(blank=True)
    has_identity = models.BooleanField("ผู้ร้องแจ้งข้อมูลติดต่อ", default=False)
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    stage = models.ForeignKey(ProgressStage, null=True, blank=True, on_delete=models.PROTECT,
                              verbose_name="ขั้นตอนย่อย")
    standard = models.ForeignKey(ServiceStandard, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField("วันที่รับเรื่อง")
    received_at = models.DateTimeField("เวลาบันทึก", default=timezone.now)
    acknowledge_due = models.DateField("กำหนดตอบรับ")
    answer_due = models.DateField("กำหนดแจ้งผล")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField("วันที่แจ้งผล", null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_timeout = models.BooleanField(default=False)
    escalated_at = models.DateTimeField("ยกระดับล่าสุด", null=True, blank=True)
    outcome_reason = models.TextField("เหตุผล", blank=True)
    forwarded_to = models.CharField("ส่งต่อถึง", max_length=300, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="ซ้ำกับเรื่อง")
    cycle = models.PositiveSmallIntegerField(default=1, help_text="เพิ่มขึ้นทุกครั้งที่เปิดเรื่องอีกครั้ง")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # SHA-256 of the random key the filing form carried: the same form sent twice files one case.
    submit_key_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = "เรื่องร้องเรียน"
        indexes = [models.Index(fields=["status", "answer_due"]), models.Index(fields=["received_on"])]
        constraints = [models.UniqueConstraint(fields=["submit_key_hash"],
                                               condition=~models.Q(submit_key_hash=""),
                                               name="complaint_submit_key_once"),
                       models.UniqueConstraint(fields=["agency", "number"],
                                               name="complaint_number_per_agency")]

    def __str__(self) -> str:
        return self.number

    @property
    def is_confidential(self) -> bool:
        return self.channel == Channel.CORRUPTION

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_replied(self) -> bool:
        return self.status in REPLIED

    def public_subject(self) -> str:
        """What documents outside the handling units may say about the case."""
        return "เรื่องแจ้งเบาะแส (ปกปิด)" if self.is_confidential else self.subject


class CaseAssignment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField("หน่วยงานหลัก", default=False)
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_lead", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "unit"], name="complaint_assignment_unique")]


class Message(models.Model):
    """Something said on a case: a reply or progress note for the complainant, an internal note, or what the
    complainant added later."""

    class Kind(models.TextChoices):
        REPLY = "reply", "แจ้งผลการพิจารณา"
        PROGRESS = "progress", "ความคืบหน้า"
        OUTCOME = "outcome", "ผลการพิจารณาเบื้องต้น"
        NOTE = "note", "บันทึกภายใน"
        CITIZEN = "citizen", "ข้อมูลเพิ่มเติมจากผู้ร้อง"

    PUBLIC_KINDS = (Kind.REPLY, Kind.PROGRESS, Kind.OUTCOME, Kind.CITIZEN)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.TextField("ข้อความ")
    stage = models.ForeignKey(ProgressStage, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    author_label = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS


class Attachment(models.Model):
    """An evidence file, immutable once stored. The bytes and the original name are encrypted at rest; the
    SHA-256 is of the file as received."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "หลักฐานประกอบคำร้อง"
        ADDITIONAL = "additional", "หลักฐานเพิ่มเติมจากผู้ร้อง"
        RESOLUTION = "resolution", "หลักฐานการแก้ไขปัญหา"
        INTERNAL = "internal", "เอกสารภายใน"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="files")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    storage_name = models.CharField(max_length=200, unique=True)
    name_token = models.TextField()
    content_type = models.CharField(max_length=120)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["uploaded_at", "id"]


class Rating(models.Model):
    """The complainant's satisfaction with the handling, one per cycle of a case."""

    class Via(models.TextChoices):
        CITIZEN = "citizen", "ผู้ร้องประเมินเอง"
        STAFF = "staff", "เจ้าหน้าที่บันทึกแทน"

    SCALE = [(5, "พึงพอใจมากที่สุด"), (4, "พึงพอใจมาก"), (3, "พึงพอใจปานกลาง"), (2, "พึงพอใจน้อย"),
             (1, "พึงพอใจน้อยที่สุด")]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    cycle = models.PositiveSmallIntegerField(default=1)
    score = models.PositiveSmallIntegerField("ระดับความพึงพอใจ", choices=SCALE)
    comment = models.TextField("ข้อเสนอแนะ", blank=True)
    via = models.CharField(max_length=16, choices=Via.choices, default=Via.CITIZEN)
    rated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "cycle"], name="complaint_rating_per_cycle")]


class Timer(models.Model):
    """A deadline action for a case. Fired at most once: firing claims the row with a conditional update."""

    class Kind(models.TextChoices):
        ACK_REMIND = "ack_remind", "เตือนตอบรับเรื่อง"
        ACK_ESCALATE = "ack_escalate", "ยกระดับ: เกินกำหนดตอบรับ"
        ANSWER_REMIND = "answer_remind", "เตือนก่อนครบกำหนดแจ้งผล"
        ANSWER_ESCALATE = "answer_escalate", "ยกระดับ: เกินกำหนดแจ้งผล"
        AUTO_CLOSE = "auto_close", "ปิดเรื่องเมื่อครบกำหนดประเมิน"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    cycle = models.PositiveSmallIntegerField(default=1)
    due_at = models.DateTimeField(db_index=True)
    fired_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "cycle"], name="complaint_timer_once")]


class ThrottleCounter(models.Model):
    """Failed tracking attempts per case code and per client, shared by every web worker through the database.
    Keys are keyed hashes: neither the code nor the client address is stored."""

    scope = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="complaint_throttle_key")]


class CaseSequence(models.Model):
    agency = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    fiscal_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "channel", "fiscal_year"],
                                               name="complaint_sequence_unique")]


class ReviewRecord(models.Model):
    """The yearly review of the complaint system and its handling manual (plan measure ๔.๑)."""

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    reviewed_on = models.DateField("วันที่ทบทวน")
    reference = models.CharField("อ้างอิง (คำสั่ง/บันทึก/การประชุม)", max_length=300, blank=True)
    findings = models.TextField("ผลการทบทวน")
    changes = models.TextField("การปรับปรุงระบบและคู่มือ", blank=True)
    configuration = models.JSONField("การตั้งค่าขณะทบทวน", default=dict)
    statistics = models.JSONField("สถิติประกอบการทบทวน", default=dict)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-fiscal_year", "-reviewed_on"]
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"],
                                               name="complaint_review_per_year")]

    def __str__(self) -> str:
        return f"ทบทวนระบบร้องเรียน ปีงบประมาณ {self.fiscal_year}"


class ReportIssue(models.Model):
    """A monthly progress report to the Director-General or a quarterly summary to the executive committee
    actually sent (plan measure ๔.๓): which period, when, to whom, under which number, and the file as it
    was generated at that moment (the figures of a period change as late replies come in)."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", "รายงานความก้าวหน้าต่ออธิบดี (รายเดือน)"
        QUARTERLY = "quarterly", "สรุปผลต่อคณะกรรมการบริหารกรม (รายไตรมาส)"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)")
    period_start = models.DateField("ตั้งแต่")
    period_end = models.DateField("ถึง")
    period_label = models.CharField("งวด", max_length=100)
    issued_on = models.DateField("วันที่เสนอ")
    recipient = models.CharField("เสนอต่อ", max_length=255)
    reference = models.CharField("เลขที่หนังสือ", max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "period_start"]
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "period_start"],
                                               name="complaint_report_issue_per_period")]
        verbose_name = "การเสนอรายงานเรื่องร้องเรียน"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label}"


class ReportIssueFile(RecordFile):
    """The report as sent, frozen when the issue was recorded."""

    issue = models.ForeignKey(ReportIssue, on_delete=models.CASCADE, related_name="files")

    class Meta:
        ordering = ["uploaded_at", "id"]
