"""Writes of the ITA module: the catalogue, items and their links, the calendar, evidence tags, the link
checker's runs and the year's submission (saved by the ICT centre or the plan administrator, approved by an
executive). Every write is guarded by the policy and audited."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.utils import timezone

from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from ita import catalogue
from ita.models import CheckRun, EvidenceTag, ItaItem, ItaYear, ItemLink, Submission

CALENDAR_FIELDS = ("registration_on", "oit_opens_on", "oit_closes_on", "clarification_on", "results_on")
RUN_STALE_AFTER = dt.timedelta(hours=1)


def year_get_or_create(*, actor, agency, fiscal_year: int) -> ItaYear:
    require(actor, "ita.manage", unit=agency)
    if not 2500 <= int(fiscal_year) <= 2700:
        raise ApplicationError("ปีงบประมาณต้องเป็นปี พ.ศ. (เช่น 2570)", field="fiscal_year")
    year, _ = ItaYear.objects.get_or_create(agency=agency, fiscal_year=fiscal_year)
    return year


def _link_specs(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _set_links(item: ItaItem, specs: list[str]) -> None:
    """Replace the item's links with `specs` (routes or addresses), keeping the check of an unchanged one."""
    existing = {(link.route or link.url): link for link in item.links.all()}
    keep = []
    for order, spec in enumerate(specs):
        link = existing.get(spec)
        if link is None:
            is_route = catalogue.is_route(spec)
            link = ItemLink(item=item, route=spec if is_route else "", url="" if is_route else spec,
                            auto=is_route)
        link.order = order
        link.save()
        keep.append(link.pk)
    item.links.exclude(pk__in=keep).delete()


def _validate_specs(specs: list[str]) -> None:
    from reports.evidence import validate_link_url

    for spec in specs:
        if catalogue.is_route(spec):
            continue
        try:
            validate_link_url(spec)
        except ApplicationError as exc:
            raise ApplicationError(f"ลิงก์ “{spec}”: {exc.message}", field="links") from exc


@transaction.atomic
def catalogue_load(*, actor, agency, fiscal_year: int, content: bytes | str, source: str = "") -> ItaYear:
    """Load a catalogue file into the year, all or nothing. Items already there are updated by code (their
    owner, due date and note stay); items not in the file stay too (a file may bring one kind only)."""
    year = year_get_or_create(actor=actor, agency=agency, fiscal_year=fiscal_year)
    parsed = catalogue.parse(content)
    for order, row in enumerate(parsed.rows, start=1):
        item, _ = ItaItem.objects.update_or_create(
            year=year, code=row.code,
            defaults={"kind": parsed.kind, "section": row.section, "text": row.text, "evidence": row.evidence,
                      "yearly": row.yearly, "order": order},
        )
        _set_links(item, row.links)
    if source:
        year.source = source[:255]
        year.save(update_fields=["source"])
    audit_record(actor=actor, action="ita.catalogue_load", obj=year, old=None,
                 new={"fiscal_year": fiscal_year, "items": len(parsed.rows), "kind": parsed.kind,
                      "source": source}, unit=agency)
    return year


@transaction.atomic
def item_save(*, actor, year: ItaYear, item: ItaItem | None = None, code: str, text: str, kind: str = "oit",
              section: str = "", evidence: str = "", yearly: bool = True, owner=None,
              due_on: dt.date | None = None, note: str = "", links: str = "") -> ItaItem:
    """Define a new item (an EB row of 2560, an item added by announcement) or edit one."""
    require(actor, "ita.manage", year)
    code = (code or "").strip().upper()
    if not catalogue.CODE_RE.match(code):
        raise ApplicationError("รหัสข้อไม่ถูกรูปแบบ (เช่น O1, EB3)", field="code")
    if not (text or "").strip():
        raise ApplicationError("กรุณากรอกข้อความรายการ", field="text")
    if kind not in ItaItem.Kind.values:
        raise ApplicationError("ประเภทรายการไม่ถูกต้อง", field="kind")
    clash = ItaItem.objects.filter(year=year, code=code).exclude(pk=getattr(item, "pk", None))
    if clash.exists():
        raise ApplicationError(f"ปีนี้มีข้อ {code} อยู่แล้ว", field="code")
    if owner is not None and owner.unit and not owner.unit.path.startswith(year.agency.path):
        raise ApplicationError("ผู้รับผิดชอบต้องเป็นบุคลากรของหน่วยงาน", field="owner")
    specs = _link_specs(links)
    _validate_specs(specs)
    old = None
    if item is None:
        last = year.items.order_by("-order").values_list("order", flat=True).first() or 0
        item = ItaItem(year=year, order=last + 1)
    else:
        old = {"code": item.code, "text": item.text, "owner": str(item.owner or ""), "due_on": item.due_on,
               "links": [str(link) for link in item.links.all()]}
    item.code, item.text, item.kind, item.section = code, text.strip(), kind, section.strip()
    item.evidence, item.yearly, item.owner = evidence.strip(), yearly, owner
    item.due_on, item.note = due_on, note
    item.save()
    _set_links(item, specs)
    audit_record(actor=actor, action="ita.item_save", obj=item, old=old,
                 new={"code": item.code, "text": item.text, "owner": str(owner or ""), "due_on": due_on,
                      "links": specs}, unit=year.agency)
    return item


