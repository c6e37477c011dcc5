import json

from django import forms

from core.fields import BEDateField
from core.thai import THAI_MONTHS
from org.models import Unit
from plans.models import Activity, Indicator

MONTH_CHOICES = [("", "—"), *[(i, name) for i, name in enumerate(THAI_MONTHS, start=1)]]


class IndicatorForm(forms.Form):
    number = forms.CharField(label="เลขที่", max_length=16, required=False)
    text = forms.CharField(label="ตัวชี้วัด", widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label="ชนิดเป้าหมาย", choices=Indicator.Kind.choices)
    comparison = forms.ChoiceField(label="เงื่อนไข", choices=[("", "—"), *Indicator.Comparison.choices],
                                   required=False)
    value = forms.DecimalField(label="ค่าเป้าหมาย", required=False, max_digits=12, decimal_places=2,
                               error_messages={"invalid": "กรุณากรอกตัวเลข"})
    unit_label = forms.CharField(label="หน่วยนับ", max_length=64, required=False,
                                 help_text="เช่น ร้อยละ กระบวนการ ครั้ง ช่องทาง")
    period = forms.ChoiceField(label="รอบเวลา", choices=[("", "—"), *Indicator.Period.choices],
                               required=False)
    due_month = forms.TypedChoiceField(label="ภายในเดือน", choices=MONTH_CHOICES, coerce=int, empty_value=None,
                                       required=False)
    due_date = BEDateField(label="ภายในวันที่", required=False)
    scope = forms.ChoiceField(label="ขอบเขต", choices=Indicator.Scope.choices)
    variants = forms.CharField(
        label="เป้าหมายรายปี", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text='รูปแบบ JSON เช่น [{"from_year": 2560, "to_year": 2560, "value": 1}]')
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_variants(self):
        raw = (self.cleaned_data.get("variants") or "").strip()
        if not raw:
            return []
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"รูปแบบ JSON ไม่ถูกต้อง (บรรทัด {exc.lineno})") from exc
        if not isinstance(data, list) or not all(isinstance(v, dict) and "from_year" in v for v in data):
            raise forms.ValidationError("ต้องเป็นรายการของเป้าหมาย แต่ละรายการมี from_year และ to_year")
        return data

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict:
        data = {name: getattr(indicator, name) for name in cls.base_fields}
        data["variants"] = json.dumps(indicator.variants, ensure_ascii=False) if indicator.variants else ""
        return data


class ActivityForm(forms.Form):
    title = forms.CharField(label="ชื่อแผนงาน/โครงการ/กิจกรรม", max_length=500)
    text = forms.CharField(label="รายละเอียด", widget=forms.Textarea(attrs={"rows": 5}))
    host_units = forms.ModelMultipleChoiceField(label="หน่วยงานเจ้าภาพ", queryset=Unit.objects.none(),
                                                required=False,
                                                widget=forms.SelectMultiple(attrs={"size": 8}))
    implementing_rule = forms.ChoiceField(label="หน่วยงานปฏิบัติ", choices=Activity.ImplementingRule.choices)
    implementing_units = forms.ModelMultipleChoiceField(
        label="หน่วยงานปฏิบัติที่ระบุ", queryset=Unit.objects.none(), required=False,
        help_text="ใช้เมื่อเลือก 'หน่วยงานที่ระบุ' หรือ 'หน่วยงานที่เกี่ยวข้อง'",
        widget=forms.SelectMultiple(attrs={"size": 8}))
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = units if units is not None else Unit.objects.none()
        self.fields["host_units"].queryset = qs
        self.fields["implementing_units"].queryset = qs


class ApproveForm(forms.Form):
    approved_on = BEDateField(label="วันที่อนุมัติ")
    approval_memo = forms.CharField(label="เลขที่หนังสืออนุมัติ", max_length=255,
                                    help_text="เช่น ที่ กษ ๑๑๑๓/๖๑ ลงวันที่ ๓๐ มกราคม ๒๕๖๐")


class ReopenForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่เปิดแก้ไขแผน", widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(label="ไฟล์ Excel (.xlsx) ที่ส่งออกจากระบบและแก้ไขแล้ว")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("กรุณาเลือกไฟล์ .xlsx")
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError("ไฟล์ใหญ่เกิน 5 MB")
        head = f.read(4)
        f.seek(0)
        if head != b"PK\x03\x04":
            raise forms.ValidationError("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)")
        return f
