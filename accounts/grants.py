"""Who may grant which role, and the four-eyes rule for the identity custodian.

`policy.py` answers what a role allows; this module answers who may hand a role out, which is a question about
the people holding roles rather than about objects. The rules:

- A role is granted only over a unit inside the granter's own subtree: a system administrator held over unit U
  grants at U and below, never above or beside it. Department-wide power comes only from a role held at the
  agency root, so only a system administrator held at the root can hand it out.
- Nobody grants any role to themselves, even one that seems to narrow their power: every grant needs a second
  person, and "it was only a small role" is not a rule anyone can check later.
- The identity custodian opens whistleblowers' names. That role never takes effect on one person's word: an
  administrator proposes (grantee, unit, reason) and a different person confirms — another administrator over
  the unit or an existing custodian over it, never the proposer and never the grantee. A confirmer must also
  be independent of both: their account and their administrator or custodian role must not trace back,
  through who created the account and who granted the role, to the proposer or the grantee (otherwise one
  administrator could create a second account and confirm through it).
- The superuser flag (an account made with `createsuperuser` to start a new deployment) may grant ordinary
  roles and propose, as a system administrator over everything, but it never confirms a custodian and, in
  complaints, never opens an identity: both need an actual role assignment.
- An actor of None is the system (demo data, loaders, management commands). Code passes it explicitly; no
  view can, since views always pass `request.user`.
"""

from __future__ import annotations

from accounts.models import Role, RoleAssignment, RoleProposal, User

# Roles that take effect only after a second person confirms.
FOUR_EYES = frozenset({Role.IDENTITY_CUSTODIAN})


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _is_super(user) -> bool:
    return _active(user) and bool(user.is_superuser)


def holds(user, role: str, unit) -> bool:
    """Does the user hold `role` through an actual assignment over `unit` (at it or at one of its parents)?
    The superuser flag does not count."""
    if not _active(user) or unit is None:
        return False
    paths = RoleAssignment.objects.filter(user=user, role=role, unit__is_active=True).values_list(
        "unit__path", flat=True)
    return any(unit.path.startswith(path) for path in paths)


def administers(user, unit) -> bool:
    """A system administrator over `unit` (or the superuser flag, which starts a deployment)."""
    return _is_super(user) or holds(user, Role.SYSADMIN, unit)


def grantable_units(user):
    """Units at which the user may grant roles: those inside the subtrees where they are system
    administrator."""
    from django.db.models import Q

    from org.models import Unit

    if _is_super(user):
        return Unit.objects.all()
    paths = list(RoleAssignment.objects.filter(user=user, role=Role.SYSADMIN, unit__is_active=True)
                 .values_list("unit__path", flat=True)) if _active(user) else []
    if not paths:
        return Unit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def grant_refusal(actor, user: User, role: str, unit) -> tuple[str, str] | None:
    """Why `actor` may not give `user` the `role` over `unit`, as (form field, Thai message); None if allowed.
    Says nothing about the four-eyes step: proposing a custodian is a grant that waits for confirmation."""
    if role not in Role.values:
        return "role", f"ไม่รู้จักบทบาท '{role}'"
    if actor is None:
        return None  # the system itself, from code only
    if not _active(actor):
        return "role", "กรุณาเข้าสู่ระบบก่อนมอบบทบาท"
    if actor.pk == user.pk:
        return "role", "ไม่สามารถมอบบทบาทให้ตนเองได้ กรุณาให้ผู้ดูแลระบบคนอื่นเป็นผู้มอบ"
    if not administers(actor, unit):
        if unit.parent_id is None:
            return "unit", (f"บทบาทที่ระดับ{unit.short_name}มีผลทั้งหน่วยงาน "
                            "มอบได้เฉพาะผู้ดูแลระบบที่ได้รับบทบาทในระดับเดียวกันเท่านั้น")
        return "unit", f"ท่านมอบบทบาทได้เฉพาะภายในหน่วยงานที่ท่านดูแลระบบ ({unit.short_name} อยู่นอกขอบเขตนั้น)"
    return None


def revoke_refusal(actor, assignment: RoleAssignment) -> str | None:
    if actor is None:
        return None
    if not _active(actor) or not administers(actor, assignment.unit):
        return "ท่านยกเลิกบทบาทได้เฉพาะบทบาทที่มอบไว้ภายในหน่วยงานที่ท่านดูแลระบบ"
    return None


