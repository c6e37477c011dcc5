from __future__ import annotations

from django import forms

from core.fields import BEDateField
from portal.models import Page, Section


class PageForm(forms.Form):
    section = forms.ChoiceField(label="หมวด (ตามรายการข้อมูลพื้นฐาน OIT)", choices=Section.choices)
    title = forms.CharField(label="ชื่อเรื่อง", max_length=255)
    slug = forms.SlugField(
        label="ที่อยู่เว็บ (URL)", max_length=80,
        help_text="อักษรอังกฤษตัวเล็ก ตัวเลข และขีด เช่น executives ใช้เป็นที่อยู่ถาวร เปลี่ยนไม่ได้หลังเผยแพร่")
    event_date = BEDateField(label="วันที่ของข่าว (ข่าวประชาสัมพันธ์)", required=False)
    sort_order = forms.IntegerField(label="ลำดับในหมวด", min_value=0, initial=0, required=False)
    body = forms.CharField(
        label="เนื้อหา", required=False, widget=forms.Textarea(attrs={"rows": 14}),
        help_text="ข้อความธรรมดา: เว้นบรรทัดเพื่อขึ้นย่อหน้าใหม่ · ## หัวข้อ · - รายการ · **ตัวหนา** · "
                  "[ข้อความ](https://…) เป็นลิงก์")
    note = forms.CharField(label="สรุปการแก้ไข (บันทึกในประวัติ)", max_length=255, required=False)

    @classmethod
    def for_page(cls, page: Page, data=None) -> PageForm:
        keys = ("section", "title", "slug", "event_date", "sort_order", "body")
        initial = {k: getattr(page, k) for k in keys}
        return cls(data, initial=initial)


class FileForm(forms.Form):
    file = forms.FileField(label="ไฟล์แนบ (PDF, DOCX, XLSX, รูปภาพ)")
    title = forms.CharField(label="ชื่อเอกสาร", max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ยกเลิกการเผยแพร่ (แสดงต่อผู้เข้าชม)", max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))
