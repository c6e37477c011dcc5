"""Demo records of the integrity registers for FY 2560, so the plan's computed indicators show values:
campaign events in February and March (and one in May, which the March deadline does not count),
reminders at the executive meeting in three of the four quarters, gifts on both sides of the limit, staff
declarations, executives' issuances with their reviews (one flagged), discipline cases with two completed,
and the yearly CoI report generated and presented. Loading again adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from integrity.models import CampaignEvent, CoiYearReport
from integrity.services import campaign, coi, discipline, issuances
from org.models import Unit

MARK = "(ข้อมูลตัวอย่าง)"
D = dt.date


def _u(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _events() -> None:
    for code, day, title, audience, n, material in [
        (
            "cpd-hr",
            D(2017, 2, 14),
            "ประชุมชี้แจงระเบียบกรมส่งเสริมสหกรณ์ว่าด้วยการป้องกันผลประโยชน์ทับซ้อน พ.ศ. ๒๕๕๙",
            "ข้าราชการและลูกจ้างส่วนกลาง",
            146,
            "คู่มือส่งเสริมการปฏิบัติงานเพื่อการป้องกันผลประโยชน์ทับซ้อน, สไลด์ประกอบ",
        ),
        (
            "cpd-prov-13",
            D(2017, 3, 22),
            "กิจกรรมรณรงค์ No Gift Policy และความเสียหายจากการทุจริต",
            "บุคลากรสำนักงานสหกรณ์จังหวัดเชียงใหม่",
            58,
            "โปสเตอร์ No Gift Policy, แผ่นพับ",
        ),
        (
            "cpd-finance",
            D(2017, 5, 9),
            "อบรมการป้องกันผลประโยชน์ทับซ้อนในงานพัสดุ",
            "เจ้าหน้าที่พัสดุและการเงิน",
            34,
            "กรณีศึกษาจากสำนักงาน ป.ป.ช.",
        ),
    ]:
        campaign.event_record(
            actor=None,
            unit=_u(code),
            held_on=day,
            title=title,
            audience=audience,
            attendance=n,
            material=material,
            note=MARK,
        )


def _reminders(agency) -> None:
    for day, number, agenda, who in [
        (D(2016, 12, 20), "๑/๒๕๖๐", "๔.๑", "อธิบดีกรมส่งเสริมสหกรณ์"),
        (D(2017, 3, 28), "๓/๒๕๖๐", "๓.๒", "รองอธิบดีฝ่ายบริหาร"),
        (D(2017, 8, 29), "๘/๒๕๖๐", "๔.๓", "อธิบดีกรมส่งเสริมสหกรณ์"),
    ]:
        campaign.reminder_record(
            actor=None,
            unit=agency,
            meeting=f"การประชุมผู้บริหารกรมส่งเสริมสหกรณ์ ครั้งที่ {number}",
            met_on=day,
            agenda_item=agenda,
            executive=who,
            minutes_ref=f"รายงานการประชุมครั้งที่ {number}",
            minutes="กำชับให้ผู้บริหารทุกระดับและเจ้าหน้าที่ถือปฏิบัติตามคู่มือและระเบียบว่าด้วยการป้องกันผลประโยชน์ทับซ้อน "
            "อย่างเคร่งครัด และไม่รับของขวัญจากผู้มีส่วนได้ส่วนเสีย",
        )


def _gifts(agency) -> None:
    coi.no_gift_record(
        actor=None,
        agency=agency,
        fiscal_year=2560,
        announced_on=D(2016, 12, 1),
        title="ประกาศกรมส่งเสริมสหกรณ์ เรื่อง นโยบายไม่รับของขวัญ (No Gift Policy)",
        announced_by="อธิบดีกรมส่งเสริมสหกรณ์",
        reference="เว็บไซต์กรม หัวข้อ ITA",
    )
    for code, who, day, giver, kind, what, value, handling in [
        (
            "cpd-finance",
            "นางสาวพรทิพย์ ทดลองใช้",
            D(2016, 12, 28),
            "บริษัท ตัวอย่างวัสดุ จำกัด",
            "stakeholder",
            "กระเช้าปีใหม่",
            Decimal("4500"),
            "returned",
        ),
        (
            "cpd-prov-13",
            "นายสมศักดิ์ ทดลองใช้",
            D(2017, 1, 3),
            "สหกรณ์การเกษตรตัวอย่าง จำกัด",
            "stakeholder",
            "ปฏิทินและสมุดบันทึก",
            Decimal("350"),
            "received",
        ),
        (
            "cpd-hr",
            "นางอารีรัตน์ ทดลองใช้",
            D(2017, 2, 10),
            "ผู้เข้ารับการอบรม",
            "general",
            "บัตรกำนัลห้างสรรพสินค้า",
            Decimal("1000"),
            "refused",
        ),
    ]:
        coi.gift_record(
            actor=None,
            unit=_u(code),
            recipient=who,
            received_on=day,
            giver=giver,
            giver_kind=kind,
            description=what,
            value=value,
            handling=handling,
            occasion="ปีใหม่",
            note=MARK,
        )


def _declarations() -> None:
    people = list(User.objects.filter(username__in=["reporter.cm", "head.cm", "coordinator", "procurement"]))
    for index, user in enumerate(people):
        if user.unit_id is None:
            continue
        interest = index == 0
        declaration = coi.declaration_record(
            actor=None,
            declarant=user,
            fiscal_year=2560,
            declared_on=D(2016, 11, 1 + index),
            occasion="matter" if interest else "annual",
            has_interest=interest,
            matter="ตรวจการจัดตั้งสหกรณ์ผู้เลี้ยงโคนมตัวอย่าง" if interest else "",
            related_party="สหกรณ์ผู้เลี้ยงโคนมตัวอย่าง จำกัด" if interest else "",
            relationship="ญาติเป็นกรรมการสหกรณ์" if interest else "",
            detail=MARK,
        )
        if interest:
            coi.declaration_decide(
                actor=None,
                declaration=declaration,
                decision="reassign",
                decided_by="สหกรณ์จังหวัดเชียงใหม่",
                decided_on=D(2016, 11, 3),
            )


def _issuances(agency) -> None:
    rows = [
        (
            "นายวิชัย ทดลองใช้",
            "รองอธิบดี",
            "announcement",
            "ประกาศหลักเกณฑ์การคัดเลือกสหกรณ์ดีเด่นระดับชาติ",
            D(2017, 1, 10),
            True,
            "clean",
        ),
        (
            "นายวิชัย ทดลองใช้",
            "รองอธิบดี",
            "project",
            "โครงการพัฒนาศักยภาพสหกรณ์ภาคการเกษตร",
            D(2017, 2, 1),
            True,
            "clean",
        ),
        (
            "นางสาวอรวรรณ ทดลองใช้",
            "ผู้อำนวยการกองคลัง",
            "rule",
            "ระเบียบการเบิกจ่ายค่าตอบแทนคณะทำงาน",
            D(2017, 3, 5),
            True,
            "flagged",
        ),
        (
            "นายประยุทธ ทดลองใช้",
            "อธิบดี",
            "policy",
            "นโยบายคุณธรรมและความโปร่งใสในการดำเนินงาน",
            D(2016, 11, 15),
            False,
            "clean",
        ),
    ]
    for name, position, kind, title, day, budget, verdict in rows:
        issuance = issuances.issuance_record(
            actor=None,
            unit=agency,
            issuer_name=name,
            issuer_position=position,
            kind=kind,
            title=title,
            issued_on=day,
            uses_budget=budget,
            summary=MARK,
        )
        flagged = verdict == "flagged"
        issuances.issuance_review(
            actor=None,
            issuance=issuance,
            reviewed_on=day + dt.timedelta(days=7),
            verdict=verdict,
            checklist={"favours_officials": flagged},
            note="อัตราค่าตอบแทนสูงกว่าระเบียบกระทรวงการคลังโดยไม่มีเหตุผลรองรับ" if flagged else "",
        )


def _cases() -> None:
    hr = _u("cpd-hr")
    for number, opened, subject, stage, basis, completed in [
        (
            "วน.๑/๒๕๖๐",
            D(2016, 10, 20),
            "กรณีเบิกค่าเดินทางไปราชการเกินสิทธิ",
            "completed",
            "non_serious",
            D(2017, 4, 28),
        ),
        ("วน.๒/๒๕๖๐", D(2016, 12, 5), "กรณีละทิ้งหน้าที่ราชการ", "completed", "serious", D(2017, 8, 15)),
        ("วน.๓/๒๕๖๐", D(2017, 6, 1), "กรณีร้องเรียนการเรียกรับประโยชน์", "investigation", "undetermined", None),
    ]:
        discipline.case_record(
            actor=None,
            unit=hr,
            number=number,
            opened_on=opened,
            subject=subject,
            stage=stage,
            legal_basis=basis,
            completed_on=completed,
            outcome="ลงโทษภาคทัณฑ์" if basis == "non_serious" else "",
        )


@transaction.atomic
def load(*, agency, plan) -> str:
    if CampaignEvent.objects.filter(note=MARK).exists():
        return ""
    _events()
    _reminders(agency)
    _gifts(agency)
    _declarations()
    _issuances(agency)
    _cases()
    report = coi.coi_report_generate(actor=None, agency=agency, fiscal_year=2560)
    coi.coi_report_present(
        actor=None,
        report=report,
        presented_on=D(2017, 9, 21),
        presented_to="อธิบดีกรมส่งเสริมสหกรณ์",
        presentation_ref="บันทึกข้อความ ที่ กษ ๑๑๐๒/๒๕๖๐",
    )
    CoiYearReport.objects.filter(pk=report.pk).update(
        generated_at=dt.datetime(2017, 9, 15, 10, 0, tzinfo=dt.UTC)
    )
    return "ทะเบียนผลประโยชน์ทับซ้อน ของขวัญ การออกกฎของผู้บริหาร และเรื่องวินัย ปีงบประมาณ พ.ศ. ๒๕๖๐"
