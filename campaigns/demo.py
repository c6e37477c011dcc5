"""Demo data: a roster for a handful of units and the campaigns of fiscal year 2560 (the four the plan counts
and the memo's circulation and posting), most but not all acknowledged, so that the computed shares stay
under 100 % and the not-yet lists have names."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns.models import Acknowledgement, Campaign, ExecutiveLevel, StaffMember
from campaigns.selectors import target_units
from core.thai import to_thai_digits
from org.models import Unit

FY = 2560
OPENS, CLOSES = datetime.date(2016, 11, 1), datetime.date(2017, 9, 30)
J, M, S = ExecutiveLevel.JUNIOR, ExecutiveLevel.MIDDLE, ExecutiveLevel.SENIOR

# (unit code, title, first name, last name, position, executive level)
ROSTER = [
    ("cpd", "นาย", "พิเชษฐ์", "วิริยะพงษ์", "อธิบดีกรมส่งเสริมสหกรณ์", S),
    ("cpd", "นาง", "สุวรรณา", "ศรีสุข", "รองอธิบดีกรมส่งเสริมสหกรณ์", S),
    ("cpd-hr", "นางสาว", "กาญจนา", "รุ่งเรืองศรี", "ผู้อำนวยการกองการเจ้าหน้าที่", M),
    ("cpd-hr", "นาย", "ธนากร", "บุญมา", "นักทรัพยากรบุคคลชำนาญการพิเศษ", J),
    ("cpd-hr", "นางสาว", "พิมพ์ชนก", "แก้วมณี", "นักทรัพยากรบุคคลชำนาญการ", ""),
    ("cpd-hr", "นาย", "อนุชา", "ทองดี", "นักทรัพยากรบุคคลปฏิบัติการ", ""),
    ("cpd-hr", "นาง", "รัตนา", "จันทร์หอม", "เจ้าพนักงานธุรการชำนาญงาน", ""),
    ("cpd-finance", "นาง", "วไลพร", "สุขสวัสดิ์", "ผู้อำนวยการกองคลัง", M),
    ("cpd-finance", "นาย", "สมชาย", "ประเสริฐวงศ์", "นักวิชาการเงินและบัญชีชำนาญการ", ""),
    ("cpd-finance", "นางสาว", "ศิริพร", "นาคสวัสดิ์", "นักวิชาการพัสดุชำนาญการ", ""),
    ("cpd-finance", "นาย", "วีระพงษ์", "อินทร์แก้ว", "เจ้าพนักงานการเงินและบัญชี", ""),
    ("cpd-psdg", "นาง", "อรุณี", "พงษ์พันธ์", "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร", J),
    ("cpd-psdg", "นาย", "ณัฐพล", "ศักดิ์สิทธิ์", "นักวิเคราะห์นโยบายและแผนชำนาญการ", ""),
    ("cpd-psdg", "นางสาว", "ปวีณา", "มั่นคง", "นักวิเคราะห์นโยบายและแผนปฏิบัติการ", ""),
    ("cpd-ict", "นาย", "ภานุวัฒน์", "เรืองฤทธิ์", "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", M),
    ("cpd-ict", "นาย", "กิตติศักดิ์", "พรหมมา", "นักวิชาการคอมพิวเตอร์ชำนาญการ", ""),
    ("cpd-ict", "นางสาว", "จิราภรณ์", "สายทอง", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", ""),
    ("cpd-prov-13", "นาย", "ประยุทธ", "คำแสน", "สหกรณ์จังหวัดเชียงใหม่", M),
    ("cpd-prov-13", "นาง", "บุษบา", "ไชยวงศ์", "นักวิชาการสหกรณ์ชำนาญการพิเศษ", J),
    ("cpd-prov-13", "นาย", "สุรเชษฐ์", "อินต๊ะ", "นักวิชาการสหกรณ์ชำนาญการ", ""),
    ("cpd-prov-13", "นางสาว", "ดวงใจ", "ปัญญาวงค์", "นักวิชาการสหกรณ์ปฏิบัติการ", ""),
    ("cpd-prov-13", "นาย", "เกรียงไกร", "ธรรมวงศ์", "นักวิชาการสหกรณ์ปฏิบัติการ", ""),
    ("cpd-prov-13", "นาง", "นงลักษณ์", "สุริยะ", "เจ้าพนักงานส่งเสริมสหกรณ์ชำนาญงาน", ""),
    ("cpd-prov-13", "นาย", "ชาญวิทย์", "ใจมา", "เจ้าพนักงานส่งเสริมสหกรณ์ปฏิบัติงาน", ""),
    ("cpd-prov-13", "นางสาว", "อัมพร", "วงศ์ใหญ่", "นักวิชาการตรวจสอบบัญชีปฏิบัติการ", ""),
    ("cpd-ia", "นาง", "ลัดดา", "เพชรรัตน์", "ผู้อำนวยการกลุ่มตรวจสอบภายใน", J),
    ("cpd-ia", "นาย", "ไพโรจน์", "สมบูรณ์", "นักวิชาการตรวจสอบภายในชำนาญการ", ""),
    ("cpd-slk", "นาง", "สมพร", "ทรัพย์มาก", "เลขานุการกรม", M),
    ("cpd-slk", "นางสาว", "วิภาวดี", "ศรีจันทร์", "นักจัดการงานทั่วไปชำนาญการ", ""),
    ("cpd-slk", "นาย", "ธีรวัฒน์", "กลิ่นหอม", "นิติกรชำนาญการ", ""),
]

TEXTS = {
    Campaign.Kind.STAFF_PLEDGE: (
        "บุคลากรกรมส่งเสริมสหกรณ์ร่วมแสดงเจตจำนง ปีงบประมาณ พ.ศ. ๒๕๖๐",
        "ข้าพเจ้าขอแสดงเจตจำนงว่าจะ \"ซื่อตรงต่อหน้าที่ มีวินัย โปร่งใส ไร้ทุจริต\" และจะปฏิบัติงานในหน้าที่"
        "ที่รับผิดชอบทุกขั้นตอนอย่างถูกต้องตามกฎหมาย ระเบียบ และคู่มือแนวทางปฏิบัติอย่างครบถ้วนเคร่งครัด"),
    Campaign.Kind.EXECUTIVE_PLEDGE: (
        "ผู้บริหารกรมส่งเสริมสหกรณ์ร่วมแสดงเจตจำนง ปีงบประมาณ พ.ศ. ๒๕๖๐",
        "ข้าพเจ้าในฐานะผู้บริหาร ขอแสดงเจตจำนงว่าจะมุ่งมั่นบริหารงานอย่างซื่อสัตย์สุจริต "
        "และพร้อมรับผิดชอบเมื่อเกิดความผิดพลาด"),
    Campaign.Kind.POLICY_AWARENESS: (
        "รับทราบนโยบายคุณธรรมและความโปร่งใสในการดำเนินงาน ปีงบประมาณ พ.ศ. ๒๕๖๐",
        "ข้าพเจ้าได้รับทราบนโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของกรมส่งเสริมสหกรณ์ และจะถือปฏิบัติ"),
    Campaign.Kind.VALUES_PARTICIPATION: (
        "หน่วยงานร่วมขับเคลื่อนค่านิยมกรม ปีงบประมาณ พ.ศ. ๒๕๖๐",
        "หน่วยงานได้มีส่วนร่วมปฏิบัติตามแผนการขับเคลื่อนค่านิยมกรมส่งเสริมสหกรณ์"),
    # The Director-General's memo orders the policy circulated to every unit, with receipt, and posted.
    Campaign.Kind.UNIT_CIRCULATION: (
        "รับทราบหนังสือแจ้งเวียนนโยบายคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. ๒๕๖๐",
        "หน่วยงานได้รับหนังสือแจ้งเวียนนโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของกรมส่งเสริมสหกรณ์แล้ว"),
    Campaign.Kind.UNIT_POSTING: (
        "ติดประกาศนโยบายคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. ๒๕๖๐",
        "หน่วยงานได้ติดประกาศนโยบายคุณธรรมและความโปร่งใสในการดำเนินงานของกรมส่งเสริมสหกรณ์ "
        "(แนบรูปถ่ายหรือลิงก์ที่เผยแพร่)"),
}
# People (by position in ROSTER) who have not acknowledged each staff campaign yet.
NOT_YET = {Campaign.Kind.STAFF_PLEDGE: {6, 10, 22}, Campaign.Kind.POLICY_AWARENESS: {4, 23, 24, 29},
           Campaign.Kind.EXECUTIVE_PLEDGE: {25}}


def _ack_time(i: int) -> datetime.datetime:
    start = datetime.datetime(2017, 1, 10, 9)
    return timezone.make_aware(start + datetime.timedelta(days=i % 40, minutes=7 * i))


@transaction.atomic
def load(*, agency, plan) -> str:
    if Campaign.objects.filter(agency=agency, fiscal_year=FY).exists():
        return ""
    units = {u.code: u for u in Unit.objects.filter(path__startswith=agency.path)}
    members = []
    for i, (code, title, first, last, position, level) in enumerate(ROSTER):
        if code not in units:
            continue
        members.append(StaffMember.objects.get_or_create(
            agency=agency, code=f"{600001 + i}",
            defaults={"unit": units[code], "title": title, "first_name": first, "last_name": last,
                      "position": position, "executive_level": level,
                      "active_from": datetime.date(2016, 10, 1),
                      "email": f"staff{600001 + i}@demo.invalid"})[0])
    for kind, (title, text) in TEXTS.items():
        campaign = Campaign.objects.create(agency=agency, kind=kind, audience=Campaign.DEFAULT_AUDIENCE[kind],
                                           title=title, text=text, fiscal_year=FY, opens_on=OPENS,
                                           closes_on=CLOSES)
        if campaign.for_units:
            pool = list(target_units(agency))
            link = "https://www.cpd.go.th/" if campaign.needs_evidence else ""
            for i, unit in enumerate(pool[:-3]):  # the last three units have not recorded theirs
                Acknowledgement.objects.create(campaign=campaign, unit=unit, at=_ack_time(i),
                                               how=Acknowledgement.How.RECORDED,
                                               link=f"{link}?unit={unit.code}" if link else "")
            continue
        skip = NOT_YET.get(kind, set())
        for i, member in enumerate(members):
            if i in skip or (campaign.audience == Campaign.Audience.EXECUTIVES and not member.is_executive):
                continue
            how = Acknowledgement.How.PAPER if member.unit.code == "cpd-prov-13" else Acknowledgement.How.LINK
            Acknowledgement.objects.create(campaign=campaign, staff=member, unit=member.unit, at=_ack_time(i),
                                           how=how)
    return f"การรณรงค์แสดงเจตจำนงและรับทราบ {to_thai_digits(len(TEXTS))} เรื่อง บัญชีรายชื่อบุคลากร {len(members)} คน"
