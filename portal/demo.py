"""Demo content of the portal: the typed OIT pages with a few dated news items, all published; a compiled
round's results are published when the reports demo has compiled one. Loading again changes nothing."""

from __future__ import annotations

import datetime

from portal import selectors, services
from portal.models import Page, ResultPublication, Section

PAGES = [
    (Section.EXECUTIVES, "executives", "ข้อมูลผู้บริหาร",
     "## อธิบดี\n- นายตัวอย่าง ใจดี อธิบดีกรมส่งเสริมสหกรณ์\n\n## รองอธิบดี\n- นางสาวทดลอง มุ่งมั่น รองอธิบดี\n"
     "- นายสาธิต ตั้งใจ รองอธิบดี\n\nติดต่อผู้บริหารผ่านสำนักงานเลขานุการกรม"),
    (Section.DUTIES, "duties", "อำนาจหน้าที่",
     "ตามกฎกระทรวงแบ่งส่วนราชการกรมส่งเสริมสหกรณ์ กระทรวงเกษตรและสหกรณ์\n\n"
     "- ส่งเสริม พัฒนา และเผยแพร่ระบบสหกรณ์\n- รับจดทะเบียน ให้คำแนะนำ และกำกับดูแลสหกรณ์และกลุ่มเกษตรกร\n"
     "- ส่งเสริมการพัฒนาธุรกิจของสหกรณ์และกลุ่มเกษตรกร"),
    (Section.STRATEGY, "strategy", "แผนยุทธศาสตร์กรมส่งเสริมสหกรณ์",
     "แผนยุทธศาสตร์ระยะ ๕ ปี และแผนปฏิบัติราชการประจำปี\n\n## เป้าหมาย\n"
     "- สหกรณ์และกลุ่มเกษตรกรเข้มแข็ง พึ่งพาตนเองได้\n- สมาชิกมีคุณภาพชีวิตที่ดีขึ้น"),
    (Section.LAWS, "laws", "กฎหมายที่เกี่ยวข้อง",
     "- พระราชบัญญัติสหกรณ์ พ.ศ. ๒๕๔๒ และที่แก้ไขเพิ่มเติม\n"
     "- พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. ๒๕๕๘\n"
     "- พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐\n"
     "- ดูฉบับเต็มที่ [สำนักงานคณะกรรมการกฤษฎีกา](https://www.krisdika.go.th)"),
    (Section.QA, "qa", "ถาม-ตอบ",
     "## จะติดตามเรื่องร้องเรียนได้อย่างไร\nใช้รหัสติดตามที่ได้รับเมื่อยื่นเรื่อง ที่หน้าติดตามเรื่องร้องเรียน\n\n"
     "## ขอจดทะเบียนสหกรณ์ต้องใช้เอกสารใด\nดูคู่มือสำหรับประชาชนในหมวดคู่มือและมาตรฐานการให้บริการ\n\n"
     "มีคำถามเพิ่มเติม ส่งได้ทางไปรษณีย์อิเล็กทรอนิกส์ในหน้าข้อมูลการติดต่อ"),
    (Section.HR_POLICY, "hr-policy", "นโยบายการบริหารทรัพยากรบุคคล",
     "กรมมุ่งบริหารทรัพยากรบุคคลด้วยระบบคุณธรรม โปร่งใส ตรวจสอบได้\n\n"
     "- สรรหาและเลือกสรรอย่างเป็นธรรม\n- พัฒนาสมรรถนะบุคลากรอย่างต่อเนื่อง\n"
     "- ประเมินผลการปฏิบัติราชการตามผลสัมฤทธิ์ของงาน\n- ส่งเสริมคุณภาพชีวิตและความผูกพันของบุคลากร"),
]
NEWS = [
    ("news-2560-pledge", "กรมส่งเสริมสหกรณ์จัดกิจกรรมประกาศเจตนารมณ์ต่อต้านการทุจริต", datetime.date(2017, 2, 9),
     "ผู้บริหารและบุคลากรร่วมประกาศเจตนารมณ์ยึดมั่นความซื่อสัตย์สุจริตในการปฏิบัติราชการ"),
    ("news-2560-coi", "อบรมการป้องกันผลประโยชน์ทับซ้อนแก่บุคลากร", datetime.date(2017, 3, 15),
     "กองการเจ้าหน้าที่จัดอบรมการป้องกันผลประโยชน์ทับซ้อน มีผู้เข้าร่วมจากทุกหน่วยงานในส่วนกลาง"),
    ("news-2560-open", "เปิดช่องทางแจ้งเบาะแสการทุจริตออนไลน์", datetime.date(2017, 5, 2),
     "ประชาชนแจ้งเบาะแสได้ทางเว็บไซต์ โดยระบบปกปิดข้อมูลผู้แจ้ง และติดตามผลได้ด้วยรหัสติดตาม"),
]


def load(*, agency, plan) -> str:
    if Page.objects.filter(agency=agency).exists():
        return ""
    count = 0
    for order, (section, slug, title, body) in enumerate(PAGES):
        page = services.page_create(actor=None, agency=agency, section=section, slug=slug, title=title,
                                    body=body, sort_order=order, note="ข้อมูลตัวอย่าง")
        services.page_publish(actor=None, page=page)
        count += 1
    for slug, title, day, body in NEWS:
        page = services.page_create(actor=None, agency=agency, section=Section.NEWS, slug=slug, title=title,
                                    body=body, event_date=day, note="ข้อมูลตัวอย่าง")
        services.page_publish(actor=None, page=page)
        count += 1
    published = 0
    for round_, pub in selectors.rounds_to_publish(agency)[:1]:
        if pub is None and not ResultPublication.objects.filter(round=round_).exists():
            services.results_publish(actor=None, round_=round_, agency=agency, fmts=("docx",))
            published += 1
    extra = f" และผลการดำเนินงาน {published} รอบ" if published else ""
    return f"เว็บไซต์สาธารณะ: {count} หน้า (รวมข่าว {len(NEWS)} เรื่อง){extra}"
