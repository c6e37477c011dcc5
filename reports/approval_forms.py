"""Forms of the approval page: the executive's approval, the letter's details, the letter recorded as sent."""

from __future__ import annotations

from django import forms

from core.fields import BEDateField


class ApprovalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.CharField(label="ตำแหน่งผู้ให้ความเห็นชอบ", max_length=255)
    approved_on = BEDateField(label="วันที่ให้ความเห็นชอบ", required=False, help_text="เว้นว่างได้ หากเป็นวันนี้")
    comment = forms.CharField(
        label="ความเห็น", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class LetterForm(forms.Form):
    reference = forms.CharField(
        label="อ้างถึง",
        required=False,
        max_length=500,
        help_text="หนังสือที่อ้างถึง (ถ้ามี) เช่น หนังสือสำนักงาน ป.ป.ท. ที่ … ลงวันที่ …",
    )


class SentForm(forms.Form):
    ref_no = forms.CharField(
        label="เลขที่หนังสือ",
        max_length=100,
        help_text="ตามทะเบียนหนังสือส่ง เช่น ๑๒๓ (ระบบเติมรหัสหนังสือของส่วนราชการข้างหน้า)",
    )
    letter_date = BEDateField(label="ลงวันที่", required=False, help_text="เว้นว่างได้ หากเป็นวันเดียวกับวันที่ส่ง")
    sent_on = BEDateField(label="วันที่ส่ง")
    reference = forms.CharField(label="อ้างถึง", required=False, max_length=500)
