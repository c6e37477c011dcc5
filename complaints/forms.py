"""Forms validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from complaints.models import Case, Category, Channel, ProgressStage, Rating, ServiceStandard, Source, Status
from complaints.selectors import active_categories, active_stages
from core.fields import BEDateField
from core.widgets import TypeaheadSelect


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


FILES_HELP = ("แนบได้ไม่เกิน ๕ ไฟล์ ไฟล์ละไม่เกิน {mb} MB รวมไม่เกิน {total} MB ต่อครั้ง: "
              "PDF รูปภาพ Word Excel PowerPoint เสียง วิดีโอ หรือข้อความ (.txt)")


def files_field(label: str = "ไฟล์หลักฐาน (ถ้ามี)") -> MultipleFileField:
    from django.conf import settings

    return MultipleFileField(label=label, help_text=FILES_HELP.format(
        mb=settings.UPLOAD_MAX_BYTES // 1048576, total=settings.UPLOAD_REQUEST_MAX_BYTES // 1048576))


SUBMIT_KEY = r"^[A-Za-z0-9_-]{16,64}$"


def submit_key_field() -> forms.CharField:
    """The form's idempotency key (views.receipts makes it): sending the same form twice files one case."""
    return forms.RegexField(regex=SUBMIT_KEY, required=False, widget=forms.HiddenInput, max_length=64)


class IdentityFields(forms.Form):
    name = forms.CharField(label="ชื่อ-นามสกุล", max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label="โทรศัพท์", max_length=50, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label="ไปรษณีย์อิเล็กทรอนิกส์", required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    address = forms.CharField(label="ที่อยู่สำหรับติดต่อกลับ", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def identity_values(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("name", "phone", "email", "address")}


class PublicComplaintForm(IdentityFields):
    category = forms.ModelChoiceField(label="ประเภทเรื่อง", queryset=active_categories(), required=False,
                                      empty_label="— เลือกประเภทเรื่อง —")
    subject = forms.CharField(label="เรื่อง", max_length=300)
    details = forms.CharField(label="รายละเอียด", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000,
                              help_text="เล่าว่าเกิดอะไรขึ้น ที่ไหน เมื่อใด และเกี่ยวข้องกับหน่วยงานหรือเจ้าหน้าที่ใด")
    files = files_field()
    confirm = forms.BooleanField(label="ข้าพเจ้ายืนยันว่าข้อมูลที่แจ้งเป็นความจริง")
    submit_key = submit_key_field()

    field_order = ["category", "subject", "details", "files", "name", "phone", "email", "address", "confirm"]

    def __init__(self, *args, channel: str, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel = channel
        # The agency whose page this is: its own categories and the national defaults, never another's.
        self.fields["category"].queryset = active_categories(channel, agency=agency)
        if channel == Channel.CORRUPTION:
            self.fields["details"].help_text = ("ระบุพฤติการณ์ ผู้เกี่ยวข้อง สถานที่ และช่วงเวลาให้ชัดเจน "
                                                "อย่าระบุชื่อหรือข้อมูลที่ทำให้รู้ว่าท่านเป็นผู้แจ้งในช่องนี้")


class StaffComplaintForm(IdentityFields):
    channel = forms.ChoiceField(label="ช่องทาง", choices=Channel.choices)
    source = forms.ChoiceField(label="รับเรื่องทาง", choices=[c for c in Source.choices if c[0] != Source.WEB])
    received_on = BEDateField(label="วันที่รับเรื่อง")
    external_ref = forms.CharField(label="เลขที่หนังสือ/เลขอ้างอิง ๑๑๑๑", max_length=100, required=False)
    unit = forms.ModelChoiceField(label="หน่วยงานรับเรื่อง", queryset=None, widget=TypeaheadSelect())
    category = forms.ModelChoiceField(label="ประเภทเรื่อง", queryset=active_categories(), required=False)
    subject = forms.CharField(label="เรื่อง", max_length=300)
    details = forms.CharField(label="รายละเอียด", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    files = files_field("ไฟล์หลักฐาน (สแกนหนังสือ รูปภาพ)")
    submit_key = submit_key_field()

    field_order = ["channel", "source", "received_on", "external_ref", "unit", "category", "subject",
                   "details", "files", "name", "phone", "email", "address"]

    def __init__(self, *args, units, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        category = self.fields["category"]
        category.queryset = active_categories(agency=agency)
        category.empty_label = "— ไม่ระบุ —"
        category.label_from_instance = lambda c: f"{c.name} ({c.get_channel_display()})"

    def clean(self):
        data = super().clean()
        category = data.get("category")
        if category and data.get("channel") and category.channel != data["channel"]:
            self.add_error("category", "ประเภทเรื่องไม่ตรงกับช่องทาง")
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label="รหัสติดตาม", max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "autocapitalize": "characters",
                                                         "spellcheck": "false"}))
    secret = forms.CharField(label="รหัสลับ", max_length=30,
                             widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}))


