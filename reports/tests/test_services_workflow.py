import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import ApplicationError
from reports import services
from reports.models import Report, ReportSubmission, ReviewComment
from reports.tests.conftest import fill, report_of

pytestmark = pytest.mark.django_db


def test_draft_save_writes_rows_in_order_and_audits_the_change(open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    rows = [
        {"order": 2, "method": "ขั้นที่สอง", "result": "เสร็จ"},
        {"order": 1, "method": "ขั้นแรก", "period_text": "ต.ค. 2559", "result": "เสร็จ"},
        {
            "order": 3,
            "method": "",
            "period_text": "",
            "result": "",
            "evidence_note": "",
        },  # blank line is dropped
    ]
    report = fill(report, people["reporter"], rows=rows, problems="งบประมาณจำกัด")
    assert [r.method for r in report.rows.all()] == ["ขั้นแรก", "ขั้นที่สอง"]
    assert [r.order for r in report.rows.all()] == [1, 2]
    assert report.version == 1 and report.problems == "งบประมาณจำกัด"
    event = AuditEvent.objects.get(action="report.save", object_id=str(report.pk))
    assert event.new["rows"][0].startswith("1. ขั้นแรก")
    assert event.actor == people["reporter"]


def test_rows_are_updated_in_place_and_removed_rows_disappear(open_round, people):
    report = fill(
        report_of(open_round, "cpd-prov-13"),
        people["reporter"],
        rows=[{"method": "ก", "result": "1"}, {"method": "ข", "result": "2"}],
    )
    first, second = report.rows.all()
    report = services.report_save_draft(
        actor=people["reporter"],
        report=report,
        version=report.version,
        as_of=None,
        rows=[{"id": second.pk, "order": 1, "method": "ข แก้ไข", "result": "2"}],
    )
    assert list(report.rows.values_list("pk", "method")) == [(second.pk, "ข แก้ไข")]


def test_a_save_from_an_older_version_is_refused_not_merged(open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    seen_by_head = report.version
    fill(report, people["reporter"], rows=[{"method": "ของผู้รายงาน", "result": "ผล"}])
    with pytest.raises(ApplicationError) as exc:
        services.report_save_draft(
            actor=people["head"],
            report=report,
            version=seen_by_head,
            as_of=None,
            rows=[{"method": "ของหัวหน้า", "result": "ผล"}],
        )
    assert exc.value.extra["conflict"] is True
    report.refresh_from_db()
    assert [r.method for r in report.rows.all()] == ["ของผู้รายงาน"]


def test_reporter_cannot_write_another_units_report(open_round, people):
    report = report_of(open_round, "cpd-prov-01")
    with pytest.raises(PermissionDenied):
        fill(report, people["reporter"])
    assert not report.rows.exists()


def test_submit_requires_complete_rows_and_keeps_a_frozen_copy(open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], rows=[{"method": "ประชุม"}])
    with pytest.raises(ApplicationError, match="ผลการดำเนินงาน"):
        services.report_submit(actor=people["reporter"], report=report)
    report = fill(report, people["reporter"])
    report = services.report_submit(actor=people["reporter"], report=report, version=report.version)
    assert report.status == Report.Status.SUBMITTED
    submission = ReportSubmission.objects.get(report=report)
    assert submission.number == 1 and submission.data["rows"][0].startswith("1. ประชุมชี้แจง")
    with pytest.raises(ApplicationError, match="ส่งแล้ว"):
        services.report_submit(actor=people["reporter"], report=report)


def test_the_whole_review_loop_keeps_history(open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    report = services.report_submit(actor=people["reporter"], report=report)
    row = report.rows.get()
    report = services.report_return(
        actor=people["coordinator"],
        report=report,
        comment="กรุณาแนบรายงานการประชุม",
        row_comments={row.pk: "ระบุจำนวนผู้เข้าร่วม"},
    )
    assert report.status == Report.Status.RETURNED
    assert ReviewComment.objects.filter(report=report, resolved=False).count() == 2
    assert ReviewComment.objects.get(row=row).row_label.startswith("แถวที่ 1")
    report = fill(
        report, people["reporter"], rows=[{"id": row.pk, "method": row.method, "result": "ผู้เข้าร่วม ๔๕ คน"}]
    )
    report = services.report_submit(actor=people["reporter"], report=report)
    report = services.report_accept(actor=people["coordinator"], report=report, comment="ครบถ้วน")
    assert report.status == Report.Status.ACCEPTED
    assert not ReviewComment.objects.filter(report=report, resolved=False).exists()
    outcomes = list(report.submissions.values_list("number", "outcome"))
    assert outcomes == [(1, "returned"), (2, "accepted")]
    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk), object_type="reports.Report")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.save",
        "report.submit",
        "report.return",
        "report.save",
        "report.submit",
        "report.accept",
    ]


