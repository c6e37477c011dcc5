"""Adding evidence to a report: files as new revisions (never overwritten), links checked after saving."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from core.errors import ApplicationError
from reports.evidence import check_link, clean_filename, sniff_upload, validate_link_url
from reports.evidence_models import Evidence, EvidenceLink, EvidenceRevision
from reports.models import Report, ReportRow
from reports.services.common import after_commit, ensure_round_accepts, require


def _ensure_writable(actor, report: Report) -> None:
    require(actor, "report.edit", report, message="ท่านไม่มีสิทธิ์แก้ไขหลักฐานของรายงานนี้")
    if not report.is_editable:
        raise ApplicationError(f"รายงานนี้อยู่ในสถานะ “{report.get_status_display()}” แก้ไขหลักฐานไม่ได้")
    ensure_round_accepts(report.round)


def _ensure_row(report: Report, row: ReportRow | None) -> None:
    if row is not None and row.report_id != report.pk:
        raise ApplicationError("แถวที่เลือกไม่ใช่ของรายงานนี้")


def _store_revision(*, actor, evidence: Evidence, uploaded, number: int) -> EvidenceRevision:
    sniffed = sniff_upload(uploaded)
    revision = EvidenceRevision(
        evidence=evidence,
        number=number,
        original_name=clean_filename(uploaded.name),
        extension=sniffed.extension,
        mime=sniffed.mime,
        size=sniffed.size,
        sha256=sniffed.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    revision.file.save("upload", uploaded, save=False)
    revision.save()
    return revision


def _revision_audit(revision: EvidenceRevision) -> dict:
    return {
        "file": revision.original_name,
        "sha256": revision.sha256,
        "size": revision.size,
        "revision": revision.number,
    }


@transaction.atomic
def evidence_add(
    *, actor, report: Report, uploaded, title: str = "", row: ReportRow | None = None
) -> Evidence:
    _ensure_writable(actor, report)
    _ensure_row(report, row)
    name = clean_filename(uploaded.name)
    evidence = Evidence.objects.create(
        report=report,
        row=row,
        title=(title or "").strip()[:255] or name,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    revision = _store_revision(actor=actor, evidence=evidence, uploaded=uploaded, number=1)
    audit_record(
        actor=actor,
        action="evidence.upload",
        obj=report,
        unit=report.unit,
        new={"title": evidence.title, **_revision_audit(revision)},
    )
    return evidence


@transaction.atomic
def evidence_revise(*, actor, evidence: Evidence, uploaded) -> EvidenceRevision:
    """A corrected file becomes the next revision; earlier revisions stay as they were."""
    evidence = (
        Evidence.objects.select_for_update()
        .select_related("report__round", "report__unit")
        .get(pk=evidence.pk)
    )
    report = evidence.report
    _ensure_writable(actor, report)
    if evidence.removed_at:
        raise ApplicationError("เอกสารนี้ถูกนำออกจากรายงานแล้ว")
    previous = evidence.revisions.order_by("-number").first()
    revision = _store_revision(
        actor=actor, evidence=evidence, uploaded=uploaded, number=(previous.number if previous else 0) + 1
    )
    audit_record(
        actor=actor,
        action="evidence.revise",
        obj=report,
        unit=report.unit,
        old=_revision_audit(previous) if previous else None,
        new={"title": evidence.title, **_revision_audit(revision)},
    )
    return revision


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> Evidence:
    evidence = (
        Evidence.objects.select_for_update()
        .select_related("report__round", "report__unit")
        .get(pk=evidence.pk)
    )
    _ensure_writable(actor, evidence.report)
    if evidence.removed_at is None:
        evidence.removed_at = timezone.now()
        evidence.save(update_fields=["removed_at"])
        audit_record(
            actor=actor,
            action="evidence.remove",
            obj=evidence.report,
            unit=evidence.report.unit,
            old={"title": evidence.title},
        )
    return evidence


@transaction.atomic
def link_add(
    *, actor, report: Report, url: str, title: str = "", row: ReportRow | None = None
) -> EvidenceLink:
    _ensure_writable(actor, report)
    _ensure_row(report, row)
    url = validate_link_url(url)
    if report.links.filter(url=url, removed_at__isnull=True).exists():
        raise ApplicationError("ลิงก์นี้มีอยู่ในรายงานแล้ว", field="link_url")
    link = EvidenceLink.objects.create(
        report=report,
        row=row,
        url=url,
        title=(title or "").strip()[:255],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="evidence.link",
        obj=report,
        unit=report.unit,
        new={"url": url, "title": link.title},
    )
    from reports.tasks import check_evidence_link

    after_commit(check_evidence_link, link.pk)
    return link


@transaction.atomic
def link_remove(*, actor, link: EvidenceLink) -> EvidenceLink:
    link = (
        EvidenceLink.objects.select_for_update()
        .select_related("report__round", "report__unit")
        .get(pk=link.pk)
    )
    _ensure_writable(actor, link.report)
    if link.removed_at is None:
        link.removed_at = timezone.now()
        link.save(update_fields=["removed_at"])
        audit_record(
            actor=actor,
            action="evidence.unlink",
            obj=link.report,
            unit=link.report.unit,
            old={"url": link.url},
        )
    return link


def link_check(*, link: EvidenceLink) -> EvidenceLink:
    """Check one link now and record the result (run by the task worker, outside any request)."""
    result = check_link(link.url)
    EvidenceLink.objects.filter(pk=link.pk).update(
        status=result.status,
        http_status=result.http_status,
        check_note=result.note[:255],
        checked_at=timezone.now(),
    )
    link.refresh_from_db()
    return link
