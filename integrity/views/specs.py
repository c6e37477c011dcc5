"""The six registers as the page plumbing (views.registers) sees them: columns, details, services."""

from __future__ import annotations

from accounts import policy
from core.thai import format_be
from integrity import imports, selectors
from integrity.forms import CaseForm, DeclarationForm, EventForm, GiftForm, IssuanceForm, ReminderForm
from integrity.models import (
    CampaignEvent,
    Declaration,
    DisciplineCase,
    ExecutiveReminder,
    GiftRecord,
    Issuance,
)
from integrity.services import campaign, coi, discipline, issuances
from integrity.views.registers import Register


def _d(value) -> str:
    return format_be(value) if value else "-"


def _money(value) -> str:
    return f"{value:,.2f}"


EVENTS = Register(
    name="event",
    slug="events",
    title="กิจกรรมรณรงค์ผลประโยชน์ทับซ้อน",
    model=CampaignEvent,
    form=EventForm,
    create=lambda user, data, request: campaign.event_record(actor=user, **data),
    columns=[
        ("วันที่จัด", lambda r: r.held_on),
        ("ชื่อกิจกรรม", lambda r: r.title),
        ("หน่วยงานที่จัด", lambda r: r.unit.short_name),
        ("กลุ่มเป้าหมาย", lambda r: r.audience),
        ("ผู้เข้าร่วม (คน)", lambda r: r.attendance),
    ],
    details=[
        ("วันที่จัด", lambda r: _d(r.held_on)),
        ("หน่วยงานที่จัด", lambda r: r.unit.name),
        ("กลุ่มเป้าหมาย", lambda r: r.audience),
        ("จำนวนผู้เข้าร่วม", lambda r: f"{r.attendance:,} คน"),
        ("สื่อหรือเอกสารที่ใช้", lambda r: r.material or "-"),
        ("หมายเหตุ", lambda r: r.note or "-"),
    ],
    view_action="integrity.coi.view",
    edit_action="integrity.coi.edit",
    date_field="held_on",
    sheet=imports.EVENTS,
    import_action="integrity.event_import",
    intro="ตัวชี้วัด 3.1-a, 4.1-a และ 4.3-a นับกิจกรรมที่จัดภายในเดือนมีนาคมของปีงบประมาณ (ตามวันที่จัด)",
)

REMINDERS = Register(
    name="reminder",
    slug="reminders",
    title="การกำชับในที่ประชุมผู้บริหาร",
    model=ExecutiveReminder,
    form=ReminderForm,
    create=lambda user, data, request: campaign.reminder_record(actor=user, **data),
    columns=[
        ("วันที่ประชุม", lambda r: r.met_on),
        ("การประชุม", lambda r: r.meeting),
        ("วาระที่", lambda r: r.agenda_item),
        ("ผู้บริหารที่กำชับ", lambda r: r.executive),
    ],
    details=[
        ("การประชุม", lambda r: r.meeting),
        ("วันที่ประชุม", lambda r: _d(r.met_on)),
        ("วาระที่", lambda r: r.agenda_item),
        ("ผู้บริหารที่กำชับ", lambda r: r.executive),
        ("สาระสำคัญในรายงานการประชุม", lambda r: r.minutes),
        ("อ้างอิงรายงานการประชุม", lambda r: r.minutes_ref or "-"),
    ],
    view_action="integrity.coi.view",
    edit_action="integrity.coi.edit",
    date_field="met_on",
    sheet=imports.REMINDERS,
    import_action="integrity.reminder_import",
    intro="ตัวชี้วัด 4.1-a ๒ นับไตรมาสที่มีการกำชับอย่างน้อย ๑ ครั้ง (ตามวันที่ประชุม)",
)

