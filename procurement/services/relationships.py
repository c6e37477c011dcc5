"""Finding ties between officials and bidders, and recording a person's decision on near matches.

Officials and their declared relatives are compared with the directors, shareholders and contact persons of
suppliers; former employers are compared with the suppliers themselves (registration number first, then name).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from rapidfuzz import fuzz, process

from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from procurement.models import CompanyPerson, Official, OfficialEmployer, Relationship, Supplier
from procurement.names import MATCH_CUTOFF, NameMatch, compact, compare

R = Relationship


@dataclass(frozen=True)
class Candidate:
    official_id: int
    relative_id: int | None
    employer_id: int | None
    person_id: int | None
    supplier_id: int
    match: NameMatch

    @property
    def pair_key(self) -> str:
        return (f"o{self.official_id}-r{self.relative_id or 0}-e{self.employer_id or 0}"
                f"-p{self.person_id or 0}-s{self.supplier_id}")


def _near_pairs(left: list[str], right: list[str]) -> list[tuple[int, int]]:
    """Index pairs whose keys may match, found with rapidfuzz's C loops before the detailed compare.

    The token-sorted pass catches surname-first spellings, which score low on the plain ratio.
    """
    if not left or not right:
        return []
    b = [compact(k) for k in right]
    pairs: set[tuple[int, int]] = set()
    for i, key in enumerate(left):
        for _, _, j in process.extract(compact(key), b, scorer=fuzz.ratio, processor=None,
                                       score_cutoff=MATCH_CUTOFF, limit=None):
            pairs.add((i, j))
        for _, _, j in process.extract(key, right, scorer=fuzz.token_sort_ratio, processor=None,
                                       score_cutoff=MATCH_CUTOFF, limit=None):
            pairs.add((i, j))
    return sorted(pairs)


def find_candidates() -> list[Candidate]:
    officials = list(Official.objects.filter(is_active=True).prefetch_related("relatives", "employers"))
    people = list(CompanyPerson.objects.only("id", "name_key", "supplier_id"))
    # Left side: (official, relative or None, name key)
    left = [(o.pk, None, o.name_key) for o in officials]
    left += [(o.pk, r.pk, r.name_key) for o in officials for r in o.relatives.all()]
    found: list[Candidate] = []
    for i, j in _near_pairs([k for _, _, k in left], [p.name_key for p in people]):
        official_id, relative_id, key = left[i]
        match = compare(key, people[j].name_key)
        if match is not None:
            found.append(Candidate(official_id, relative_id, None, people[j].pk, people[j].supplier_id,
                                   match))
    employers = list(OfficialEmployer.objects.filter(official__is_active=True))
    suppliers = list(Supplier.objects.only("id", "name_key", "juristic_id"))
    by_jid = {s.juristic_id: s for s in suppliers if s.juristic_id}
    for employer in employers:
        if employer.juristic_id and employer.juristic_id in by_jid:
            found.append(Candidate(employer.official_id, None, employer.pk, None,
                                   by_jid[employer.juristic_id].pk,
                                   NameMatch(100.0, "juristic_id",
                                             "เลขทะเบียนนิติบุคคลของนายจ้างเดิมตรงกับผู้เสนองาน")))
    for i, j in _near_pairs([e.name_key for e in employers], [s.name_key for s in suppliers]):
        employer, supplier = employers[i], suppliers[j]
        if employer.juristic_id and supplier.juristic_id and employer.juristic_id != supplier.juristic_id:
            continue  # two different registered companies with similar names
        match = compare(employer.name_key, supplier.name_key)
        if match is not None:
            found.append(Candidate(employer.official_id, None, employer.pk, None, supplier.pk, match))
    return found


def _status_for(match: NameMatch) -> str:
    return R.Status.EXACT if match.exact or match.method == "juristic_id" else R.Status.PENDING


@transaction.atomic
def relationships_refresh(*, actor) -> dict:
    """Re-run the matching. Decisions already taken are kept; near matches no longer matching are dropped."""
    require(actor, "procurement.edit")
    candidates: dict[str, Candidate] = {}
    for c in find_candidates():
        # A registration-number match outranks a name match of the same pair.
        candidates.setdefault(c.pair_key, c)
    existing = {r.pair_key: r for r in Relationship.objects.select_for_update()}
    created = updated = removed = 0
    for key, c in candidates.items():
        row = existing.get(key)
        method = c.match.method if c.match.method in R.Method.values else R.Method.RATIO
        if c.match.method == "token_sort":
            method = R.Method.TOKEN_SORT
        if row is None:
            Relationship.objects.create(
                pair_key=key, official_id=c.official_id, relative_id=c.relative_id, employer_id=c.employer_id,
                person_id=c.person_id, supplier_id=c.supplier_id, score=c.match.score, method=method,
                reason=c.match.reason, status=_status_for(c.match))
            created += 1
        elif (row.score, row.method, row.reason) != (c.match.score, method, c.match.reason):
            row.score, row.method, row.reason = c.match.score, method, c.match.reason
            if row.status in (R.Status.EXACT, R.Status.PENDING):
                row.status = _status_for(c.match)
            row.save()
            updated += 1
    for key, row in existing.items():
        if key not in candidates and row.status in (R.Status.EXACT, R.Status.PENDING):
            row.delete()
            removed += 1
    counts = {"found": len(candidates), "created": created, "updated": updated, "removed": removed,
              "pending": Relationship.objects.filter(status=R.Status.PENDING).count()}
    audit_record(actor=actor, action="procurement.relationships_refresh", new=counts,
                 object_type="procurement.Relationship", object_id="*",
                 object_label="ตรวจหาความสัมพันธ์ระหว่างเจ้าหน้าที่กับผู้เสนองาน")
    return counts


@transaction.atomic
def relationship_decide(*, actor, relationship: Relationship, same_person: bool,
                        note: str = "") -> Relationship:
    """A person's ruling on a near match: the same person (the tie is listed) or not (it is set aside)."""
    require(actor, "procurement.decide_match", relationship)
    row = Relationship.objects.select_for_update(of=("self",)).select_related(
        "official__unit", "relative", "employer", "person", "supplier").get(pk=relationship.pk)
    if row.status == R.Status.EXACT:
        raise ApplicationError("รายการนี้ชื่อตรงกัน ไม่ต้องพิจารณา")
    if not note.strip():
        raise ApplicationError("กรุณาบันทึกเหตุผลหรือหลักฐานที่ใช้พิจารณา", field="note")
    old = {"status": row.get_status_display(), "decision_note": row.decision_note}
    row.status = R.Status.ACCEPTED if same_person else R.Status.REJECTED
    row.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    row.decided_at = timezone.now()
    row.decision_note = note.strip()
    row.save()
    audit_record(actor=actor, action="procurement.relationship_decide", obj=row, unit=row.official.unit,
                 old=old, new={"status": row.get_status_display(), "decision_note": row.decision_note},
                 note=row.reason)
    return row
