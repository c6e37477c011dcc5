import datetime
import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from reports import services
from reports.models import ReminderLog
from reports.reminders import reminder_kind, run_reminders
from reports.tests.conftest import fill, report_of

pytestmark = pytest.mark.django_db
DUE = datetime.date(2017, 4, 4)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        self.messages.append((sorted(envelope.rcpt_tos), message))
        return "250 OK"

    def subjects(self) -> list[str]:
        return [str(make_header(decode_header(m["Subject"]))) for _, m in self.messages]

    def recipients(self) -> list[list[str]]:
        return [to for to, _ in self.messages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback; the project sends to it through Django's SMTP backend."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def test_which_reminder_applies_on_which_day():
    days = {offset: reminder_kind(DUE + datetime.timedelta(days=offset), DUE) for offset in range(-9, 33)}
    assert days[-8] is None and days[-7] == days[-2] == "d7"
    assert (days[-1], days[0], days[1], days[30], days[31]) == ("d1", "d0", "overdue", "overdue", None)


def test_reminders_arrive_once_each_even_when_the_job_runs_twice(open_round, people, smtp):
    fill(report_of(open_round, "cpd-prov-13"), people["reporter"])  # started but not sent: still reminded
    week_before = DUE - datetime.timedelta(days=7)
    assert run_reminders(today=week_before) == 3
    assert run_reminders(today=week_before) == 0
    assert run_reminders(today=week_before + datetime.timedelta(days=2)) == 0  # still the 7-day window
    assert mail.outbox == []  # it went over the wire, not to the test outbox
    assert sorted(smtp.recipients()) == [
        ["rep.cm@example.test"],
        ["rep.hr@example.test"],
        ["rep.kb@example.test"],
    ]
    assert all(s.startswith("[โปร่งใส] อีก ๗ วันครบกำหนดส่ง") for s in smtp.subjects())
    cm = next(m for to, m in smtp.messages if to == ["rep.cm@example.test"])
    text = body(cm)
    assert "สำนักงานสหกรณ์จังหวัดเชียงใหม่" in text and "ทุกหน่วยงานทบทวนกระบวนการงาน" in text
    assert "รณรงค์ ปลูกฝังจิตสำนึก" in text  # one e-mail lists all the unit's unsent reports
    assert (
        cm["Message-ID"]
        == f"<reminder.{open_round.pk}.{report_of(open_round, 'cpd-prov-13').unit_id}.d7@localhost>"
    )
    # กพร. has no reporter or head with an e-mail: recorded, not retried.
    psdg = ReminderLog.objects.get(report=report_of(open_round, "cpd-psdg", "t-1", "host_summary"))
    assert psdg.sent_at and "ไม่มีผู้รับ" in psdg.recipients


def test_sent_reports_are_not_reminded_and_overdue_goes_to_the_head(open_round, people, smtp):
    for key in ("t-1", "t-2"):
        services.report_submit(
            actor=people["other"], report=fill(report_of(open_round, "cpd-prov-01", key), people["other"])
        )
    assert run_reminders(today=DUE - datetime.timedelta(days=1)) == 2  # Chiang Mai and HR
    assert "rep.kb@example.test" not in sum(smtp.recipients(), [])
    smtp.messages.clear()
    assert run_reminders(today=DUE + datetime.timedelta(days=1)) == 2
    cm = next(m for to, m in smtp.messages if "head.cm@example.test" in to)
    assert cm["To"] == "head.cm@example.test" and cm["Cc"] == "rep.cm@example.test"
    assert "เลยกำหนดส่งแล้ว" in body(cm)
    assert run_reminders(today=DUE + datetime.timedelta(days=2)) == 0


def test_a_worker_that_died_after_claiming_does_not_lose_or_double_a_reminder(open_round, people, smtp):
    day = DUE
    cm_report = report_of(open_round, "cpd-prov-13")
    kb_report = report_of(open_round, "cpd-prov-01")
    # The first worker claimed Chiang Mai an hour ago and died before sending; Krabi was claimed a moment ago
    # by a worker that is still sending.
    ReminderLog.objects.create(
        report=cm_report, kind="d0", claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    ReminderLog.objects.create(report=kb_report, kind="d0", claimed_at=timezone.now())
    run_reminders(today=day)
    recipients = sum(smtp.recipients(), [])
    assert recipients.count("rep.cm@example.test") == 1
    cm = next(m for to, m in smtp.messages if to == ["rep.cm@example.test"])
    assert "ทุกหน่วยงานทบทวนกระบวนการงาน" in body(cm)
    assert ReminderLog.objects.get(report=cm_report, kind="d0").sent_at is not None
    kb = next((m for to, m in smtp.messages if to == ["rep.kb@example.test"]), None)
    assert kb is not None and "ทุกหน่วยงานทบทวนกระบวนการงาน" not in body(kb)  # only its other report
    run_reminders(today=day)
    assert sum(smtp.recipients(), []).count("rep.cm@example.test") == 1


def test_a_failed_send_releases_the_claim(open_round, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    with pytest.raises(OSError):
        run_reminders(today=DUE)
    assert not ReminderLog.objects.filter(sent_at__isnull=True).exists()


def test_the_management_command_runs_the_reminders(open_round, people, mailoutbox, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: DUE)
    call_command("reports_reminders")
    assert len(mailoutbox) == 3 and all("วันนี้ครบกำหนดส่ง" in m.subject for m in mailoutbox)