GIFTS = Register(
    name="gift",
    slug="gifts",
    title="ทะเบียนการรับของขวัญและประโยชน์อื่นใด",
    model=GiftRecord,
    form=GiftForm,
    create=lambda user, data, request: coi.gift_record(actor=user, **data),
    columns=[
        ("วันที่ได้รับ", lambda r: r.received_on),
        ("ผู้รับ", lambda r: r.recipient),
        ("ผู้ให้", lambda r: r.giver),
        ("สิ่งของ", lambda r: r.description),
        ("มูลค่า (บาท)", lambda r: r.value),
        ("การดำเนินการ", lambda r: r.get_handling_display()),
        ("ผลตามเกณฑ์", lambda r: r.decision_text),
    ],
    details=[
        ("หน่วยงาน", lambda r: r.unit.name),
        ("ผู้รับ", lambda r: f"{r.recipient} {r.recipient_position}"),
        ("วันที่ได้รับ", lambda r: _d(r.received_on)),
        ("ผู้ให้", lambda r: r.giver),
        ("ผู้ให้เป็น", lambda r: r.get_giver_kind_display()),
        ("โอกาส", lambda r: r.occasion or "-"),
        ("สิ่งของหรือประโยชน์", lambda r: r.description),
        ("มูลค่าโดยประมาณ", lambda r: f"{_money(r.value)} บาท"),
        ("การดำเนินการ", lambda r: r.get_handling_display()),
        ("เกณฑ์ที่ใช้", lambda r: f"ไม่เกิน {_money(r.limit_applied)} บาท ตาม{r.limit_basis}"),
        ("ผลตามเกณฑ์", lambda r: r.decision_text),
        ("หมายเหตุ", lambda r: r.note or "-"),
    ],
    view_action="integrity.coi.view",
    edit_action="integrity.coi.edit",
    date_field="received_on",
    sheet=imports.GIFTS,
    import_action="integrity.gift_import",
    intro="ระบบตัดสินว่ามูลค่าอยู่ในเกณฑ์หรือไม่ตามเกณฑ์ที่ใช้ ณ วันที่ได้รับ (ค่าเริ่มต้น ๓,๐๐๐ บาท ตามประกาศ ป.ป.ช.)",
)


def _declaration_create(user, data, request):
    return coi.declaration_record(actor=user, declarant=user, **data)


DECLARATIONS = Register(
    name="declaration",
    slug="declarations",
    title="การแจ้งส่วนได้เสีย (ระเบียบกรมฯ ว่าด้วยผลประโยชน์ทับซ้อน ๒๕๕๙)",
    model=Declaration,
    form=DeclarationForm,
    create=_declaration_create,
    columns=[
        ("วันที่แจ้ง", lambda r: r.declared_on),
        ("ผู้แจ้ง", lambda r: str(r.declarant)),
        ("สังกัด", lambda r: r.unit.short_name),
        ("ประเภท", lambda r: r.get_occasion_display()),
        ("มีส่วนได้เสีย", lambda r: "มี" if r.has_interest else "ไม่มี"),
        ("ผลการพิจารณา", lambda r: r.get_decision_display()),
    ],
    details=[
        ("ผู้แจ้ง", lambda r: str(r.declarant)),
        ("สังกัด", lambda r: r.unit.name),
        ("ปีงบประมาณ", lambda r: str(r.fiscal_year)),
        ("วันที่แจ้ง", lambda r: _d(r.declared_on)),
        ("ประเภทการแจ้ง", lambda r: r.get_occasion_display()),
        ("มีส่วนได้เสีย", lambda r: "มี" if r.has_interest else "ไม่มี"),
        ("เรื่องที่ปฏิบัติหน้าที่", lambda r: r.matter or "-"),
        ("ผู้ที่เกี่ยวข้อง", lambda r: r.related_party or "-"),
        ("ลักษณะความเกี่ยวข้อง", lambda r: r.relationship or "-"),
        ("รายละเอียด", lambda r: r.detail or "-"),
        ("ผลการพิจารณา", lambda r: r.get_decision_display()),
        ("ผู้พิจารณา", lambda r: f"{r.decided_by} ({_d(r.decided_on)})" if r.decided_by else "-"),
    ],
    view_action="integrity.declaration.view",
    edit_action="integrity.declaration.manage",
    date_field="declared_on",
    sheet=imports.DECLARATIONS,
    import_action="integrity.declaration_import",
    intro="ข้อมูลส่วนบุคคล: เห็นได้เฉพาะผู้แจ้ง หัวหน้าหน่วยงานของผู้แจ้ง และเจ้าหน้าที่ผลประโยชน์ทับซ้อน ทุกการเปิดดูถูกบันทึก",
    visible=selectors.declarations_visible,
    read=selectors.declaration_read,
    may_add=lambda user: getattr(user, "is_authenticated", False) and user.unit_id is not None,
    form_kwargs=lambda reg, user: {},
    list_logged="integrity.declaration_read",
    open_list=True,
    extra_actions=[("declaration_decide", "บันทึกผลการพิจารณา", "integrity.declaration.view")],
)

