"""Demo procurement data for `prongsai setup_demo`: a small annual plan, projects across methods (one with a
price at the reference price, one announced too late), officials with declared relatives, and company-registry
rows that tie one of them to a bidder. Loading twice changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.thai import fiscal_year, fiscal_year_bounds
from org.models import Unit
from procurement.models import Bid, CommitteeMember, Official, Project
from procurement.services import csv_import, parties, planning, projects, tendering
from procurement.services.relationships import relationships_refresh

MARKER = "จ้างก่อสร้างอาคารศูนย์เรียนรู้การสหกรณ์ (ตัวอย่าง)"
D = Decimal


def thai_id(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


COMPANIES = {
    "kaona": ("บริษัท ก้าวหน้าก่อสร้าง จำกัด", thai_id("010555301234"),
              "99/1 ถนนงามวงศ์วาน แขวงลาดยาว เขตจตุจักร กรุงเทพมหานคร", "02-555-0101"),
    "mankhong": ("ห้างหุ้นส่วนจำกัด มั่นคงการช่าง", thai_id("010355207788"),
                 "12 ซอยรามอินทรา 5 เขตบางเขน กรุงเทพมหานคร", "02-555-0177"),
    "siam": ("บริษัท สยามโยธา จำกัด", thai_id("010555409911"),
             "45/7 ถนนพหลโยธิน เขตจตุจักร กรุงเทพมหานคร", "02-555-0199"),
    "itplus": ("บริษัท ไอทีพลัส จำกัด", thai_id("010556102233"),
               "8 ถนนวิภาวดีรังสิต เขตดินแดง กรุงเทพมหานคร", "02-555-0202"),
    "datacom": ("บริษัท ดาต้าคอม ซัพพลาย จำกัด", thai_id("010556204455"),
                "77 ถนนรัชดาภิเษก เขตห้วยขวาง กรุงเทพมหานคร", "02-555-0303"),
    "officemart": ("บริษัท ออฟฟิศมาร์ท จำกัด", thai_id("010554307766"),
                   "3 ถนนประชาชื่น เขตบางซื่อ กรุงเทพมหานคร", "02-555-0404"),
    "consult": ("บริษัท ไทยคอนซัลท์ จำกัด", thai_id("010554508899"),
                "150 ถนนสีลม เขตบางรัก กรุงเทพมหานคร", "02-555-0505"),
    "clean": ("บริษัท สะอาดดี เซอร์วิส จำกัด", thai_id("010555601122"),
              "21 ถนนนครอินทร์ จังหวัดนนทบุรี", "02-555-0606"),
}
REGISTRY = [
    ("kaona", "นางสมศรี รักงาน", "กรรมการ"), ("kaona", "นายประยูร ก้าวหน้า", "กรรมการ"),
    ("mankhong", "นายสมชัย ใจดี", "หุ้นส่วน"), ("siam", "นายธนา สยามกิจ", "กรรมการ"),
    ("itplus", "นายวีระ พลัสวงศ์", "กรรมการ"), ("datacom", "นางสาวกานดา ข้อมูลดี", "กรรมการ"),
    ("consult", "ดร.อำนาจ ปรึกษา", "กรรมการ"), ("clean", "นางบุษบา สะอาดดี", "ผู้ติดต่อ"),
]


def _day(start: datetime.date, days: int) -> datetime.date:
    return start + datetime.timedelta(days=days)


def _supplier(actor, key):
    name, jid, address, phone = COMPANIES[key]
    return parties.supplier_get_or_create(actor=actor, name=name, juristic_id=jid, address=address,
                                          phone=phone)


def _run(actor, unit, *, title, fy, method, budget, reference, start, bids, winner=None, award=None,
         reason="", contract=False, complete=False, cancel="", buyers=(), committee=(), plan_item=None,
         category="", deadline_days=20, criteria=Project.Criteria.PRICE):
    project = projects.project_create(actor=actor, unit=unit, title=title, fiscal_year=fy, method=method,
                                      budget=budget, category=category, plan_item=plan_item,
                                      budget_source="งบประมาณรายจ่ายประจำปี งบลงทุน" if budget > 500000 else
                                      "งบประมาณรายจ่ายประจำปี งบดำเนินงาน")
    projects.project_set_reference(
        actor=actor, project=project, reference_price=reference, reference_source="4",
        reference_date=_day(start, -7),
        reference_method="สืบราคาจากท้องตลาดจากผู้ประกอบการ 3 ราย ใช้ราคาต่ำสุดที่เสนอตามคุณลักษณะที่กำหนด")
    for official, kind, role in committee:
        projects.committee_member_add(actor=actor, project=project, committee=kind, official=official,
                                      role=role)
    projects.project_announce(actor=actor, project=project, announced_on=start,
                              submission_deadline=_day(start, deadline_days), criteria=criteria,
                              announcement_no=f"{project.pk}/{fy}",
                              criteria_detail="พิจารณาจากราคารวมต่ำสุด ผู้เสนอราคาต้องผ่านคุณสมบัติตามเอกสารประกวดราคา")
    for key in buyers:
        tendering.document_buyer_add(actor=actor, project=project, supplier=_supplier(actor, key),
                                     obtained_on=_day(start, 2))
    made = {}
    for key, amount, status, why in bids:
        made[key] = tendering.bid_add(actor=actor, project=project, supplier=_supplier(actor, key),
                                      amount=amount, submitted_on=_day(start, deadline_days - 1))
        if status:
            tendering.bid_evaluate(actor=actor, bid=made[key], status=status, reason=why)
    if cancel:
        return projects.project_cancel(actor=actor, project=project, reason=cancel)
    if winner is None:
        return project
    tendering.project_publish_qualified(actor=actor, project=project,
                                        qualified_on=_day(start, deadline_days + 3))
    tendering.project_award(actor=actor, project=project, bid=made[winner],
                            awarded_on=_day(start, deadline_days + 10), amount=award, reason=reason)
    if contract:
        tendering.project_contract(actor=actor, project=project, contract_no=f"{project.pk}/{fy}",
                                   signed_on=_day(start, deadline_days + 25), amount=award)
    if complete:
        tendering.project_complete(actor=actor, project=project,
                                   completed_on=_day(start, deadline_days + 120))
    return project


@transaction.atomic
def load(*, agency: Unit, plan=None) -> str:
    if Project.objects.filter(title=MARKER).exists():
        return " ".join(filter(None, [_disclosure(agency), _round_year(agency)]))
    actor = User.objects.filter(username="procurement").first()
    finance = Unit.objects.get(code="cpd-finance")
    province = Unit.objects.get(code="cpd-prov-13")
    fy_now = fiscal_year(timezone.localdate())
    last = fy_now - 1
    last_start, _ = fiscal_year_bounds(last)

    somchai = parties.official_create(actor=actor, unit=finance, name="นายสมชาย ใจดี",
                                      position="ผู้อำนวยการกองคลัง", kind=Official.Kind.EXECUTIVE)
    wichai = parties.official_create(actor=actor, unit=finance, name="นายวิชัย รักงาน",
                                     position="นักวิชาการพัสดุชำนาญการ")
    parties.official_declare(actor=actor, official=wichai,
                             relatives=[{"name": "นางสมศรี รักงาน", "relation": "spouse"}],
                             employers=[], declared_on=last_start)
    arunee = parties.official_create(actor=actor, unit=finance, name="นางสาวอรุณี แสงทอง",
                                     position="นักวิชาการคอมพิวเตอร์")
    parties.official_declare(actor=actor, official=arunee, relatives=[],
                             employers=[{"name": "บริษัท ไอทีพลัส จำกัด", "juristic_id": COMPANIES["itplus"][1],
                                         "period": "2558-2562"}], declared_on=last_start)
    malee = parties.official_create(actor=actor, unit=finance, name="นางมาลี ศรีสุข",
                                    position="นักวิชาการเงินและบัญชี")
    if actor is not None:
        parties.official_create(actor=actor, unit=finance, name=actor.get_full_name(),
                                position=actor.position, user=actor)
    for key in COMPANIES:
        _supplier(actor, key)
    lines = ["เลขทะเบียนนิติบุคคล,ชื่อนิติบุคคล,ชื่อ-สกุล,ฐานะ"]
    lines += [f"{COMPANIES[k][1]},{COMPANIES[k][0]},{person},{role}" for k, person, role in REGISTRY]
    csv_import.registry_csv_import(actor=actor, data="\n".join(lines).encode(),
                                   filename="ทะเบียนนิติบุคคล-ตัวอย่าง.csv")

    old_plan = planning.plan_create(actor=actor, unit=finance, fiscal_year=last)
    items = {}
    for key, title, budget, method, month in [
        ("build", "จ้างก่อสร้างอาคารศูนย์เรียนรู้การสหกรณ์", D("4500000"), "e_bidding", 12),
        ("it", "ซื้อวัสดุและอุปกรณ์คอมพิวเตอร์", D("800000"), "e_market", 1),
        ("consult", "จ้างที่ปรึกษาพัฒนาระบบสารสนเทศสหกรณ์", D("1200000"), "selection", 2),
        ("clean", "จ้างเหมาบริการทำความสะอาดอาคาร", D("480000"), "specific", 10),
        ("car", "ซื้อรถยนต์ตรวจการ", D("1500000"), "e_bidding", 3),
    ]:
        items[key] = planning.plan_item_add(actor=actor, plan=old_plan, title=title, budget=budget,
                                            method=method, planned_month=month,
                                            category="works" if key == "build" else "goods",
                                            budget_source="งบประมาณรายจ่ายประจำปี")
    planning.plan_publish(actor=actor, plan=old_plan)
    C = CommitteeMember
    V, X = Bid.Status.VALID, Bid.Status.DISQUALIFIED
    _run(actor, finance, title=MARKER, fy=last, method="e_bidding", budget=D("4500000"),
         reference=D("4450000"), start=_day(last_start, 70), plan_item=items["build"], category="works",
         buyers=["kaona", "mankhong", "siam"],
         bids=[("kaona", D("4440000"), V, ""), ("siam", D("4449000"), V, ""),
               ("mankhong", D("4300000"), X, "เอกสารแสดงผลงานก่อสร้างไม่ครบตามที่กำหนด")],
         winner="kaona", award=D("4440000"), reason="เสนอราคาต่ำสุดและผ่านคุณสมบัติครบถ้วน",
         contract=True, complete=True,
         committee=[(wichai, C.Committee.EVALUATION, C.Role.CHAIR),
                    (malee, C.Committee.EVALUATION, C.Role.MEMBER),
                    (somchai, C.Committee.REFERENCE, C.Role.CHAIR),
                    (malee, C.Committee.REFERENCE, C.Role.MEMBER)])
    _run(actor, finance, title="ซื้อวัสดุและอุปกรณ์คอมพิวเตอร์ (ตัวอย่าง)", fy=last, method="e_market",
         budget=D("800000"), reference=D("780000"), start=_day(last_start, 100), plan_item=items["it"],
         category="goods", deadline_days=7, buyers=["itplus", "datacom", "officemart"],
         bids=[("itplus", D("702000"), V, ""), ("datacom", D("745000"), V, ""),
               ("officemart", D("760500"), V, "")],
         winner="itplus", award=D("702000"), reason="เสนอราคาต่ำสุด", contract=True,
         committee=[(arunee, C.Committee.EVALUATION, C.Role.MEMBER)])
    _run(actor, finance, title="จ้างที่ปรึกษาพัฒนาระบบสารสนเทศสหกรณ์ (ตัวอย่าง)", fy=last, method="selection",
         budget=D("1200000"), reference=D("1150000"), start=_day(last_start, 130), plan_item=items["consult"],
         category="services", criteria=Project.Criteria.PRICE_PERFORMANCE,
         bids=[("consult", D("1050000"), V, ""), ("itplus", D("1120000"), V, ""),
               ("datacom", D("1100000"), V, "")],
         winner="consult", award=D("1050000"), reason="คะแนนรวมด้านราคาและคุณภาพสูงสุด", contract=True,
         complete=True)
    _run(actor, finance, title="จ้างเหมาบริการทำความสะอาดอาคาร (ตัวอย่าง)", fy=last, method="specific",
         budget=D("480000"), reference=D("480000"), start=_day(last_start, 5), plan_item=items["clean"],
         category="services", deadline_days=3, bids=[("clean", D("478000"), V, "")], winner="clean",
         award=D("478000"), reason="ผู้ประกอบการมีอาชีพรับจ้างโดยตรงและเสนอราคาไม่เกินวงเงิน", contract=True)
    _run(actor, finance, title="ซื้อรถยนต์ตรวจการ (ตัวอย่าง)", fy=last, method="e_bidding", budget=D("1500000"),
         reference=D("1490000"), start=_day(last_start, 160), plan_item=items["car"], category="goods",
         bids=[("siam", D("1480000"), X, "ไม่ได้ยื่นหลักประกันการเสนอราคา")],
         cancel="ไม่มีผู้เสนอราคาที่ผ่านคุณสมบัติ จะดำเนินการจัดซื้อใหม่")

    new_plan = planning.plan_create(actor=actor, unit=finance, fiscal_year=fy_now)
    road = planning.plan_item_add(actor=actor, plan=new_plan, title="จ้างปรับปรุงถนนภายในศูนย์ฝึกอบรม",
                                  budget=D("2400000"), method="e_bidding", planned_month=11, category="works")
    furniture = planning.plan_item_add(actor=actor, plan=new_plan, title="ซื้อครุภัณฑ์สำนักงาน", budget=D("350000"),
                                       method="specific", planned_month=1, category="goods")
    planning.plan_item_add(actor=actor, plan=new_plan, title="ซื้อรถยนต์ตรวจการ", budget=D("1500000"),
                           method="e_bidding", planned_month=2, category="goods")
    planning.plan_publish(actor=actor, plan=new_plan)
    today = timezone.localdate()
    start = max(today - datetime.timedelta(days=10), fiscal_year_bounds(fy_now)[0])
    _run(actor, finance, title="จ้างปรับปรุงถนนภายในศูนย์ฝึกอบรม (ตัวอย่าง)", fy=fy_now, method="e_bidding",
         budget=D("2400000"), reference=D("2380000"), start=start, deadline_days=3, plan_item=road,
         category="works", buyers=["kaona", "mankhong", "siam"], bids=[("kaona", D("2300000"), None, "")])
    draft = projects.project_create(actor=actor, unit=province, title="ซื้อครุภัณฑ์สำนักงาน (ตัวอย่าง)",
                                    fiscal_year=fy_now, method="specific", budget=D("350000"),
                                    category="goods", plan_item=None)
    projects.project_set_reference(actor=actor, project=draft, reference_price=D("345000"),
                                   reference_source="2",
                                   reference_method="ราคาจากฐานข้อมูลราคาอ้างอิงของพัสดุของกรมบัญชีกลาง")
    del furniture
    planning.review_save(
        actor=actor, unit=agency, fiscal_year=last,
        risks="โครงการก่อสร้างอาคารมีราคาที่ตกลงใกล้เคียงราคากลางมาก (ร้อยละ 99.8) และกรรมการพิจารณาผลมีคู่สมรสเป็น"
              "กรรมการของผู้ชนะ ต้องตรวจสอบการเปิดเผยข้อมูลราคากลางและการขัดกันแห่งผลประโยชน์",
        obstacles="ผู้ประกอบการในพื้นที่มีน้อย การจัดซื้อรถยนต์ต้องยกเลิกเพราะไม่มีผู้ผ่านคุณสมบัติ",
        savings="ประหยัดงบประมาณได้จากการซื้อด้วยวิธีตลาดอิเล็กทรอนิกส์และการคัดเลือก",
        recommendations="ให้กรรมการทุกคนลงนามแบบแสดงความไม่มีส่วนได้เสียก่อนเริ่มงาน "
                        "เผยแพร่รายชื่อผู้ซื้อเอกสารหลังปิดรับข้อเสนอ และวางแผนจัดซื้อรถยนต์ให้เร็วขึ้น")
    _round_year(agency)
    relationships_refresh(actor=actor)
    _disclosure(agency)
    return (f"จัดซื้อจัดจ้าง: {Project.objects.count()} โครงการตัวอย่าง แผนจัดซื้อจัดจ้าง 3 ปี "
            "และรายชื่อความสัมพันธ์ที่ต้องตรวจสอบ")


DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _disclosure(agency: Unit) -> str:
    """Last year's analysis presented to the Director-General, and the channels this year's plan went out
    through (plan 1.2 ๑, ๔–๕); once."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procurement.models import ProcurementPlan, PublicationChannel, YearReview
    from procurement.services import disclosure

    actor = User.objects.filter(username="procurement").first()
    fy_now = fiscal_year(timezone.localdate())
    plan = ProcurementPlan.objects.filter(unit__code="cpd-finance", fiscal_year=fy_now).first()
    review = YearReview.objects.filter(unit=agency, fiscal_year=fy_now - 1).first()
    if actor is None or plan is None or PublicationChannel.objects.filter(plan=plan).exists():
        return ""
    today = timezone.localdate()
    day = min(today, fiscal_year_bounds(fy_now)[0] + datetime.timedelta(days=20))
    if review is not None and not review.is_presented:
        # the analysis is the department's, beyond the demo officer's division: the loader records it
        disclosure.review_present(actor=None, review=review, presented_on=day, presented_to="อธิบดี",
                                  file=SimpleUploadedFile("บันทึกเสนออธิบดี.pdf", DEMO_PDF))
    disclosure.channel_add(actor=actor, plan=plan, kind="website", published_on=day,
                           url="https://www.cpd.go.th/procurement-plan")
    disclosure.channel_add(actor=actor, plan=plan, kind="egp", published_on=day,
                           url="https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch")
    disclosure.channel_add(actor=actor, plan=plan, kind="board", published_on=day,
                           file=SimpleUploadedFile("บอร์ดประชาสัมพันธ์.pdf", DEMO_PDF),
                           note="ติดประกาศที่บอร์ดหน้ากองคลัง")
    return "ช่องทางเผยแพร่แผนจัดซื้อจัดจ้าง 3 ช่องทาง และการเสนอผลการวิเคราะห์ต่ออธิบดี"


