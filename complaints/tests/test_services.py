import datetime as dt
import re

import pytest
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.models import AuditEvent
from complaints import services
from complaints.crypto import decrypt_identity
from complaints.models import Case, Channel, Message, Rating, Source, Status, Timer
from core.errors import ApplicationError
from org.models import Unit

pytestmark = pytest.mark.django_db


def unit(code):
    return Unit.objects.get(code=code)


def test_public_submission_gives_a_receipt_and_keeps_only_a_hash_of_the_secret(submit, identity):
    receipt = submit()
    case = receipt.case
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", receipt.tracking_code)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", receipt.secret)
    assert receipt.secret not in case.secret_hash and check_password(receipt.secret, case.secret_hash)
    assert re.fullmatch(r"ร\.25\d\d/0001", case.number)
    assert case.unit.code == "cpd-slk" and case.status == Status.RECEIVED and case.source == Source.WEB
    assert identity.name not in case.identity_token and decrypt_identity(case.identity_token) == identity
    assert case.acknowledge_due > case.received_on
    assert case.answer_due >= case.received_on + dt.timedelta(days=15)
    event = AuditEvent.objects.get(action="complaint.receive")
    assert event.actor_label == "ผู้ใช้ทั่วไป" and event.object_label == case.number
    assert identity.name not in str(event.new) + event.note


def test_numbers_run_per_channel_and_corruption_reports_go_to_the_discipline_group(submit):
    first, second = submit().case, submit().case
    report = submit(channel=Channel.CORRUPTION).case
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1
    assert report.number.startswith("ท.") and report.number.endswith("/0001")
    assert report.unit.code == "cpd-hr-discipline"


def test_anonymous_report_has_no_identity(submit):
    from complaints.crypto import Identity

    case = submit(channel=Channel.CORRUPTION, identity=Identity()).case
    assert case.identity_token == "" and not case.has_identity


def test_timers_are_scheduled_at_receipt(submit):
    case = submit().case
    kinds = set(case.timers.values_list("kind", flat=True))
    assert kinds == {Timer.Kind.ACK_REMIND, Timer.Kind.ACK_ESCALATE, Timer.Kind.ANSWER_REMIND,
                     Timer.Kind.ANSWER_ESCALATE}


