"""The life of a report: draft → submitted → (endorsed) → accepted or returned → locked.

Each function checks the report's state and the policy, changes the state, writes the audit entry and
enqueues the notification once the transaction commits. A save based on an older version of the report is
refused, never merged silently.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from core.errors import ApplicationError
from core.thai import format_be
from reports.models import (
    REPORT_MAX_CHARS,
    TEXT_MAX_CHARS,
    Report,
    ReportRow,
    ReportSubmission,
    ReviewComment,
    Round,
)
from reports.services.common import (
    after_commit,
    bump,
    ensure_round_accepts,
    ensure_version,
    lock_report,
    require,
)
from reports.services.compiled_pdf import compiled_pdf_refresh
from reports.services.indicator_results import OVERRIDE_FIELDS, RESULT_FIELDS, write_results
from reports.services.review_comments import review_comments_resolve
from reports.services.stash import stash_discard

ROW_FIELDS = ("method", "period_text", "result", "evidence_note")
REVIEWABLE_MESSAGE = "รายงานนี้ยังไม่อยู่ในขั้นตอนที่ตรวจได้"


def _row_text(row) -> str:
    return " | ".join(str(getattr(row, f) or "").strip() for f in ROW_FIELDS)


def content_snapshot(report: Report) -> dict:
    """The audited view of a report's content: header fields, rows as text, indicator results."""
    results = {}
    for r in report.indicator_results.select_related("indicator").order_by("indicator__sort_order"):
        label = f"{r.indicator.number or r.indicator.sort_order + 1} {r.indicator.text[:40]}".strip()
        results[label] = {
            f: getattr(r, f)
            for f in (*RESULT_FIELDS, "event_dates", *OVERRIDE_FIELDS)
            if getattr(r, f) not in (None, "", [])
        }
    return {
        "as_of": report.as_of,
        "problems": report.problems,
        "suggestions": report.suggestions,
        "rows": [
            f"{i}. {_row_text(row)}" for i, row in enumerate(report.rows.order_by("order", "id"), start=1)
        ],
        "indicators": results,
    }


def _notify(report: Report, event: str, actor, note: str = "") -> None:
    from reports.tasks import send_report_notice

    after_commit(send_report_notice, report.pk, event, getattr(actor, "pk", None), note)


def _announce(
    report: Report,
    actor,
    *,
    action: str,
    old_status: str,
    event: str,
    note: str = "",
    extra: dict | None = None,
    mail_note: str | None = None,
) -> None:
    """The end of every status change: the audit entry (status old → new, with `extra`), the e-mail of
    `event` (with `note` unless `mail_note` says otherwise), and the refresh of the compiled PDF, which shows
    every report's status."""
    audit_record(
        actor=actor,
        action=action,
        obj=report,
        unit=report.unit,
        old={"status": old_status},
        new={"status": report.status, **(extra or {})},
        note=note,
    )
    _notify(report, event, actor, note if mail_note is None else mail_note)
    compiled_pdf_refresh(round_=report.round)


def _clean_rows(rows: list[dict]) -> list[dict]:
    cleaned = []
    for raw in rows:
        row = {f: (raw.get(f) or "").strip() for f in ROW_FIELDS}
        if not any(row.values()):
            continue  # an untouched blank line of the form
        row["id"] = raw.get("id") or None
        row["order"] = raw.get("order")
        cleaned.append(row)
    cleaned.sort(key=lambda r: (r["order"] is None, r["order"] if r["order"] is not None else 0))
    return cleaned


def field_label(name: str) -> str:
    model = Report if name in ("problems", "suggestions") else ReportRow
    return model._meta.get_field(name).verbose_name


PERIOD_MAX_CHARS = ReportRow._meta.get_field("period_text").max_length