# The demo reporting round's year (reports.demo.FISCAL_YEAR; procurement may not import reports). Its round 1
# stands at early April 2560: plan 1.2 asks, by then, for the analysis of 2559 presented to the executive,
# the 2560 plan published and through which channels, and the awarded 2560 projects in the database.
ROUND_FY = 2560
ROUND_MARKER = "จ้างปรับปรุงห้องประชุมกรมส่งเสริมสหกรณ์ (ตัวอย่าง ปี 2560)"


def _round_year(agency: Unit) -> str:
    """Fiscal years 2559 (its analysis) and 2560 (plan, channels, awarded projects), all dated before the
    demo round's date; once."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procurement.models import ProcurementPlan
    from procurement.services import disclosure

    actor = User.objects.filter(username="procurement").first()
    if actor is None or Project.objects.filter(title=ROUND_MARKER).exists():
        return ""
    finance = Unit.objects.get(code="cpd-finance")
    review = planning.review_save(
        actor=actor, unit=agency, fiscal_year=ROUND_FY - 1,
        risks="การจัดซื้อวัสดุสำนักงานหลายครั้งใช้ผู้ขายรายเดิม และบางโครงการกำหนดระยะเวลายื่นข้อเสนอสั้น",
        obstacles="ผู้ประกอบการในส่วนภูมิภาคยังไม่คุ้นเคยกับระบบจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์",
        savings="ประหยัดงบประมาณได้ร้อยละ 6.8 ของวงเงินงบประมาณจากการจัดซื้อด้วยวิธีประกวดราคาอิเล็กทรอนิกส์",
        recommendations="รวมการจัดซื้อวัสดุเป็นรายไตรมาส ประกาศแผนจัดซื้อจัดจ้างภายในเดือนตุลาคม "
                        "และเผยแพร่ราคากลางทุกโครงการ")
    if not review.is_presented:
        # the analysis is the department's, beyond the demo officer's division: the loader records it
        disclosure.review_present(actor=None, review=review, presented_on=datetime.date(2016, 11, 8),
                                  presented_to="อธิบดี",
                                  file=SimpleUploadedFile("บันทึกเสนออธิบดี-ผลการจัดซื้อจัดจ้าง-2559.pdf", DEMO_PDF))
    plan = ProcurementPlan.objects.filter(unit=finance, fiscal_year=ROUND_FY).first() or \
        planning.plan_create(actor=actor, unit=finance, fiscal_year=ROUND_FY)
    items = {}
    for key, title, budget, method, month in [
        ("room", "จ้างปรับปรุงห้องประชุมกรมส่งเสริมสหกรณ์", D("1800000"), "e_bidding", 11),
        ("paper", "ซื้อกระดาษและวัสดุสำนักงาน", D("420000"), "e_market", 12),
        ("print", "จ้างพิมพ์คู่มือการจัดตั้งสหกรณ์", D("95000"), "specific", 1),
    ]:
        items[key] = planning.plan_item_add(actor=actor, plan=plan, title=title, budget=budget, method=method,
                                            planned_month=month,
                                            category="works" if key == "room" else "goods",
                                            budget_source="งบประมาณรายจ่ายประจำปี")
    published = datetime.date(2016, 10, 14)
    planning.plan_publish(actor=actor, plan=plan)
    # The demo's past year: the plan went out in October 2559, not on the day the demo is loaded (the
    # service stamps the moment of publishing, and keeps a stamp already there).
    ProcurementPlan.objects.filter(pk=plan.pk).update(
        published_at=timezone.make_aware(datetime.datetime.combine(published, datetime.time(10))))
    disclosure.channel_add(actor=actor, plan=plan, kind="website", published_on=published,
                           url="https://www.cpd.go.th/procurement-plan-2560")
    disclosure.channel_add(actor=actor, plan=plan, kind="egp", published_on=published,
                           url="https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch")
    disclosure.channel_add(actor=actor, plan=plan, kind="board", published_on=datetime.date(2016, 10, 17),
                           file=SimpleUploadedFile("บอร์ดประชาสัมพันธ์-แผน-2560.pdf", DEMO_PDF),
                           note="ติดประกาศที่บอร์ดหน้ากองคลัง")
    V = Bid.Status.VALID
    _run(actor, finance, title=ROUND_MARKER, fy=ROUND_FY, method="e_bidding", budget=D("1800000"),
         reference=D("1760000"), start=datetime.date(2016, 11, 7), plan_item=items["room"], category="works",
         buyers=["kaona", "siam"],
         bids=[("kaona", D("1695000"), V, ""), ("siam", D("1720000"), V, "")],
         winner="kaona", award=D("1695000"), reason="เสนอราคาต่ำสุดและผ่านคุณสมบัติครบถ้วน", contract=True)
    _run(actor, finance, title="ซื้อกระดาษและวัสดุสำนักงาน (ตัวอย่าง ปี 2560)", fy=ROUND_FY, method="e_market",
         budget=D("420000"), reference=D("410000"), start=datetime.date(2016, 12, 5),
         plan_item=items["paper"],
         category="goods", deadline_days=7,
         bids=[("officemart", D("389000"), V, ""), ("datacom", D("402500"), V, "")],
         winner="officemart", award=D("389000"), reason="เสนอราคาต่ำสุด", contract=True)
    _run(actor, finance, title="จ้างพิมพ์คู่มือการจัดตั้งสหกรณ์ (ตัวอย่าง ปี 2560)", fy=ROUND_FY, method="specific",
         budget=D("95000"), reference=D("95000"), start=datetime.date(2017, 1, 16), plan_item=items["print"],
         category="goods", deadline_days=3, bids=[("officemart", D("93500"), V, "")], winner="officemart",
         award=D("93500"), reason="เสนอราคาไม่เกินวงเงินและส่งงานได้ตามกำหนด")
    return (f"ปีงบประมาณ {ROUND_FY}: แผนจัดซื้อจัดจ้างเผยแพร่ 3 ช่องทาง 3 โครงการ "
            f"และการเสนอผลการวิเคราะห์ปี {ROUND_FY - 1} ต่ออธิบดี")
