from __future__ import annotations

from django import forms

from core.fields import BEDateField
from infocentre.models import Consultation, Document, RefusalGround


class RequestForm(forms.Form):
    name = forms.CharField(label="ชื่อ–นามสกุลผู้ขอ", max_length=200,
                           help_text="ใช้เพื่อตอบคำขอเท่านั้น เจ้าหน้าที่ผู้มีสิทธิ์จึงจะเห็น")
    contact = forms.CharField(label="ช่องทางติดต่อกลับ", max_length=300,
                              help_text="อีเมล หมายเลขโทรศัพท์ หรือที่อยู่ อย่างใดอย่างหนึ่ง")
    subject = forms.CharField(label="ข้อมูลข่าวสารที่ต้องการ", max_length=300)
    details = forms.CharField(label="รายละเอียดเพิ่มเติม", widget=forms.Textarea(attrs={"rows": 4}),
                              required=False)
    form_key = forms.CharField(widget=forms.HiddenInput, required=False)


class StatusForm(forms.Form):
    code = forms.CharField(label="รหัสคำขอ", max_length=20)
    secret = forms.CharField(label="รหัสลับ", max_length=20, widget=forms.PasswordInput(render_value=True))


class CommentForm(forms.Form):
    display_name = forms.CharField(label="ชื่อที่ต้องการให้แสดง (ไม่บังคับ)", max_length=100, required=False)
    text = forms.CharField(label="ความคิดเห็น", widget=forms.Textarea(attrs={"rows": 5}), max_length=3000)


class DocumentForm(forms.Form):
    category = forms.ChoiceField(label="หมวดตาม พ.ร.บ.", choices=Document.Category.choices)
    clause = forms.CharField(label="อนุมาตรา เช่น (๓)", max_length=16, required=False)
    title = forms.CharField(label="ชื่อเรื่อง", max_length=300)
    doc_date = BEDateField(label="วันที่ของเอกสาร")
    text = forms.CharField(label="ข้อความ (ใช้ในการค้นหา)", widget=forms.Textarea(attrs={"rows": 5}),
                           required=False,
                           help_text="พิมพ์สาระของเอกสาร ระบบค้นหาจากข้อความนี้ ไม่อ่านข้อความจากไฟล์ PDF")
    file = forms.FileField(label="ไฟล์", required=False)


class LinkBackForm(forms.Form):
    url = forms.URLField(label="ที่อยู่หน้าเว็บของหน่วยงานที่เชื่อมโยงมายังศูนย์ข้อมูลข่าวสาร", max_length=500,
                         assume_scheme="https")


class HandleForm(forms.Form):
    op = forms.ChoiceField(choices=[("reply", "ให้ข้อมูล"), ("refuse", "ปฏิเสธ"), ("extend", "ขยายเวลา")],
                           widget=forms.HiddenInput)
    text = forms.CharField(label="คำตอบ / เหตุผล", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    ground = forms.ChoiceField(label="เหตุที่ไม่เปิดเผย", choices=[("", "—"), *RefusalGround.choices],
                               required=False)
    days = forms.IntegerField(label="ขยายเวลา (วัน)", required=False, min_value=1, max_value=60)


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label="ประเภท", choices=Consultation.Kind.choices)
    title = forms.CharField(label="เรื่อง", max_length=300)
    summary = forms.CharField(label="สาระสำคัญ", widget=forms.Textarea(attrs={"rows": 4}))
    questions = forms.CharField(label="ประเด็นที่ขอความคิดเห็น (บรรทัดละหนึ่งข้อ)",
                                widget=forms.Textarea(attrs={"rows": 3}), required=False)
    opens_on = BEDateField(label="เปิดรับตั้งแต่")
    closes_on = BEDateField(label="ปิดรับเมื่อ")
    file = forms.FileField(label="เอกสารประกอบ", required=False)