def test_new_case_mail_goes_to_the_desk_without_subject_or_identity(submit, officer, custodian, identity,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(subject="เจ้าหน้าที่เรียกเงินใต้โต๊ะ", channel=Channel.CORRUPTION).case
    assert [m.to for m in mail.outbox] == [[custodian.email]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert case.number in body and "เรียกเงิน" not in body and identity.name not in body


def test_full_life_of_a_confidential_report(submit, officer, custodian, handler,
                                            django_capture_on_commit_callbacks):
    case = submit(channel=Channel.CORRUPTION).case
    with pytest.raises(PermissionDenied):
        services.case_acknowledge(actor=officer, case=case)  # confidential: the custodian triages
    with pytest.raises(PermissionDenied):
        services.case_answer(actor=handler, case=case, reply="ยังไม่ได้รับมอบหมาย")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_assign(actor=custodian, case=case, lead=unit("cpd-prov-13"), co_owners=[unit("cpd-hr")])
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.acknowledged_at is not None
    # The province's own officer, and for กกจ. (no officer of its own) the department-wide desk; one mail
    # each.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([handler.email, officer.email])
    services.case_progress(actor=handler, case=case, stage=None, note="ตรวจสอบเอกสารการเบิกจ่าย")
    with pytest.raises(ApplicationError):
        services.case_answer(actor=handler, case=case, reply="สั้น")
    services.case_answer(actor=handler, case=case, reply="ตรวจสอบแล้วพบมูล ได้ตั้งกรรมการสอบสวนวินัย")
    case.refresh_from_db()
    assert case.status == Status.ANSWERED and case.answered_at is not None
    assert case.timers.filter(kind=Timer.Kind.AUTO_CLOSE).exists()
    services.citizen_rate(case=case, score=4, comment="รวดเร็ว")
    case.refresh_from_db()
    assert case.status == Status.CLOSED and Rating.objects.get(case=case).score == 4
    services.case_reopen(actor=custodian, case=case, reason="ผู้แจ้งส่งหลักฐานใหม่")
    case.refresh_from_db()
    assert case.status == Status.REOPENED and case.cycle == 2 and case.answered_at is None
    actions = list(AuditEvent.objects.filter(object_type="complaints.Case", object_id=str(case.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["complaint.receive", "complaint.acknowledge", "complaint.assign", "complaint.progress",
                       "complaint.answer", "complaint.rate", "complaint.close", "complaint.reopen"]


def test_guards_refuse_moves_from_the_wrong_status(submit, officer):
    case = submit().case
    with pytest.raises(ApplicationError, match="รับเรื่องแล้ว"):
        services.case_answer(actor=officer, case=case, reply="ตอบก่อนมอบหมายไม่ได้ครับ")
    services.case_acknowledge(actor=officer, case=case)
    with pytest.raises(ApplicationError):
        services.case_acknowledge(actor=officer, case=case)
    with pytest.raises(ApplicationError):
        services.case_rate(case=case, score=5)


def test_dismissals_need_a_reason_the_complainant_can_read(submit, officer):
    original, copy = submit().case, submit().case
    with pytest.raises(ApplicationError):
        services.case_dismiss(actor=officer, case=copy, outcome=Status.DUPLICATE, reason="")
    with pytest.raises(ApplicationError):
        services.case_dismiss(actor=officer, case=copy, outcome=Status.DUPLICATE, reason="ซ้ำกับเรื่องเดิม")
    services.case_dismiss(actor=officer, case=copy, outcome=Status.DUPLICATE, reason="ซ้ำกับเรื่องเดิม",
                          duplicate_of=original)
    copy.refresh_from_db()
    assert copy.status == Status.DUPLICATE and copy.duplicate_of == original and copy.answered_at
    assert Message.objects.get(case=copy, kind=Message.Kind.OUTCOME).text.endswith("ซ้ำกับเรื่องเดิม")
    with pytest.raises(ApplicationError):
        services.case_assign(actor=officer, case=copy, lead=unit("cpd-hr"))


def test_forwarding_ends_the_case_with_the_agency_named(submit, officer):
    case = submit().case
    services.case_forward(actor=officer, case=case, agency_name="กรมตรวจบัญชีสหกรณ์",
                          reason="เป็นเรื่องการสอบบัญชีสหกรณ์")
    case.refresh_from_db()
    assert case.status == Status.FORWARDED and case.forwarded_to == "กรมตรวจบัญชีสหกรณ์" and case.closed_at


def test_staff_entry_from_the_1111_hotline(agency, officer, reporter):
    case = services.case_submit(actor=officer, agency=agency, channel=Channel.SERVICE,
                                source=Source.HOTLINE_1111,
                                unit=unit("cpd-slk"), received_on=timezone.localdate() - dt.timedelta(days=2),
                                external_ref="1111-680001", subject="โทรแจ้งผ่านสายด่วน",
                                details="ผู้ร้องแจ้งว่าติดต่อสำนักงานไม่ได้", identity=decrypt_identity("")).case
    assert case.source == Source.HOTLINE_1111 and case.created_by == officer
    assert case.external_ref == "1111-680001"
    with pytest.raises(PermissionDenied):
        services.case_submit(actor=reporter, agency=agency, channel=Channel.SERVICE, source=Source.PHONE,
                             subject="x", details="รายละเอียดเพียงพอ", identity=decrypt_identity(""))
    with pytest.raises(ApplicationError):
        services.case_submit(actor=officer, agency=agency, channel=Channel.SERVICE, source=Source.LETTER,
                             received_on=timezone.localdate() + dt.timedelta(days=1), subject="อนาคต",
                             details="วันที่รับเรื่องในอนาคต", identity=decrypt_identity(""))


def test_identity_is_revealed_to_the_custodian_with_a_reason_and_audited(submit, custodian, officer, handler,
                                                                         identity):
    case = submit(channel=Channel.CORRUPTION).case
    with pytest.raises(PermissionDenied):
        services.identity_reveal(actor=officer, case=case, reason="อยากทราบว่าใครแจ้งเรื่องนี้")
    with pytest.raises(ApplicationError):
        services.identity_reveal(actor=custodian, case=case, reason="ดู")
    shown = services.identity_reveal(actor=custodian, case=case, reason="ศาลมีหมายเรียกพยานบุคคล")
    assert shown == identity
    event = AuditEvent.objects.get(action="complaint.identity_view")
    assert event.actor == custodian and "หมายเรียก" in event.note and identity.name not in event.note


def test_service_complaint_contact_is_open_to_its_handlers(submit, officer, handler, identity):
    case = submit().case
    with pytest.raises(PermissionDenied):
        services.identity_reveal(actor=handler, case=case, reason="")
    services.case_assign(actor=officer, case=case, lead=unit("cpd-prov-13"))
    assert services.identity_reveal(actor=handler, case=case, reason="").phone == identity.phone


def test_timers_fire_exactly_once_and_only_when_still_needed(submit, officer, make_user,
                                                             django_capture_on_commit_callbacks):
    head = make_user("head.slk", "cpd-slk", ("unit_head", "cpd-slk"))
    case = submit().case
    escalate = case.timers.get(kind=Timer.Kind.ACK_ESCALATE)
    assert services.timer_fire(timer_id=escalate.pk,
                               now=escalate.due_at - dt.timedelta(minutes=1)) == "skipped"
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.timers_fire_due(now=escalate.due_at)
    assert counts == {"reminded": 1, "escalated": 1}
    assert services.timer_fire(timer_id=escalate.pk, now=escalate.due_at) == "skipped"
    case.refresh_from_db()
    assert case.escalated_at is not None
    assert {tuple(m.to) for m in mail.outbox} >= {(head.email,), (officer.email,)}
    assert AuditEvent.objects.filter(action="complaint.escalate", object_id=str(case.pk)).count() == 1


def test_answer_timers_do_nothing_once_the_complainant_has_the_answer(submit, officer):
    case = submit().case
    services.case_assign(actor=officer, case=case, lead=unit("cpd-hr"))
    services.case_answer(actor=officer, case=case, reply="ดำเนินการจดทะเบียนให้แล้วเสร็จ")
    late = case.timers.get(kind=Timer.Kind.ANSWER_ESCALATE)
    assert services.timer_fire(timer_id=late.pk, now=late.due_at) == "not_needed"


def test_unrated_answers_close_when_the_rating_period_runs_out(submit, officer):
    case = submit().case
    services.case_assign(actor=officer, case=case, lead=unit("cpd-hr"))
    services.case_answer(actor=officer, case=case, reply="ดำเนินการจดทะเบียนให้แล้วเสร็จ")
    close = case.timers.get(kind=Timer.Kind.AUTO_CLOSE)
    assert close.due_at - Case.objects.get(pk=case.pk).answered_at == dt.timedelta(days=15)
    assert services.timers_fire_due(now=close.due_at)["closed"] == 1
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.closed_by_timeout


def test_reopened_case_ignores_timers_of_the_previous_round(submit, officer):
    case = submit().case
    services.case_assign(actor=officer, case=case, lead=unit("cpd-hr"))
    services.case_answer(actor=officer, case=case, reply="ดำเนินการจดทะเบียนให้แล้วเสร็จ")
    services.case_reopen(actor=officer, case=case, reason="ผู้ร้องแจ้งว่ายังไม่ได้รับเอกสาร")
    old_close = case.timers.get(kind=Timer.Kind.AUTO_CLOSE, cycle=1)
    assert services.timer_fire(timer_id=old_close.pk, now=old_close.due_at) == "not_needed"
    assert case.timers.filter(kind=Timer.Kind.ANSWER_ESCALATE, cycle=2).exists()


def test_complainant_is_mailed_news_but_never_the_answer(submit, officer, identity,
                                                          django_capture_on_commit_callbacks):
    case = submit().case
    services.case_assign(actor=officer, case=case, lead=unit("cpd-hr"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.case_answer(actor=officer, case=case, reply="คำตอบที่เป็นรายละเอียดเฉพาะเรื่อง")
    sent = [m for m in mail.outbox if m.to == [identity.email]]
    assert len(sent) == 1 and case.tracking_code in sent[0].body and "รายละเอียดเฉพาะเรื่อง" not in sent[0].body


def test_confidential_reporters_get_no_mail(submit, custodian, identity, django_capture_on_commit_callbacks):
    case = submit(channel=Channel.CORRUPTION).case
    with django_capture_on_commit_callbacks(execute=True):
        services.case_acknowledge(actor=custodian, case=case)
    assert all(identity.email not in m.to for m in mail.outbox)


def test_timers_are_queued_for_their_due_time_with_ids_only(submit, settings, identity,
                                                              django_capture_on_commit_callbacks):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = submit().case
    queued = {r.args[0]: r.task.run_after
              for r in default_task_backend.results if r.task.name == "timer_fire"}
    assert queued == {t.pk: t.due_at for t in case.timers.all()}
    stored = repr([(r.args, r.kwargs) for r in default_task_backend.results])
    assert identity.email not in stored and identity.name not in stored
