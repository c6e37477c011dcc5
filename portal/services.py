"""Writes of the portal: every content save is a revision, every state change is guarded and audited."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from core import record_files
from core.errors import ApplicationError
from portal.models import Page, PageFile, PageRevision, ResultFile, ResultPublication, Section

CONTENT_FIELDS = ("section", "title", "body", "event_date", "slug", "sort_order")


def _snapshot(page: Page) -> dict:
    return {"section": page.section, "title": page.title, "body": page.body,
            "event_date": page.event_date.isoformat() if page.event_date else None, "slug": page.slug,
            "sort_order": page.sort_order}


def _revise(page: Page, actor, note: str) -> PageRevision:
    page.revision_count += 1
    page.save(update_fields=["revision_count", "updated_at"])
    return PageRevision.objects.create(
        page=page, number=page.revision_count, section=page.section, title=page.title, body=page.body,
        event_date=page.event_date, note=note[:255],
        author=actor if getattr(actor, "is_authenticated", False) else None)


def _check(section: str, slug: str, title: str, event_date, pk=None) -> None:
    if section not in Section.values:
        raise ApplicationError("ไม่รู้จักหมวดนี้", field="section")
    if not (title or "").strip():
        raise ApplicationError("กรุณาระบุชื่อเรื่อง", field="title")
    if section == Section.NEWS and event_date is None:
        raise ApplicationError("ข่าวประชาสัมพันธ์ต้องมีวันที่ของข่าว", field="event_date")
    if Page.objects.filter(slug=slug).exclude(pk=pk).exists():
        raise ApplicationError(f"ที่อยู่ {slug} มีหน้าอื่นใช้แล้ว กรุณาเลือกชื่ออื่น", field="slug")


@transaction.atomic
def page_create(*, actor, agency, section: str, slug: str, title: str, body: str = "",
                event_date: datetime.date | None = None, sort_order: int = 0, note: str = "") -> Page:
    require(actor, "portal.edit", unit=agency)
    _check(section, slug, title, event_date)
    page = Page.objects.create(agency=agency, section=section, slug=slug, title=title.strip(), body=body,
                               event_date=event_date, sort_order=sort_order)
    _revise(page, actor, note or "สร้างหน้า")
    audit_record(actor=actor, action="portal.page_create", obj=page, new=_snapshot(page), unit=agency)
    return page


@transaction.atomic
def page_update(*, actor, page: Page, note: str = "", **changes) -> Page:
    """Change the content; a save that changes nothing writes no revision."""
    require(actor, "portal.edit", page)
    page = Page.objects.select_for_update().get(pk=page.pk)
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"not content fields: {sorted(unknown)}")
    old = _snapshot(page)
    for key, value in changes.items():
        setattr(page, key, value.strip() if key == "title" else value)
    _check(page.section, page.slug, page.title, page.event_date, pk=page.pk)
    if old.get("slug") != page.slug and page.published_at is not None:
        # A page once published keeps its address: links from the ITA evidence must not break.
        raise ApplicationError("หน้าที่เคยเผยแพร่แล้วเปลี่ยนที่อยู่ไม่ได้ (ลิงก์เดิมต้องใช้ได้เสมอ)", field="slug")
    new = _snapshot(page)
    if new == old:
        return page
    page.save()
    _revise(page, actor, note or "แก้ไขเนื้อหา")
    audit_record(actor=actor, action="portal.page_edit", obj=page, old=old, new=new, unit=page.agency)
    return page


@transaction.atomic
def page_publish(*, actor, page: Page, when: datetime.datetime | None = None) -> Page:
    require(actor, "portal.publish", page)
    page = Page.objects.select_for_update().get(pk=page.pk)
    if page.is_published:
        raise ApplicationError("หน้านี้เผยแพร่อยู่แล้ว")
    old = {"published_at": page.published_at, "unpublished_at": page.unpublished_at}
    page.published_at = when or timezone.now()
    page.published_by = actor if getattr(actor, "is_authenticated", False) else None
    page.unpublished_at, page.unpublish_reason = None, ""
    page.save()
    audit_record(actor=actor, action="portal.publish", obj=page, old=_dates(old),
                 new=_dates({"published_at": page.published_at, "unpublished_at": None}), unit=page.agency)
    return page


@transaction.atomic
def page_unpublish(*, actor, page: Page, reason: str) -> Page:
    require(actor, "portal.publish", page)
    page = Page.objects.select_for_update().get(pk=page.pk)
    _withdraw(page, reason)
    audit_record(actor=actor, action="portal.unpublish", obj=page, old={"state": "published"},
                 new={"state": "withdrawn", "unpublish_reason": page.unpublish_reason}, unit=page.agency)
    return page


def _withdraw(item, reason: str) -> None:
    if not item.is_published:
        raise ApplicationError("รายการนี้ไม่ได้เผยแพร่อยู่")
    if not (reason or "").strip():
        raise ApplicationError("กรุณาระบุเหตุผลที่ยกเลิกการเผยแพร่ (แสดงต่อผู้เข้าชม)", field="reason")
    item.unpublished_at = timezone.now()
    item.unpublish_reason = reason.strip()
    item.save()


def _dates(d: dict) -> dict:
    return {k: v.isoformat() if v else None for k, v in d.items()}


@transaction.atomic
def page_file_add(*, actor, page: Page, uploaded, title: str = "") -> PageFile:
    require(actor, "portal.edit", page)
    stored = record_files.store(PageFile(page=page, title=title.strip()), uploaded, actor=actor)
    audit_record(actor=actor, action="portal.file_add", obj=page, new=record_files.audit_fields(stored),
                 unit=page.agency)
    return stored


@transaction.atomic
def page_file_remove(*, actor, file: PageFile) -> None:
    """A file leaves the page but stays stored (the audit trail names what was published)."""
    require(actor, "portal.edit", file.page)
    file.removed_at = timezone.now()
    file.save(update_fields=["removed_at"])
    audit_record(actor=actor, action="portal.file_remove", obj=file.page, old=record_files.audit_fields(file),
                 unit=file.page.agency)


@transaction.atomic
def results_publish(*, actor, round_, agency, fmts=("pdf", "docx")) -> ResultPublication:
    """Publish a compiled round's results: freeze its documents as a new version (a republication after a
    recompile keeps the earlier versions in the history)."""
    from reports.selectors import compiled_documents, rounds_compiled

    pub = ResultPublication.objects.select_for_update().filter(round=round_).first()
    if pub is not None:
        require(actor, "portal.publish", pub)
    else:
        require(actor, "portal.publish", unit=agency)
    if not rounds_compiled(agency).filter(pk=round_.pk).exists():
        raise ApplicationError("รอบนี้ยังไม่ได้สรุปผล (ต้องสรุปผลรอบการรายงานก่อนเผยแพร่)")
    text, documents = compiled_documents(round_, fmts)
    if pub is None:
        pub = ResultPublication(round=round_, agency=agency)
    old = {"state": pub.state_label if pub.pk else "", "version": pub.version}
    pub.title = f"ผลการดำเนินงาน{round_.name} {round_.plan.title} ปีงบประมาณ พ.ศ. {round_.fiscal_year}"[:255]
    pub.summary_text = text
    pub.version += 1
    pub.published_at = timezone.now()
    pub.published_by = actor if getattr(actor, "is_authenticated", False) else None
    pub.unpublished_at, pub.unpublish_reason = None, ""
    pub.save()
    for fmt, (content, name, _type) in documents.items():
        upload = ContentFile(content, name=name)  # stored and checked like an upload
        record_files.store(ResultFile(publication=pub, version=pub.version, fmt=fmt), upload, actor=actor,
                           allowed=("pdf", "docx"))
    audit_record(actor=actor, action="portal.results_publish", obj=pub, old=old,
                 new={"state": pub.state_label, "version": pub.version}, unit=agency)
    return pub


@transaction.atomic
def results_unpublish(*, actor, publication: ResultPublication, reason: str) -> ResultPublication:
    require(actor, "portal.publish", publication)
    pub = ResultPublication.objects.select_for_update().get(pk=publication.pk)
    _withdraw(pub, reason)
    audit_record(actor=actor, action="portal.results_unpublish", obj=pub, old={"state": "published"},
                 new={"state": "withdrawn", "unpublish_reason": pub.unpublish_reason}, unit=pub.agency)
    return pub
