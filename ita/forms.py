"""Forms check shape only; ita.services decides what is allowed."""

from __future__ import annotations

from django import forms

from accounts.models import User
from core.fields import BEDateField
from ita.models import ItaItem


class CatalogueForm(forms.Form):
    file = forms.FileField(label="ไฟล์รายการ (YAML ตามรูปแบบไฟล์ตัวอย่าง)")


class ItemForm(forms.Form):
    code = forms.CharField(label="ข้อ (เช่น O1, EB3)", max_length=16)
    kind = forms.ChoiceField(label="ประเภท", choices=ItaItem.Kind.choices)
    section = forms.CharField(label="หมวด", max_length=255, required=False)
    text = forms.CharField(label="รายการ", max_length=500)
    evidence = forms.CharField(label="สิ่งที่นับเป็นหลักฐาน", required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    yearly = forms.BooleanField(label="ต้องเป็นข้อมูลของปีที่ประเมิน", required=False)
    owner = forms.ModelChoiceField(label="ผู้รับผิดชอบ", queryset=User.objects.none(), required=False)
    due_on = BEDateField(label="กำหนดเสร็จ", required=False)
    note = forms.CharField(label="หมายเหตุ", max_length=500, required=False)
    links = forms.CharField(label="ลิงก์ (บรรทัดละหนึ่ง: หน้าในระบบ เช่น portal:home หรือ https://…)", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["owner"].queryset = User.objects.filter(unit__path__startswith=agency.path,
                                                                is_active=True).order_by("first_name")


class CalendarForm(forms.Form):
    registration_on = BEDateField(label="ลงทะเบียนผู้ใช้งาน", required=False)
    oit_opens_on = BEDateField(label="เริ่มตอบแบบ OIT", required=False)
    oit_closes_on = BEDateField(label="ปิดการตอบแบบ OIT", required=False)
    clarification_on = BEDateField(label="ยื่นคำชี้แจง", required=False)
    results_on = BEDateField(label="ประกาศผล", required=False)


class TagForm(forms.Form):
    title = forms.CharField(label="คำอธิบายหลักฐาน", max_length=255)
    url = forms.URLField(label="ลิงก์หลักฐาน", max_length=2000, assume_scheme="https")
    also = forms.ModelMultipleChoiceField(label="ใช้กับรายการอื่นด้วย", queryset=ItaItem.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            self.fields["also"].queryset = ItaItem.objects.filter(year__agency=item.year.agency).exclude(
                pk=item.pk).select_related("year").order_by("-year__fiscal_year", "kind", "order")
            self.fields["also"].label_from_instance = lambda i: f"{i.code} ({i.year.fiscal_year}) {i.text}"


class SubmissionForm(forms.Form):
    memo_agency = forms.CharField(label="ส่วนราชการ", max_length=255)
    memo_phone = forms.CharField(label="โทร.", max_length=100, required=False)
    memo_ref_no = forms.CharField(label="ที่", max_length=100, required=False)
    memo_date = BEDateField(label="วันที่", required=False)
    memo_subject = forms.CharField(label="เรื่อง", max_length=255)
    memo_addressee = forms.CharField(label="เรียน", max_length=255)
    memo_body = forms.CharField(label="ข้อความ (ย่อหน้าละบรรทัด)", widget=forms.Textarea(attrs={"rows": 6}))
    memo_signer_name = forms.CharField(label="ผู้เสนอ", max_length=255, required=False)
    memo_signer_position = forms.CharField(label="ตำแหน่งผู้เสนอ", max_length=255, required=False)


class ApproveForm(forms.Form):
    approved_on = BEDateField(label="วันที่เห็นชอบ")
