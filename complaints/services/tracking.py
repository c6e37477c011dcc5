"""Following a case without an account: the tracking code and secret from the receipt.

Wrong secrets are counted per code and per client in the database (every web worker sees the same counts);
past the limit the answer is "too many attempts" until the window ends, even for the right secret, so the
secret cannot be guessed by trying. Counters are keyed hashes: the table holds neither codes nor addresses,
and a client's key is salted afresh every hour (complaints.services.throttle).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from complaints.crypto import keyed_hash
from complaints.models import Attachment, Case, Message, Rating, Status, ThrottleCounter
from complaints.services import notify
from complaints.services.common import record, say
from complaints.services.intake import attach_files, normalize_code
from complaints.services.throttle import client_key
from core.errors import ApplicationError

WINDOW = dt.timedelta(minutes=15)
LIMIT_PER_CODE = 5
LIMIT_PER_CLIENT = 20
WRONG = "รหัสติดตามหรือรหัสลับไม่ถูกต้อง"
# Checking a made-up code costs as much as a real one, so timing does not tell which codes exist.
_DUMMY_HASH = None


class TooManyAttempts(ApplicationError):
    def __init__(self, retry_after: int):
        minutes = max(1, round(retry_after / 60))
        super().__init__(f"ตรวจสอบรหัสผิดหลายครั้งเกินไป กรุณาลองใหม่ในอีกประมาณ {minutes} นาที")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Keys:
    code: str
    client: str


def throttle_keys(code: str, client_address: str | None, now: dt.datetime) -> Keys:
    # The client's key changes with the hourly salt (see throttle): old counters cannot be traced to an
    # address.
    return Keys(code=keyed_hash("track-code", normalize_code(code)),
                client=client_key("track-client", client_address, now))


def _counter(scope: str, key: str, now: dt.datetime) -> ThrottleCounter:
    counter, _ = ThrottleCounter.objects.get_or_create(scope=scope, key=key,
                                                       defaults={"window_start": now, "failures": 0})
    return counter


def _blocked_for(keys: Keys, now: dt.datetime) -> int:
    """Seconds until the caller may try again (0 = not blocked)."""
    wait = 0
    for scope, key, limit in (("code", keys.code, LIMIT_PER_CODE), ("client", keys.client, LIMIT_PER_CLIENT)):
        counter = ThrottleCounter.objects.filter(scope=scope, key=key).first()
        if counter and counter.failures >= limit and counter.window_start + WINDOW > now:
            wait = max(wait, int((counter.window_start + WINDOW - now).total_seconds()) + 1)
    return wait


def _count_failure(keys: Keys, now: dt.datetime) -> None:
    with transaction.atomic():
        for scope, key in (("code", keys.code), ("client", keys.client)):
            counter = _counter(scope, key, now)
            if counter.window_start + WINDOW <= now:
                ThrottleCounter.objects.filter(pk=counter.pk).update(window_start=now, failures=1)
            else:
                ThrottleCounter.objects.filter(pk=counter.pk).update(failures=F("failures") + 1)
        # Old counters say nothing any more; keep the table small (salts are throttle's to drop).
        ThrottleCounter.objects.filter(scope__in=("code", "client"),
                                       window_start__lt=now - WINDOW * 4).delete()


@sensitive_variables("secret")
def case_find(*, code: str, secret: str, client_address: str | None) -> Case:
    """The case a code and secret open, or TooManyAttempts / ApplicationError."""
    global _DUMMY_HASH
    now = timezone.now()
    keys = throttle_keys(code, client_address, now)
    wait = _blocked_for(keys, now)
    if wait:
        raise TooManyAttempts(wait)
    secret = normalize_code(secret)
    case = Case.objects.filter(tracking_code=normalize_code(code)).first()
    if case is None:
        _DUMMY_HASH = _DUMMY_HASH or make_password("dummy-secret")
        check_password(secret, _DUMMY_HASH)
        ok = False
    else:
        ok = bool(secret) and check_password(secret, case.secret_hash)
    if not ok:
        _count_failure(keys, now)
        wait = _blocked_for(keys, now)
        if wait:
            raise TooManyAttempts(wait)
        raise ApplicationError(WRONG, field="secret")
    return case


@dataclass(frozen=True)
class PublicView:
    """What the complainant sees: status, deadlines and what the agency said. No identity, no staff names."""

    tracking_code: str
    channel: str
    status: str
    status_label: str
    received_on: dt.date
    answer_due: dt.date
    stage: str
    messages: list[dict]
    can_rate: bool
    can_add_info: bool


def public_view(case: Case) -> PublicView:
    messages = [{"at": m.created_at, "kind": m.kind, "kind_label": m.get_kind_display(), "text": m.text,
                 "stage": m.stage.name if m.stage_id else ""}
                for m in case.messages.select_related("stage").filter(kind__in=Message.PUBLIC_KINDS)]
    return PublicView(
        tracking_code=case.tracking_code, channel=case.get_channel_display(), status=case.status,
        status_label=case.get_status_display(), received_on=case.received_on, answer_due=case.answer_due,
        stage=case.stage.name if case.stage_id and case.status == Status.IN_PROGRESS else "",
        messages=messages, can_rate=case.status == Status.ANSWERED, can_add_info=case.is_open)


@transaction.atomic
def citizen_add_info(*, case: Case, text: str, files=()) -> Message:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise ApplicationError("เรื่องนี้ปิดแล้ว หากต้องการร้องเรียนเพิ่มเติม กรุณายื่นเรื่องใหม่")
    text = (text or "").strip()
    if len(text) < 5 and not files:
        raise ApplicationError("กรุณาพิมพ์ข้อมูลเพิ่มเติมหรือแนบไฟล์", field="text")
    message = say(case, Message.Kind.CITIZEN, text or "(แนบไฟล์เพิ่มเติม)")
    record(actor=AnonymousUser(), action="complaint.citizen_info", case=case,
           note=f"ผู้ร้องส่งข้อมูลเพิ่มเติม{f' แนบไฟล์ {len(files)} ไฟล์' if files else ''}")
    notify.citizen_added_info(case)
    attach_files(case=case, incoming=list(files), kind=Attachment.Kind.ADDITIONAL, message=message)
    return message


def citizen_rate(*, case: Case, score: int, comment: str = "") -> Rating:
    from complaints.services.lifecycle import case_rate

    return case_rate(case=case, score=score, comment=comment, actor=None)

