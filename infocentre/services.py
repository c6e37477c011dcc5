"""Writes of the information centre: catalogue items, link-backs, disclosure analyses and information
requests (มาตรา ๑๑). Participation (consultations and comments) is in infocentre.participation."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts import policy
from audit.services import audit_record
from core.errors import ApplicationError
from core.record_files import audit_fields, store
from core.thai import format_be
from infocentre import search
from infocentre.models import (
    DisclosureAnalysis,
    Document,
    DocumentFile,
    InfoRequest,
    InfoSettings,
    LinkBack,
    RefusalGround,
    SubmitCounter,
)

DEFAULT_REPLY_DAYS = 15
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed


# --- catalogue ----------------------------------------------------------------------------------------

def document_submit(*, actor, agency, unit, category: str, title: str, doc_date: dt.date, text: str = "",
                    clause: str = "", uploaded=None) -> Document:
    """A unit sends an item to the ICT centre (1.3.2-a "จัดส่งข้อมูล/ความรู้ใหม่ให้ ศสท."); it waits for
    publication. `text` is what the search indexes."""
    policy.require(actor, "info.submit", unit=unit)
    if category not in Document.Category.values:
        raise ApplicationError("กรุณาเลือกหมวดตาม พ.ร.บ.ข้อมูลข่าวสารฯ", field="category")
    if not title.strip():
        raise ApplicationError("กรุณากรอกชื่อเรื่อง", field="title")
    with transaction.atomic():
        doc = Document.objects.create(agency=agency, unit=unit, category=category, clause=clause.strip(),
                                      title=title.strip(), text=text.strip(), doc_date=doc_date,
                                      submitted_on=timezone.localdate())
        new = {"title": doc.title, "category": doc.get_category_display()}
        if uploaded is not None:
            new.update(audit_fields(store(DocumentFile(document=doc), uploaded, actor=actor)))
        search.index_document(doc)
        audit_record(actor=actor, action="info.document_submit", obj=doc, new=new, unit=unit)
    return doc


def document_publish(*, actor, document: Document, on: dt.date | None = None) -> Document:
    policy.require(actor, "info.publish", document)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        old = {"status": document.get_status_display()}
        document.status, document.return_reason = Document.Status.PUBLISHED, ""
        document.published_on = on or timezone.localdate()
        document.save(update_fields=["status", "return_reason", "published_on"])
        audit_record(actor=actor, action="info.document_publish", obj=document, old=old,
                     new={"status": document.get_status_display()}, unit=document.unit)
    return document


def document_return(*, actor, document: Document, reason: str) -> Document:
    policy.require(actor, "info.publish", document)
    if not reason.strip():
        raise ApplicationError("กรุณาระบุเหตุที่ส่งกลับ", field="reason")
    with transaction.atomic():
        old = {"status": document.get_status_display()}
        document.status, document.return_reason = Document.Status.RETURNED, reason.strip()
        document.published_on = None
        document.save(update_fields=["status", "return_reason", "published_on"])
        audit_record(actor=actor, action="info.document_return", obj=document, old=old,
                     new={"status": document.get_status_display(), "return_reason": document.return_reason},
                     unit=document.unit)
    return document


def linkback_save(*, actor, unit, url: str) -> LinkBack:
    from reports.evidence import validate_link_url

    policy.require(actor, "info.submit", unit=unit)
    url = validate_link_url(url.strip())
    with transaction.atomic():
        link = LinkBack.objects.filter(unit=unit).first()
        old = {"url": link.url} if link else None
        link = link or LinkBack(unit=unit)
        if old is None or old["url"] != url:
            link.checked_at, link.check_status, link.check_note = None, "", ""
        link.url, link.recorded_on = url, timezone.localdate()
        link.save()
        audit_record(actor=actor, action="info.linkback_save", obj=link, old=old, new={"url": url}, unit=unit)
    return link


def linkback_check(*, actor, link: LinkBack) -> LinkBack:
    """Open the unit's page (reports.evidence.check_link: public addresses only) and keep the answer."""
    from reports.evidence import check_link

    policy.require(actor, "info.submit", link)
    result = check_link(link.url)
    with transaction.atomic():
        link.checked_at, link.check_status, link.check_note = timezone.now(), result.status, result.note[:300]
        link.save(update_fields=["checked_at", "check_status", "check_note"])
        audit_record(actor=actor, action="info.linkback_check", obj=link, unit=link.unit,
                     new={"url": link.url, "check_status": result.status})
    return link


