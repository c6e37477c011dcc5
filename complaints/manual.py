"""The complaint handling manual, written from the configuration the system enforces.

Receiving units, time limits, stages and categories come from the same rows the services read, so the
published manual cannot say something the system does not do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from complaints.files import ALLOWED_TEXT, MAX_FILES
from complaints.models import Channel, ServiceStandard, Source, Status
from complaints.selectors import active_categories, active_stages, standards_now
from complaints.services.tracking import LIMIT_PER_CODE, WINDOW
from core.workdays import holidays_in_year
from org.selectors import agency_memo


@dataclass
class ChannelRule:
    channel: str
    label: str
    standard: ServiceStandard | None
    categories: list[str]


@dataclass
class Manual:
    agency_name: str
    updated_on: dt.date
    site_url: str
    rules: list[ChannelRule]
    steps: list[tuple[str, str]]
    stages: list[tuple[str, str]]
    outcomes: list[tuple[str, str]]
    sources: list[str]
    upload_limit_mb: int
    max_files: int
    file_types: str
    track_limit: int
    track_window_minutes: int
    close_after: str = ""
    holidays: list[tuple[dt.date, str, str]] = field(default_factory=list)


def build(agency) -> Manual:
    standards = standards_now(agency)
    rules = [ChannelRule(channel=c.value, label=c.label, standard=standards.get(c.value),
                         categories=[cat.name for cat in active_categories(c.value, agency=agency)])
             for c in Channel]
    steps = [
        (Status.RECEIVED.label, "ระบบออกรหัสติดตามและรหัสลับให้ผู้ร้องทันทีที่ยื่นเรื่อง พร้อมกำหนดวันตอบรับและวันแจ้งผล"),
        (Status.ACKNOWLEDGED.label, "หน่วยงานรับเรื่องตรวจสอบเบื้องต้นและตอบรับเรื่องภายในกำหนด"),
        (Status.ASSIGNED.label, ("มอบหมายหน่วยงานหลักที่รับผิดชอบ และหน่วยงานร่วมรับผิดชอบถ้ามี "
                                 "หรือส่งต่อหน่วยงานภายนอกที่มีอำนาจหน้าที่")),
        (Status.IN_PROGRESS.label, "หน่วยงานที่รับผิดชอบดำเนินการตามขั้นตอนย่อยและบันทึกความคืบหน้าให้ผู้ร้องติดตามได้"),
        (Status.ANSWERED.label, "แจ้งผลการพิจารณาแก่ผู้ร้องพร้อมเก็บหลักฐานการแก้ไขปัญหาไว้ในระบบ"),
        (Status.CLOSED.label, ("ผู้ร้องประเมินความพึงพอใจแล้วปิดเรื่อง หากไม่ประเมินภายในกำหนด ระบบปิดเรื่องให้ "
                               "และหากผู้ร้องยังไม่ได้รับการแก้ไข หน่วยงานเปิดเรื่องพิจารณาอีกครั้งได้")),
    ]
    outcomes = [(s.label, "แจ้งเหตุผลให้ผู้ร้องทราบทุกครั้ง") for s in
                (Status.FORWARDED, Status.REJECTED, Status.DUPLICATE, Status.NOT_OURS)]
    today = timezone.localdate()
    closing = {r.label: r.standard.close_after_days for r in rules if r.standard}
    if len(set(closing.values())) == 1:
        close_after = f"{next(iter(closing.values()))} วัน"
    else:
        close_after = " ".join(f"{days} วัน ({label})" for label, days in closing.items())
    return Manual(
        agency_name=agency_memo(agency).agency_name, updated_on=today, site_url=settings.SITE_URL.rstrip("/"),
        rules=rules,
        steps=steps, stages=[(s.name, s.description) for s in active_stages(agency)], outcomes=outcomes,
        sources=[s.label for s in Source if s != Source.WEB],
        upload_limit_mb=settings.UPLOAD_MAX_BYTES // (1024 * 1024),
        max_files=MAX_FILES, file_types=ALLOWED_TEXT, track_limit=LIMIT_PER_CODE,
        track_window_minutes=int(WINDOW.total_seconds() // 60), close_after=close_after,
        holidays=holidays_in_year(today.year))


def links() -> dict[str, str]:
    return {
        "service": reverse("complaints:public_new", args=[Channel.SERVICE]),
        "corruption": reverse("complaints:public_new", args=[Channel.CORRUPTION]),
        "track": reverse("complaints:public_track"),
    }


def pdf(manual: Manual) -> bytes:
    from core.documents.pdf import render_pdf

    html = render_to_string("complaints/documents/manual.html", {"manual": manual, "links": links()})
    return render_pdf(html)
