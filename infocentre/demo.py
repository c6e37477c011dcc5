"""Demo data of the information centre: catalogue items across the Act's categories (FY 2560 and this year),
two units' link-backs, requests in different states and two consultations (one closed, with answers)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from infocentre import participation, services
from infocentre.models import Comment, Consultation, Document, InfoRequest, LinkBack
from org.models import Unit

ITEMS = [
    ("s7", "(๑)", "cpd-psdg", "โครงสร้างและการจัดองค์กรในการดำเนินงานของกรมส่งเสริมสหกรณ์",
     "โครงสร้างส่วนราชการ กอง ศูนย์ และสำนักงานสหกรณ์จังหวัด"),
    ("s7", "(๒)", "cpd-psdg", "อำนาจหน้าที่และวิธีดำเนินงาน",
     "การส่งเสริมสหกรณ์และกลุ่มเกษตรกร การกำกับดูแลและตรวจการสหกรณ์"),
    ("s7", "(๓)", "cpd-ict", "สถานที่ติดต่อเพื่อขอรับข้อมูลข่าวสาร", "ศูนย์ข้อมูลข่าวสาร อาคารกรมส่งเสริมสหกรณ์ เวลาราชการ"),
    ("s7", "(๔)", "cpd-hr", "ระเบียบว่าด้วยการลาของข้าราชการ", "ระเบียบและหนังสือเวียนที่มีผลเป็นการทั่วไป"),
    ("s9", "(๑)", "cpd-finance", "ผลการพิจารณาจัดซื้อจัดจ้างประจำเดือน (สขร.1)",
     "สรุปผลการดำเนินการจัดซื้อจัดจ้างของกองคลัง"),
    ("s9", "(๓)", "cpd-psdg", "แผนปฏิบัติราชการประจำปี",
     "แผนงาน โครงการ และงบประมาณรายจ่ายประจำปี การส่งเสริมสหกรณ์การเกษตร"),
    ("s9", "(๓)", "cpd-prov-13", "โครงการส่งเสริมสหกรณ์การเกษตรจังหวัดเชียงใหม่",
     "การส่งเสริมสหกรณ์การเกษตรและกลุ่มเกษตรกรในจังหวัดเชียงใหม่"),
    ("s9", "(๔)", "cpd-hr", "คู่มือการปฏิบัติงานด้านการบริหารทรัพยากรบุคคล",
     "คู่มือการปฏิบัติงานที่กระทบสิทธิหน้าที่ของเอกชน"),
    ("s9", "(๖)", "cpd-finance", "สัญญาเช่าพื้นที่ร้านค้าสวัสดิการ", "สัญญาที่มีลักษณะเป็นการร่วมทุนกับเอกชน"),
    ("s9", "(๗)", "cpd-psdg", "มติคณะกรรมการพัฒนาการสหกรณ์แห่งชาติ", "มติคณะกรรมการที่แต่งตั้งโดยกฎหมาย"),
    ("other", "", "cpd-ict", "รายงานสถิติการให้บริการข้อมูลข่าวสาร", "สถิติผู้ขอข้อมูลข่าวสารรายเดือน"),
    ("other", "", "cpd-ia", "รายงานผลการตรวจสอบภายใน", "สรุปผลการตรวจสอบภายในประจำปี"),
    ("other", "", "cpd-slk", "รายงานผลการจัดการเรื่องร้องเรียน", "สรุปเรื่องร้องเรียนและผลการดำเนินการ"),
    ("other", "", "cpd-prov-13", "ความรู้เรื่องการบัญชีสหกรณ์", "การจัดทำบัญชีสหกรณ์ออมทรัพย์และสหกรณ์การเกษตร"),
    ("other", "", "cpd-ict", "ความรู้ใหม่: การใช้บริการอิเล็กทรอนิกส์ของกรม", "บริการอิเล็กทรอนิกส์และการยื่นคำขอออนไลน์"),
]


def load(*, agency, plan) -> str:
    if Document.objects.filter(agency=agency).exists():
        return ""
    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.filter(code__in={i[2] for i in ITEMS} | {"cpd-ict"})}
    for n, (category, clause, code, title, text) in enumerate(ITEMS):
        if code not in units:
            continue
        day = dt.date(2017, 1 + n % 9, 5) if n % 2 == 0 else today - dt.timedelta(days=n * 7)
        doc = services.document_submit(actor=None, agency=agency, unit=units[code], category=category,
                                       clause=clause, title=title, text=text, doc_date=day)
        Document.objects.filter(pk=doc.pk).update(submitted_on=day)
        if n != len(ITEMS) - 1:  # the last one waits in the ICT centre's queue
            services.document_publish(actor=None, document=doc, on=day)
    for code in ("cpd-ict", "cpd-prov-13"):
        if code in units:
            LinkBack.objects.get_or_create(unit=units[code], defaults={
                "url": "https://www.cpd.go.th/", "recorded_on": today})
    subjects = ["สำเนาแผนปฏิบัติราชการประจำปี", "ผลการจัดซื้อจัดจ้างโครงการก่อสร้าง", "รายชื่อสหกรณ์ในจังหวัด",
                "ข้อมูลงบประมาณโครงการ", "สำเนาหนังสือร้องเรียนของผู้อื่น"]
    made = []
    for n, subject in enumerate(subjects):
        received_on = dt.date(2017, 3, 1 + n) if n < 2 else today - dt.timedelta(days=n)
        receipt = services.request_receive(agency=agency, name=f"ผู้ขอทดลอง {n + 1}",
                                           contact=f"demo{n + 1}@example.test",
                                           subject=subject, limit=0, received_on=received_on)
        made.append(receipt.request)
    services.request_reply(actor=None, request=made[0], reply="ส่งสำเนาทางอีเมลแล้ว", on=dt.date(2017, 3, 10))
    services.request_refuse(actor=None, request=made[4], ground="s15_5", reason="เป็นข้อมูลส่วนบุคคลของผู้ร้องเรียน")
    services.request_extend(actor=None, request=made[2], days=15, reason="ต้องรวบรวมจากสำนักงานสหกรณ์จังหวัด")
    ict = units["cpd-ict"]
    closed = participation.consultation_save(
        actor=None, unit=ict, title="ร่างแผนพัฒนาเว็บไซต์กรม พ.ศ. ๒๕๖๐", summary="ปรับปรุงเว็บไซต์ให้ค้นหาข้อมูลได้ง่าย",
        questions="ควรเพิ่มบริการใด", opens_on=dt.date(2017, 2, 1), closes_on=dt.date(2017, 2, 28))
    Comment.objects.create(consultation=closed, text="ควรค้นหาภาษาไทยได้ดีขึ้น", submitted_on=dt.date(2017, 2, 5),
                           state=Comment.State.PUBLISHED)
    Comment.objects.create(consultation=closed, text="(ข้อความที่ไม่เผยแพร่)", submitted_on=dt.date(2017, 2, 6),
                           state=Comment.State.REJECTED, moderation_reason="มีข้อมูลส่วนบุคคล")
    participation.response_add(actor=None, consultation=closed, theme="การค้นหา",
                               response="พัฒนาระบบค้นหาที่ตัดคำภาษาไทย", change="เพิ่มในแผนระยะที่ ๑")
    Consultation.objects.filter(pk=closed.pk).update(outcome="เพิ่มการค้นหาภาษาไทยในแผน",
                                                     responses_published_on=dt.date(2017, 3, 15))
    participation.consultation_save(
        actor=None, unit=ict, title="ร่างโครงการบริการข้อมูลข่าวสารออนไลน์", summary="ให้ยื่นคำขอข้อมูลข่าวสารออนไลน์",
        opens_on=today - dt.timedelta(days=3), closes_on=today + dt.timedelta(days=27))
    return f"ศูนย์ข้อมูลข่าวสาร: {Document.objects.filter(agency=agency).count()} รายการ, " \
           f"คำขอ {InfoRequest.objects.count()} เรื่อง, รับฟังความคิดเห็น 2 เรื่อง"