class AddInfoForm(forms.Form):
    text = forms.CharField(label="ข้อมูลเพิ่มเติม", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000,
                           required=False)
    files = files_field("ไฟล์เพิ่มเติม (ถ้ามี)")


class RateForm(forms.Form):
    score = forms.TypedChoiceField(label="ความพึงพอใจต่อการจัดการเรื่องของท่าน", choices=Rating.SCALE, coerce=int,
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label="ข้อเสนอแนะ (ถ้ามี)", widget=forms.Textarea(attrs={"rows": 3}),
                              required=False, max_length=2000)


# --- staff actions on a case ---------------------------------------------------------------------------


class NoteOnlyForm(forms.Form):
    note = forms.CharField(label="ข้อความถึงผู้ร้อง (ถ้าไม่กรอก ระบบใช้ข้อความมาตรฐาน)", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(label="หน่วยงานหลักที่รับผิดชอบ", queryset=None, widget=TypeaheadSelect())
    co_owners = forms.ModelMultipleChoiceField(label="หน่วยงานร่วมรับผิดชอบ (ถ้ามี)", queryset=None, required=False,
                                               help_text="กด Ctrl (หรือ ⌘) ค้างไว้เพื่อเลือกหลายหน่วยงาน",
                                               widget=forms.SelectMultiple(attrs={"size": 6}))
    note = forms.CharField(label="หมายเหตุภายใน", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    NO_HANDLER = " — ยังไม่มีเจ้าหน้าที่เรื่องร้องเรียน"

    def __init__(self, *args, units, handled=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead", "co_owners"):
            field = self.fields[name]
            field.queryset = units
            if handled is not None:
                # Said before choosing: nobody in a marked unit would be told or could open the case.
                field.label_from_instance = (
                    lambda u: u.name if u.pk in handled else f"{u.name}{self.NO_HANDLER}")
        if handled is not None:
            self.fields["lead"].help_text = ("หน่วยงานที่มีเครื่องหมาย “ยังไม่มีเจ้าหน้าที่เรื่องร้องเรียน” ยังไม่มีผู้ได้รับบทบาท"
                                             "เจ้าหน้าที่จัดการเรื่องร้องเรียน มอบหมายได้ แต่จะไม่มีผู้ใดในหน่วยงานได้รับแจ้ง"
                                             "หรือเปิดเรื่องในระบบได้")


class ForwardForm(forms.Form):
    agency_name = forms.CharField(label="ส่งต่อถึงหน่วยงาน", max_length=300)
    reason = forms.CharField(label="เหตุผล (ผู้ร้องจะเห็นข้อความนี้)", widget=forms.Textarea(attrs={"rows": 3}))


class DismissForm(forms.Form):
    outcome = forms.ChoiceField(label="ผลการพิจารณา", choices=[
        (Status.REJECTED, Status.REJECTED.label), (Status.DUPLICATE, Status.DUPLICATE.label),
        (Status.NOT_OURS, Status.NOT_OURS.label)])
    duplicate_number = forms.CharField(label="เลขที่เรื่องเดิม (กรณีเรื่องซ้ำ)", max_length=32, required=False)
    reason = forms.CharField(label="เหตุผล (ผู้ร้องจะเห็นข้อความนี้)", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_duplicate_number(self):
        number = self.cleaned_data["duplicate_number"].strip()
        if not number:
            return None
        # Numbers are per agency: the earlier case is looked for in the dismissed case's agency only.
        cases = Case.objects.filter(number=number)
        case = (cases.filter(agency=self.agency) if self.agency is not None else cases).first()
        if case is None:
            raise forms.ValidationError("ไม่พบเรื่องเลขที่นี้")
        return case


class ProgressForm(forms.Form):
    stage = forms.ModelChoiceField(label="ขั้นตอน", queryset=ProgressStage.objects.none(), required=False)
    note = forms.CharField(label="ความคืบหน้า", widget=forms.Textarea(attrs={"rows": 4}))
    # Internal unless the handler deliberately ticks it: a colleague's note once reached a tracking page.
    public = forms.BooleanField(label="แจ้งให้ผู้ร้องเห็นข้อความนี้", required=False, initial=False,
                                help_text="ไม่เลือก = บันทึกภายใน ผู้ร้องไม่เห็น เลือกเมื่อต้องการให้ผู้ร้องอ่านข้อความนี้"
                                          "ในหน้าติดตามเรื่อง")
    files = files_field("เอกสารประกอบ (ภายใน)")

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = active_stages(agency)  # none without an agency


class AnswerForm(forms.Form):
    reply = forms.CharField(label="ผลการพิจารณาที่แจ้งผู้ร้อง", widget=forms.Textarea(attrs={"rows": 6}))
    files = files_field("หลักฐานการแก้ไขปัญหา (เก็บในเรื่อง ไม่แสดงต่อผู้ร้อง)")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="เหตุผล", widget=forms.Textarea(attrs={"rows": 3}))


class StaffRateForm(RateForm):
    pass


class InternalNoteForm(forms.Form):
    text = forms.CharField(label="บันทึกภายใน (ผู้ร้องไม่เห็น)", widget=forms.Textarea(attrs={"rows": 3}))


class IdentityRevealForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ต้องเปิดดูข้อมูลผู้ร้อง", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="บันทึกไว้ในประวัติการดำเนินการ ผู้ตรวจสอบเห็นได้")


QUEUES = [
    ("open", "เรื่องที่ยังไม่ยุติ"), ("new", "เรื่องใหม่รอตอบรับ"), ("overdue", "เกินกำหนด (ตอบรับหรือแจ้งผล)"),
    ("late_ack", "เกินกำหนดตอบรับ"), ("late_answer", "เกินกำหนดแจ้งผล"), ("due_soon", "ครบกำหนดแจ้งผลใน ๓ วัน"),
    ("late_unanswered", "เลยกำหนดแจ้งผล ณ วันสิ้นช่วง (ยังไม่แจ้งผล)"), ("", "ทั้งหมด"),
]


class CaseFilterForm(forms.Form):
    """Every filter of the staff list; the dashboard's counts link here with the same parameters."""

    queue = forms.ChoiceField(label="รายการ", required=False, choices=QUEUES)
    q = forms.CharField(label="ค้นหา (เลขที่ รหัสติดตาม ชื่อเรื่อง เลขอ้างอิง)", required=False, max_length=100)
    unit = forms.ModelChoiceField(label="หน่วยงานรับผิดชอบ", queryset=None, required=False,
                                  empty_label="ทุกหน่วยงาน", widget=TypeaheadSelect(hint="เว้นว่างเพื่อดูทุกหน่วยงาน"))
    channel = forms.ChoiceField(label="ช่องทาง", required=False, choices=[("", "ทุกช่องทาง"), *Channel.choices])
    status = forms.ChoiceField(label="สถานะ", required=False, choices=[("", "ทุกสถานะ"), *Status.choices])
    source = forms.ChoiceField(label="ช่องทางที่รับ", required=False, choices=[("", "ทุกช่องทาง"), *Source.choices])
    category = forms.ModelChoiceField(label="ประเภทเรื่อง", queryset=None, required=False,
                                      empty_label="ทุกประเภท")
    received_from = BEDateField(label="รับเรื่องตั้งแต่", required=False)
    received_to = BEDateField(label="รับเรื่องถึง", required=False)
    answered_from = BEDateField(label="แจ้งผลตั้งแต่", required=False)
    answered_to = BEDateField(label="แจ้งผลถึง", required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: u.short_name or u.name
        category = self.fields["category"]
        category.queryset = Category.objects.all()
        category.label_from_instance = lambda c: f"{c.name} ({c.get_channel_display()})"


# --- configuration ------------------------------------------------------------------------------------


class StandardForm(forms.ModelForm):
    effective_from = BEDateField(label="ใช้ตั้งแต่วันที่")
    effective_to = BEDateField(label="ใช้ถึงวันที่ (ว่าง = ไม่มีกำหนด)", required=False)

    class Meta:
        model = ServiceStandard
        fields = ["channel", "receiving_unit", "acknowledge_days", "answer_days", "answer_day_kind",
                  "remind_before_days", "close_after_days", "legal_basis", "verified", "effective_from",
                  "effective_to"]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = units


class CategoryForm(forms.Form):
    channel = forms.ChoiceField(label="ช่องทาง", choices=Channel.choices)
    name = forms.CharField(label="ประเภทเรื่อง", max_length=200)
    sort_order = forms.IntegerField(label="ลำดับ", min_value=0, initial=0)
    is_active = forms.BooleanField(label="ใช้งาน", required=False, initial=True)


class StageForm(forms.Form):
    name = forms.CharField(label="ขั้นตอนย่อย", max_length=200)
    description = forms.CharField(label="คำอธิบาย", max_length=500, required=False)
    sort_order = forms.IntegerField(label="ลำดับ", min_value=0, initial=0)
    is_active = forms.BooleanField(label="ใช้งาน", required=False, initial=True)


class HolidayForm(forms.Form):
    date = BEDateField(label="วันที่")
    name = forms.CharField(label="ชื่อวัน", max_length=200)
    is_day_off = forms.BooleanField(label="เป็นวันหยุดราชการ (ไม่เลือก = เปิดทำการตามปกติ)", required=False,
                                    initial=True)
    note = forms.CharField(label="อ้างอิง (มติคณะรัฐมนตรี/ประกาศ)", max_length=300, required=False)


class ReviewForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    reviewed_on = BEDateField(label="วันที่ทบทวน")
    reference = forms.CharField(label="อ้างอิง (คำสั่ง/บันทึก/การประชุม)", max_length=300, required=False)
    findings = forms.CharField(label="ผลการทบทวนระบบและคู่มือ", widget=forms.Textarea(attrs={"rows": 5}))
    changes = forms.CharField(label="สิ่งที่ปรับปรุง", widget=forms.Textarea(attrs={"rows": 4}), required=False)
