"""Forms check shape only; hr.services decides what is allowed."""

from __future__ import annotations

from django import forms

from core.fields import BEDateField
from hr.models import CriteriaStep, EvaluationRound, JobLine

YEAR = {"min_value": 2500, "max_value": 2700,
        "error_messages": {"min_value": "ปีงบประมาณต้องเป็นปี พ.ศ.", "max_value": "ปีงบประมาณต้องเป็นปี พ.ศ."}}


class CriteriaStepForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", **YEAR)
    step = forms.TypedChoiceField(label="ขั้นตอน", coerce=int, choices=CriteriaStep.Step.choices)
    done_on = BEDateField(label="วันที่ดำเนินการ")
    reference = forms.CharField(label="อ้างอิง (หนังสือ/คำสั่ง/การประชุม)", max_length=300, required=False)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label="เอกสาร", required=False)


class JobLineForm(forms.Form):
    name = forms.CharField(label="ชื่อสายงาน", max_length=255)
    kind = forms.ChoiceField(label="ประเภท", choices=JobLine.Kind.choices)


class JobLineKpiForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", **YEAR)
    kpis = forms.CharField(label="ตัวชี้วัดกลาง (บรรทัดละหนึ่งตัวชี้วัด)", widget=forms.Textarea(attrs={"rows": 5}))
    set_on = BEDateField(label="วันที่กำหนด")


class RoundForm(forms.Form):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", **YEAR)
    number = forms.TypedChoiceField(label="รอบ", coerce=int, choices=EvaluationRound.Number.choices)
    closes_on = BEDateField(label="กำหนดเสร็จ")


class CompletionForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงาน", queryset=None)
    completed_on = BEDateField(label="วันที่ดำเนินการครบ")
    staff_count = forms.IntegerField(label="จำนวนบุคลากร", min_value=1)
    evaluated_count = forms.IntegerField(label="จำนวนที่ดำเนินการแล้ว", min_value=0)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CloseForm(forms.Form):
    completed_on = BEDateField(label="วันที่ปิดรอบ")


class ImportForm(forms.Form):
    file = forms.FileField(label="แฟ้ม Excel (.xlsx) ตามแบบฟอร์ม", error_messages={"required": "กรุณาเลือกแฟ้ม"})
    dry_run = forms.BooleanField(label="ตรวจสอบอย่างเดียว ยังไม่บันทึก", required=False, initial=True)
