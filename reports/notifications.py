"""E-mails of the reporting loop, in Thai: workflow notices and the round-opened message."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from core.thai import format_be, format_be_datetime, shorten_thai
from reports import selectors
from reports.models import Report, Round

FOOTER = "\n\n—\nอีเมลฉบับนี้ส่งจากระบบโปร่งใสโดยอัตโนมัติ กรุณาอย่าตอบกลับ"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def report_url(report: Report) -> str:
    return absolute(reverse("reports:report", args=[report.pk]))


def _name(user: User | None) -> str:
    if user is None:
        return "ระบบ"
    return user.get_full_name() or user.username


def _describe(report: Report) -> str:
    return (
        f"หน่วยงาน: {report.unit.name}\n"
        f"กิจกรรม: {report.activity.title}\n"
        f"รอบ: {report.round.name} ปีงบประมาณ พ.ศ. {report.round.fiscal_year} "
        f"(กำหนดส่ง {format_be(report.round.due_on)})"
    )


def _open_comments(report: Report) -> str:
    """The reviewer's comments on rows, so the reporter can start fixing from the e-mail itself."""
    from reports.models import ReviewComment

    comments = ReviewComment.objects.filter(report=report, resolved=False, row_label__gt="").order_by("id")
    lines = [f"- {c.row_label}: {c.text}" for c in comments]
    return ("\nความเห็นรายแถว:\n" + "\n".join(lines)) if lines else ""


def _notice(report: Report, event: str, actor: User | None, note: str) -> tuple[str, str, list[User]]:
    kind = "รายงานสรุปของหน่วยงานเจ้าภาพ" if report.is_summary else "รายงานผลการดำเนินงาน"
    # Cut between words, never in the middle of one (Thai has no spaces to cut at).
    short = shorten_thai(report.activity.title, 60, mark="…")
    if event == "submitted":
        recipients = selectors.heads_of(report.unit)
        subject = f"รอรับรอง: {report.unit.short_name} ส่ง{kind} — {short}"
        lead = f"{_name(actor)} ส่ง{kind} รอหัวหน้าหน่วยงานรับรองก่อนส่งให้ผู้ตรวจ"
    elif event == "ready_for_review":
        recipients = selectors.reviewers_of(report)
        subject = f"รอตรวจ: {report.unit.short_name} ส่ง{kind} — {short}"
        lead = f"{report.unit.name} ส่ง{kind}แล้ว รอการตรวจของท่าน"
    elif event == "returned":
        recipients = selectors.writers_of(report)
        subject = f"ส่งกลับแก้ไข: {kind} — {short}"
        lead = f"{_name(actor)} ส่ง{kind}กลับให้แก้ไข" + (f"\nความเห็น: {note}" if note else "")
        lead += _open_comments(report)
    elif event == "accepted":
        recipients = selectors.writers_of(report)
        subject = f"ผ่านการตรวจ: {kind} — {short}"
        lead = f"{_name(actor)} ตรวจ{kind}แล้ว ผ่านการตรวจ" + (f"\nความเห็น: {note}" if note else "")
    elif event == "locked":
        recipients = selectors.writers_of(report)
        subject = f"ปิดรายงาน: {kind} — {short}"
        lead = f"{_name(actor)} ปิด{kind}แล้ว รายงานฉบับนี้จะใช้ในการสรุปผลของกรม"
    else:
        raise ValueError(f"unknown report event {event!r}")
    if event in ("returned", "accepted") and report.submitted_by and report.submitted_by not in recipients:
        recipients.append(report.submitted_by)
    body = f"{lead}\n\n{_describe(report)}\n\nเปิดรายงาน: {report_url(report)}{FOOTER}"
    return subject, body, recipients


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def _message(
    subject: str, body: str, to: list[str], cc: list[str] | None = None, message_id: str | None = None
) -> EmailMessage:
    headers = {"Message-ID": message_id} if message_id else None
    return EmailMessage(
        subject=f"[โปร่งใส] {subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        cc=cc or [],
        headers=headers,
    )


