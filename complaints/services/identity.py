"""Opening who filed a complaint. Confidential reports: the identity custodian only, with a stated reason;
service complaints: the people handling the case, to contact the complainant. Every opening is audited, the
reason included; what was revealed is never written anywhere."""

from __future__ import annotations

from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from complaints.crypto import Identity, decrypt_identity
from complaints.models import Case
from complaints.services.common import need_reason, record, require, require_any, triage_action


@sensitive_variables("identity")
@transaction.atomic
def identity_reveal(*, actor, case: Case, reason: str) -> Identity:
    if case.is_confidential:
        require(actor, "complaint.identity", case)
        reason = need_reason(reason, "เหตุผลที่ต้องเปิดดูข้อมูลผู้ร้อง", 10)
    else:
        require_any(actor, ["complaint.handle", triage_action(case), "complaint.identity"], case)
        reason = (reason or "").strip() or "ติดต่อผู้ร้องเพื่อดำเนินการตามคำร้อง"
    identity = decrypt_identity(case.identity_token)
    record(actor=actor, action="complaint.identity_view", case=case, note=f"เหตุผล: {reason}")
    return identity