ISSUANCES = Register(
    name="issuance",
    slug="issuances",
    title="การออกกฎ ระเบียบ ประกาศ นโยบาย แผนงาน โครงการของผู้บริหาร",
    model=Issuance,
    form=IssuanceForm,
    create=lambda user, data, request: issuances.issuance_record(actor=user, **data),
    columns=[
        ("วันที่ออก", lambda r: r.issued_on),
        ("ผู้บริหารที่ออก", lambda r: r.issuer_name),
        ("ประเภท", lambda r: r.get_kind_display()),
        ("ชื่อเรื่อง", lambda r: r.title),
        ("สถานะ", lambda r: r.get_status_display()),
    ],
    details=[
        ("หน่วยงาน", lambda r: r.unit.name),
        ("ผู้บริหารที่ออก", lambda r: f"{r.issuer_name} {r.issuer_position}"),
        ("ประเภท", lambda r: r.get_kind_display()),
        ("วันที่ออก", lambda r: _d(r.issued_on)),
        ("เลขที่หนังสือหรือคำสั่ง", lambda r: r.reference or "-"),
        ("ใช้งบประมาณแผ่นดิน", lambda r: "ใช่" if r.uses_budget else "ไม่ใช่"),
        ("สาระสำคัญ", lambda r: r.summary or "-"),
        ("สถานะ", lambda r: r.get_status_display()),
    ],
    view_action="integrity.issuance.view",
    edit_action="integrity.issuance.edit",
    date_field="issued_on",
    sheet=imports.ISSUANCES,
    import_action="integrity.issuance_import",
    intro="ตัวชี้วัด 3.3.1-a: ร้อยละของผู้บริหารที่ทุกเรื่องที่ออกในปีได้รับการตรวจและไม่พบการเอื้อประโยชน์ "
    "เรื่องที่พบประเด็นจะส่งถึงผู้บริหารและผู้ตรวจสอบภายในระดับกรมทันที",
    extra_actions=[("issuance_review", "บันทึกผลการตรวจ", "integrity.issuance.review")],
)


def _case_create(user, data, request):
    return discipline.case_record(actor=user, **data)


CASES = Register(
    name="case",
    slug="discipline",
    title="ทะเบียนเรื่องวินัยและการสอบสวน (ลับ)",
    model=DisciplineCase,
    form=CaseForm,
    create=_case_create,
    columns=[
        ("เลขที่เรื่อง", lambda r: r.number),
        ("วันที่เริ่ม", lambda r: r.opened_on),
        ("เรื่อง", lambda r: r.subject),
        ("ขั้นตอน", lambda r: r.get_stage_display()),
        ("ฐานความผิด", lambda r: r.get_legal_basis_display()),
        ("แล้วเสร็จ", lambda r: r.completed_on or ""),
    ],
    details=[
        ("เลขที่เรื่อง", lambda r: r.number),
        ("หน่วยงานที่ดำเนินการ", lambda r: r.unit.name),
        ("วันที่เริ่มดำเนินการ", lambda r: _d(r.opened_on)),
        ("ที่มา", lambda r: r.get_source_display()),
        ("รหัสติดตามเรื่องร้องเรียน", lambda r: r.complaint_reference or "-"),
        ("เรื่อง", lambda r: r.subject),
        ("ขั้นตอน", lambda r: r.get_stage_display()),
        ("ฐานความผิด", lambda r: r.get_legal_basis_display()),
        ("มาตราที่อ้าง", lambda r: r.legal_detail or "-"),
        ("วันที่แล้วเสร็จ", lambda r: _d(r.completed_on)),
        ("ผลการดำเนินการ", lambda r: r.outcome or "-"),
    ],
    view_action="integrity.discipline.view",
    edit_action="integrity.discipline.edit",
    date_field="opened_on",
    sheet=imports.CASES,
    import_action="integrity.case_import",
    export=False,
    intro="ทะเบียนลับ เปิดดูได้เฉพาะเจ้าหน้าที่วินัย ทุกการเปิดดูถูกบันทึก ผู้อื่นเห็นเฉพาะจำนวน",
    visible=selectors.cases_visible,
    read=selectors.case_read,
    list_logged="integrity.case_read",
    extra_actions=[("case_update", "ปรับขั้นตอน", "integrity.discipline.edit")],
)

REGISTERS = [EVENTS, REMINDERS, GIFTS, DECLARATIONS, ISSUANCES, CASES]


def menu(user) -> list[tuple[str, str, str]]:
    """(register name, URL, title) of the registers the user may open."""
    from django.urls import reverse

    items = [("home", reverse("integrity:home"), "ภาพรวม")]
    for reg in REGISTERS:
        allowed = reg.can_add(user) if reg.open_list else policy.can(user, reg.view_action)
        if allowed:
            items.append((reg.name, reg.url("list"), reg.title))
    if policy.can(user, "integrity.coi.view"):
        items.append(("coi_report", reverse("integrity:coi_reports"), "รายงานสรุปผลประจำปี"))
    if policy.can(user, "integrity.discipline.counts"):
        items.append(("discipline_counts", reverse("integrity:discipline_counts"), "สถิติเรื่องวินัย"))
    return items
