from __future__ import annotations

from django import forms
from django.utils import timezone

from campaigns.models import Campaign
from core.fields import BEDateField
from core.thai import fiscal_year


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label="ประเภท", choices=Campaign.Kind.choices)
    title = forms.CharField(label="ชื่อการรณรงค์", max_length=255)
    text = forms.CharField(label="ข้อความที่ให้แสดงเจตจำนงหรือรับทราบ", widget=forms.Textarea(attrs={"rows": 5}))
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    opens_on = BEDateField(label="เปิดรับตั้งแต่")
    closes_on = BEDateField(label="ปิดรับเมื่อ")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"fiscal_year": fiscal_year(timezone.localdate())})
        super().__init__(*args, **kwargs)


class RosterImportForm(forms.Form):
    file = forms.FileField(label="ไฟล์บัญชีรายชื่อ (CSV UTF-8 หรือ XLSX)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
    effective = BEDateField(label="ข้อมูล ณ วันที่ (ผู้ที่ไม่มีในไฟล์พ้นจากบัญชีก่อนวันนี้)")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"effective": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PaperSheetForm(forms.Form):
    sheet = forms.FileField(label="ไฟล์แบบที่ลงนามแล้ว (PDF หรือรูปภาพ)", required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}))
    staff = forms.MultipleChoiceField(label="ผู้ที่ลงนามในแบบ", required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(str(m.pk), f"{m.full_name} · {m.position}") for m in members]


class UnitAckForm(forms.Form):
    evidence = forms.FileField(label="รูปถ่ายหรือไฟล์หลักฐาน", required=False)
    link = forms.CharField(label="หรือลิงก์ที่เผยแพร่", required=False, max_length=500,
                           widget=forms.URLInput(attrs={"placeholder": "https://"}))
    note = forms.CharField(label="หมายเหตุ", required=False, max_length=500)
