"""Plan 1.2 items ๑ and ๔–๕ as records: the analysis presented to the executive, and the channels through
which the year's procurement plan and database reach the public."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record, snapshot
from core import record_files
from core.errors import ApplicationError
from core.thai import fiscal_year_bounds
from procurement.models import (
    ProcurementPlan,
    PublicationChannel,
    PublicationChannelFile,
    YearReview,
    YearReviewFile,
)

PRESENTATION_FIELDS = ["presented_on", "presented_to"]
CHANNEL_FIELDS = ["kind", "name", "url", "published_on", "note"]


def _not_in_future(day: datetime.date | None, field: str) -> None:
    if day is None:
        raise ApplicationError("กรุณากรอกวันที่", field=field)
    if day > timezone.localdate():
        raise ApplicationError("วันที่ต้องไม่เป็นวันในอนาคต", field=field)


@transaction.atomic
def review_present(*, actor, review: YearReview, presented_on: datetime.date, presented_to: str,
                   file=None) -> YearReview:
    """Record that the analysis went to the executive: when, to whom, and the memo or minutes (a file is
    needed the first time; a later one is added beside it)."""
    require(actor, "procurement.edit", review)
    review = YearReview.objects.select_for_update().get(pk=review.pk)
    _not_in_future(presented_on, "presented_on")
    _, year_end = fiscal_year_bounds(review.fiscal_year)
    if presented_on <= year_end:
        raise ApplicationError(f"การวิเคราะห์ผลปีงบประมาณ พ.ศ. {review.fiscal_year} เสนอได้หลังสิ้นปีงบประมาณนั้น "
                               "กรุณาตรวจสอบวันที่", field="presented_on")
    presented_to = (presented_to or "").strip()
    if not presented_to:
        raise ApplicationError("กรุณาระบุผู้บริหารที่เสนอ เช่น อธิบดี", field="presented_to")
    if file is None and not review.files.exists():
        raise ApplicationError("กรุณาแนบบันทึกเสนอหรือรายงานการประชุม", field="file")
    old = snapshot(review, PRESENTATION_FIELDS)
    review.presented_on, review.presented_to = presented_on, presented_to
    review.save(update_fields=["presented_on", "presented_to"])
    new = snapshot(review, PRESENTATION_FIELDS)
    if file is not None:
        stored = record_files.store(YearReviewFile(review=review), file, actor=actor)
        new["file"] = record_files.audit_fields(stored)
    audit_record(actor=actor, action="procurement.review_present", obj=review, unit=review.unit, old=old,
                 new=new)
    return review


@transaction.atomic
def channel_add(*, actor, plan: ProcurementPlan, kind: str, published_on: datetime.date, url: str = "",
                name: str = "", note: str = "", file=None) -> PublicationChannel:
    """A channel the year's plan and database were published through, with its link or a photo."""
    from reports.evidence import validate_link_url  # the one rule for links kept as evidence

    require(actor, "procurement.edit", plan)
    if kind not in PublicationChannel.Kind.values:
        raise ApplicationError("กรุณาเลือกช่องทาง", field="kind")
    name = (name or "").strip()
    if kind == PublicationChannel.Kind.OTHER and not name:
        raise ApplicationError("กรุณาระบุชื่อช่องทาง", field="name")
    _not_in_future(published_on, "published_on")
    url = (url or "").strip()
    if url:
        try:
            url = validate_link_url(url)
        except ApplicationError as exc:
            raise ApplicationError(exc.message, field="url") from None
    elif file is None:
        raise ApplicationError("กรุณาใส่ลิงก์ หรือแนบภาพถ่าย/ไฟล์หลักฐานการเผยแพร่", field="url")
    channel = PublicationChannel.objects.create(
        plan=plan, kind=kind, name=name if kind == PublicationChannel.Kind.OTHER else "", url=url,
        published_on=published_on, note=(note or "").strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
    new = snapshot(channel, CHANNEL_FIELDS)
    if file is not None:
        stored = record_files.store(PublicationChannelFile(channel=channel), file, actor=actor)
        new["file"] = record_files.audit_fields(stored)
    audit_record(actor=actor, action="procurement.channel_add", obj=plan, unit=plan.unit, new=new)
    return channel


@transaction.atomic
def channel_delete(*, actor, channel: PublicationChannel) -> None:
    require(actor, "procurement.edit", channel)
    plan = channel.plan
    audit_record(actor=actor, action="procurement.channel_delete", obj=plan, unit=plan.unit,
                 old=snapshot(channel, CHANNEL_FIELDS))
    # The stored files go only once the deletion is committed: a rolled-back transaction keeps its rows,
    # and must find their files still there.
    names = [(stored.file.storage, stored.file.name) for stored in channel.files.all()]
    channel.delete()
    for storage, name in names:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