def _check_lengths(report: Report, problems: str, suggestions: str, rows: list[dict] | None) -> None:
    """The same limits as the form, for every caller (the form's own message names the cell)."""
    texts = [("problems", problems), ("suggestions", suggestions)]
    if rows is None:  # rows unchanged: they still count towards the whole
        rows = [{f: getattr(row, f) for f in ROW_FIELDS} for row in report.rows.all()]
    for row in _clean_rows(rows):
        texts += [(f, row[f]) for f in ROW_FIELDS]
    for name, text in texts:
        limit = PERIOD_MAX_CHARS if name == "period_text" else TEXT_MAX_CHARS
        if len(text) > limit:
            raise ApplicationError(
                f"“{field_label(name)}” ยาวได้ไม่เกิน {limit:,} ตัวอักษร (ขณะนี้มี {len(text):,} ตัวอักษร) "
                "โปรดสรุปให้กระชับ หรือแนบรายละเอียดเป็นไฟล์หลักฐาน",
                field=name if name in ("problems", "suggestions") else None,
            )
    total = sum(len(text) for _, text in texts)
    if total > REPORT_MAX_CHARS:
        raise ApplicationError(
            f"ข้อความในรายงานฉบับนี้รวม {total:,} ตัวอักษร เกินกำหนด {REPORT_MAX_CHARS:,} ตัวอักษร "
            "โปรดสรุปให้กระชับ หรือแนบรายละเอียดเป็นไฟล์หลักฐาน"
        )


def _write_rows(report: Report, rows: list[dict]) -> None:
    existing = {row.pk: row for row in report.rows.all()}
    keep = set()
    for order, data in enumerate(_clean_rows(rows), start=1):
        row = existing.get(int(data["id"])) if data["id"] else None
        if data["id"] and row is None:
            raise ApplicationError("แถวรายงานที่ส่งมาไม่ใช่ของรายงานนี้")
        if row is None:
            row = ReportRow(report=report)
        row.order = order
        for f in ROW_FIELDS:
            setattr(row, f, data[f])
        row.save()
        keep.add(row.pk)
    report.rows.exclude(pk__in=keep).delete()


@transaction.atomic
def report_save_draft(
    *,
    actor,
    report: Report,
    version: int | None,
    as_of: datetime.date | None,
    problems: str = "",
    suggestions: str = "",
    rows: list[dict] | None = None,
    indicator_results: dict[int, dict] | None = None,
) -> Report:
    """Save what the reporter typed. Drafts may be incomplete; `report_submit` checks completeness."""
    report = lock_report(report)
    require(actor, "report.edit", report, message="ท่านไม่มีสิทธิ์แก้ไขรายงานของหน่วยงานนี้")
    if not report.is_editable:
        raise ApplicationError(f"รายงานนี้อยู่ในสถานะ “{report.get_status_display()}” แก้ไขไม่ได้")
    ensure_round_accepts(report.round)
    ensure_version(report, version)
    if as_of and as_of > timezone.localdate():
        raise ApplicationError("ข้อมูล ณ วันที่ ต้องไม่เป็นวันในอนาคต", field="as_of")
    _check_lengths(report, (problems or "").strip(), (suggestions or "").strip(), rows)
    old = content_snapshot(report)
    report.as_of = as_of
    report.problems = (problems or "").strip()
    report.suggestions = (suggestions or "").strip()
    if rows is not None:
        _write_rows(report, rows)
    if indicator_results is not None:
        write_results(actor, report, indicator_results)
    bump(report, actor)
    report.save()
    new = content_snapshot(report)
    if old != new:
        audit_record(actor=actor, action="report.save", obj=report, unit=report.unit, old=old, new=new)
    stash_discard(report=report, user=actor)
    return report


def completeness_problems(report: Report) -> list[str]:
    # The date the figures hold on is the reporter's statement: stamping the send date over an empty field
    # would state something nobody said (a 2017 round sent today would read as data of today).
    problems = [] if report.as_of else ["ยังไม่ได้ระบุ ข้อมูล ณ วันที่"]
    rows = list(report.rows.all())
    if not rows:
        problems.append("ยังไม่มีแถววิธีดำเนินการ")
    for i, row in enumerate(rows, start=1):
        if not row.method.strip():
            problems.append(f"แถวที่ {i} ยังไม่ได้กรอกวิธีดำเนินการ")
        if not row.result.strip():
            problems.append(f"แถวที่ {i} ยังไม่ได้กรอกผลการดำเนินงาน")
    return problems


