from django import forms

from org.models import AgencyProfile, Unit
from org.services import OPEN_DATA_LINKS, PROFILE_FIELDS


class UnitForm(forms.ModelForm):
    aliases_text = forms.CharField(label="ชื่ออื่นที่ใช้เรียก", required=False,
                                   help_text="คั่นแต่ละชื่อด้วยเครื่องหมายจุลภาค (,)")

    class Meta:
        model = Unit
        fields = ["name", "abbreviation", "kind", "region", "province", "reports_on_plan", "is_active",
                  "note", "thai_digits"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["aliases_text"].initial = ", ".join(self.instance.aliases)
        if self.instance.parent_id is not None:
            # The digits of official documents are one setting of the whole agency, kept on its root unit.
            del self.fields["thai_digits"]

    def changes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}
        data["aliases"] = [a.strip() for a in self.cleaned_data["aliases_text"].split(",") if a.strip()]
        return data


class AgencyProfileForm(forms.ModelForm):
    emblem_file = forms.FileField(label="ตราสัญลักษณ์ (ภาพ PNG หรือ JPEG ไม่เกิน 2 MB)", required=False,
                                  help_text="ใช้บนหน้าเว็บสาธารณะ และมุมบนของบันทึกข้อความและหนังสือภายนอก")
    remove_emblem = forms.BooleanField(label="นำตราสัญลักษณ์ที่มีอยู่ออก", required=False)

    class Meta:
        model = AgencyProfile
        fields = PROFILE_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3}),
                   "pacc_address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("website", "facebook", "youtube"):
            self.fields[name].assume_scheme = "https"
        for name, label in OPEN_DATA_LINKS.items():
            self.fields[name].assume_scheme = "https"
            self.fields[name].error_messages["invalid"] = (
                f"{label}ไม่ถูกต้อง กรุณากรอกที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https://")

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
