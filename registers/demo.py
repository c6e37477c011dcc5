"""Demo registers for fiscal year 2560: manuals and their reviews, the two internal control rounds (some
units late, some missing), the central units' healthy-workplace assessments and awards, and the publicity
log, so that the plan's computed indicators have something to compute."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from org.models import Unit
from registers import selectors
from registers.models import IcRound
from registers.services import icontrol, manuals, publicity, workplace

FY = 2560
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

PROCESSES = {
    "cpd-registrar": [("การรับจดทะเบียนจัดตั้งสหกรณ์", True), ("การรับจดทะเบียนข้อบังคับสหกรณ์", True)],
    "cpd-psdg": [("การพัฒนาระบบบริหารจัดการภาครัฐ (PMQA)", False)],
    "cpd-hr": [("การสรรหาและเลือกสรรบุคลากร", False)],
    "cpd-finance": [("การเบิกจ่ายเงินงบประมาณ", False)],
    "cpd-planning": [("การจัดทำแผนปฏิบัติราชการประจำปี", False)],
    "cpd-ict": [("การให้บริการระบบเครือข่ายสารสนเทศ", False)],
    "cpd-kpn": [("การส่งเสริมสหกรณ์ภาคนอกการเกษตร", False)],
    "cpd-slk": [("การรับ-ส่งหนังสือราชการ", False)],
    "cpd-prov-13": [("การรับจดทะเบียนสหกรณ์ระดับจังหวัด", True)],
}
# Units whose manuals were not reviewed in the year (the indicator lists them as missing).
NOT_REVIEWED = {"cpd-ict"}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _unit(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def _manuals() -> None:
    for code, processes in PROCESSES.items():
        unit = _unit(code)
        if unit is None:
            continue
        for i, (name, act) in enumerate(processes):
            process = manuals.process_save(actor=None, unit=unit, name=name, facilitation_act=act)
            kind = "citizen" if act else "manual"
            version = manuals.version_save(
                actor=None, process=process, document_type=kind, number="1", title=f"คู่มือ{name}",
                effective_on=D(2016, 3, 1), is_published=True, files=[_pdf(f"คู่มือ-{code}-{i + 1}.pdf")])
            if code in NOT_REVIEWED:
                continue
            manuals.review_save(actor=None, process=process, version=version, reviewed_on=D(2017, 2, 15 + i),
                                reviewer="คณะทำงานทบทวนคู่มือของหน่วยงาน", reviewer_position="ผู้อำนวยการหน่วยงาน",
                                findings="ขั้นตอนและระยะเวลายังเป็นไปตามคู่มือ")
    psdg = _unit("cpd-psdg")
    if psdg is not None:
        manuals.compliance_save(
            actor=None, unit=psdg, reported_on=D(2017, 9, 25),
            title="รายงานผลการปฏิบัติงานตามคู่มือ ปีงบประมาณ ๒๕๖๐",
            summary="หน่วยงานส่วนกลางปฏิบัติงานตามคู่มือกระบวนงานหลัก ร้อยละ ๙๐ ของกระบวนงาน",
            files=[_pdf("รายงานผลตามคู่มือ-2560.pdf")])


def _internal_control(agency: Unit) -> None:
    first = icontrol.round_save(actor=None, agency=agency, fiscal_year=FY, number=1, as_of=D(2017, 3, 31),
                                due_on=D(2017, 4, 30))
    second = icontrol.round_save(actor=None, agency=agency, fiscal_year=FY, number=2, as_of=D(2017, 9, 30),
                                 due_on=D(2017, 10, 31))
    units = selectors.ic_expected_units(agency)
    for n, unit in enumerate(units):
        late = n % 29 == 5
        icontrol.submission_save(actor=None, round_=first, unit=unit,
                                 submitted_on=D(2017, 5, 8) if late else D(2017, 4, 20 + n % 10),
                                 document_no=f"กษ ๑๑{n:02d}/ค.๑")
        if n % 23 == 7:
            continue  # has not sent round 2
        icontrol.submission_save(actor=None, round_=second, unit=unit, submitted_on=D(2017, 10, 16 + n % 14),
                                 document_no=f"กษ ๑๑{n:02d}/ค.๒")


def _workplace(agency: Unit) -> None:
    central = selectors.central_units(agency)
    for n, unit in enumerate(central):
        if n % 7 == 6:
            continue  # not assessed this year
        fails = n % 5 == 3
        assessment = workplace.assessment_save(
            actor=None, unit=unit, assessed_on=D(2017, 6, 1 + n), assessor="คณะกรรมการประเมินกองการเจ้าหน้าที่",
            clean=True, safe=not fails, environment=True, lively=True,
            note="ต้องปรับปรุงทางหนีไฟ" if fails else "")
        if not fails and n % 3 == 0:
            workplace.award_save(actor=None, assessment=assessment, name="สถานที่ทำงานน่าอยู่ น่าทำงาน",
                                 level="ระดับพื้นฐาน", awarded_by="กรมอนามัย", awarded_on=D(2017, 8, 20))


def _publicity(agency: Unit) -> None:
    psdg = _unit("cpd-psdg") or agency
    entries = [
        ("website", "", D(2016, 11, 1), "ประกาศเจตจำนงสุจริตของผู้บริหารกรมส่งเสริมสหกรณ์",
         "https://www.cpd.go.th/ita/intent-2560"),
        ("facebook", "", D(2016, 11, 2), "เชิญชวนบุคลากรร่วมแสดงเจตจำนงสุจริต",
         "https://www.facebook.com/cpd.go.th/posts/2560-integrity"),
        ("line", "", D(2016, 11, 2), "แจ้งเวียนนโยบายคุณธรรมและความโปร่งใสในกลุ่มไลน์ผู้บริหาร", ""),
        ("board", "", D(2016, 12, 9), "บอร์ดวันต่อต้านคอร์รัปชันสากล", ""),
        ("newspaper", "", D(2017, 1, 20), "ข่าวกรมส่งเสริมสหกรณ์ขับเคลื่อนองค์กรคุณธรรม",
         "https://www.example-news.co.th/2560/cpd-integrity"),
        ("other", "สถานีวิทยุกระจายเสียงแห่งประเทศไทย", D(2017, 3, 3), "สัมภาษณ์อธิบดีเรื่องความโปร่งใส",
         "https://www.prd.go.th/radio/cpd-2560"),
    ]
    for channel, other, day, title, link in entries:
        files = [] if link else [_pdf(f"ภาพ-{channel}.pdf")]
        publicity.entry_save(actor=None, unit=psdg, channel=channel, channel_other=other, published_on=day,
                             title=title, link=link, files=files)


@transaction.atomic
def load(*, agency, plan) -> str:
    if IcRound.objects.filter(agency=agency, fiscal_year=FY).exists():
        return ""
    _manuals()
    _internal_control(agency)
    _workplace(agency)
    _publicity(agency)
    return "ทะเบียนคู่มือ รายงานการควบคุมภายใน สถานที่ทำงานน่าอยู่ และการประชาสัมพันธ์ ปีงบประมาณ ๒๕๖๐"