@transaction.atomic
def calendar_save(*, actor, year: ItaYear, **dates) -> ItaYear:
    require(actor, "ita.manage", year)
    old = {f: getattr(year, f) for f in CALENDAR_FIELDS}
    for name in CALENDAR_FIELDS:
        if name in dates:
            setattr(year, name, dates[name])
    if year.oit_opens_on and year.oit_closes_on and year.oit_closes_on < year.oit_opens_on:
        raise ApplicationError("วันปิดการตอบแบบ OIT ต้องไม่ก่อนวันเริ่ม", field="oit_closes_on")
    year.save()
    audit_record(actor=actor, action="ita.calendar_save", obj=year, old=old,
                 new={f: getattr(year, f) for f in CALENDAR_FIELDS}, unit=year.agency)
    return year


@transaction.atomic
def evidence_tag(*, actor, items: list[ItaItem], title: str, target=None, url: str = "",
                 indicator=None) -> list[EvidenceTag]:
    """Tag one piece of evidence (a stored file or link record, or an address) to several items and,
    optionally, a plan indicator: it is kept once and shown under each."""
    from reports.evidence import validate_link_url

    if not items:
        raise ApplicationError("กรุณาเลือกรายการประเมินอย่างน้อยหนึ่งข้อ", field="items")
    if target is None and not url:
        raise ApplicationError("กรุณาระบุหลักฐาน (ไฟล์ที่มีในระบบหรือลิงก์)", field="url")
    if url:
        url = validate_link_url(url)
    if not (title or "").strip():
        raise ApplicationError("กรุณากรอกคำอธิบายหลักฐาน", field="title")
    tags = []
    for item in items:
        require(actor, "ita.manage", item)
        tag = EvidenceTag(item=item, indicator=indicator, url=url, title=title.strip(),
                          created_by=actor if getattr(actor, "is_authenticated", False) else None)
        if target is not None:
            tag.target = target
        tag.save()
        audit_record(actor=actor, action="ita.evidence_tag", obj=tag, old=None,
                     new={"code": item.code, "title": tag.title, "url": url,
                          "target": f"{target._meta.label}:{target.pk}" if target is not None else ""},
                     unit=item.year.agency)
        tags.append(tag)
    return tags


# --- the link checker's runs ------------------------------------------------------------------------


def run_start(*, actor, agency) -> CheckRun:
    """Open a run, unless one is still going (started within the hour and not finished): the button and the
    scheduled command then add nothing, so a run is never doubled."""
    require(actor, "ita.manage", unit=agency)
    with transaction.atomic():
        busy = CheckRun.objects.select_for_update().filter(
            agency=agency, finished_at__isnull=True, started_at__gte=timezone.now() - RUN_STALE_AFTER)
        if busy.exists():
            raise ApplicationError("กำลังตรวจลิงก์อยู่แล้ว กรุณารอให้รอบนี้เสร็จ", extra={"conflict": True})
        return CheckRun.objects.create(agency=agency, started_at=timezone.now())


