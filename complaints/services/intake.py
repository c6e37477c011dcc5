"""Receiving a complaint: from the public form or API (anyone, anonymous allowed) or entered by staff."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from accounts import policy
from complaints import files as evidence
from complaints.crypto import Identity, encrypt_identity
from complaints.models import Attachment, Case, CaseSequence, Category, Channel, Source
from complaints.selectors import standard_in_effect
from complaints.services import notify, throttle
from complaints.services.common import record, state
from complaints.services.config import standards_ensure
from complaints.services.timers import timers_schedule_intake
from core.errors import ApplicationError
from core.thai import fiscal_year
from core.workdays import WorkCalendar

# No 0/O, 1/I/L: codes are read aloud over the phone and copied from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
SECRET_LENGTH = 12
NUMBER_PREFIX = {Channel.SERVICE: "ร", Channel.CORRUPTION: "ท"}
SUBJECT_MAX = 300
DETAILS_MAX = 20000


class AlreadyFiled(ApplicationError):
    """The form with this submit key was sent before: the case exists, nothing new was filed."""

    def __init__(self, case: Case):
        super().__init__("ระบบได้รับเรื่องนี้แล้วเมื่อส่งครั้งก่อน จึงไม่ได้บันทึกซ้ำ")
        self.case = case


def submit_key_hash(key: str) -> str:
    """What the case keeps of the form's submit key. The key is random (views make it), so a plain hash
    suffices and survives a rotation of SECRET_KEY."""
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


def _filed_with(key_hash: str) -> Case | None:
    return Case.objects.filter(submit_key_hash=key_hash).first() if key_hash else None


def _refuse_resend(key_hash: str) -> None:
    earlier = _filed_with(key_hash)
    if earlier is not None:
        raise AlreadyFiled(earlier)


@sensitive_variables("fields")
def _create_once(key_hash: str, fields: dict) -> Case:
    try:
        with transaction.atomic():
            return Case.objects.create(submit_key_hash=key_hash, **fields)
    except IntegrityError:
        # The same form won the race a moment ago (the unique key waited for its commit).
        earlier = _filed_with(key_hash)
        if earlier is None:
            raise
        raise AlreadyFiled(earlier) from None


@dataclass(frozen=True)
class Receipt:
    """What the complainant keeps. The secret exists only here: the database holds its hash."""

    case: Case
    tracking_code: str
    secret: str


def _random(length: int) -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return "-".join(raw[i:i + 4] for i in range(0, length, 4))


def normalize_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _new_tracking_code() -> str:
    while True:
        code = _random(CODE_LENGTH)
        if not Case.objects.filter(tracking_code=code).exists():
            return code


def _next_number(agency, channel: str, on: dt.date) -> str:
    fy = fiscal_year(on)
    sequence, _ = CaseSequence.objects.select_for_update().get_or_create(agency=agency, channel=channel,
                                                                        fiscal_year=fy)
    CaseSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    sequence.refresh_from_db()
    return f"{NUMBER_PREFIX[Channel(channel)]}.{fy}/{sequence.last:04d}"


def deadlines(standard, received_on: dt.date) -> tuple[dt.date, dt.date]:
    """(acknowledge by, answer by). A calendar-day limit that ends on a day off moves to the next working
    day."""
    calendar = WorkCalendar.around(received_on, days_ahead=standard.answer_days * 2 + 60)
    acknowledge = calendar.add_working_days(received_on, standard.acknowledge_days)
    if standard.answer_day_kind == standard.DayKind.WORKING:
        answer = calendar.add_working_days(received_on, standard.answer_days)
    else:
        answer = received_on + dt.timedelta(days=standard.answer_days)
        while not calendar.is_working_day(answer):
            answer += dt.timedelta(days=1)
    return acknowledge, answer


def attach_files(*, case: Case, incoming: list[evidence.IncomingFile], kind: str, actor=None,
                 message=None) -> list[Attachment]:
    stored = []
    try:
        for item in incoming:
            name, name_token = evidence.store(item)
            stored.append(Attachment.objects.create(
                case=case, message=message, kind=kind, storage_name=name, name_token=name_token,
                content_type=item.content_type, extension=item.extension, size=item.size, sha256=item.sha256,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None))
    except Exception:
        evidence.discard([a.storage_name for a in stored])
        raise
    return stored


def _clean_text(subject: str, details: str) -> tuple[str, str]:
    subject, details = (subject or "").strip(), (details or "").strip()
    if not subject:
        raise ApplicationError("กรุณาระบุเรื่องที่ร้องเรียน", field="subject")
    if len(subject) > SUBJECT_MAX:
        raise ApplicationError(f"ชื่อเรื่องยาวเกิน {SUBJECT_MAX} ตัวอักษร", field="subject")
    if len(details) < 10:
        raise ApplicationError("กรุณาเล่ารายละเอียดอย่างน้อย 10 ตัวอักษร", field="details")
    if len(details) > DETAILS_MAX:
        raise ApplicationError(f"รายละเอียดยาวเกิน {DETAILS_MAX} ตัวอักษร", field="details")
    return subject, details


@sensitive_variables("identity")
@transaction.atomic
def case_submit(*, actor=None, agency, channel: str, subject: str, details: str, identity: Identity,
                category: Category | None = None, source: str = Source.WEB, unit=None,
                received_on: dt.date | None = None, external_ref: str = "",
                files: list[evidence.IncomingFile] | tuple = (), client_address: str | None = None,
                submit_key: str = "") -> Receipt:
    """Register a complaint and return its receipt.

    Without an actor (the public form and API) the case goes to the receiving unit of the channel's service
    standard and nothing about the sender is kept beyond what they typed into the identity fields, which are
    encrypted. Staff entering a phone call, letter or forwarded case need `complaint.intake` on the unit.
    The public entry points pass the client's address: one client may file only so many an hour
    (TooManyFilings), counted under an hourly-salted keyed hash, never the address itself.

    `submit_key` is the random key of the form that was sent: sending the same form again (a double click,
    a resend after a lost answer) raises AlreadyFiled with the case filed the first time, before anything
    else is checked or counted, and even when the two arrive at the same moment (the key is unique).
    """
    key_hash = submit_key_hash(submit_key)
    _refuse_resend(key_hash)
    if channel not in Channel.values:
        raise ApplicationError("ช่องทางไม่ถูกต้อง", field="channel")
    staff = getattr(actor, "is_authenticated", False)
    filing_key = throttle.filing_check(client_address) if client_address is not None and not staff else None
    subject, details = _clean_text(subject, details)
    today = timezone.localdate()
    if not staff:
        source, received_on, external_ref = Source.WEB, today, ""
    received_on = received_on or today
    if received_on > today:
        raise ApplicationError("วันที่รับเรื่องต้องไม่เป็นวันในอนาคต", field="received_on")
    if category is not None and category.channel != channel:
        raise ApplicationError("ประเภทเรื่องไม่ตรงกับช่องทาง", field="category")
    standards_ensure(agency=agency)
    standard = standard_in_effect(agency=agency, channel=channel, on=received_on)
    unit = unit or standard.receiving_unit
    if staff and not policy.can(actor, "complaint.intake", unit=unit):
        raise PermissionDenied("complaint.intake")
    if not unit.path.startswith(agency.path):
        raise ApplicationError("หน่วยงานรับเรื่องต้องอยู่ในส่วนราชการเดียวกัน", field="unit")
    acknowledge_due, answer_due = deadlines(standard, received_on)
    code, secret = _new_tracking_code(), _random(SECRET_LENGTH)
    case = _create_once(key_hash, dict(
        agency=agency, unit=unit, number=_next_number(agency, channel, received_on), tracking_code=code,
        secret_hash=make_password(secret), channel=channel, source=source, category=category, subject=subject,
        details=details, external_ref=external_ref.strip(), identity_token=encrypt_identity(identity),
        has_identity=not identity.is_empty(), standard=standard, received_on=received_on,
        acknowledge_due=acknowledge_due, answer_due=answer_due, created_by=actor if staff else None))
    new = state(case) | {"number": case.number, "channel": case.get_channel_display(),
                         "source": case.get_source_display(), "has_identity": case.has_identity}
    how = f"รับเรื่องทาง{case.get_source_display()}"
    if not case.has_identity:
        how += " (ไม่ประสงค์ระบุตัวตน)"
    if files:
        how += f" แนบไฟล์ {len(files)} ไฟล์"
    record(actor=actor if staff else AnonymousUser(), action="complaint.receive", case=case, new=new,
           note=how)
    timers_schedule_intake(case)
    notify.case_received(case)
    if filing_key is not None:
        throttle.filing_count(filing_key)
    # Last, so that nothing after the files are written can fail and leave them behind.
    attach_files(case=case, incoming=list(files), kind=Attachment.Kind.EVIDENCE, actor=actor)
    return Receipt(case=case, tracking_code=code, secret=secret)



