"""Spreadsheet imports of the registers, declared on core.sheets: the columns of the sheet each owning unit
already keeps, in Thai; dates in the Buddhist era (or real date cells); units by name, abbreviation or code.
Each row goes through the register's service (its own audit off: the import is audited once), so an
imported record meets the same rules, policy and decisions (a gift's limit) as a typed one.
integrity.services.imports runs them."""

from __future__ import annotations

from accounts.models import User
from core import sheets
from core.sheets import Column
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

# The integrity pages' own wording; their error list counts problems, so each bad cell is one entry.
WORDING = sheets.Wording(
    too_big="ไฟล์มีขนาดเกินกำหนด {size}",
    unreadable="อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ Excel (.xlsx) ตามแม่แบบ",
    missing="ไฟล์ไม่มีคอลัมน์: {columns} (ดาวน์โหลดแม่แบบเพื่อดูหัวคอลัมน์)",
    empty="ไฟล์ไม่มีข้อมูล",
    per_cell=True,
)
MAX_ROWS = 5000


def _text(required: bool = True, max_length: int = 300) -> sheets.Text:
    # Short fields are one line: spaces and line breaks typed into the cell fold into one space.
    return sheets.Text(required=required, max_length=max_length, squash=max_length <= 300,
                       missing="กรุณากรอกข้อมูล")


def _date(required: bool = True) -> sheets.BEDate:
    return sheets.BEDate(required=required, missing="กรุณากรอกวันที่")


def _choice(choices, default=None) -> sheets.Choice:
    return sheets.Choice(choices, default=default, missing="กรุณาเลือก: {options}",
                         unknown='"{text}" ไม่ใช่ตัวเลือกที่รู้จัก (ใช้: {options})')


YES_NO = sheets.YesNo(yes={"มี", "ใช่", "yes", "1", "true"}, no={"ไม่มี", "ไม่ใช่", "no", "0", "false", ""},
                      message='"{text}" ต้องเป็น มี หรือ ไม่มี')
DECLARANT = sheets.Lookup(lambda text: User.objects.filter(username=text, is_active=True).first(),
                          unknown='ไม่พบผู้ใช้ชื่อ "{text}"')


def _unit(context) -> sheets.Lookup:
    find, agency = unit_finder(context.agency), context.agency
    return sheets.Lookup(
        lambda text: find(text) or Unit.objects.filter(code=text, path__startswith=agency.path).first(),
        missing="กรุณาระบุหน่วยงาน", unknown='ไม่พบหน่วยงาน "{text}"')


def _saved_by(service):
    """Each column's value goes to the service under its attribute's name."""
    return lambda context, row: service(actor=context.actor, audit=False, **vars(row))


def _sheet(model, service, columns, example) -> sheets.Sheet:
    return sheets.Sheet(title="ข้อมูล", model=model, columns=tuple(columns), save=_saved_by(service),
                        example=tuple(example), max_rows=MAX_ROWS, wording=WORDING)


EVENTS = _sheet(CampaignEvent, campaign.event_record, [
    Column("หน่วยงานที่จัด", "unit", _unit),
    Column("วันที่จัด", "held_on", _date()),
    Column("ชื่อกิจกรรม", "title", _text()),
    Column("กลุ่มเป้าหมาย", "audience", _text()),
    Column("จำนวนผู้เข้าร่วม (คน)", "attendance", sheets.Number(integer=True)),
    Column("สื่อหรือเอกสารที่ใช้", "material", _text(required=False, max_length=5000)),
    Column("หมายเหตุ", "note", _text(required=False, max_length=5000)),
], [
    "กองการเจ้าหน้าที่",
    "15/03/2560",
    "ประชุมชี้แจงการป้องกันผลประโยชน์ทับซ้อน",
    "ข้าราชการและลูกจ้างส่วนกลาง",
    120,
    "คู่มือการป้องกันผลประโยชน์ทับซ้อน",
    "",
])

REMINDERS = _sheet(ExecutiveReminder, campaign.reminder_record, [
    Column("หน่วยงาน", "unit", _unit),
    Column("การประชุม", "meeting", _text()),
    Column("วันที่ประชุม", "met_on", _date()),
    Column("วาระที่", "agenda_item", _text(max_length=200)),
    Column("ผู้บริหารที่กำชับ", "executive", _text(max_length=200)),
    Column("สาระสำคัญในรายงานการประชุม", "minutes", _text(max_length=5000)),
    Column("อ้างอิงรายงานการประชุม", "minutes_ref", _text(required=False, max_length=200)),
], [
    "กรมส่งเสริมสหกรณ์",
    "การประชุมผู้บริหารกรม ครั้งที่ 1/2560",
    "20/12/2559",
    "4.1",
    "อธิบดีกรมส่งเสริมสหกรณ์",
    "กำชับให้ทุกหน่วยงานถือปฏิบัติตามระเบียบผลประโยชน์ทับซ้อน",
    "",
])