def test_returning_needs_a_comment_and_only_host_coordinators_review(open_round, people):
    report = services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    )
    with pytest.raises(ApplicationError, match="ความเห็น"):
        services.report_return(actor=people["coordinator"], report=report, comment="  ")
    # กพร.'s coordinator does not host activity t-2 (กกจ. does).
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=people["psdg_coordinator"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=people["other"], report=report)
    assert services.report_accept(actor=people["admin"], report=report).status == Report.Status.ACCEPTED


def test_the_submitter_cannot_review_their_own_report(open_round, people):
    from accounts.models import Role
    from accounts.services import role_assign
    from reports.tests.conftest import unit

    coordinator = people["coordinator"]
    role_assign(actor=None, user=coordinator, role=Role.REPORTER, unit=unit("cpd-hr"))
    summary = fill(report_of(open_round, "cpd-hr", "t-2", kind="host_summary"), coordinator)
    summary = services.report_submit(actor=coordinator, report=summary)
    with pytest.raises(ApplicationError, match="ของตนเอง"):
        services.report_accept(actor=coordinator, report=summary)
    assert services.report_accept(actor=people["admin"], report=summary).status == Report.Status.ACCEPTED


def test_endorsement_by_the_unit_head_comes_before_review(open_round, people):
    services.round_update(actor=people["admin"], round_=open_round, requires_endorsement=True)
    report = fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    report = services.report_submit(actor=people["reporter"], report=report)
    assert report.status == Report.Status.SUBMITTED
    with pytest.raises(ApplicationError, match="ขั้นตอน"):
        services.report_accept(actor=people["coordinator"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_endorse(actor=people["reporter"], report=report)
    report = services.report_endorse(actor=people["head"], report=report)
    assert report.status == Report.Status.ENDORSED
    assert services.report_accept(actor=people["coordinator"], report=report).status == Report.Status.ACCEPTED


def test_lock_and_reopen_by_the_plan_administrator(open_round, people):
    report = services.report_submit(
        actor=people["reporter"], report=fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    )
    report = services.report_accept(actor=people["coordinator"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_lock(actor=people["coordinator"], report=report)
    report = services.report_lock(actor=people["admin"], report=report)
    assert report.status == Report.Status.LOCKED
    with pytest.raises(ApplicationError):
        fill(report, people["reporter"])
    report = services.report_reopen(actor=people["admin"], report=report, reason="ตัวเลขไม่ตรงกับรายงานการประชุม")
    assert report.status == Report.Status.RETURNED
    assert report.comments.filter(text__contains="ตัวเลข").exists()


def test_closed_rounds_accept_nothing(open_round, people):
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"])
    services.round_close(actor=people["admin"], round_=open_round)
    with pytest.raises(ApplicationError, match="ไม่ได้เปิดรับ"):
        services.report_submit(actor=people["reporter"], report=report)


def test_as_of_cannot_be_in_the_future(open_round, people):
    with pytest.raises(ApplicationError, match="อนาคต"):
        fill(
            report_of(open_round, "cpd-prov-13"),
            people["reporter"],
            as_of=timezone.localdate() + datetime.timedelta(days=3),
        )


def test_a_report_without_its_as_of_date_is_not_sent_and_never_stamped_with_today(open_round, people):
    """An empty "ข้อมูล ณ วันที่" was silently stamped with the send date (2 Dec 2026 on a round due 2017)."""
    report = fill(report_of(open_round, "cpd-prov-13"), people["reporter"], as_of=None)
    with pytest.raises(ApplicationError, match="ข้อมูล ณ วันที่"):
        services.report_submit(actor=people["reporter"], report=report)
    report.refresh_from_db()
    assert report.as_of is None and report.status == Report.Status.DRAFT
    report = fill(report, people["reporter"], as_of=datetime.date(2017, 3, 31))
    assert services.report_submit(actor=people["reporter"], report=report).as_of == datetime.date(2017, 3, 31)


def test_indicator_results_are_kept_per_indicator_and_emptied_ones_removed(open_round, people):
    report = report_of(open_round, "cpd-prov-13", "t-2")
    done_ind, pct_ind = report.activity.indicators.order_by("sort_order")
    report = fill(
        report,
        people["reporter"],
        indicator_results={
            done_ind.pk: {"done": True, "event_date": datetime.date(2017, 3, 10)},
            pct_ind.pk: {"value": 95},
        },
    )
    assert report.indicator_results.count() == 2
    report = fill(report, people["reporter"], indicator_results={pct_ind.pk: {"value": None}})
    assert list(report.indicator_results.values_list("indicator_id", flat=True)) == [done_ind.pk]
    with pytest.raises(ApplicationError):
        fill(
            report,
            people["reporter"],
            indicator_results={
                report_of(open_round, "cpd-prov-13").activity.indicators.get().pk: {"count": 1}
            },
        )


def test_notifications_go_out_on_commit_in_thai(
    open_round, people, mailoutbox, django_capture_on_commit_callbacks
):
    report = fill(report_of(open_round, "cpd-prov-13", "t-2"), people["reporter"])
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=people["reporter"], report=report)
    assert [m.to for m in mailoutbox] == [[people["coordinator"].email]]
    assert "รอตรวจ" in mailoutbox[0].subject and "สำนักงานสหกรณ์จังหวัดเชียงใหม่" in mailoutbox[0].body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(actor=people["coordinator"], report=report, comment="เพิ่มหลักฐาน")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([people["reporter"].email, people["head"].email])
    assert "ส่งกลับแก้ไข" in mailoutbox[0].subject and "เพิ่มหลักฐาน" in mailoutbox[0].body


def _returned_with_two_row_comments(open_round, people):
    report = fill(
        report_of(open_round, "cpd-prov-13", "t-2"),
        people["reporter"],
        rows=[{"method": "ประชุมชี้แจง", "result": "จัดแล้ว"}, {"method": "ติดประกาศ", "result": "ติดแล้ว"}],
    )
    report = services.report_submit(actor=people["reporter"], report=report)
    first, second = report.rows.order_by("order")
    report = services.report_return(
        actor=people["coordinator"],
        report=report,
        row_comments={first.pk: "ระบุจำนวนผู้เข้าร่วม", second.pk: "ระบุสถานที่ติดประกาศ"},
    )
    return report, first, second


def test_resubmission_answers_only_the_comments_on_rows_that_changed(open_round, people):
    report, first, second = _returned_with_two_row_comments(open_round, people)
    report = fill(
        report,
        people["reporter"],
        rows=[
            {"id": first.pk, "method": first.method, "result": "จัดแล้ว ผู้เข้าร่วม ๔๕ คน"},
            {"id": second.pk, "method": second.method, "result": second.result},  # sent back as it was
        ],
    )
    report = services.report_submit(actor=people["reporter"], report=report)
    assert ReviewComment.objects.get(row=first).resolved is True
    untouched = ReviewComment.objects.get(row=second)
    assert untouched.resolved is False and untouched.resolved_at is None
    # Still shown to the reviewer beside the row and in the reporter's form after another return.
    event = AuditEvent.objects.filter(action="report.submit", object_id=str(report.pk)).latest("id")
    assert event.new["comments_answered"] == ["แถวที่ 1: ประชุมชี้แจง — ระบุจำนวนผู้เข้าร่วม"]
    assert event.new["comments_open"] == ["แถวที่ 2: ติดประกาศ — ระบุสถานที่ติดประกาศ"]


def test_a_removed_row_answers_its_comment_and_reordering_alone_does_not(open_round, people):
    report, first, second = _returned_with_two_row_comments(open_round, people)
    moved_up = {"id": second.pk, "order": 1, "method": second.method, "result": second.result}
    report = fill(report, people["reporter"], rows=[moved_up])
    services.report_submit(actor=people["reporter"], report=report)
    removed = ReviewComment.objects.get(text="ระบุจำนวนผู้เข้าร่วม")
    assert removed.row is None and removed.resolved is True
    assert ReviewComment.objects.get(row=second).resolved is False  # moved up to row 1, text unchanged


def test_submissions_frozen_without_row_ids_are_read_by_the_rows_number(open_round, people):
    report, first, second = _returned_with_two_row_comments(open_round, people)
    submission = report.submissions.get()
    del submission.data["row_texts"]  # as frozen before row ids were kept
    submission.save(update_fields=["data"])
    report = fill(
        report,
        people["reporter"],
        rows=[
            {"id": first.pk, "method": first.method, "result": first.result},
            {"id": second.pk, "method": "ติดประกาศที่บอร์ดสำนักงาน", "result": second.result},
        ],
    )
    services.report_submit(actor=people["reporter"], report=report)
    assert ReviewComment.objects.get(row=first).resolved is False
    assert ReviewComment.objects.get(row=second).resolved is True
