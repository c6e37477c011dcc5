"""Forms of the registers: Thai labels and messages, B.E. dates, the unit chosen by typing part of its name
among the units the person may keep. Rules are the services'; the forms only shape the input."""

from __future__ import annotations

from django import forms

from accounts import policy
from core.fields import BEDateField
from core.widgets import TypeaheadSelect
from registers.models import IcRound, ManualReview, ManualVersion, Process, PublicityEntry

TEXT = {"max_length": 300}


class UnitChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": "กรุณาเลือกหน่วยงานจากรายการ (หน่วยงานที่ท่านมีสิทธิ์บันทึก)",
                              "required": "กรุณาเลือกหน่วยงาน"}

    def label_from_instance(self, obj):
        return obj.name


def unit_field(user, action: str, label: str = "หน่วยงาน") -> UnitChoiceField:
    units = policy.units_for(user, action).filter(is_active=True).order_by("path")
    return UnitChoiceField(queryset=units, label=label, widget=TypeaheadSelect())


class FileMixin(forms.Form):
    file = forms.FileField(label="ไฟล์แนบ", required=False,
                           help_text="PDF, Word, Excel หรือภาพ ขนาดไม่เกินที่ระบบกำหนด "
                                     "(หากบันทึกไม่สำเร็จ กรุณาเลือกไฟล์อีกครั้ง)")


class UnitForm(forms.Form):
    action = ""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {"unit": unit_field(user, self.action), **self.fields}
        if "file" in fields:  # the attachment comes last, after what it documents
            fields["file"] = fields.pop("file")
        self.fields = fields


class ProcessForm(UnitForm):
    action = "manual.edit"
    name = forms.CharField(label="ชื่อกระบวนงาน", **TEXT)
    kind = forms.ChoiceField(label="ประเภทกระบวนงาน", choices=Process.Kind.choices)
    facilitation_act = forms.BooleanField(label=Process._meta.get_field("facilitation_act").verbose_name,
                                          required=False,
                                          help_text=Process._meta.get_field("facilitation_act").help_text)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VersionForm(forms.Form):
    document_type = forms.ChoiceField(label="ประเภทเอกสาร", choices=ManualVersion.DocumentType.choices)
    number = forms.CharField(label="ฉบับที่", max_length=32, help_text="เช่น ๑ หรือ ปรับปรุง ๒๕๖๐")
    title = forms.CharField(label="ชื่อเอกสาร", **TEXT)
    effective_on = BEDateField(label="วันที่ประกาศใช้")
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = FileMixin.base_fields["file"]
    is_published = forms.BooleanField(label="เผยแพร่ต่อสาธารณะ", required=False,
                                      help_text="แสดงในหน้าคู่มือสาธารณะพร้อมไฟล์ (ต้องแนบไฟล์)")


class ReviewForm(forms.Form):
    reviewed_on = BEDateField(label="วันที่ทบทวน")
    reviewer = forms.CharField(label="ผู้ทบทวน", max_length=200)
    reviewer_position = forms.CharField(label="ตำแหน่งผู้ทบทวน", max_length=200, required=False)
    outcome = forms.ChoiceField(label="ผลการทบทวน", choices=ManualReview.Outcome.choices)
    version = forms.ModelChoiceField(label="ฉบับที่ทบทวน/ฉบับใหม่ที่ได้", queryset=ManualVersion.objects.none(),
                                     required=False, empty_label="— ไม่ระบุ —",
                                     error_messages={"invalid_choice": "กรุณาเลือกฉบับจากรายการ"})
    findings = forms.CharField(label="สรุปผลการทบทวน", required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, process=None, **kwargs):
        super().__init__(*args, **kwargs)
        if process is not None:
            self.fields["version"].queryset = process.versions.all()


class ComplianceForm(UnitForm, FileMixin):
    action = "manual.edit"
    reported_on = BEDateField(label="วันที่รายงาน")
    title = forms.CharField(label="ชื่อรายงาน", **TEXT)
    summary = forms.CharField(label="ผลการปฏิบัติงานตามคู่มือ", widget=forms.Textarea(attrs={"rows": 4}))


class IcRoundForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700,
                                     error_messages={"invalid": "กรุณากรอกปีงบประมาณเป็นตัวเลข พ.ศ.",
                                                     "min_value": "ปีงบประมาณต้องเป็นปี พ.ศ.",
                                                     "max_value": "ปีงบประมาณต้องเป็นปี พ.ศ."})
    number = forms.TypedChoiceField(label="รอบ", choices=IcRound.Number.choices, coerce=int)
    as_of = BEDateField(label="ข้อมูล ณ วันที่")
    due_on = BEDateField(label="กำหนดส่ง")
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SubmissionForm(UnitForm, FileMixin):
    action = "icontrol.submit"
    submitted_on = BEDateField(label="วันที่ส่ง")
    document_no = forms.CharField(label="เลขที่หนังสือนำส่ง", max_length=100, required=False)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AssessmentForm(UnitForm, FileMixin):
    action = "workplace.edit"
    assessed_on = BEDateField(label="วันที่ประเมิน")
    clean = forms.BooleanField(label="สะอาด (Clean) ผ่านเกณฑ์ระดับพื้นฐาน", required=False)
    safe = forms.BooleanField(label="ปลอดภัย (Safe) ผ่านเกณฑ์ระดับพื้นฐาน", required=False)
    environment = forms.BooleanField(label="สิ่งแวดล้อมดี (Environment) ผ่านเกณฑ์ระดับพื้นฐาน", required=False)
    lively = forms.BooleanField(label="มีชีวิตชีวา (Lively) ผ่านเกณฑ์ระดับพื้นฐาน", required=False)
    assessor = forms.CharField(label="ผู้ประเมิน/คณะกรรมการ", max_length=200)
    note = forms.CharField(label="ข้อสังเกต", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AwardForm(forms.Form):
    name = forms.CharField(label="ชื่อรางวัล", **TEXT)
    level = forms.CharField(label="ระดับรางวัล", max_length=100, required=False)
    awarded_by = forms.CharField(label="หน่วยงานผู้มอบ", max_length=200, required=False)
    awarded_on = BEDateField(label="วันที่ได้รับรางวัล")


class PublicityForm(UnitForm, FileMixin):
    action = "publicity.edit"
    channel = forms.ChoiceField(label="ช่องทาง", choices=PublicityEntry.Channel.choices)
    channel_other = forms.CharField(label="ช่องทางอื่น (ระบุ)", max_length=100, required=False,
                                    help_text="กรอกเมื่อเลือก “อื่น ๆ”")
    published_on = BEDateField(label="วันที่เผยแพร่")
    title = forms.CharField(label="เรื่องที่เผยแพร่", **TEXT)
    link = forms.CharField(label="ลิงก์", max_length=500, required=False,
                           help_text="ขึ้นต้นด้วย https:// หรือแนบภาพแทน")
    note = forms.CharField(label="รายละเอียด", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label="แฟ้ม Excel (.xlsx) ตามแบบฟอร์มของระบบ",
                           error_messages={"required": "กรุณาเลือกแฟ้ม Excel"})
