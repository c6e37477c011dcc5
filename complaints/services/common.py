"""Pieces shared by the complaint services: the audited view of a case, permission guards, messages."""

from __future__ import annotations

from accounts import policy
from audit.services import audit_record, snapshot
from complaints.models import Case, Message
from core.errors import ApplicationError

# What the audit trail keeps of a case. Identity never appears here; the subject and details are not copied
# either, so the trail can be shown to auditors of any unit.
CASE_FIELDS = ["status", "stage", "category", "assigned_units", "acknowledge_due", "answer_due",
               "outcome_reason", "forwarded_to", "duplicate_of"]


def triage_action(case: Case) -> str:
    """Confidential reports are received, assigned and dismissed by the identity custodian only."""
    return "complaint.triage_confidential" if case.is_confidential else "complaint.triage"


def require(actor, action: str, case: Case) -> None:
    policy.require(actor, action, case)


def require_any(actor, actions: list[str], case: Case) -> None:
    if actor is not None and not any(policy.can(actor, action, case) for action in actions):
        raise policy.Denied(actions[0])


def lock(case: Case) -> Case:
    """Reload the case under a row lock so two people cannot move it at the same time."""
    return Case.objects.select_for_update().get(pk=case.pk)


def guard(case: Case, allowed, verb: str) -> None:
    if case.status not in allowed:
        raise ApplicationError(f"เรื่องที่อยู่ในสถานะ '{case.get_status_display()}' ไม่สามารถ{verb}ได้")


def need_reason(reason: str, what: str = "เหตุผล", minimum: int = 5) -> str:
    reason = (reason or "").strip()
    if len(reason) < minimum:
        raise ApplicationError(f"กรุณาระบุ{what}อย่างน้อย {minimum} ตัวอักษร", field="reason")
    return reason


def state(case: Case) -> dict:
    return snapshot(case, CASE_FIELDS)


def record(*, actor, action: str, case: Case, old: dict | None = None, new: dict | None = None,
           note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=case, unit=case.unit, old=old, new=new, note=note,
                 object_label=case.number)


def say(case: Case, kind: str, text: str, *, actor=None, stage=None) -> Message:
    label = ""
    if getattr(actor, "is_authenticated", False):
        label = actor.get_full_name() or actor.get_username()
    return Message.objects.create(case=case, kind=kind, text=text, stage=stage,
                                  author=actor if label else None, author_label=label)
