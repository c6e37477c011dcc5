"""Spreadsheet imports of the registers (django-import-export resources): the columns of the sheet each
owning unit already keeps, in Thai; dates in the Buddhist era (or real date cells); units by name,
abbreviation or code. Each row goes through the register's service, so an imported record meets the same
rules, policy and decisions (a gift's limit) as a typed one. integrity.services.imports runs them."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from import_export import fields, resources, widgets

from accounts.models import User
from core.thai import parse_be_date
from integrity.models import (
    CampaignEvent,
    Declaration,
    DisciplineCase,
    ExecutiveReminder,
    GiftRecord,
    Issuance,
)
from integrity.services import campaign, coi, discipline, issuances
from org.models import Unit
from org.selectors import unit_finder


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class BEDate(widgets.Widget):
    def __init__(self, required: bool = True):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            if self.required:
                raise ValueError("กรุณากรอกวันที่")
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_be_date(str(value).strip())
        except ValueError as exc:
            raise ValueError(str(exc) or "รูปแบบวันที่ไม่ถูกต้อง (วว/ดด/ปปปป พ.ศ.)") from exc


class Text(widgets.Widget):
    def __init__(self, required: bool = True, max_length: int = 300):
        super().__init__()
        self.required, self.max_length = required, max_length

    def clean(self, value, row=None, **kwargs):
        text = (
            ""
            if value is None
            else " ".join(str(value).split())
            if self.max_length <= 300
            else str(value).strip()
        )
        if self.required and not text:
            raise ValueError("กรุณากรอกข้อมูล")
        if len(text) > self.max_length:
            raise ValueError(f"ยาวเกิน {self.max_length} ตัวอักษร")
        return text


class Number(widgets.Widget):
    def __init__(self, integer: bool = False):
        super().__init__()
        self.integer = integer

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            raise ValueError("กรุณากรอกตัวเลข")
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation as exc:
            raise ValueError(f'"{value}" ไม่ใช่ตัวเลข') from exc
        if number < 0:
            raise ValueError("ต้องไม่ติดลบ")
        if self.integer:
            if number != number.to_integral():
                raise ValueError("ต้องเป็นจำนวนเต็ม")
            return int(number)
        return number


class Choice(widgets.Widget):
    """A choice by its Thai label (or its stored value)."""

    def __init__(self, choices, default=None):
        super().__init__()
        self.by_label = {label: value for value, label in choices}
        self.values = {value for value, _ in choices}
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            if self.default is not None:
                return self.default
            raise ValueError("กรุณาเลือก: " + " / ".join(self.by_label))
        text = " ".join(str(value).split())
        if text in self.values:
            return text
        if text in self.by_label:
            return self.by_label[text]
        raise ValueError(f'"{text}" ไม่ใช่ตัวเลือกที่รู้จัก (ใช้: {" / ".join(self.by_label)})')


class YesNo(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text in ("มี", "ใช่", "yes", "1", "True", "true"):
            return True
        if text in ("ไม่มี", "ไม่ใช่", "no", "0", "False", "false", ""):
            return False
        raise ValueError(f'"{text}" ต้องเป็น มี หรือ ไม่มี')


class UnitByLabel(widgets.Widget):
    def __init__(self, agency):
        super().__init__()
        self.find = unit_finder(agency)
        self.agency = agency

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            raise ValueError("กรุณาระบุหน่วยงาน")
        text = str(value).strip()
        unit = self.find(text) or Unit.objects.filter(code=text, path__startswith=self.agency.path).first()
        if unit is None:
            raise ValueError(f'ไม่พบหน่วยงาน "{text}"')
        return unit


class Declarant(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        user = User.objects.filter(username=text, is_active=True).first() if text else None
        if user is None:
            raise ValueError(f'ไม่พบผู้ใช้ชื่อ "{text}"')
        return user


def F(attribute: str, column: str, widget) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=widget)


class ServiceResource(resources.ModelResource):
    """Rows are saved by the register's service (policy, rules, audit off: the import audits once)."""

    def __init__(self, *, actor, agency):
        self.actor, self.agency = actor, agency
        super().__init__()

    def get_instance(self, instance_loader, row):
        return None  # an import only adds records

    def do_instance_save(self, instance, is_create):
        data = {name: getattr(instance, name) for name in self.service_fields()}
        saved = self.create(actor=self.actor, audit=False, **data)
        instance.pk = saved.pk

    def service_fields(self) -> list[str]:
        return [f.attribute for f in self.get_import_fields()]

    def create(self, **kwargs):
        raise NotImplementedError

    @classmethod
    def example(cls) -> list:
        return cls.EXAMPLE

    class Meta:
        skip_diff = True
        use_transactions = True
        fields = ()


