"""Write a project recorded in this system as an OCDS release (a full snapshot of what is known).

Parts OCDS does not have travel in documented extension fields: `tender.documentBuyers` (who bought or
downloaded the bid documents) and `parties[].details.directors` (from the company registry); bids use the
OCDS bid extension (`bids.details`). The reference price is `tender.value`; how it was calculated is the
tender document with id `reference-price`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.thai import BANGKOK
from procurement.methods import ocds_method
from procurement.models import Bid, CommitteeMember, Project, Supplier

S = Project.Status
TENDER_STATUS = {
    S.DRAFT: "planning", S.ANNOUNCED: "active", S.QUALIFIED: "active", S.AWARDED: "complete",
    S.CONTRACTED: "complete", S.COMPLETED: "complete", S.CANCELLED: "cancelled",
    S.UNSUCCESSFUL: "unsuccessful",
}
AWARD_CRITERIA = {Project.Criteria.PRICE: "priceOnly", Project.Criteria.PRICE_PERFORMANCE: "ratedCriteria"}


def ocid_prefix(unit=None) -> str:
    """The prefix of the ocids (and this system's party ids) of `unit`'s agency: the agency's own setting,
    else the deployment's PRONGSAI_OCID_PREFIX."""
    from org.selectors import agency_ocid_prefix

    return agency_ocid_prefix(unit)


def instant(day: datetime.date | None, *, end_of_day: bool = False) -> str | None:
    if day is None:
        return None
    moment = datetime.time(23, 59, 59) if end_of_day else datetime.time(0, 0)
    return datetime.datetime.combine(day, moment, tzinfo=BANGKOK).isoformat()


def now_instant() -> str:
    return timezone.now().astimezone(BANGKOK).isoformat(timespec="seconds")


def value(amount: Decimal | None, currency: str) -> dict | None:
    if amount is None:
        return None
    number = float(amount)
    return {"amount": int(number) if number.is_integer() else number, "currency": currency or "THB"}


def unit_party_id(unit) -> str:
    return f"{ocid_prefix(unit)}-unit-{unit.code}"


def supplier_ref(supplier: Supplier) -> dict:
    return {"id": supplier.ocds_id, "name": supplier.name}


def _supplier_party(supplier: Supplier, roles: list[str]) -> dict:
    party: dict = {"id": supplier.ocds_id, "name": supplier.name, "roles": roles}
    if supplier.juristic_id:
        party["identifier"] = {"scheme": "TH-DBD", "id": supplier.juristic_id, "legalName": supplier.name}
    if supplier.address:
        party["address"] = {"streetAddress": supplier.address, "countryName": "ประเทศไทย"}
    if supplier.phone:
        party["contactPoint"] = {"name": supplier.name, "telephone": supplier.phone}
    directors = [p.name for p in supplier.people.all() if p.role == "director"]
    if directors:
        party["details"] = {"directors": [{"name": name} for name in directors]}
    return party


def public_url(project: Project) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("procurement:public_project", args=[project.pk])


def _documents(project: Project) -> list[dict]:
    url = public_url(project)
    docs = []
    if project.announced_on:
        docs.append({"id": "announcement", "documentType": "tenderNotice", "language": "th", "url": url,
                     "title": f"ประกาศเชิญชวน {project.announcement_no}".strip(),
                     "datePublished": instant(project.announced_on)})
    if project.reference_price is not None:
        committee = [f"{m.official.name} ({m.get_role_display()})" for m in project.committee.all()
                     if m.committee == CommitteeMember.Committee.REFERENCE]
        lines = [project.get_reference_source_display(), project.reference_method]
        if committee:
            lines.append("คณะกรรมการกำหนดราคากลาง: " + ", ".join(committee))
        docs.append({"id": "reference-price", "documentType": "referencePrice", "language": "th", "url": url,
                     "title": "การคำนวณราคากลาง", "description": "\n".join(x for x in lines if x),
                     "datePublished": instant(project.reference_date or project.announced_on)})
    if project.criteria:
        docs.append({"id": "criteria", "documentType": "evaluationCriteria", "language": "th", "url": url,
                     "title": "หลักเกณฑ์การพิจารณาคัดเลือก",
                     "description": "\n".join(
                         x for x in (project.get_criteria_display(), project.criteria_detail) if x)})
    if project.qualified_on:
        docs.append({"id": "qualified", "documentType": "shortlistedFirms", "language": "th", "url": url,
                     "title": "ประกาศรายชื่อผู้มีคุณสมบัติเบื้องต้น", "datePublished": instant(project.qualified_on)})
    return docs


def disclosure(project: Project) -> tuple[bool, bool]:
    """(document buyers, bids) may be published? Not while bids can still come in: who bought the documents
    and who bid would tell each bidder its rivals. Buyers go out after the last day for submissions, bids with
    the announcement of qualified bidders."""
    open_states = (S.DRAFT, S.ANNOUNCED)
    bids = project.status not in open_states
    deadline = project.submission_deadline
    deadline_passed = deadline is not None and deadline < timezone.localdate()
    return bids or deadline_passed, bids


def _tender(project: Project, bids: list[Bid], buyer_ref: dict, show_buyers: bool) -> dict:
    tenderers = {b.supplier.ocds_id: supplier_ref(b.supplier) for b in bids if b.status != Bid.Status.INVITED}
    tender = {
        "id": f"{project.ocid}-tender",
        "title": project.title,
        "description": project.description or None,
        "status": TENDER_STATUS[project.status],
        "procuringEntity": buyer_ref,
        "value": value(project.reference_price, project.currency),
        "procurementMethod": ocds_method(project.method) or None,
        "procurementMethodDetails": project.get_method_display() if project.method else None,
        "procurementMethodRationale": project.method_rationale or None,
        "mainProcurementCategory": project.category or None,
        "awardCriteria": AWARD_CRITERIA.get(project.criteria),
        "awardCriteriaDetails": project.criteria_detail or None,
        "tenderPeriod": {k: v for k, v in (
            ("startDate", instant(project.announced_on)),
            ("endDate", instant(project.submission_deadline, end_of_day=True)),
        ) if v} or None,
        "numberOfTenderers": len(tenderers) if bids else None,
        "tenderers": list(tenderers.values()) or None,
        "documentBuyers": ([supplier_ref(d.supplier) for d in project.document_buyers.all()] or None)
        if show_buyers else None,
        "documents": _documents(project) or None,
    }
    if project.status == S.CANCELLED and project.cancel_reason:
        tender["statusDetails"] = project.cancel_reason
    return {k: v for k, v in tender.items() if v is not None}


def _parties(project: Project, bids: list[Bid], buyer_ref: dict, show_buyers: bool) -> list[dict]:
    """The buying unit, then every supplier with each role it plays in the process, in order of appearance."""
    roles: dict[int, tuple[Supplier, list[str]]] = {}

    def add_role(supplier: Supplier, role: str) -> None:
        entry = roles.setdefault(supplier.pk, (supplier, []))
        if role not in entry[1]:
            entry[1].append(role)

    if show_buyers:
        for buyer in project.document_buyers.select_related("supplier").prefetch_related("supplier__people"):
            add_role(buyer.supplier, "interestedParty")
    for bid in bids:
        add_role(bid.supplier, "tenderer")
    if project.winner_id:
        add_role(project.winner, "supplier")
    parties = [{**buyer_ref, "roles": ["buyer", "procuringEntity"]}]
    return parties + [_supplier_party(s, r) for s, r in roles.values()]


def _planning(project: Project) -> dict | None:
    if project.budget is None and not project.budget_source:
        return None
    budget = {k: v for k, v in (("id", "budget"), ("description", project.budget_source or None),
                                ("amount", value(project.budget, project.currency)),
                                ("project", project.title)) if v is not None}
    planning = {"budget": budget}
    if project.plan_item_id:
        planning["rationale"] = f"ตามแผนการจัดซื้อจัดจ้าง: {project.plan_item.plan.title}"
    return planning


def _bids(project: Project, bids: list[Bid]) -> dict:
    return {"details": [{k: v for k, v in (
        ("id", b.ocds_id), ("date", instant(b.submitted_on)), ("status", b.status),
        ("tenderers", [supplier_ref(b.supplier)]), ("value", value(b.amount, project.currency)),
    ) if v is not None} for b in bids]}


def _award(project: Project) -> dict:
    return {k: v for k, v in (
        ("id", f"{project.ocid}-award-1"), ("title", project.title),
        ("description", project.award_reason or None),
        ("status", "cancelled" if project.status == S.CANCELLED else "active"),
        ("date", instant(project.awarded_on)), ("value", value(project.award_amount, project.currency)),
        ("suppliers", [supplier_ref(project.winner)]),
    ) if v is not None}


def _contract(project: Project) -> dict:
    contract = {k: v for k, v in (
        ("id", f"{project.ocid}-contract-1"), ("awardID", f"{project.ocid}-award-1"),
        ("title", f"สัญญาเลขที่ {project.contract_no}" if project.contract_no else None),
        ("status", "terminated" if project.status == S.COMPLETED else "active"),
        ("dateSigned", instant(project.contract_signed_on)),
        ("value", value(project.contract_amount, project.currency)),
    ) if v is not None}
    if project.completed_on:
        contract["period"] = {"endDate": instant(project.completed_on)}
    return contract


def release_from_project(project: Project, *, tag: str, release_id: str, date: str | None = None,
                         private: bool = False) -> dict:
    """A release carrying the project's current state as it may be published (`private`: everything, for staff
    screening)."""
    unit = project.unit
    buyer_ref = {"id": unit_party_id(unit), "name": unit.name}
    show_buyers, show_bids = (True, True) if private else disclosure(project)
    bids = []
    if show_bids:
        bids = list(project.bids.select_related("supplier").prefetch_related("supplier__people"))
    release: dict = {
        "ocid": project.ocid,
        "id": release_id,
        "date": date or now_instant(),
        "tag": [tag],
        "initiationType": "tender",
        "language": "th",
        "parties": _parties(project, bids, buyer_ref, show_buyers),
        "buyer": buyer_ref,
    }
    planning = _planning(project)
    if planning is not None:
        release["planning"] = planning
    release["tender"] = _tender(project, bids, buyer_ref, show_buyers)
    if bids:
        release["bids"] = _bids(project, bids)
    if project.awarded_on and project.winner_id:
        release["awards"] = [_award(project)]
    if project.contract_signed_on and release.get("awards"):
        release["contracts"] = [_contract(project)]
    return release


def compiled_from_release(release: dict) -> dict:
    """A generated release already holds the whole state: the compiled release is that state, re-labelled."""
    compiled = {k: v for k, v in release.items() if k not in ("id", "date", "tag")}
    return {"ocid": release["ocid"], "id": f"{release['ocid']}-{release['date']}", "date": release["date"],
            "tag": ["compiled"], **{k: v for k, v in compiled.items() if k != "ocid"}}
