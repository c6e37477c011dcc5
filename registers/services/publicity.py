"""The integrity publicity log (กพร.): what went out, on which channel, when, by which unit, with a link or a
photo (plan 6.1.1-a "อย่างน้อย ๕ ช่องทาง")."""

from __future__ import annotations

from django.db import transaction

from core.errors import ApplicationError
from core.thai import fiscal_year
from registers.models import PublicityEntry, PublicityFile
from registers.services.common import attach_file, required_text, save_record

EDIT = "publicity.edit"
FIELDS = ["unit", "channel", "channel_other", "published_on", "fiscal_year", "title", "link", "note"]


def entry_save(*, actor, unit, channel: str, published_on, title: str, link: str = "",
               channel_other: str = "", note: str = "", entry: PublicityEntry | None = None,
               files=()) -> PublicityEntry:
    from reports.evidence import validate_link_url

    title = required_text(title, field="title", label="เรื่องที่เผยแพร่")
    if channel not in PublicityEntry.Channel.values:
        raise ApplicationError("กรุณาเลือกช่องทางจากรายการ", field="channel")
    channel_other = (channel_other or "").strip()
    if channel == PublicityEntry.Channel.OTHER and not channel_other:
        raise ApplicationError("เลือก “อื่น ๆ” แล้ว กรุณาระบุชื่อช่องทาง", field="channel_other")
    if channel != PublicityEntry.Channel.OTHER:
        channel_other = ""
    if published_on is None:
        raise ApplicationError("กรุณากรอกวันที่เผยแพร่", field="published_on")
    link = (link or "").strip()
    if link:
        try:
            link = validate_link_url(link)
        except ApplicationError as exc:
            raise ApplicationError(exc.message, field="link") from exc
    if not link and not files and not (entry and entry.files.exists()):
        raise ApplicationError("กรุณาใส่ลิงก์หรือแนบภาพ/ไฟล์หลักฐานการเผยแพร่อย่างน้อยหนึ่งอย่าง", field="link")
    with transaction.atomic():
        saved = save_record(actor=actor, action=EDIT, instance=entry or PublicityEntry(), fields=FIELDS,
                            unit=unit, audit_action="registers.publicity_save",
                            changes={"unit": unit, "channel": channel, "channel_other": channel_other,
                                     "published_on": published_on, "fiscal_year": fiscal_year(published_on),
                                     "title": title, "link": link, "note": note})
        for uploaded in files:
            entry_file_add(actor=actor, entry=saved, uploaded=uploaded)
    return saved


def entry_file_add(*, actor, entry: PublicityEntry, uploaded) -> PublicityFile:
    return attach_file(actor=actor, action=EDIT, record=entry, file_model=PublicityFile, link="entry",
                       uploaded=uploaded, unit=entry.unit)
