import datetime
import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from campaigns.models import Campaign, StaffMember
from org.models import Unit

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def member(agency, code: str, unit_code: str, first: str, *, level: str = "", email_: str = "",
           active_from=datetime.date(2016, 10, 1), active_to=None) -> StaffMember:
    return StaffMember.objects.create(agency=agency, unit=unit(unit_code), code=code, title="นาย",
                                      first_name=first, last_name="ทดสอบ", position="นักวิชาการ",
                                      executive_level=level,
                                      email=email_, active_from=active_from, active_to=active_to)


@pytest.fixture
def staff(agency):
    return {
        "cm1": member(agency, "1", "cpd-prov-13", "หนึ่ง", email_="one@example.test"),
        "cm2": member(agency, "2", "cpd-prov-13", "สอง", email_="two@example.test", level="middle"),
        "cm3": member(agency, "3", "cpd-prov-13", "สาม"),  # no e-mail: never reminded
        "hr1": member(agency, "4", "cpd-hr", "สี่", email_="four@example.test"),
        "gone": member(agency, "5", "cpd-hr", "ห้า", email_="five@example.test",
                       active_to=datetime.date(2016, 12, 31)),
    }


def make_campaign(agency, kind=Campaign.Kind.STAFF_PLEDGE, *, fiscal_year=2560,
                  opens_on=datetime.date(2016, 11, 1), closes_on=datetime.date(2099, 9, 30)) -> Campaign:
    from campaigns.services import campaign_create

    return campaign_create(actor=None, agency=agency, kind=kind, title=f"การรณรงค์ {kind}",
                           text="ซื่อตรงต่อหน้าที่ มีวินัย โปร่งใส ไร้ทุจริต", fiscal_year=fiscal_year,
                           opens_on=opens_on, closes_on=closes_on)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((sorted(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 OK"

    def recipients(self):
        return sorted(to for to, _ in self.messages)

    def subjects(self):
        return [str(make_header(decode_header(m["Subject"]))) for _, m in self.messages]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback; the reminders go through Django's SMTP backend to it."""
    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()