def _origins(user_id: int) -> set[int]:
    """Everyone the user's standing traces back to: who created the account and who granted each of their
    administrator or custodian roles, and, in turn, the same for those people."""
    from audit.models import AuditEvent

    seen: set[int] = set()
    todo = [user_id]
    while todo:
        current = todo.pop()
        parents = set(RoleAssignment.objects.filter(
            user_id=current, role__in=[Role.SYSADMIN, Role.IDENTITY_CUSTODIAN], granted_by__isnull=False,
        ).values_list("granted_by_id", flat=True))
        parents |= set(AuditEvent.objects.filter(
            action="user.create", object_type="accounts.User", object_id=str(current), actor__isnull=False,
        ).values_list("actor_id", flat=True))
        for parent in parents - seen - {user_id}:
            seen.add(parent)
            todo.append(parent)
    return seen


def confirm_refusal(actor, proposal: RoleProposal) -> str | None:
    """Why `actor` may not confirm the proposal; None if they may."""
    if proposal.status != RoleProposal.Status.PENDING:
        return "ข้อเสนอนี้ได้รับการพิจารณาไปแล้ว"
    if not _active(actor):
        return "กรุณาเข้าสู่ระบบ"
    if actor.pk == proposal.proposed_by_id:
        return "ผู้เสนอไม่สามารถยืนยันข้อเสนอของตนเองได้ ต้องเป็นผู้ดูแลระบบคนอื่นหรือผู้รักษาข้อมูลผู้ร้องเรียน"
    if actor.pk == proposal.user_id:
        return "ผู้ได้รับการเสนอไม่สามารถยืนยันการแต่งตั้งตนเองได้"
    if not (holds(actor, Role.SYSADMIN, proposal.unit)
            or holds(actor, Role.IDENTITY_CUSTODIAN, proposal.unit)):
        return (f"ผู้ยืนยันต้องเป็นผู้ดูแลระบบหรือผู้รักษาข้อมูลผู้ร้องเรียนที่ได้รับบทบาทครอบคลุม "
                f"{proposal.unit.short_name}")
    if {proposal.proposed_by_id, proposal.user_id} & _origins(actor.pk):
        return ("บัญชีหรือบทบาทของท่านสร้างหรือมอบโดยผู้เสนอหรือผู้ได้รับการเสนอ "
                "จึงไม่ถือเป็นบุคคลที่สองที่เป็นอิสระ กรุณาให้ผู้อื่นยืนยัน")
    return None


def can_confirm(actor, proposal: RoleProposal) -> bool:
    return confirm_refusal(actor, proposal) is None


def reject_refusal(actor, proposal: RoleProposal) -> str | None:
    """The proposer may withdraw; anyone who could confirm may turn it down."""
    if proposal.status != RoleProposal.Status.PENDING:
        return "ข้อเสนอนี้ได้รับการพิจารณาไปแล้ว"
    if _active(actor) and actor.pk == proposal.proposed_by_id:
        return None
    refusal = confirm_refusal(actor, proposal)
    # Turning a proposal down gives nobody any power, so independence is not needed for it.
    if refusal and _active(actor) and actor.pk != proposal.user_id and (
            holds(actor, Role.SYSADMIN, proposal.unit)
            or holds(actor, Role.IDENTITY_CUSTODIAN, proposal.unit)):
        return None
    return refusal


def can_reject(actor, proposal: RoleProposal) -> bool:
    return reject_refusal(actor, proposal) is None


def proposals_visible(user):
    """Pending proposals the user may decide on or has made, oldest first."""
    if not _active(user):
        return []
    pending = (RoleProposal.objects.filter(status=RoleProposal.Status.PENDING)
               .select_related("user", "unit", "proposed_by").order_by("proposed_at", "pk"))
    return [p for p in pending if p.proposed_by_id == user.pk or can_reject(user, p)]


def account_origin(user: User) -> str:
    """Who created the grantee's account and when, shown to the confirmer: an account freshly made by the
    proposer deserves a question before the role is confirmed."""
    from audit.models import AuditEvent
    from core.thai import format_be_datetime

    event = AuditEvent.objects.filter(action="user.create", object_type="accounts.User",
                                      object_id=str(user.pk)).order_by("at").first()
    if event is None:
        return ""
    return f"บัญชีสร้างโดย {event.actor_label or 'ระบบ'} เมื่อ {format_be_datetime(event.at)}"
