"""The registers' services: each rule of its regulation, the audit entry, the files, and the scope of the
person writing (a unit's officer cannot touch another unit's records)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from core.errors import ApplicationError
from registers.models import ManualVersion
from registers.services import icontrol, manuals, publicity, workplace
from registers.tests.conftest import pdf, unit

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_manual_is_published_only_with_a_file_and_its_review_sets_the_fiscal_year(officer):
    process = manuals.process_save(actor=officer, unit=unit("cpd-registrar"), name="การรับจดทะเบียนสหกรณ์",
                                   facilitation_act=True)
    with pytest.raises(ApplicationError, match="แนบไฟล์"):
        manuals.version_save(actor=officer, process=process, document_type="citizen", number="1",
                             title="คู่มือสำหรับประชาชน", effective_on=D(2016, 3, 1), is_published=True)
    assert not ManualVersion.objects.exists()  # the refused publication kept nothing
    version = manuals.version_save(actor=officer, process=process, document_type="citizen", number="1",
                                   title="คู่มือสำหรับประชาชน", effective_on=D(2016, 3, 1), is_published=True,
                                   files=[pdf()])
    assert version.published_at is not None and version.files.count() == 1
    review = manuals.review_save(actor=officer, process=process, reviewed_on=D(2016, 10, 3),
                                 reviewer="นายทะเบียน", version=version)
    assert review.fiscal_year == 2560  # October belongs to the next fiscal year
    with pytest.raises(ApplicationError, match="ฉบับใหม่"):
        manuals.review_save(actor=officer, process=process, reviewed_on=D(2017, 1, 3), reviewer="ผอ.",
                            outcome="revised")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"registers.process_save", "registers.version_save", "registers.version_publish",
            "registers.file_add", "registers.review_save"} <= actions
    with pytest.raises(ApplicationError, match="มีกระบวนงาน"):
        manuals.process_save(actor=officer, unit=process.unit, name="การรับจดทะเบียนสหกรณ์")


def test_a_file_that_is_not_what_its_name_says_is_refused(officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    process = manuals.process_save(actor=officer, unit=unit("cpd-hr"), name="การสรรหา")
    fake = SimpleUploadedFile("คู่มือ.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError):
        manuals.version_save(actor=officer, process=process, document_type="manual", number="1", title="คู่มือ",
                             effective_on=D(2017, 1, 1), files=[fake])
    assert not ManualVersion.objects.exists()


def test_internal_control_refuses_a_second_report_of_the_same_round(officer, agency):
    round_ = icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=1,
                                 as_of=D(2017, 3, 31), due_on=D(2017, 4, 30))
    with pytest.raises(ApplicationError, match="มีรอบที่ 1"):
        icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=1, as_of=D(2017, 3, 31),
                            due_on=D(2017, 4, 30))
    with pytest.raises(ApplicationError, match="ต้องอยู่ในปีงบประมาณ"):
        icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=2, as_of=D(2017, 10, 31),
                            due_on=D(2017, 11, 30))
    sent = icontrol.submission_save(actor=officer, round_=round_, unit=unit("cpd-hr"),
                                    submitted_on=D(2017, 5, 2), files=[pdf("ควบคุมภายใน.pdf")])
    assert sent.is_late and sent.files.count() == 1
    with pytest.raises(ApplicationError, match="ส่งรายงาน"):
        icontrol.submission_save(actor=officer, round_=round_, unit=unit("cpd-hr"),
                                 submitted_on=D(2017, 4, 2))


def test_an_award_needs_all_four_criteria_passed(hr_officer):
    failing = workplace.assessment_save(actor=hr_officer, unit=unit("cpd-finance"), assessed_on=D(2017, 6, 1),
                                        assessor="คณะกรรมการ", clean=True, safe=True, environment=False,
                                        lively=True)
    assert failing.fiscal_year == 2560 and not failing.passed
    with pytest.raises(ApplicationError, match="ครบทั้ง ๔ ด้าน"):
        workplace.award_save(actor=hr_officer, assessment=failing, name="รางวัล", awarded_on=D(2017, 8, 1))
    with pytest.raises(ApplicationError, match="มีผลการประเมินปีงบประมาณ 2560"):
        workplace.assessment_save(actor=hr_officer, unit=unit("cpd-finance"), assessed_on=D(2017, 7, 1),
                                  assessor="คณะกรรมการ", clean=True, safe=True, environment=True, lively=True)


def test_publicity_needs_a_link_or_a_photo_and_names_an_other_channel(planadmin):
    psdg = unit("cpd-psdg")
    with pytest.raises(ApplicationError, match="ลิงก์หรือแนบภาพ"):
        publicity.entry_save(actor=planadmin, unit=psdg, channel="tv", published_on=D(2017, 1, 1),
                             title="ข่าว")
    with pytest.raises(ApplicationError, match="ระบุชื่อช่องทาง") as refused:
        publicity.entry_save(actor=planadmin, unit=psdg, channel="other", published_on=D(2017, 1, 1),
                             title="ข่าว", link="https://example.org/a")
    assert refused.value.field == "channel_other"
    with pytest.raises(ApplicationError, match="http") as refused:
        publicity.entry_save(actor=planadmin, unit=psdg, channel="website", published_on=D(2017, 1, 1),
                             title="ข่าว", link="javascript:alert(1)")
    assert refused.value.field == "link"
    entry = publicity.entry_save(actor=planadmin, unit=psdg, channel="website", published_on=D(2017, 1, 1),
                                 title="ประกาศเจตจำนง", link="https://example.org/a")
    assert entry.fiscal_year == 2560 and entry.channel_label == "เว็บไซต์"


# ------------------------------------------------------------------ scope
def test_a_units_reporter_keeps_only_its_own_units_records(reporter_cm, reporter_hr, officer, agency):
    cm, hr = unit("cpd-prov-13"), unit("cpd-hr")
    own = manuals.process_save(actor=reporter_cm, unit=cm, name="การรับจดทะเบียนระดับจังหวัด")
    with pytest.raises(PermissionDenied):
        manuals.process_save(actor=reporter_cm, unit=hr, name="งานของกองอื่น")
    other = manuals.process_save(actor=reporter_hr, unit=hr, name="การสรรหา")
    with pytest.raises(PermissionDenied):
        manuals.review_save(actor=reporter_cm, process=other, reviewed_on=D(2017, 1, 5), reviewer="ผู้อื่น")
    with pytest.raises(PermissionDenied):  # nor move its own record into another unit
        manuals.process_save(actor=reporter_cm, process=own, unit=hr, name=own.name)
    round_ = icontrol.round_save(actor=officer, agency=agency, fiscal_year=2560, number=1,
                                 as_of=D(2017, 3, 31), due_on=D(2017, 4, 30))
    with pytest.raises(PermissionDenied):
        icontrol.round_save(actor=reporter_cm, agency=agency, fiscal_year=2560, number=2,
                            as_of=D(2017, 9, 30), due_on=D(2017, 10, 31))
    icontrol.submission_save(actor=reporter_cm, round_=round_, unit=cm, submitted_on=D(2017, 4, 10))
    with pytest.raises(PermissionDenied):
        icontrol.submission_save(actor=reporter_cm, round_=round_, unit=hr, submitted_on=D(2017, 4, 10))
    with pytest.raises(PermissionDenied):  # healthy workplace is the HR officers'
        workplace.assessment_save(actor=reporter_cm, unit=cm, assessed_on=D(2017, 6, 1), assessor="x",
                                  clean=True, safe=True, environment=True, lively=True)
    with pytest.raises(PermissionDenied):  # the publicity log is the plan administrators'
        publicity.entry_save(actor=reporter_cm, unit=cm, channel="website", published_on=D(2017, 1, 1),
                             title="ข่าว", link="https://example.org/a")


def test_the_report_rows_come_from_the_registers(officer, hr_officer):
    from registers.prefill import rows_for

    hr = unit("cpd-hr")
    process = manuals.process_save(actor=officer, unit=hr, name="การสรรหา")
    manuals.review_save(actor=officer, process=process, reviewed_on=D(2017, 2, 1), reviewer="ผอ.กกจ.")
    rows = rows_for(unit=hr, activity_key="1.1.1-a", fiscal_year=2560)
    assert rows == [{"method": "ทบทวนคู่มือ/มาตรฐานกระบวนงานการสรรหา", "period_text": "1 กุมภาพันธ์ 2560",
                     "result": "ทบทวนแล้ว ยังใช้ฉบับเดิม โดย ผอ.กกจ.", "evidence_note": "ทะเบียนคู่มือ"}]
    assert rows_for(unit=hr, activity_key="1.1.1-a", fiscal_year=2561) == []
    assert rows_for(unit=hr, activity_key="2.1-a", fiscal_year=2560) == []