def submission_data(report: Report) -> dict:
    data = content_snapshot(report)
    # Each row's text under its id as well, so that a later resubmission can tell which rows changed since
    # the reviewer commented on them, even when rows were added or reordered in between.
    data["row_texts"] = {str(row.pk): _row_text(row) for row in report.rows.all()}
    data["evidence"] = [
        {"title": e.title, "file": rev.original_name, "sha256": rev.sha256, "revision": rev.number}
        for e in report.evidence.filter(removed_at__isnull=True).prefetch_related("revisions")
        if (rev := e.current) is not None
    ]
    data["links"] = [link.url for link in report.links.filter(removed_at__isnull=True)]
    return data


@transaction.atomic
def report_submit(*, actor, report: Report, version: int | None = None) -> Report:
    report = lock_report(report)
    require(actor, "report.edit", report, message="ท่านไม่มีสิทธิ์ส่งรายงานของหน่วยงานนี้")
    if not report.is_editable:
        raise ApplicationError("รายงานนี้ส่งแล้ว")
    ensure_round_accepts(report.round)
    ensure_version(report, version)
    problems = completeness_problems(report)
    if problems:
        raise ApplicationError("ยังส่งรายงานไม่ได้: " + " · ".join(problems))
    now = timezone.now()
    old_status = report.status
    self_endorsed = report.round.requires_endorsement and policy.can(actor, "report.endorse", report)
    report.status = Report.Status.ENDORSED if self_endorsed else Report.Status.SUBMITTED
    report.first_submitted_at = report.first_submitted_at or now
    report.submitted_at = now
    report.submitted_by = actor
    if self_endorsed:
        report.endorsed_at, report.endorsed_by = now, actor
    bump(report, actor)
    report.save()
    number = report.submissions.count() + 1
    ReportSubmission.objects.create(
        report=report,
        number=number,
        version=report.version,
        submitted_at=now,
        submitted_by=actor,
        data=submission_data(report),
    )
    answered, still_open = review_comments_resolve(
        report=report, row_texts={row.pk: _row_text(row) for row in report.rows.all()}, now=now
    )
    late = now.astimezone(timezone.get_current_timezone()).date() > report.round.due_on
    note = f"ส่งครั้งที่ {number}" + (f" (หลังกำหนดส่ง {format_be(report.round.due_on)})" if late else "")
    extra = {}
    if answered:
        extra["comments_answered"] = answered
    if still_open:
        extra["comments_open"] = still_open
    needs_head = report.status == Report.Status.SUBMITTED and report.round.requires_endorsement
    _announce(
        report,
        actor,
        action="report.submit",
        old_status=old_status,
        event="submitted" if needs_head else "ready_for_review",
        note=note,
        extra=extra,
        mail_note="",
    )
    stash_discard(report=report, user=actor)
    return report


def is_reviewable(report: Report) -> bool:
    if report.status == Report.Status.ENDORSED:
        return True
    return report.status == Report.Status.SUBMITTED and not report.round.requires_endorsement


def _start_review(actor, report: Report) -> Report:
    report = lock_report(report)
    require(actor, "report.review", report, message="ท่านไม่มีสิทธิ์ตรวจรายงานนี้")
    if not is_reviewable(report):
        raise ApplicationError(REVIEWABLE_MESSAGE)
    if report.submitted_by_id and report.submitted_by_id == getattr(actor, "pk", None):
        raise ApplicationError("ผู้ส่งรายงานตรวจรายงานของตนเองไม่ได้")
    return report


def _decide_submission(report: Report, outcome: str, actor, now) -> ReportSubmission | None:
    submission = report.submissions.order_by("-number").first()
    if submission is not None:
        submission.outcome, submission.decided_at, submission.decided_by = outcome, now, actor
        submission.save(update_fields=["outcome", "decided_at", "decided_by"])
    return submission


@transaction.atomic
def report_endorse(*, actor, report: Report) -> Report:
    report = lock_report(report)
    require(actor, "report.endorse", report, message="เฉพาะหัวหน้าหน่วยงานจึงจะรับรองรายงานได้")
    if report.status != Report.Status.SUBMITTED or not report.round.requires_endorsement:
        raise ApplicationError("รายงานนี้ไม่ได้รอการรับรองจากหัวหน้าหน่วยงาน")
    report.status = Report.Status.ENDORSED
    report.endorsed_at, report.endorsed_by = timezone.now(), actor
    bump(report, actor)
    report.save()
    _announce(
        report, actor, action="report.endorse", old_status=Report.Status.SUBMITTED, event="ready_for_review"
    )
    return report