def _unit_field(resource, column="หน่วยงาน") -> fields.Field:
    return F("unit", column, UnitByLabel(resource.agency))


class EventResource(ServiceResource):
    EXAMPLE = [
        "กองการเจ้าหน้าที่",
        "15/03/2560",
        "ประชุมชี้แจงการป้องกันผลประโยชน์ทับซ้อน",
        "ข้าราชการและลูกจ้างส่วนกลาง",
        120,
        "คู่มือการป้องกันผลประโยชน์ทับซ้อน",
        "",
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            f.attribute: f
            for f in [
                _unit_field(self, "หน่วยงานที่จัด"),
                F("held_on", "วันที่จัด", BEDate()),
                F("title", "ชื่อกิจกรรม", Text()),
                F("audience", "กลุ่มเป้าหมาย", Text()),
                F("attendance", "จำนวนผู้เข้าร่วม (คน)", Number(integer=True)),
                F("material", "สื่อหรือเอกสารที่ใช้", Text(required=False, max_length=5000)),
                F("note", "หมายเหตุ", Text(required=False, max_length=5000)),
            ]
        }

    def create(self, **kwargs):
        return campaign.event_record(**kwargs)

    class Meta(ServiceResource.Meta):
        model = CampaignEvent


class ReminderResource(ServiceResource):
    EXAMPLE = [
        "กรมส่งเสริมสหกรณ์",
        "การประชุมผู้บริหารกรม ครั้งที่ 1/2560",
        "20/12/2559",
        "4.1",
        "อธิบดีกรมส่งเสริมสหกรณ์",
        "กำชับให้ทุกหน่วยงานถือปฏิบัติตามระเบียบผลประโยชน์ทับซ้อน",
        "",
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            f.attribute: f
            for f in [
                _unit_field(self),
                F("meeting", "การประชุม", Text()),
                F("met_on", "วันที่ประชุม", BEDate()),
                F("agenda_item", "วาระที่", Text(max_length=200)),
                F("executive", "ผู้บริหารที่กำชับ", Text(max_length=200)),
                F("minutes", "สาระสำคัญในรายงานการประชุม", Text(max_length=5000)),
                F("minutes_ref", "อ้างอิงรายงานการประชุม", Text(required=False, max_length=200)),
            ]
        }

    def create(self, **kwargs):
        return campaign.reminder_record(**kwargs)

    class Meta(ServiceResource.Meta):
        model = ExecutiveReminder


class GiftResource(ServiceResource):
    EXAMPLE = [
        "กองคลัง",
        "นางสาวตัวอย่าง ทดสอบ",
        "นักวิชาการเงินและบัญชี",
        "02/01/2560",
        "บริษัท ตัวอย่าง จำกัด",
        "ผู้มีส่วนได้ส่วนเสียกับการปฏิบัติหน้าที่",
        "ปีใหม่",
        "กระเช้าของขวัญ",
        1500,
        "ส่งคืนผู้ให้",
        "",
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            f.attribute: f
            for f in [
                _unit_field(self),
                F("recipient", "ผู้รับ", Text(max_length=200)),
                F("recipient_position", "ตำแหน่งผู้รับ", Text(required=False, max_length=200)),
                F("received_on", "วันที่ได้รับ", BEDate()),
                F("giver", "ผู้ให้", Text()),
                F("giver_kind", "ผู้ให้เป็น", Choice(GiftRecord.GiverKind.choices)),
                F("occasion", "โอกาส", Text(required=False, max_length=200)),
                F("description", "สิ่งของหรือประโยชน์", Text()),
                F("value", "มูลค่า (บาท)", Number()),
                F("handling", "การดำเนินการ", Choice(GiftRecord.Handling.choices)),
                F("note", "หมายเหตุ", Text(required=False, max_length=5000)),
            ]
        }

    def create(self, **kwargs):
        return coi.gift_record(**kwargs)

    class Meta(ServiceResource.Meta):
        model = GiftRecord


