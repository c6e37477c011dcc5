"""Demo complaints for `make run`: a handful of cases at different points of their life. Loading again adds
nothing. The tracking codes and secrets of the demo cases are written to DATA_DIR/demo-complaints.txt so the
public tracking page can be tried."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from complaints import services
from complaints.crypto import Identity
from complaints.models import Case, Category, Channel, Message, ProgressStage, Rating, Source, Timer
from complaints.services.intake import deadlines
from org.models import Unit

DEMO_REF = "ตัวอย่าง"


def _shift(case: Case, days: int) -> None:
    """Move a case and everything recorded about it `days` into the past, deadlines recomputed."""
    delta = dt.timedelta(days=days)
    received_on = case.received_on - delta
    acknowledge_due, answer_due = deadlines(case.standard, received_on)
    Case.objects.filter(pk=case.pk).update(
        received_on=received_on, received_at=F("received_at") - delta, acknowledge_due=acknowledge_due,
        answer_due=answer_due, acknowledged_at=F("acknowledged_at") - delta,
        answered_at=F("answered_at") - delta, closed_at=F("closed_at") - delta)
    Message.objects.filter(case=case).update(created_at=F("created_at") - delta)
    Rating.objects.filter(case=case).update(rated_at=F("rated_at") - delta)
    Timer.objects.filter(case=case).update(due_at=F("due_at") - delta)
    AuditEvent.objects.filter(object_type="complaints.Case",
                              object_id=str(case.pk)).update(at=F("at") - delta)


def _category(channel: str, name: str) -> Category | None:
    return Category.objects.filter(channel=channel, name=name).first()


@transaction.atomic
def load(*, agency, plan=None) -> str:
    if Case.objects.filter(agency=agency, external_ref__startswith=DEMO_REF).exists():
        return " ".join(filter(None, [_issued_reports(agency), _round_year(agency)]))
    services.standards_ensure(agency=agency)
    desk = User.objects.filter(username="complaints").first()
    custodian = User.objects.filter(username="custodian").first()
    if desk is None or custodian is None:
        return ""
    unit = {code: Unit.objects.get(code=code) for code in ("cpd-prov-13", "cpd-hr", "cpd-ia", "cpd-kpk")}
    stage = ProgressStage.objects.filter(agency=agency).order_by("sort_order").first()
    receipts = []

    def submit(channel, subject, details, *, identity=None, source=Source.WEB, category=""):
        actor = desk if source != Source.WEB else None
        receipt = services.case_submit(
            actor=actor, agency=agency, channel=channel, source=source, subject=subject, details=details,
            identity=identity or Identity(), category=_category(channel, category),
            external_ref=f"{DEMO_REF} {len(receipts) + 1}")
        receipts.append(receipt)
        return receipt.case

    overdue = submit(Channel.SERVICE, "ขอจดทะเบียนแก้ไขข้อบังคับสหกรณ์ล่าช้า",
                     "ยื่นคำขอจดทะเบียนแก้ไขข้อบังคับตั้งแต่ต้นเดือน ยังไม่ได้รับการติดต่อจากสำนักงาน",
                     identity=Identity(name="นางสาวสมใจ ตัวอย่าง", phone="081-000-0001"),
                     category="ความล่าช้าในการให้บริการ")
    services.case_assign(actor=desk, case=overdue, lead=unit["cpd-prov-13"])
    services.case_progress(actor=desk, case=overdue, stage=stage, note="ขอเอกสารประกอบจากสหกรณ์เพิ่มเติม")
    _shift(overdue, 20)

    closed = submit(Channel.SERVICE, "เจ้าหน้าที่ให้ข้อมูลการกู้เงินกองทุนไม่ครบ",
                    "โทรสอบถามเรื่องเงินกู้กองทุนพัฒนาสหกรณ์ได้รับข้อมูลไม่ครบถ้วน", source=Source.PHONE,
                    identity=Identity(name="นายมานะ ตัวอย่าง", phone="081-000-0002"),
                    category="พฤติกรรมการให้บริการของเจ้าหน้าที่")
    services.case_assign(actor=desk, case=closed, lead=unit["cpd-kpk"])
    services.case_answer(actor=desk, case=closed, reply="ชี้แจงหลักเกณฑ์การกู้เงินครบถ้วนและส่งเอกสารให้ทางไปรษณีย์แล้ว")
    services.case_rate(actor=desk, case=closed, score=5, comment="ได้รับคำตอบรวดเร็ว")
    _shift(closed, 10)

    investigating = submit(Channel.CORRUPTION, "การจัดซื้อวัสดุสำนักงานราคาสูงกว่าท้องตลาด",
                           "มีการจัดซื้อวัสดุสำนักงานจากร้านเดิมทุกครั้งในราคาสูงกว่าท้องตลาดมาก",
                           category="การจัดซื้อจัดจ้าง")
    services.case_assign(actor=custodian, case=investigating, lead=unit["cpd-hr"], co_owners=[unit["cpd-ia"]])
    _shift(investigating, 5)

    submit(Channel.CORRUPTION, "เรียกรับเงินเพื่ออำนวยความสะดวกในการตรวจสหกรณ์",
           "ผู้ตรวจการสหกรณ์เรียกรับเงินเพื่อไม่ให้บันทึกข้อบกพร่อง",
           identity=Identity(name="ผู้แจ้ง ตัวอย่าง", email="whistle@demo.invalid"),
           category="การเรียกรับสินบนหรือผลประโยชน์")

    forwarded = submit(Channel.SERVICE, "ขอให้ตรวจสอบงบการเงินของสหกรณ์",
                       "ขอให้ตรวจสอบบัญชีของสหกรณ์ที่เป็นสมาชิกอยู่", source=Source.LETTER,
                       category="การกำกับดูแลสหกรณ์")
    services.case_forward(actor=desk, case=forwarded, agency_name="กรมตรวจบัญชีสหกรณ์",
                          reason="การตรวจสอบบัญชีสหกรณ์เป็นอำนาจหน้าที่ของกรมตรวจบัญชีสหกรณ์")
    _shift(forwarded, 8)

    timed_out = submit(Channel.SERVICE, "ติดต่อสำนักงานทางโทรศัพท์ไม่ได้", "โทรติดต่อหลายครั้งไม่มีผู้รับสาย",
                       source=Source.HOTLINE_1111, category="ความล่าช้าในการให้บริการ")
    services.case_assign(actor=desk, case=timed_out, lead=unit["cpd-prov-13"])
    services.case_answer(actor=desk, case=timed_out, reply="ปรับปรุงระบบโทรศัพท์และกำหนดเวรรับสายแล้ว")
    _shift(timed_out, 35)
    services.timers_fire_due(now=timezone.now())

    acknowledged = submit(Channel.SERVICE, "แบบฟอร์มบนเว็บไซต์ดาวน์โหลดไม่ได้",
                          "ลิงก์แบบฟอร์มคำขอจดทะเบียนบนเว็บไซต์เปิดไม่ได้", category="ข้อมูลหรือเอกสารไม่ถูกต้อง")
    services.case_acknowledge(actor=desk, case=acknowledged)
    _shift(acknowledged, 2)

    _write_codes(receipts)
    issued = " ".join(filter(None, [_issued_reports(agency), _round_year(agency)]))
    return (f"เรื่องร้องเรียนตัวอย่าง {len(receipts)} เรื่อง (รหัสติดตามอยู่ใน demo-complaints.txt)"
            + (f" {issued}" if issued else ""))


def _issued_reports(agency) -> str:
    """The last two months' progress reports recorded as sent to the Director-General (plan ๔.๓), once."""
    from complaints.models import ReportIssue
    from complaints.services.issues import report_issue
    from core.thai import be_year

    desk = User.objects.filter(username="complaints").first()
    if desk is None or ReportIssue.objects.filter(agency=agency).exists():
        return ""
    today = timezone.localdate()
    month_end = today.replace(day=1) - dt.timedelta(days=1)
    made = 0
    for back in (1, 0):
        end = month_end if back == 0 else month_end.replace(day=1) - dt.timedelta(days=1)
        issued_on = min(today, end + dt.timedelta(days=5))
        report_issue(actor=desk, agency=agency, kind="monthly",
                     period={"year": be_year(end.year), "month": end.month}, issued_on=issued_on,
                     recipient="อธิบดีกรมส่งเสริมสหกรณ์", reference=f"กษ 1101/{end.month:02d}")
        made += 1
    return f"บันทึกการเสนอรายงานรายเดือนต่ออธิบดี {made} เดือน"