def deliver_report_notice(*, report_id: int, event: str, actor_id: int | None, note: str = "") -> int:
    report = Report.objects.select_related("round__plan__agency", "activity", "unit", "submitted_by").get(
        pk=report_id
    )
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    subject, body, recipients = _notice(report, event, actor, note)
    addresses = sorted({u.email for u in recipients if u.email and u != actor})
    return _send([_message(subject, body, [address]) for address in addresses])


def deliver_round_opened(*, round_id: int) -> int:
    """One message per reporter, listing the reports their units owe in the new round."""
    round_ = Round.objects.select_related("plan").get(pk=round_id)
    reports = list(
        Report.objects.filter(round=round_).select_related("unit", "activity").order_by("unit__path")
    )
    by_unit = defaultdict(list)
    for report in reports:
        by_unit[report.unit].append(report)
    per_user: dict[User, list[Report]] = defaultdict(list)
    for unit, unit_reports in by_unit.items():
        for user in selectors.users_with_role_over([unit], [Role.REPORTER]):
            per_user[user].extend(unit_reports)
    messages = []
    for user, owed in per_user.items():
        if not user.email:
            continue
        lines = "\n".join(
            f"- {r.unit.short_name}: {shorten_thai(r.activity.title, 90, mark='…')}" for r in owed[:60]
        )
        more = f"\n… และอีก {len(owed) - 60} รายการ" if len(owed) > 60 else ""
        body = (
            f"เรียน {_name(user)}\n\nเปิดรับ{round_.name} ปีงบประมาณ พ.ศ. {round_.fiscal_year} แล้ว "
            f"กำหนดส่งภายในวันที่ {format_be(round_.due_on)}\nหน่วยงานของท่านมีรายงานที่ต้องส่ง "
            f"{len(owed)} รายการ:\n{lines}{more}\n\nเข้าสู่ระบบเพื่อกรอกรายงาน: "
            f"{absolute(reverse('reports:home'))}{FOOTER}"
        )
        messages.append(
            _message(f"เปิดรับ{round_.name} (กำหนดส่ง {format_be(round_.due_on)})", body, [user.email])
        )
    return _send(messages)


def reminder_message(
    *, round_: Round, unit, reports: list[Report], kind: str, to: list[str], cc: list[str], message_id: str
) -> EmailMessage:
    due = format_be(round_.due_on)
    heading = {
        "d7": f"อีก ๗ วันครบกำหนดส่ง{round_.name} ({due})",
        "d1": f"พรุ่งนี้ครบกำหนดส่ง{round_.name} ({due})",
        "d0": f"วันนี้ครบกำหนดส่ง{round_.name} ({due})",
        "overdue": f"{unit.short_name} ยังไม่ส่ง{round_.name} ซึ่งครบกำหนดแล้ว ({due})",
    }[kind]
    lines = "\n".join(
        f"- {shorten_thai(r.activity.title, 100, mark='…')} (สถานะ: {r.get_status_display()})"
        for r in reports
    )
    opening = (
        "เรียน หัวหน้าหน่วยงาน\n\nรายงานต่อไปนี้ของหน่วยงานเลยกำหนดส่งแล้วและยังไม่ได้ส่ง กรุณาติดตามให้ผู้รับผิดชอบส่งโดยเร็ว"
        if kind == "overdue"
        else "เรียน ผู้รับผิดชอบการรายงาน\n\nรายงานต่อไปนี้ของหน่วยงานยังไม่ได้ส่ง"
    )
    body = (
        f"{opening}\n\nหน่วยงาน: {unit.name}\n{lines}\n\n"
        f"เข้าสู่ระบบเพื่อกรอกและส่งรายงาน: {absolute(reverse('reports:home'))}\n"
        f"ข้อมูล ณ {format_be_datetime(timezone.now())}{FOOTER}"
    )
    return _message(heading, body, to, cc, message_id=message_id)


def send_reminder(message: EmailMessage) -> int:
    return _send([message])
