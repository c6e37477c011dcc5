"""Forms check shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from core.fields import BEDateField
from core.thai import THAI_MONTHS
from core.widgets import TypeaheadSelect
from procurement.methods import Method
from procurement.models import (
    Bid,
    CommitteeMember,
    LeadTimeRule,
    Official,
    OfficialRelative,
    Project,
    PublicationChannel,
)

MONEY = {"max_digits": 18, "decimal_places": 2, "min_value": 0,
         "error_messages": {"invalid": "กรุณากรอกตัวเลข", "min_value": "ต้องไม่ติดลบ"}}
MONTH_CHOICES = [(i, name) for i, name in enumerate(THAI_MONTHS, start=1)]
CATEGORY_CHOICES = [("", "—"), *Project.Category.choices]


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


class ProjectForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงานที่จัดซื้อจัดจ้าง", queryset=None, widget=TypeaheadSelect())
    title = forms.CharField(label="ชื่อโครงการ", widget=_rows(2))
    description = forms.CharField(label="รายละเอียด", required=False, widget=_rows(3))
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    category = forms.ChoiceField(label="ประเภท", choices=CATEGORY_CHOICES, required=False)
    method = forms.ChoiceField(label="วิธีจัดซื้อจัดจ้าง", choices=Method.choices)
    method_rationale = forms.CharField(label="เหตุผลที่ใช้วิธีนี้ (เช่น มาตรา ๕๖ (๒) (ข))", required=False,
                                       widget=_rows(2))
    budget = forms.DecimalField(label="วงเงินงบประมาณ (บาท)", **MONEY)
    budget_source = forms.CharField(label="แหล่งเงิน", required=False, max_length=255,
                                    help_text="เช่น งบประมาณรายจ่ายประจำปี งบดำเนินงาน")
    plan_item = forms.ModelChoiceField(label="รายการในแผนการจัดซื้อจัดจ้าง", queryset=None, required=False)

    def __init__(self, *args, units, plan_items, with_unit=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["plan_item"].queryset = plan_items
        self.fields["plan_item"].label_from_instance = (
            lambda i: f"{i.plan.fiscal_year} · {i.number}. {i.title}"
        )
        if not with_unit:
            del self.fields["unit"]


class ReferenceForm(forms.Form):
    reference_price = forms.DecimalField(label="ราคากลาง (บาท)", **MONEY)
    reference_source = forms.ChoiceField(label="ที่มาของราคากลาง (มาตรา ๔)",
                                         choices=Project.ReferenceSource.choices)
    reference_method = forms.CharField(label="วิธีการคำนวณราคากลาง", widget=_rows(4),
                                       help_text="อธิบายแหล่งราคา จำนวนราย และการคำนวณ เพื่อเผยแพร่ต่อสาธารณะ")
    reference_date = BEDateField(label="วันที่กำหนดราคากลาง", required=False)


class CommitteeForm(forms.Form):
    committee = forms.ChoiceField(label="คณะกรรมการ", choices=CommitteeMember.Committee.choices)
    official = forms.ModelChoiceField(label="เจ้าหน้าที่", queryset=None)
    role = forms.ChoiceField(label="ตำแหน่ง", choices=CommitteeMember.Role.choices,
                             initial=CommitteeMember.Role.MEMBER)

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials


class AnnounceForm(forms.Form):
    announcement_no = forms.CharField(label="เลขที่ประกาศ", required=False, max_length=128)
    announced_on = BEDateField(label="วันที่ประกาศเชิญชวน")
    submission_deadline = BEDateField(label="วันสุดท้ายของการยื่นข้อเสนอ")
    criteria = forms.ChoiceField(label="หลักเกณฑ์การพิจารณาคัดเลือก", choices=Project.Criteria.choices)
    criteria_detail = forms.CharField(label="รายละเอียดหลักเกณฑ์", required=False, widget=_rows(3))


class SupplierFields(forms.Form):
    supplier_name = forms.CharField(label="ชื่อผู้ประกอบการ", max_length=500)
    juristic_id = forms.CharField(label="เลขทะเบียนนิติบุคคล (๑๓ หลัก)", required=False, max_length=20)
    address = forms.CharField(label="ที่อยู่", required=False, widget=_rows(2))
    phone = forms.CharField(label="โทรศัพท์", required=False, max_length=64)


class DocumentBuyerForm(SupplierFields):
    obtained_on = BEDateField(label="วันที่ซื้อหรือรับเอกสาร", required=False)


class BidForm(SupplierFields):
    amount = forms.DecimalField(label="ราคาที่เสนอ (บาท)", **MONEY)
    submitted_on = BEDateField(label="วันที่ยื่นข้อเสนอ", required=False)


class EvaluateForm(forms.Form):
    status = forms.ChoiceField(label="ผลการพิจารณาคุณสมบัติ", widget=forms.RadioSelect, choices=[
        (Bid.Status.VALID, "ผ่านคุณสมบัติ"), (Bid.Status.DISQUALIFIED, "ไม่ผ่านคุณสมบัติ"),
        (Bid.Status.WITHDRAWN, "ถอนข้อเสนอ")])
    reason = forms.CharField(label="เหตุผล (เผยแพร่ต่อสาธารณะ)", required=False, widget=_rows(2))


class QualifiedForm(forms.Form):
    qualified_on = BEDateField(label="วันที่ประกาศรายชื่อผู้มีคุณสมบัติเบื้องต้น")


class AwardForm(forms.Form):
    bid = forms.ModelChoiceField(label="ผู้ได้รับการคัดเลือก", queryset=None, empty_label=None)
    awarded_on = BEDateField(label="วันที่ประกาศผล")
    amount = forms.DecimalField(label="ราคาที่ตกลงซื้อหรือจ้าง (บาท)", **MONEY)
    reason = forms.CharField(label="เหตุผลที่คัดเลือก", widget=_rows(3),
                             help_text="เช่น เสนอราคาต่ำสุดและผ่านคุณสมบัติครบถ้วนตามเอกสารประกวดราคา")

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = bids
        self.fields["bid"].label_from_instance = lambda b: f"{b.supplier.name} — {b.amount:,.2f} บาท"


class ContractForm(forms.Form):
    contract_no = forms.CharField(label="เลขที่สัญญา", max_length=128)
    signed_on = BEDateField(label="วันที่ลงนามสัญญา")
    amount = forms.DecimalField(label="มูลค่าสัญญา (บาท)", **MONEY)


class CompleteForm(forms.Form):
    completed_on = BEDateField(label="วันที่ส่งมอบงานแล้วเสร็จ")


class CancelForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ยกเลิก", widget=_rows(3))


class UploadForm(forms.Form):
    file = forms.FileField(label="ไฟล์")

    max_bytes = 50 * 1024 * 1024

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > self.max_bytes:
            raise forms.ValidationError(f"ไฟล์ใหญ่เกิน {self.max_bytes // (1024 * 1024)} MB")
        return f


class OcdsUploadForm(UploadForm):
    file = forms.FileField(label="ไฟล์ OCDS (.json หรือ .jsonl)")
    unit = forms.ModelChoiceField(label="บันทึกเป็นของหน่วยงาน", queryset=None)
    publish = forms.BooleanField(label="เผยแพร่ต่อสาธารณะ", required=False, initial=True)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class EgpUploadForm(OcdsUploadForm):
    file = forms.FileField(label="ไฟล์โครงการจาก e-GP (.csv)")
    max_bytes = 20 * 1024 * 1024


class RegistryUploadForm(UploadForm):
    file = forms.FileField(label="ไฟล์ข้อมูลนิติบุคคล (.csv): เลขทะเบียน ชื่อนิติบุคคล ชื่อ-สกุล ฐานะ")
    max_bytes = 20 * 1024 * 1024


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label="หน่วยงาน", queryset=None)
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    title = forms.CharField(label="ชื่อแผน", required=False, max_length=255, help_text="เว้นว่างเพื่อใช้ชื่อมาตรฐาน")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PlanItemForm(forms.Form):
    title = forms.CharField(label="รายการ", max_length=500)
    category = forms.ChoiceField(label="ประเภท", choices=CATEGORY_CHOICES, required=False)
    budget = forms.DecimalField(label="วงเงินงบประมาณ (บาท)", **MONEY)
    budget_source = forms.CharField(label="แหล่งเงิน", required=False, max_length=255)
    method = forms.ChoiceField(label="วิธีจัดซื้อจัดจ้าง", choices=Method.choices)
    planned_month = forms.TypedChoiceField(label="คาดว่าจะประกาศ (เดือน)", choices=MONTH_CHOICES, coerce=int)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=_rows(2))


class ReviewForm(forms.Form):
    risks = forms.CharField(label="การวิเคราะห์ความเสี่ยง", required=False, widget=_rows(5))
    obstacles = forms.CharField(label="ปัญหา อุปสรรค และข้อจำกัด", required=False, widget=_rows(5))
    savings = forms.CharField(label="ความสามารถในการประหยัดงบประมาณ", required=False, widget=_rows(4))
    recommendations = forms.CharField(label="ข้อเสนอแนะและแนวทางปรับปรุงกระบวนการจัดซื้อจัดจ้าง", required=False,
                                      widget=_rows(5))


class OfficialForm(forms.Form):
    unit = forms.ModelChoiceField(label="สังกัด", queryset=None)
    name = forms.CharField(label="ชื่อ-สกุล", max_length=255)
    position = forms.CharField(label="ตำแหน่ง", required=False, max_length=255)
    kind = forms.ChoiceField(label="ประเภท", choices=Official.Kind.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


RELATIONS = {label: code for code, label in OfficialRelative.Relation.choices}


class DeclarationForm(forms.Form):
    relatives = forms.CharField(
        label="ญาติ (บรรทัดละคน: ชื่อ-สกุล | ความสัมพันธ์)", required=False, widget=_rows(5),
        help_text="ความสัมพันธ์: " + ", ".join(RELATIONS) + " เช่น นางสาวมาลี ใจดี | คู่สมรส")
    employers = forms.CharField(
        label="นายจ้างเดิม (บรรทัดละแห่ง: ชื่อ | เลขทะเบียนนิติบุคคล | ช่วงเวลา)", required=False, widget=_rows(4),
        help_text="เช่น บริษัท ก้าวหน้า จำกัด | 0105555012345 | 2555-2560")
    declared_on = BEDateField(label="วันที่แจ้งข้อมูล", required=False)

    def clean_relatives(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["relatives"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            relation = RELATIONS.get(parts[1] if len(parts) > 1 else "")
            if len(parts) != 2 or relation is None:
                raise forms.ValidationError(
                    f"บรรทัด {number}: ต้องเป็น ชื่อ-สกุล | ความสัมพันธ์ ({', '.join(RELATIONS)})")
            rows.append({"name": parts[0], "relation": relation})
        return rows

    def clean_employers(self):
        rows = []
        for line in self.cleaned_data["employers"].splitlines():
            if line.strip():
                parts = [p.strip() for p in line.split("|")] + ["", ""]
                rows.append({"name": parts[0], "juristic_id": parts[1], "period": parts[2]})
        return rows

    @staticmethod
    def initial_for(official: Official) -> dict:
        return {
            "relatives": "\n".join(f"{r.name} | {r.get_relation_display()}"
                                   for r in official.relatives.all()),
            "employers": "\n".join(" | ".join(x for x in (e.name, e.juristic_id, e.period))
                                   for e in official.employers.all()),
            "declared_on": official.declared_on,
        }


class DecisionForm(forms.Form):
    same_person = forms.TypedChoiceField(label="ผลการพิจารณา", widget=forms.RadioSelect,
                                         coerce=lambda v: v == "yes",
                                         choices=[("yes", "เป็นบุคคลเดียวกัน"), ("no", "ไม่ใช่บุคคลเดียวกัน")])
    note = forms.CharField(label="เหตุผลหรือหลักฐานที่ใช้พิจารณา", widget=_rows(3))


class LeadTimeRuleForm(forms.Form):
    method = forms.ChoiceField(label="วิธีจัดซื้อจัดจ้าง", choices=Method.choices)
    min_amount = forms.DecimalField(label="วงเงินเกินกว่า (บาท)", required=False, **MONEY)
    max_amount = forms.DecimalField(label="วงเงินไม่เกิน (บาท)", required=False, **MONEY)
    min_days = forms.IntegerField(label="ระยะเวลาขั้นต่ำ", min_value=1, max_value=365)
    day_kind = forms.ChoiceField(label="นับเป็น", choices=LeadTimeRule.DayKind.choices)
    legal_basis = forms.CharField(label="อ้างอิงกฎหมาย/ระเบียบ", widget=_rows(2))
    status = forms.ChoiceField(label="สถานะการตรวจสอบ", choices=LeadTimeRule.Status.choices)
    effective_from = BEDateField(label="ใช้ตั้งแต่")
    effective_to = BEDateField(label="ใช้ถึง", required=False)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=_rows(2))


class PresentationForm(forms.Form):
    """Plan 1.2 item ๑: the analysis presented to the executive."""

    presented_on = BEDateField(label="วันที่เสนอผู้บริหาร")
    presented_to = forms.CharField(label="เสนอต่อ", max_length=255,
                                   help_text="เช่น อธิบดี หรือ คณะกรรมการบริหารกรม")
    file = forms.FileField(label="บันทึกเสนอหรือรายงานการประชุม", required=False,
                           help_text="PDF, Word หรือภาพถ่าย ครั้งแรกต้องแนบ")


class ChannelForm(forms.Form):
    """Plan 1.2 items ๔–๕: one channel the year's plan and database were published through."""

    kind = forms.ChoiceField(label="ช่องทาง", choices=[("", "—"), *PublicationChannel.Kind.choices])
    name = forms.CharField(label="ชื่อช่องทาง (ถ้าเลือกช่องทางอื่น)", max_length=255, required=False)
    published_on = BEDateField(label="วันที่เผยแพร่")
    url = forms.CharField(label="ลิงก์", max_length=500, required=False,
                          help_text="ที่อยู่ของหน้าที่เผยแพร่ ขึ้นต้นด้วย https:// (ถ้าไม่มี ให้แนบภาพถ่าย)")
    file = forms.FileField(label="ภาพถ่ายหรือไฟล์หลักฐาน", required=False)
    note = forms.CharField(label="หมายเหตุ", required=False, widget=_rows(2))