# The demo reporting round's year (reports.demo.FISCAL_YEAR; complaints may not import reports): its round 1
# stands at early April 2560, so what the year's records show is dated before that.
ROUND_FY = 2560


def _round_year(agency) -> str:
    """Fiscal year 2560: the yearly review of the complaint system, the monthly reports of October 2559 to
    March 2560 sent to the Director-General a few days after each month, and the first quarter's summary
    sent to the executive committee (plan 1.4.1, 1.4.3); once."""
    from complaints.models import ReportIssue
    from complaints.selectors import review_records
    from complaints.services.config import review_record
    from complaints.services.issues import report_issue

    desk = User.objects.filter(username="complaints").first()
    if desk is None or ReportIssue.objects.filter(agency=agency, fiscal_year=ROUND_FY).exists():
        return ""
    if not review_records(agency, ROUND_FY).exists():
        review_record(actor=desk, agency=agency, fiscal_year=ROUND_FY,
                      reviewed_on=dt.date(2016, 11, 22), reference="รายงานการประชุมคณะทำงาน ครั้งที่ 2/2559",
                      findings="ทบทวนช่องทางรับเรื่อง มาตรฐานระยะเวลา และคู่มือการจัดการเรื่องร้องเรียนแล้ว "
                               "ช่องทางครบถ้วน แต่ระยะเวลาตอบรับเรื่องทางไปรษณีย์เกินมาตรฐานบางเรื่อง",
                      changes="ปรับคู่มือให้ลงทะเบียนหนังสือร้องเรียนภายในวันที่ได้รับ และเพิ่มช่องทางรับเรื่องผ่านเว็บไซต์")
    months = [(2559, 10), (2559, 11), (2559, 12), (2560, 1), (2560, 2), (2560, 3)]
    for n, (year, month) in enumerate(months, start=1):
        ce = year - 543
        after = dt.date(ce + month // 12, month % 12 + 1, 1)
        report_issue(actor=desk, agency=agency, kind="monthly", period={"year": year, "month": month},
                     issued_on=after + dt.timedelta(days=2), recipient="อธิบดีกรมส่งเสริมสหกรณ์",
                     reference=f"กษ 1101/{n:02d}-2560")
    report_issue(actor=desk, agency=agency, kind="quarterly", period={"fy": ROUND_FY, "quarter": 1},
                 issued_on=dt.date(2017, 1, 17), recipient="คณะกรรมการบริหารกรม",
                 reference="วาระการประชุมคณะกรรมการบริหารกรม ครั้งที่ 1/2560")
    return f"ปีงบประมาณ {ROUND_FY}: ทบทวนระบบร้องเรียน รายงานรายเดือน {len(months)} เดือน และรายไตรมาส 1 ไตรมาส"


def _write_codes(receipts) -> None:
    path = Path(settings.DATA_DIR) / "demo-complaints.txt"
    with path.open("a", encoding="utf-8") as fh:
        for receipt in receipts:
            fh.write(f"{receipt.case.number}\t{receipt.tracking_code}\t{receipt.secret}\n")
    path.chmod(0o600)