def run_links(run: CheckRun, *, min_fiscal_year: int | None = None, evidence: bool = True) -> CheckRun:
    """Check every OIT/EB link of the agency's years (from `min_fiscal_year`) and every evidence link of its
    reports, then close the run."""
    from ita import linkcheck
    from reports.evidence_models import EvidenceLink

    links = ItemLink.objects.filter(item__year__agency=run.agency).select_related("item__year__agency",
                                                                                   "item__owner")
    if min_fiscal_year:
        links = links.filter(item__year__fiscal_year__gte=min_fiscal_year)
    for link in links.order_by("id"):
        snapshot = linkcheck.check_item_link(link)
        run.checked += 1
        if snapshot is None or snapshot.status != "ok":
            run.dead += 1
        elif snapshot.changed:
            run.changed += 1
    evidence_links = EvidenceLink.objects.filter(removed_at__isnull=True,
                                                 report__round__plan__agency=run.agency).select_related(
        "report__round__plan__agency", "created_by")
    for evidence_link in (evidence_links.order_by("id") if evidence else []):
        snapshot = linkcheck.check_evidence_link(evidence_link)
        run.checked += 1
        run.dead += snapshot.status != "ok"
        run.changed += snapshot.changed
    run.finished_at = timezone.now()
    run.save()
    return run


# --- the submission ---------------------------------------------------------------------------------


def _default_memo(year: ItaYear) -> dict:
    from org.models import AgencyProfile

    profile = AgencyProfile.objects.filter(agency=year.agency).first()
    head = getattr(profile, "head_title", "") or f"อธิบดี{year.agency.name}"
    return {
        "memo_agency": getattr(profile, "official_name", "") or year.agency.name,
        "memo_phone": getattr(profile, "phone", "") or "",
        "memo_subject": ("ขอความเห็นชอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
                         f"ประจำปีงบประมาณ พ.ศ. {year.fiscal_year}"),
        "memo_addressee": head,
        "memo_body": (
            f"ตามที่สำนักงาน ป.ป.ช. กำหนดให้หน่วยงานภาครัฐเข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน "
            f"(ITA) ประจำปีงบประมาณ พ.ศ. {year.fiscal_year} โดยหน่วยงานต้องตอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ "
            f"(OIT) พร้อมระบุลิงก์ที่เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน นั้น\n"
            "บัดนี้ได้จัดทำแบบตอบ OIT ครบทุกข้อแล้ว รายละเอียดตามแบบที่แนบ\n"
            "จึงเรียนมาเพื่อโปรดพิจารณาให้ความเห็นชอบ"
        ),
    }


@transaction.atomic
def submission_save(*, actor, year: ItaYear, **fields) -> Submission:
    require(actor, "ita.manage", year)
    submission = Submission.objects.filter(year=year).first()
    if submission and submission.status == Submission.Status.APPROVED:
        raise ApplicationError("ผู้บริหารเห็นชอบแล้ว แก้ไขบันทึกข้อความไม่ได้", extra={"conflict": True})
    old = None
    if submission is None:
        submission = Submission(year=year, **_default_memo(year))
    else:
        old = {"subject": submission.memo_subject}
    allowed = {f.name for f in Submission._meta.fields if f.name.startswith("memo_")}
    for name, value in fields.items():
        if name in allowed:
            setattr(submission, name, value)
    for name in ("memo_agency", "memo_subject", "memo_addressee", "memo_body"):
        if not (getattr(submission, name) or "").strip():
            raise ApplicationError(f"กรุณากรอก{Submission._meta.get_field(name).verbose_name}", field=name)
    submission.save()
    audit_record(actor=actor, action="ita.submission_save", obj=submission, old=old,
                 new={"subject": submission.memo_subject}, unit=year.agency)
    return submission


@transaction.atomic
def submission_approve(*, actor, submission: Submission, approved_on: dt.date) -> Submission:
    """The executive's เห็นชอบ: who, when, and the hash of the answer sheet as it was approved."""
    from ita import exports

    require(actor, "ita.approve", submission)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status == Submission.Status.APPROVED:
        raise ApplicationError("บันทึกนี้ได้รับความเห็นชอบแล้ว", extra={"conflict": True})
    if approved_on is None or approved_on > timezone.localdate():
        raise ApplicationError("กรุณาระบุวันที่เห็นชอบ (ไม่เกินวันนี้)", field="approved_on")
    sheet = exports.answer_sheet_xlsx(submission.year)
    submission.status = Submission.Status.APPROVED
    submission.approved_by = actor
    submission.approver_name = actor.get_full_name() or actor.username
    submission.approver_position = getattr(actor, "position", "") or ""
    submission.approved_on = approved_on
    submission.approved_at = timezone.now()
    submission.sheet_sha256 = hashlib.sha256(sheet).hexdigest()
    submission.save()
    audit_record(actor=actor, action="ita.submission_approve", obj=submission, old={"status": "draft"},
                 new={"status": "approved", "approved_by": submission.approver_name,
                      "approved_on": approved_on},
                 unit=submission.year.agency)
    return submission
