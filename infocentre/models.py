"""The Official Information Act centre (พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐) and public participation.

- Document: an item of the catalogue, filed by a unit under the Act's category
  (มาตรา ๗ / มาตรา ๙ / other) and published by the ICT centre (ศสท.); its searchable text is what the unit
  typed, never text pulled out of a PDF.
- IndexTerm: the inverted index (segmented word -> document) behind the Thai search.
- LinkBack / DisclosureAnalysis: a unit's own website linking back, and its analysis of what it must disclose.
- InfoRequest: a request from the public under มาตรา ๑๑, with its receipt code, due date, reply or refusal.
- Consultation / Comment / ThemeResponse: a unit opens a draft plan or project for comment and answers.

No table stores a client address: public forms are held back through hourly pseudonyms (SubmitCounter).
"""

from __future__ import annotations

from django.db import models

from core.record_files import RecordFile


class InfoSettings(models.Model):
    """Per agency: how long the agency gives itself to answer an information request.

    มาตรา ๑๑ asks for the information "ภายในเวลาอันสมควร"; the practice the Office of the Official Information
    Commission (สขร.) sets out is 15 days, extendable with notice to the requester. The default is that
    practice (calendar days); an agency that counts working days ticks `working_days` (core.workdays)."""

    agency = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="+")
    reply_days = models.PositiveSmallIntegerField("ระยะเวลาตอบคำขอ (วัน)", default=15)
    working_days = models.BooleanField("นับเฉพาะวันทำการ", default=False)


class Document(models.Model):
    class Category(models.TextChoices):
        S7 = "s7", "มาตรา ๗ ข้อมูลข่าวสารที่ลงพิมพ์ในราชกิจจานุเบกษา"
        S9 = "s9", "มาตรา ๙ ข้อมูลข่าวสารที่จัดไว้ให้ประชาชนเข้าตรวจดู"
        OTHER = "other", "ข้อมูลข่าวสารอื่น"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "ส่งให้ ศสท. แล้ว รอเผยแพร่"
        PUBLISHED = "published", "เผยแพร่แล้ว"
        RETURNED = "returned", "ส่งกลับให้แก้ไข"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    category = models.CharField("หมวดตาม พ.ร.บ.", max_length=8, choices=Category.choices)
    clause = models.CharField("อนุมาตรา", max_length=16, blank=True)
    title = models.CharField("ชื่อเรื่อง", max_length=300)
    text = models.TextField("ข้อความ (ใช้ในการค้นหา)", blank=True)
    doc_date = models.DateField("วันที่ของเอกสาร")
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    submitted_on = models.DateField("วันที่ส่ง")
    published_on = models.DateField("วันที่เผยแพร่", null=True, blank=True)
    return_reason = models.CharField("เหตุที่ส่งกลับ", max_length=500, blank=True)

    class Meta:
        ordering = ["-doc_date", "-id"]
        indexes = [models.Index(fields=["agency", "status", "category"])]

    def __str__(self) -> str:
        return self.title


class DocumentFile(RecordFile):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")


class IndexTerm(models.Model):
    """One segmented word of a document's title or text, with how often it occurs (title words weigh more)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=100, db_index=True)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "term"], name="info_term_once")]


class LinkBack(models.Model):
    """The address on a unit's own website that links back to the department's information centre."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="+",
                                verbose_name="หน่วยงาน")
    url = models.URLField("ที่อยู่หน้าเว็บของหน่วยงาน", max_length=500)
    recorded_on = models.DateField("วันที่บันทึก")
    checked_at = models.DateTimeField("ตรวจล่าสุด", null=True, blank=True)
    check_status = models.CharField("ผลตรวจ", max_length=16, blank=True)  # reports.evidence.LinkCheck status
    check_note = models.CharField("หมายเหตุผลตรวจ", max_length=300, blank=True)

    @property
    def answers(self) -> bool:
        return self.check_status == "ok"