GIFTS = _sheet(GiftRecord, coi.gift_record, [
    Column("หน่วยงาน", "unit", _unit),
    Column("ผู้รับ", "recipient", _text(max_length=200)),
    Column("ตำแหน่งผู้รับ", "recipient_position", _text(required=False, max_length=200)),
    Column("วันที่ได้รับ", "received_on", _date()),
    Column("ผู้ให้", "giver", _text()),
    Column("ผู้ให้เป็น", "giver_kind", _choice(GiftRecord.GiverKind.choices)),
    Column("โอกาส", "occasion", _text(required=False, max_length=200)),
    Column("สิ่งของหรือประโยชน์", "description", _text()),
    Column("มูลค่า (บาท)", "value", sheets.Number()),
    Column("การดำเนินการ", "handling", _choice(GiftRecord.Handling.choices)),
    Column("หมายเหตุ", "note", _text(required=False, max_length=5000)),
], [
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
])

DECLARATIONS = _sheet(Declaration, coi.declaration_record, [
    Column("ชื่อผู้ใช้ของผู้แจ้ง", "declarant", DECLARANT),
    Column("ปีงบประมาณ", "fiscal_year", sheets.Number(integer=True)),
    Column("วันที่แจ้ง", "declared_on", _date()),
    Column("ประเภทการแจ้ง", "occasion", _choice(Declaration.Occasion.choices)),
    Column("มีส่วนได้เสีย", "has_interest", YES_NO),
    Column("เรื่องที่ปฏิบัติหน้าที่", "matter", _text(required=False)),
    Column("ผู้ที่เกี่ยวข้อง", "related_party", _text(required=False)),
    Column("ลักษณะความเกี่ยวข้อง", "relationship", _text(required=False)),
    Column("รายละเอียด", "detail", _text(required=False, max_length=5000)),
], ["somchai", 2560, "01/11/2559", "ประจำปี", "ไม่มี", "", "", "", ""])

ISSUANCES = _sheet(Issuance, issuances.issuance_record, [
    Column("หน่วยงาน", "unit", _unit),
    Column("ผู้บริหารที่ออก", "issuer_name", _text(max_length=200)),
    Column("ตำแหน่ง", "issuer_position", _text(max_length=200)),
    Column("ประเภท", "kind", _choice(Issuance.Kind.choices)),
    Column("ชื่อเรื่อง", "title", _text()),
    Column("วันที่ออก", "issued_on", _date()),
    Column("เลขที่หนังสือหรือคำสั่ง", "reference", _text(required=False, max_length=200)),
    Column("ใช้งบประมาณแผ่นดิน", "uses_budget", YES_NO),
    Column("สาระสำคัญ", "summary", _text(required=False, max_length=5000)),
], [
    "กรมส่งเสริมสหกรณ์",
    "นายตัวอย่าง ผู้บริหาร",
    "รองอธิบดี",
    "ประกาศ",
    "ประกาศหลักเกณฑ์การคัดเลือกสหกรณ์ดีเด่น",
    "10/01/2560",
    "ประกาศกรม ลงวันที่ 10 ม.ค. 2560",
    "ใช่",
    "",
])

CASES = _sheet(DisciplineCase, discipline.case_record, [
    Column("หน่วยงานที่ดำเนินการ", "unit", _unit),
    Column("เลขที่เรื่อง", "number", _text(max_length=50)),
    Column("วันที่เริ่มดำเนินการ", "opened_on", _date()),
    Column("เรื่อง", "subject", _text()),
    Column("ขั้นตอน", "stage", _choice(DisciplineCase.Stage.choices)),
    Column("ฐานความผิด", "legal_basis", _choice(DisciplineCase.LegalBasis.choices, default="undetermined")),
    Column("มาตราที่อ้าง", "legal_detail", _text(required=False)),
    Column("วันที่แล้วเสร็จ", "completed_on", _date(required=False)),
    Column("ผลการดำเนินการ", "outcome", _text(required=False, max_length=5000)),
], [
    "กองการเจ้าหน้าที่",
    "วน.1/2560",
    "05/11/2559",
    "กรณีกล่าวหาการเบิกจ่ายค่าเดินทาง",
    "ดำเนินการแล้วเสร็จ",
    "ความผิดวินัยไม่ร้ายแรง (หมวด ๖ มาตรา ๘๒–๘๔)",
    "",
    "20/06/2560",
    "",
])