@transaction.atomic
def report_return(
    *, actor, report: Report, comment: str = "", row_comments: dict[int, str] | None = None
) -> Report:
    """Send a report back with comments, on the report as a whole and/or on particular rows."""
    report = _start_review(actor, report)
    texts = {int(k): v.strip() for k, v in (row_comments or {}).items() if v and v.strip()}
    comment = (comment or "").strip()
    if not comment and not texts:
        raise ApplicationError("กรุณาเขียนความเห็นอย่างน้อย ๑ ข้อ เพื่อให้หน่วยงานทราบว่าต้องแก้ไขอะไร", field="comment")
    rows = {row.pk: (i, row) for i, row in enumerate(report.rows.order_by("order", "id"), start=1)}
    if set(texts) - set(rows):
        raise ApplicationError("ความเห็นอ้างถึงแถวที่ไม่มีในรายงานนี้")
    now = timezone.now()
    submission = _decide_submission(report, ReportSubmission.Outcome.RETURNED, actor, now)
    if comment:
        ReviewComment.objects.create(report=report, author=actor, text=comment, submission=submission)
    for row_id, text in texts.items():
        number, row = rows[row_id]
        ReviewComment.objects.create(
            report=report,
            row=row,
            row_label=f"แถวที่ {number}: {row.method[:80]}",
            author=actor,
            text=text,
            submission=submission,
        )
    old_status = report.status
    report.status = Report.Status.RETURNED
    report.reviewed_at, report.reviewed_by = now, actor
    bump(report, actor)
    report.save()
    _announce(
        report,
        actor,
        action="report.return",
        old_status=old_status,
        event="returned",
        extra={"comments": [comment, *texts.values()] if comment else list(texts.values())},
        mail_note=comment,
    )
    return report


@transaction.atomic
def report_accept(*, actor, report: Report, comment: str = "") -> Report:
    report = _start_review(actor, report)
    now = timezone.now()
    submission = _decide_submission(report, ReportSubmission.Outcome.ACCEPTED, actor, now)
    report.comments.filter(resolved=False).update(resolved=True, resolved_at=now)
    comment = (comment or "").strip()
    if comment:
        ReviewComment.objects.create(
            report=report, author=actor, text=comment, submission=submission, resolved=True, resolved_at=now
        )
    old_status = report.status
    report.status = Report.Status.ACCEPTED
    report.reviewed_at, report.reviewed_by = now, actor
    bump(report, actor)
    report.save()
    _announce(report, actor, action="report.accept", old_status=old_status, event="accepted", note=comment)
    return report


@transaction.atomic
def report_lock(*, actor, report: Report) -> Report:
    report = lock_report(report)
    require(actor, "round.manage", report.round, message="เฉพาะผู้ดูแลแผนจึงจะปิดรายงานได้")
    if report.status != Report.Status.ACCEPTED:
        raise ApplicationError("ปิดได้เฉพาะรายงานที่ผ่านการตรวจแล้ว")
    report.status = Report.Status.LOCKED
    report.locked_at = timezone.now()
    bump(report, actor)
    report.save()
    _announce(report, actor, action="report.lock", old_status=Report.Status.ACCEPTED, event="locked")
    return report


@transaction.atomic
def report_reopen(*, actor, report: Report, reason: str) -> Report:
    """The plan administrator opens an accepted or locked report again, with a reason the unit will read."""
    report = lock_report(report)
    require(actor, "round.manage", report.round, message="เฉพาะผู้ดูแลแผนจึงจะเปิดรายงานให้แก้ไขอีกครั้งได้")
    if report.status not in (Report.Status.ACCEPTED, Report.Status.LOCKED):
        raise ApplicationError("เปิดแก้ไขได้เฉพาะรายงานที่ผ่านการตรวจหรือปิดแล้ว")
    if report.round.status != Round.Status.OPEN:
        raise ApplicationError("รอบการรายงานนี้ปิดแล้ว ต้องเปิดรอบก่อน")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("กรุณาระบุเหตุผล", field="reason")
    ReviewComment.objects.create(report=report, author=actor, text=reason)
    old_status = report.status
    report.status = Report.Status.RETURNED
    report.locked_at = None
    bump(report, actor)
    report.save()
    _announce(report, actor, action="report.reopen", old_status=old_status, event="returned", note=reason)
    return report