class DisclosureAnalysis(models.Model):
    """A central unit's analysis of the information it must disclose (1.3.2-a, the first indicator)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveIntegerField("ปีงบประมาณ")
    filed_on = models.DateField("วันที่จัดทำ")
    summary = models.TextField("สรุปผลการวิเคราะห์")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "fiscal_year"], name="info_analysis_once")]


class RefusalGround(models.TextChoices):
    """Grounds for not disclosing (short neutral labels; the Act's text is the authority)."""

    S14 = "s14", "มาตรา ๑๔ (ความเสียหายต่อสถาบันพระมหากษัตริย์)"
    S15_1 = "s15_1", "มาตรา ๑๕ (๑) ความมั่นคงของประเทศ ความสัมพันธ์ระหว่างประเทศ เศรษฐกิจหรือการคลัง"
    S15_2 = "s15_2", "มาตรา ๑๕ (๒) การบังคับใช้กฎหมาย"
    S15_3 = "s15_3", "มาตรา ๑๕ (๓) ความเห็นหรือคำแนะนำภายในหน่วยงาน"
    S15_4 = "s15_4", "มาตรา ๑๕ (๔) อันตรายต่อชีวิตหรือความปลอดภัยของบุคคล"
    S15_5 = "s15_5", "มาตรา ๑๕ (๕) รายงานการแพทย์หรือข้อมูลข่าวสารส่วนบุคคล"
    S15_6 = "s15_6", "มาตรา ๑๕ (๖) กฎหมายคุ้มครองมิให้เปิดเผย หรือผู้ให้ข้อมูลไม่ประสงค์ให้เปิดเผย"
    S15_7 = "s15_7", "มาตรา ๑๕ (๗) กรณีอื่นตามที่กำหนดในพระราชกฤษฎีกา"


class InfoRequest(models.Model):
    """A request for information (มาตรา ๑๑). The requester's name and contact are personal data: only what a
    reply needs is kept, and staff see it only under `inforequest.identity`."""

    class Status(models.TextChoices):
        RECEIVED = "received", "รับคำขอแล้ว"
        EXTENDED = "extended", "ขยายระยะเวลา (แจ้งผู้ขอแล้ว)"
        REPLIED = "replied", "ให้ข้อมูลแล้ว"
        REFUSED = "refused", "ปฏิเสธการเปิดเผย"

    agency = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name="หน่วยงานที่รับผิดชอบ")
    code = models.CharField("รหัสคำขอ", max_length=20, unique=True)
    secret_hash = models.CharField(max_length=128)
    submit_key = models.CharField(max_length=64, blank=True, db_index=True)
    name = models.CharField("ชื่อผู้ขอ", max_length=200)
    contact = models.CharField("ช่องทางติดต่อกลับ", max_length=300)
    subject = models.CharField("ข้อมูลข่าวสารที่ขอ", max_length=300)
    details = models.TextField("รายละเอียด", blank=True)
    received_on = models.DateField("วันที่รับคำขอ")
    due_on = models.DateField("กำหนดตอบ")
    status = models.CharField("สถานะ", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    extension_reason = models.CharField("เหตุที่ขยายเวลา", max_length=500, blank=True)
    reply = models.TextField("คำตอบ", blank=True)
    refusal_ground = models.CharField("เหตุที่ไม่เปิดเผย", max_length=8, choices=RefusalGround.choices, blank=True)
    closed_on = models.DateField("วันที่ตอบ", null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.EXTENDED)


class Consultation(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", "ร่างแผนงาน"
        PROJECT = "project", "ร่างโครงการ"
        PROCESS = "process", "กระบวนการ"

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="หน่วยงาน")
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices, default=Kind.PROJECT)
    title = models.CharField("เรื่อง", max_length=300)
    summary = models.TextField("สาระสำคัญ")
    questions = models.TextField("ประเด็นที่ขอความคิดเห็น (บรรทัดละหนึ่งข้อ)", blank=True)
    opens_on = models.DateField("เปิดรับความคิดเห็นตั้งแต่")
    closes_on = models.DateField("ปิดรับเมื่อ")
    outcome = models.TextField("สิ่งที่ปรับปรุงจากความคิดเห็น", blank=True)
    responses_published_on = models.DateField("วันที่เผยแพร่ผล", null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]


class ConsultationFile(RecordFile):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="files")


class Comment(models.Model):
    """A citizen's comment: a name only if the citizen gave one; no address, no account, the date only."""

    class State(models.TextChoices):
        PENDING = "pending", "รอตรวจ"
        PUBLISHED = "published", "เผยแพร่"
        REJECTED = "rejected", "ไม่เผยแพร่"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    display_name = models.CharField("ชื่อที่แสดง", max_length=100, blank=True)
    text = models.TextField("ความคิดเห็น")
    submitted_on = models.DateField("วันที่แสดงความคิดเห็น")
    state = models.CharField("สถานะ", max_length=16, choices=State.choices, default=State.PENDING)
    moderation_reason = models.CharField("เหตุผลการตรวจ", max_length=300, blank=True)

    class Meta:
        ordering = ["id"]


class ThemeResponse(models.Model):
    """The unit's answer to one theme of the comments, and what it changed because of it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    theme = models.CharField("ประเด็น", max_length=300)
    response = models.TextField("คำชี้แจงของหน่วยงาน")
    change = models.TextField("สิ่งที่ปรับปรุง", blank=True)

    class Meta:
        ordering = ["id"]


class SubmitCounter(models.Model):
    """Public submissions from one client pseudonym in the current hour (complaints.services.throttle)."""

    scope = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key", "window_start"],
                                               name="info_counter_once")]
