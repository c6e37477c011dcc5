from __future__ import annotations

from django import forms

from budget import months
from budget.models import BudgetPublication
from core.fields import BEDateField
from core.record_files import max_bytes
from core.widgets import TypeaheadSelect

FILES_HELP = "PDF รูปภาพ Word Excel PowerPoint ไฟล์ละไม่เกิน {mb} MB (ไม่บังคับ)"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", FILES_HELP.format(mb=max_bytes() // 1048576))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


def month_choices(fiscal_year: int):
    return [(m, months.label(fiscal_year, m, abbr=False)) for m in range(1, 13)]


class LineForm(forms.Form):
    code = forms.CharField(label="รหัสงบ", max_length=64)
    name = forms.CharField(label="ชื่อรายการงบประมาณ", max_length=255)


class AllocationForm(forms.Form):
    line = forms.ModelChoiceField(label="รายการงบประมาณ", queryset=None,
                                  error_messages={"required": "กรุณาเลือกรายการงบประมาณ"})
    unit = forms.ModelChoiceField(label="หน่วยงาน", queryset=None, widget=TypeaheadSelect,
                                  error_messages={"required": "กรุณาเลือกหน่วยงาน",
                                                  "invalid_choice": "ไม่พบหน่วยงานนี้"})
    amount = forms.DecimalField(label="งบประมาณที่ได้รับจัดสรร (บาท)", min_value=0, max_digits=16,
                                decimal_places=2, localize=True,
                                error_messages={"invalid": "กรุณากรอกจำนวนเงินเป็นตัวเลข",
                                                "min_value": "จำนวนเงินต้องไม่ติดลบ"})

    def __init__(self, *args, lines, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["unit"].queryset = units


class ImportForm(forms.Form):
    file = forms.FileField(label="ไฟล์ผลการเบิกจ่าย (.xlsx หรือ .csv)",
                           error_messages={"required": "กรุณาเลือกไฟล์"})
    dry_run = forms.BooleanField(label="ตรวจสอบอย่างเดียว ยังไม่บันทึก", required=False, initial=True)


class TargetForm(forms.Form):
    quarter = forms.TypedChoiceField(label="ไตรมาส", coerce=int,
                                     choices=[(q, f"ไตรมาสที่ {q}") for q in range(1, 5)])
    cumulative_percent = forms.DecimalField(label="เป้าหมายการเบิกจ่ายสะสม (ร้อยละ)", min_value=0, max_value=100,
                                            max_digits=5, decimal_places=2,
                                            error_messages={"invalid": "กรุณากรอกเป็นตัวเลข",
                                                            "min_value": "ต้องไม่น้อยกว่า 0",
                                                            "max_value": "ต้องไม่เกิน 100"})
    source_note = forms.CharField(label="ที่มา (เช่น มติคณะรัฐมนตรี วันที่)", max_length=255, required=False)


class MeetingForm(forms.Form):
    month = forms.TypedChoiceField(label="เดือนที่ติดตาม", coerce=int, choices=[])
    held_on = BEDateField(label="วันที่ประชุม")
    title = forms.CharField(label="ชื่อการประชุม", max_length=255,
                            initial="ประชุมคณะกรรมการติดตามเร่งรัดการใช้จ่ายเงินงบประมาณ")
    summary = forms.CharField(label="สรุปผลการติดตาม", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    files = MultipleFileField(label="รายงานการประชุม")

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices(fiscal_year)


class ReviewForm(forms.Form):
    reviewed_on = BEDateField(label="วันที่ทบทวน")
    summary = forms.CharField(label="ผลการทบทวน/สิ่งที่ปรับปรุง", widget=forms.Textarea(attrs={"rows": 5}),
                              error_messages={"required": "กรุณาสรุปผลการทบทวน"})
    files = MultipleFileField(label="เอกสารประกอบ")


class PublishForm(forms.Form):
    kind = forms.ChoiceField(label="แผน/รายงานที่เผยแพร่", choices=BudgetPublication.Kind.choices,
                             error_messages={"required": "กรุณาเลือกแผนหรือรายงานที่จะเผยแพร่"})


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ยกเลิกการเผยแพร่", max_length=500,
                             error_messages={"required": "กรุณาระบุเหตุผลที่ยกเลิกการเผยแพร่"})
