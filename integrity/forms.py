"""The registers' forms: the fields each regulation asks for, dates in the Buddhist era, units by
type-ahead. Files are attached on the record's page once it is saved, so a refused form never asks for a
file again."""

from __future__ import annotations

from django import forms

from core.fields import BEDateField
from core.widgets import TypeaheadSelect
from integrity.models import (
    CampaignEvent,
    Declaration,
    DisciplineCase,
    ExecutiveReminder,
    GiftRecord,
    Issuance,
    IssuanceReview,
)
from integrity.models.issuances import CHECKLIST

TEXTAREA = {"rows": 4}
# Numbers in text boxes: a number box drops what is not a number, so the person would not see what they
# typed next to the message about it.
WHOLE = forms.TextInput(attrs={"inputmode": "numeric"})
MONEY = forms.TextInput(attrs={"inputmode": "decimal"})


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงาน", queryset=None, widget=TypeaheadSelect())

    def __init__(self, *args, units, unit_label: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(is_active=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda u: u.name
        if unit_label:
            self.fields["unit"].label = unit_label
        if units.count() == 1 and not self.is_bound:
            self.initial.setdefault("unit", units.first().pk)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


class EventForm(UnitForm):
    held_on = BEDateField(label=_label(CampaignEvent, "held_on"))
    title = forms.CharField(label=_label(CampaignEvent, "title"), max_length=300)
    audience = forms.CharField(
        label=_label(CampaignEvent, "audience"),
        max_length=300,
        help_text="เช่น ข้าราชการและเจ้าหน้าที่ทุกระดับของสำนักงาน",
    )
    attendance = forms.IntegerField(
        widget=WHOLE,
        label=_label(CampaignEvent, "attendance"),
        min_value=0,
        error_messages={"invalid": "กรุณากรอกจำนวนเป็นตัวเลข", "min_value": "จำนวนต้องไม่ติดลบ"},
    )
    material = forms.CharField(
        label=_label(CampaignEvent, "material"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, unit_label="หน่วยงานที่จัด", **kwargs)


class ReminderForm(UnitForm):
    meeting = forms.CharField(
        label=_label(ExecutiveReminder, "meeting"),
        max_length=300,
        help_text="เช่น การประชุมผู้บริหารกรม ครั้งที่ ๓/๒๕๖๐",
    )
    met_on = BEDateField(label=_label(ExecutiveReminder, "met_on"))
    agenda_item = forms.CharField(label=_label(ExecutiveReminder, "agenda_item"), max_length=200)
    executive = forms.CharField(label=_label(ExecutiveReminder, "executive"), max_length=200)
    minutes = forms.CharField(
        label=_label(ExecutiveReminder, "minutes"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    minutes_ref = forms.CharField(
        label=_label(ExecutiveReminder, "minutes_ref"), max_length=200, required=False
    )


class GiftForm(UnitForm):
    recipient = forms.CharField(label=_label(GiftRecord, "recipient"), max_length=200)
    recipient_position = forms.CharField(
        label=_label(GiftRecord, "recipient_position"), max_length=200, required=False
    )
    received_on = BEDateField(label=_label(GiftRecord, "received_on"))
    giver = forms.CharField(label=_label(GiftRecord, "giver"), max_length=300)
    giver_kind = forms.ChoiceField(
        label=_label(GiftRecord, "giver_kind"), choices=GiftRecord.GiverKind.choices
    )
    occasion = forms.CharField(label=_label(GiftRecord, "occasion"), max_length=200, required=False)
    description = forms.CharField(label=_label(GiftRecord, "description"), max_length=300)
    value = forms.DecimalField(
        widget=MONEY,
        label=_label(GiftRecord, "value"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": "กรุณากรอกมูลค่าเป็นตัวเลข (บาท)", "min_value": "มูลค่าต้องไม่ติดลบ"},
    )
    handling = forms.ChoiceField(label=_label(GiftRecord, "handling"), choices=GiftRecord.Handling.choices)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=forms.Textarea(attrs=TEXTAREA))


class DeclarationForm(forms.Form):
    fiscal_year = forms.IntegerField(
        widget=WHOLE,
        label="ปีงบประมาณ (พ.ศ.)",
        min_value=2500,
        max_value=2700,
        error_messages={
            "invalid": "กรุณากรอกปี พ.ศ. เป็นตัวเลข",
            "min_value": "กรุณากรอกปีเป็น พ.ศ.",
            "max_value": "กรุณากรอกปีเป็น พ.ศ.",
        },
    )
    declared_on = BEDateField(label=_label(Declaration, "declared_on"))
    occasion = forms.ChoiceField(label=_label(Declaration, "occasion"), choices=Declaration.Occasion.choices)
    has_interest = forms.TypedChoiceField(
        label=_label(Declaration, "has_interest"),
        choices=[("no", "ไม่มี"), ("yes", "มี")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    matter = forms.CharField(label=_label(Declaration, "matter"), max_length=300, required=False)
    related_party = forms.CharField(
        label=_label(Declaration, "related_party"), max_length=300, required=False
    )
    relationship = forms.CharField(label=_label(Declaration, "relationship"), max_length=300, required=False)
    detail = forms.CharField(
        label=_label(Declaration, "detail"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="ผลการพิจารณา", choices=[c for c in Declaration.Decision.choices if c[0] != "pending"]
    )
    decided_by = forms.CharField(label="ผู้พิจารณา", max_length=200)
    decided_on = BEDateField(label="วันที่พิจารณา")


class IssuanceForm(UnitForm):
    issuer_name = forms.CharField(label=_label(Issuance, "issuer_name"), max_length=200)
    issuer_position = forms.CharField(label=_label(Issuance, "issuer_position"), max_length=200)
    kind = forms.ChoiceField(label=_label(Issuance, "kind"), choices=Issuance.Kind.choices)
    title = forms.CharField(label=_label(Issuance, "title"), max_length=300)
    issued_on = BEDateField(label=_label(Issuance, "issued_on"))
    reference = forms.CharField(label=_label(Issuance, "reference"), max_length=200, required=False)
    uses_budget = forms.BooleanField(label=_label(Issuance, "uses_budget"), required=False)
    summary = forms.CharField(
        label=_label(Issuance, "summary"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ReviewForm(forms.Form):
    reviewed_on = BEDateField(label="วันที่ตรวจ")
    verdict = forms.ChoiceField(
        label="ผลการตรวจ", choices=IssuanceReview.Verdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label="ความเห็นผู้ตรวจ", required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST.items():
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict:
        return {key: bool(self.cleaned_data.get(f"check_{key}")) for key in CHECKLIST}


class CaseForm(UnitForm):
    number = forms.CharField(label=_label(DisciplineCase, "number"), max_length=50)
    opened_on = BEDateField(label=_label(DisciplineCase, "opened_on"))
    source = forms.ChoiceField(
        label=_label(DisciplineCase, "source"),
        choices=[c for c in DisciplineCase.Source.choices if c[0] != "complaint"],
    )
    subject = forms.CharField(label=_label(DisciplineCase, "subject"), max_length=300)
    stage = forms.ChoiceField(label=_label(DisciplineCase, "stage"), choices=DisciplineCase.Stage.choices)
    legal_basis = forms.ChoiceField(
        label=_label(DisciplineCase, "legal_basis"), choices=DisciplineCase.LegalBasis.choices
    )
    legal_detail = forms.CharField(
        label=_label(DisciplineCase, "legal_detail"), max_length=300, required=False
    )
    completed_on = BEDateField(label=_label(DisciplineCase, "completed_on"), required=False)
    outcome = forms.CharField(
        label=_label(DisciplineCase, "outcome"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class CaseUpdateForm(forms.Form):
    stage = forms.ChoiceField(label="ขั้นตอน", choices=DisciplineCase.Stage.choices)
    legal_basis = forms.ChoiceField(label="ฐานความผิด", choices=DisciplineCase.LegalBasis.choices)
    legal_detail = forms.CharField(label="มาตราหรือข้อกฎหมายที่อ้าง", max_length=300, required=False)
    completed_on = BEDateField(label="วันที่แล้วเสร็จ", required=False)
    outcome = forms.CharField(label="ผลการดำเนินการ", required=False, widget=forms.Textarea(attrs=TEXTAREA))


class FromComplaintForm(UnitForm):
    complaint_id = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label="เลขที่เรื่องวินัย", max_length=50)
    opened_on = BEDateField(label="วันที่เริ่มดำเนินการ")
    subject = forms.CharField(label="เรื่อง (ไม่ระบุตัวผู้ร้องเรียน)", max_length=300)


class PresentForm(forms.Form):
    presented_on = BEDateField(label="วันที่เสนอผู้บริหาร")
    presented_to = forms.CharField(label="เสนอต่อ", max_length=200, help_text="เช่น อธิบดีกรมส่งเสริมสหกรณ์")
    presentation_ref = forms.CharField(label="อ้างอิง (เลขที่บันทึกหรือการประชุม)", max_length=300, required=False)


class FileForm(forms.Form):
    file = forms.FileField(label="ไฟล์หลักฐาน", error_messages={"required": "กรุณาเลือกไฟล์"})


class ImportForm(forms.Form):
    file = forms.FileField(label="ไฟล์ Excel (.xlsx) ตามแม่แบบ", error_messages={"required": "กรุณาเลือกไฟล์"})
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NoGiftForm(forms.Form):
    fiscal_year = forms.IntegerField(
        widget=WHOLE,
        label="ปีงบประมาณ (พ.ศ.)",
        min_value=2500,
        max_value=2700,
        error_messages={
            "invalid": "กรุณากรอกปี พ.ศ. เป็นตัวเลข",
            "min_value": "กรุณากรอกปีเป็น พ.ศ.",
            "max_value": "กรุณากรอกปีเป็น พ.ศ.",
        },
    )
    announced_on = BEDateField(label="วันที่ประกาศ")
    title = forms.CharField(label="ชื่อประกาศ", max_length=300)
    announced_by = forms.CharField(label="ผู้ประกาศ", max_length=200)
    reference = forms.CharField(label="เลขที่หรือที่เผยแพร่", max_length=300, required=False)


class GiftLimitForm(forms.Form):
    amount = forms.DecimalField(
        widget=MONEY,
        label="มูลค่าสูงสุดที่รับได้ (บาท)",
        min_value=1,
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": "กรุณากรอกมูลค่าเป็นตัวเลข (บาท)", "min_value": "เกณฑ์มูลค่าต้องมากกว่าศูนย์"},
    )
    effective_from = BEDateField(label="ใช้ตั้งแต่")
    basis = forms.CharField(label="ตามกฎหมายหรือประกาศ", max_length=300)