def analysis_save(*, actor, unit, fiscal_year: int, summary: str, filed_on: dt.date | None = None):
    policy.require(actor, "info.submit", unit=unit)
    if len(summary.strip()) < 10:
        raise ApplicationError("กรุณาสรุปผลการวิเคราะห์ข้อมูลที่หน่วยงานต้องเปิดเผย", field="summary")
    with transaction.atomic():
        analysis, created = DisclosureAnalysis.objects.update_or_create(
            unit=unit, fiscal_year=fiscal_year,
            defaults={"summary": summary.strip(), "filed_on": filed_on or timezone.localdate()})
        audit_record(actor=actor, action="info.analysis_save", obj=analysis, unit=unit,
                     new={"fiscal_year": fiscal_year})
    return analysis


# --- information requests (มาตรา ๑๑) --------------------------------------------------------------------

def reply_days(agency) -> tuple[int, bool]:
    """(days, working days?) the agency gives itself; default 15 calendar days (see InfoSettings)."""
    conf = InfoSettings.objects.filter(agency=agency).first()
    return (conf.reply_days, conf.working_days) if conf else (DEFAULT_REPLY_DAYS, False)


def due_date(agency, received_on: dt.date, days: int | None = None) -> dt.date:
    from core.workdays import add_working_days

    default, working = reply_days(agency)
    days = default if days is None else days
    return add_working_days(received_on, days) if working else received_on + dt.timedelta(days=days)


class TooManySubmissions(ApplicationError):
    def __init__(self, limit: int):
        super().__init__(f"มีการส่งจากเครื่องนี้ครบ {limit} ครั้งในหนึ่งชั่วโมงแล้ว กรุณาลองใหม่ภายหลัง "
                         "(ข้อความที่กรอกไว้ยังอยู่ครบ)")


def throttle(scope: str, client_address: str | None, limit: int) -> str:
    """Refuse a client past `limit` submissions this hour; otherwise its pseudonym (no address is kept)."""
    from complaints.services.throttle import client_key, period_start

    now = timezone.now()
    key = client_key(f"info-{scope}", client_address, now)
    counter = SubmitCounter.objects.filter(scope=scope, key=key, window_start=period_start(now)).first()
    if limit and counter is not None and counter.count >= limit:
        raise TooManySubmissions(limit)
    return key


def throttle_count(scope: str, key: str) -> None:
    from complaints.services.throttle import period_start

    start = period_start(timezone.now())
    counter, created = SubmitCounter.objects.get_or_create(scope=scope, key=key, window_start=start,
                                                           defaults={"count": 1})
    if not created:
        SubmitCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    SubmitCounter.objects.filter(window_start__lt=start).delete()


@dataclass(frozen=True)
class Receipt:
    request: InfoRequest
    code: str
    secret: str