class DeclarationResource(ServiceResource):
    EXAMPLE = ["somchai", 2560, "01/11/2559", "ประจำปี", "ไม่มี", "", "", "", ""]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            f.attribute: f
            for f in [
                F("declarant", "ชื่อผู้ใช้ของผู้แจ้ง", Declarant()),
                F("fiscal_year", "ปีงบประมาณ", Number(integer=True)),
                F("declared_on", "วันที่แจ้ง", BEDate()),
                F("occasion", "ประเภทการแจ้ง", Choice(Declaration.Occasion.choices)),
                F("has_interest", "มีส่วนได้เสีย", YesNo()),
                F("matter", "เรื่องที่ปฏิบัติหน้าที่", Text(required=False)),
                F("related_party", "ผู้ที่เกี่ยวข้อง", Text(required=False)),
                F("relationship", "ลักษณะความเกี่ยวข้อง", Text(required=False)),
                F("detail", "รายละเอียด", Text(required=False, max_length=5000)),
            ]
        }

    def create(self, **kwargs):
        return coi.declaration_record(**kwargs)

    class Meta(ServiceResource.Meta):
        model = Declaration


class IssuanceResource(ServiceResource):
    EXAMPLE = [
        "กรมส่งเสริมสหกรณ์",
        "นายตัวอย่าง ผู้บริหาร",
        "รองอธิบดี",
        "ประกาศ",
        "ประกาศหลักเกณฑ์การคัดเลือกสหกรณ์ดีเด่น",
        "10/01/2560",
        "ประกาศกรม ลงวันที่ 10 ม.ค. 2560",
        "ใช่",
        "",
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            f.attribute: f
            for f in [
                _unit_field(self),
                F("issuer_name", "ผู้บริหารที่ออก", Text(max_length=200)),
                F("issuer_position", "ตำแหน่ง", Text(max_length=200)),
                F("kind", "ประเภท", Choice(Issuance.Kind.choices)),
                F("title", "ชื่อเรื่อง", Text()),
                F("issued_on", "วันที่ออก", BEDate()),
                F("reference", "เลขที่หนังสือหรือคำสั่ง", Text(required=False, max_length=200)),
                F("uses_budget", "ใช้งบประมาณแผ่นดิน", YesNo()),
                F("summary", "สาระสำคัญ", Text(required=False, max_length=5000)),
            ]
        }

    def create(self, **kwargs):
        return issuances.issuance_record(**kwargs)

    class Meta(ServiceResource.Meta):
        model = Issuance


class CaseResource(ServiceResource):
    EXAMPLE = [
        "กองการเจ้าหน้าที่",
        "วน.1/2560",
        "05/11/2559",
        "กรณีกล่าวหาการเบิกจ่ายค่าเดินทาง",
        "ดำเนินการแล้วเสร็จ",
        "ความผิดวินัยไม่ร้ายแรง (หมวด ๖ มาตรา ๘๒–๘๔)",
        "",
        "20/06/2560",
        "",
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            f.attribute: f
            for f in [
                _unit_field(self, "หน่วยงานที่ดำเนินการ"),
                F("number", "เลขที่เรื่อง", Text(max_length=50)),
                F("opened_on", "วันที่เริ่มดำเนินการ", BEDate()),
                F("subject", "เรื่อง", Text()),
                F("stage", "ขั้นตอน", Choice(DisciplineCase.Stage.choices)),
                F(
                    "legal_basis",
                    "ฐานความผิด",
                    Choice(DisciplineCase.LegalBasis.choices, default="undetermined"),
                ),
                F("legal_detail", "มาตราที่อ้าง", Text(required=False)),
                F("completed_on", "วันที่แล้วเสร็จ", BEDate(required=False)),
                F("outcome", "ผลการดำเนินการ", Text(required=False, max_length=5000)),
            ]
        }

    def create(self, **kwargs):
        return discipline.case_record(**kwargs)

    class Meta(ServiceResource.Meta):
        model = DisciplineCase
