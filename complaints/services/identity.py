"""Opening who filed a complaint. Confidential reports: the identity custodian only, with a stated reason;
service complaints: the people handling the case, to contact the complainant. Every opening is audited, the
reason included; what was revealed is never written anywhere.

The superuser flag opens nothing here: the person is judged by the roles actually assigned to them, so an
account made with `createsuperuser` (or given the flag later) reads no identity without being made custodian
through the four-eyes grant (accounts.grants)."""

from __future__ import annotations

import copy

from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from accounts import policy
from complaints.crypto import Identity, decrypt_identity
from complaints.models import Case
from complaints.services.common import need_reason, record, require_any, triage_action


def by_roles_alone(actor):
    """The same person with the superuser flag set aside, for checks that only a role may pass."""
    if not getattr(actor, "is_superuser", False):
        return actor
    plain = copy.copy(actor)
    plain.is_superuser = False
    return plain


def identity_actions(case: Case) -> list[str]:
    """The actions any one of which opens this case's identity: the custodian alone for a confidential
    report."""
    if case.is_confidential:
        return ["complaint.identity"]
    return ["complaint.handle", triage_action(case), "complaint.identity"]


def can_reveal(actor, case: Case) -> bool:
    """Decides the button and guards `identity_reveal`: by roles alone, never by the superuser flag."""
    plain = by_roles_alone(actor)
    return any(policy.can(plain, action, case) for action in identity_actions(case))


@sensitive_variables("identity")
@transaction.atomic
def identity_reveal(*, actor, case: Case, reason: str) -> Identity:
    actor_roles = by_roles_alone(actor)
    require_any(actor_roles, identity_actions(case), case)
    if case.is_confidential:
        reason = need_reason(reason, "เหตุผลที่ต้องเปิดดูข้อมูลผู้ร้อง", 10)
    else:
        reason = (reason or "").strip() or "ติดต่อผู้ร้องเพื่อดำเนินการตามคำร้อง"
    identity = decrypt_identity(case.identity_token)
    record(actor=actor, action="complaint.identity_view", case=case, note=f"เหตุผล: {reason}")
    return identity