def _new_code(received_on: dt.date) -> str:
    from core.thai import be_year

    while True:
        code = f"IR{be_year(received_on.year) % 100:02d}-" + "".join(
            secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not InfoRequest.objects.filter(code=code).exists():
            return code


def request_receive(*, agency, name: str, contact: str, subject: str, details: str = "",
                    client_address: str | None = None, submit_key: str = "", limit: int = 5,
                    received_on: dt.date | None = None) -> Receipt:
    """A request from the public: a code and a secret (shown once), the due date from the agency's setting.
    The same form sent twice (`submit_key`) files once: the second answer is the first request, no secret."""
    name, contact, subject = name.strip(), contact.strip(), subject.strip()
    if not name:
        raise ApplicationError("กรุณากรอกชื่อผู้ขอ (ใช้เพื่อตอบคำขอเท่านั้น)", field="name")
    if len(contact) < 5:
        raise ApplicationError("กรุณาระบุช่องทางติดต่อกลับ เช่น อีเมล หมายเลขโทรศัพท์ หรือที่อยู่", field="contact")
    if len(subject) < 5:
        raise ApplicationError("กรุณาระบุข้อมูลข่าวสารที่ต้องการให้ชัดเจน", field="subject")
    if submit_key:
        earlier = InfoRequest.objects.filter(submit_key=submit_key).first()
        if earlier is not None:
            return Receipt(earlier, earlier.code, "")
    key = throttle("request", client_address, limit)
    received_on = received_on or timezone.localdate()
    secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    with transaction.atomic():
        request = InfoRequest.objects.create(
            agency=agency, unit=agency, code=_new_code(received_on), secret_hash=make_password(secret),
            submit_key=submit_key, name=name[:200], contact=contact[:300], subject=subject[:300],
            details=details.strip(), received_on=received_on, due_on=due_date(agency, received_on))
        # The trail names the request, never the requester.
        audit_record(actor=AnonymousUser(), action="inforequest.receive", obj=request, unit=agency,
                     new={"due_on": format_be(request.due_on)})
        throttle_count("request", key)
    return Receipt(request, request.code, secret)


def request_find(*, code: str, secret: str) -> InfoRequest:
    """The request a code and secret open (the wrong pair gives one message for both cases)."""
    request = InfoRequest.objects.filter(code=code.strip().upper()).first()
    ok = request is not None and check_password(secret.strip().upper(), request.secret_hash)
    if not ok:
        if request is None:
            check_password(secret, make_password("x"))  # same cost whether the code exists or not
        raise ApplicationError("รหัสคำขอหรือรหัสลับไม่ถูกต้อง", field="secret")
    return request


def _open(actor, request: InfoRequest) -> InfoRequest:
    policy.require(actor, "inforequest.handle", request)
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise ApplicationError("คำขอนี้ตอบแล้ว")
    return request


def request_extend(*, actor, request: InfoRequest, days: int, reason: str) -> InfoRequest:
    """Extend the time frame; the reason is what the requester is told."""
    if not reason.strip():
        raise ApplicationError("กรุณาระบุเหตุที่ต้องขยายเวลา (แจ้งให้ผู้ขอทราบ)", field="reason")
    if days < 1 or days > 60:
        raise ApplicationError("ระยะเวลาที่ขยายต้องอยู่ระหว่าง ๑–๖๐ วัน", field="days")
    with transaction.atomic():
        request = _open(actor, request)
        old = {"due_on": format_be(request.due_on)}
        request.due_on = due_date(request.agency, request.due_on, days)
        request.status, request.extension_reason = InfoRequest.Status.EXTENDED, reason.strip()
        request.save(update_fields=["due_on", "status", "extension_reason"])
        audit_record(actor=actor, action="inforequest.extend", obj=request, old=old, unit=request.unit,
                     new={"due_on": format_be(request.due_on)})
    return request


def request_reply(*, actor, request: InfoRequest, reply: str, on: dt.date | None = None) -> InfoRequest:
    if len(reply.strip()) < 5:
        raise ApplicationError("กรุณาพิมพ์คำตอบหรือบอกวิธีรับข้อมูลข่าวสาร", field="reply")
    with transaction.atomic():
        request = _open(actor, request)
        request.status, request.reply = InfoRequest.Status.REPLIED, reply.strip()
        request.closed_on = on or timezone.localdate()
        request.save(update_fields=["status", "reply", "closed_on"])
        audit_record(actor=actor, action="inforequest.reply", obj=request, unit=request.unit,
                     new={"status": request.get_status_display()})
    return request


def request_refuse(*, actor, request: InfoRequest, ground: str, reason: str,
                   on: dt.date | None = None) -> InfoRequest:
    """Refuse to disclose: a legal ground (มาตรา ๑๔ or ๑๕) is required, and the reasons; the requester is
    shown the right of appeal (มาตรา ๑๘) on the status page."""
    if ground not in RefusalGround.values:
        raise ApplicationError("การปฏิเสธต้องระบุเหตุตามมาตรา ๑๔ หรือมาตรา ๑๕", field="ground")
    if len(reason.strip()) < 5:
        raise ApplicationError("กรุณาระบุเหตุผลประกอบคำสั่งไม่เปิดเผย", field="reason")
    with transaction.atomic():
        request = _open(actor, request)
        request.status, request.refusal_ground = InfoRequest.Status.REFUSED, ground
        request.reply = reason.strip()
        request.closed_on = on or timezone.localdate()
        request.save(update_fields=["status", "refusal_ground", "reply", "closed_on"])
        audit_record(actor=actor, action="inforequest.refuse", obj=request, unit=request.unit,
                     new={"refusal_ground": request.get_refusal_ground_display()})
    return request
