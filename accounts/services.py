import datetime as dt
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import grants, notifications, policy
from accounts.models import ApiToken, Role, RoleAssignment, RoleProposal, Supervision, User
from audit.services import audit_record, snapshot
from core.errors import ApplicationError

USER_FIELDS = ["username", "title", "first_name", "last_name", "email", "unit", "position", "phone",
               "is_active"]


@transaction.atomic
def user_create(*, actor, username: str, password: str | None, unit, first_name: str = "",
                last_name: str = "",
                title: str = "", email: str = "", position: str = "", phone: str = "") -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(f"ชื่อผู้ใช้ '{username}' ถูกใช้แล้ว", field="username")
    user = User(username=username, unit=unit, first_name=first_name, last_name=last_name, title=title,
                email=email, position=position, phone=phone)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ApplicationError(" ".join(exc.messages), field="password") from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(actor=actor, action="user.create", obj=user, new=snapshot(user, USER_FIELDS), unit=unit)
    return user


@transaction.atomic
def user_update(*, actor, user: User, **changes) -> User:
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise ApplicationError(f"แก้ไขข้อมูล {', '.join(sorted(unknown))} ไม่ได้")
    old = snapshot(user, USER_FIELDS)
    for name, value in changes.items():
        setattr(user, name, value)
    user.save()
    audit_record(actor=actor, action="user.update", obj=user, old=old, new=snapshot(user, USER_FIELDS),
                 unit=user.unit)
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action="user.password", obj=user, unit=user.unit, note="ตั้งรหัสผ่านใหม่")


def _role_state(role: str, unit) -> dict:
    return {"role": Role(role).label, "unit": unit.short_name}


def _grant(*, actor, user: User, role: str, unit, note: str = "") -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit,
        defaults={"granted_by": actor if getattr(actor, "pk", None) else None}
    )
    if created:
        audit_record(actor=actor, action="role.assign", obj=user, unit=unit, new=_role_state(role, unit),
                     note=note)
    policy.forget(user)
    return assignment


@transaction.atomic
def role_assign(*, actor, user: User, role: str, unit) -> RoleAssignment:
    """Grant a role now. Refused outside the granter's subtree and to oneself (accounts.grants); a custodian
    is proposed with `role_propose` instead, except by the system itself (actor None: demo data, loaders)."""
    refusal = grants.grant_refusal(actor, user, role, unit)
    if refusal:
        field, message = refusal
        raise ApplicationError(message, field=field)
    if role in grants.FOUR_EYES and actor is not None:
        raise ApplicationError(f"บทบาท{Role(role).label}ต้องเสนอพร้อมเหตุผล และมีผลเมื่อผู้ดูแลระบบอีกคน"
                               "หรือผู้รักษาข้อมูลผู้ร้องเรียนยืนยัน", field="role")
    return _grant(actor=actor, user=user, role=role, unit=unit)


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    refusal = grants.revoke_refusal(actor, assignment)
    if refusal:
        raise PermissionDenied(refusal)
    user, unit, role = assignment.user, assignment.unit, assignment.role
    audit_record(actor=actor, action="role.revoke", obj=user, unit=unit, old=_role_state(role, unit))
    assignment.delete()
    policy.forget(user)
    if role in grants.FOUR_EYES:
        notifications.revoked(actor=actor, user=user, role=role, unit=unit)


def _supervision_guard(actor, message: str) -> None:
    """The system (actor None) may; anyone else only when the policy's can_manage_supervision says so."""
    if actor is not None and not policy.can_manage_supervision(actor):
        raise policy.Denied("supervision.manage", message)


@transaction.atomic
def supervision_grant(*, actor, user: User, ministry: str = "", body: str = "") -> Supervision:
    """Make `user` a supervising body (read-only) over every agency (`ministry` blank) or over one
    ministry's agencies. Above the agencies, so only the national administrator (or the system) grants it."""
    _supervision_guard(actor, "เฉพาะผู้ดูแลระบบระดับประเทศจึงจะมอบหน้าที่หน่วยงานกำกับได้")
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise ApplicationError("มอบบทบาทให้ตนเองไม่ได้", field="user")
    ministry = " ".join((ministry or "").split())
    supervision, created = Supervision.objects.get_or_create(
        user=user, ministry=ministry,
        defaults={"body": (body or "").strip(), "granted_by": actor if getattr(actor, "pk", None) else None})
    if created:
        audit_record(actor=actor, action="role.assign", obj=user, unit=user.unit, new={
            "role": Role.SUPERVISOR.label, "unit": supervision.scope_label, "body": supervision.body})
    policy.forget(user)
    return supervision


def _new_account_details(username: str, first_name: str, last_name: str, email: str) -> dict:
    """The shape of a new supervising body's account, refused in Thai field by field."""
    from django.core.validators import validate_email

    username = (username or "").strip()
    if not username:
        raise ApplicationError("กรุณากรอกชื่อผู้ใช้ของบัญชีใหม่", field="username")
    try:
        User.username_validator(username)
    except ValidationError as exc:
        raise ApplicationError("ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร ตัวเลข และเครื่องหมาย @ . + - _ โดยไม่มีช่องว่าง",
                               field="username") from exc
    details = {"username": username, "first_name": " ".join((first_name or "").split()),
               "last_name": " ".join((last_name or "").split()), "email": (email or "").strip()}
    if not details["first_name"]:
        raise ApplicationError("กรุณากรอกชื่อของผู้ใช้", field="first_name")
    if not details["last_name"]:
        raise ApplicationError("กรุณากรอกนามสกุลของผู้ใช้", field="last_name")
    if not details["email"]:
        raise ApplicationError("กรุณากรอกอีเมล ระบบส่งลิงก์ตั้งรหัสผ่านไปที่อีเมลนี้", field="email")
    try:
        validate_email(details["email"])
    except ValidationError as exc:
        raise ApplicationError(f"อีเมล '{details['email']}' ไม่ถูกต้อง", field="email") from exc
    return details


@transaction.atomic
def supervision_account_create(*, actor, username: str, first_name: str, last_name: str, email: str,
                               ministry: str = "", body: str = "") -> Supervision:
    """A supervising body's officer who has no account yet (PACC's, a ministry's): the account is made
    outside every agency with no usable password, the supervision granted with it (both audited), and a
    link to set the first password is e-mailed once this commits (accounts.invitations)."""
    from accounts import invitations

    _supervision_guard(actor, "เฉพาะผู้ดูแลระบบระดับประเทศจึงจะสร้างบัญชีหน่วยงานกำกับได้")
    details = _new_account_details(username, first_name, last_name, email)
    if not (body or "").strip():
        raise ApplicationError("กรุณากรอกชื่อหน่วยงานกำกับ", field="body")
    user = user_create(actor=actor, password=None, unit=None, **details)
    supervision = supervision_grant(actor=actor, user=user, ministry=ministry, body=body)
    invitations.invite(user)
    return supervision


@transaction.atomic
def supervision_revoke(*, actor, supervision: Supervision) -> None:
    _supervision_guard(actor, "เฉพาะผู้ดูแลระบบระดับประเทศจึงจะยกเลิกหน้าที่หน่วยงานกำกับได้")
    user = supervision.user
    audit_record(actor=actor, action="role.revoke", obj=user, unit=user.unit, old={
        "role": Role.SUPERVISOR.label, "unit": supervision.scope_label, "body": supervision.body})
    supervision.delete()
    policy.forget(user)


PROPOSAL_FIELDS = ["role", "unit", "reason", "status", "proposed_by", "decided_by", "decision_note"]


@transaction.atomic
def role_propose(*, actor, user: User, role: str, unit, reason: str) -> RoleProposal:
    """First step of a four-eyes grant: an administrator over the unit proposes, with a reason."""
    if role not in grants.FOUR_EYES:
        raise ApplicationError("บทบาทนี้มอบได้ทันที ไม่ต้องเสนอให้ยืนยัน", field="role")
    if actor is None:
        raise ApplicationError("ข้อเสนอต้องมีผู้เสนอ")
    refusal = grants.grant_refusal(actor, user, role, unit)
    if refusal:
        field, message = refusal
        raise ApplicationError(message, field=field)
    if not user.is_active:
        raise ApplicationError("บัญชีนี้ถูกระงับการใช้งาน เสนอแต่งตั้งไม่ได้")
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ApplicationError("กรุณาระบุเหตุผลที่เสนอแต่งตั้งอย่างน้อย 10 ตัวอักษร", field="reason")
    if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        raise ApplicationError(f"{user} มีบทบาทนี้ในขอบเขตนี้อยู่แล้ว", field="role")
    if RoleProposal.objects.filter(user=user, role=role, unit=unit,
                                   status=RoleProposal.Status.PENDING).exists():
        raise ApplicationError("มีข้อเสนอเดียวกันนี้รอยืนยันอยู่แล้ว", field="role")
    proposal = RoleProposal.objects.create(user=user, role=role, unit=unit, reason=reason, proposed_by=actor)
    audit_record(actor=actor, action="role.propose", obj=user, unit=unit,
                 new=snapshot(proposal, PROPOSAL_FIELDS), note=f"ข้อเสนอเลขที่ {proposal.pk}")
    notifications.proposed(proposal)
    return proposal


def _decide(*, actor, proposal: RoleProposal, status: str, note: str) -> RoleProposal:
    old = snapshot(proposal, PROPOSAL_FIELDS)
    proposal.status = status
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_note = (note or "").strip()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(actor=actor, action=f"role.proposal_{status}", obj=proposal.user, unit=proposal.unit,
                 old=old, new=snapshot(proposal, PROPOSAL_FIELDS), note=f"ข้อเสนอเลขที่ {proposal.pk}")
    return proposal


def _locked(proposal: RoleProposal) -> RoleProposal:
    """Reload under a row lock, so two people deciding at once cannot both act on a pending proposal."""
    return (RoleProposal.objects.select_for_update(of=("self",))
            .select_related("user", "unit", "proposed_by").get(pk=proposal.pk))


@transaction.atomic
def role_proposal_confirm(*, actor, proposal: RoleProposal, note: str = "") -> RoleAssignment:
    """Second step: a different administrator or an existing custodian, independent of proposer and
    grantee."""
    proposal = _locked(proposal)
    refusal = grants.confirm_refusal(actor, proposal)
    if refusal:
        raise PermissionDenied(refusal)
    # The proposal must still be one the proposer could make today (role lost, grantee deactivated...).
    if proposal.proposed_by is None or grants.grant_refusal(proposal.proposed_by, proposal.user,
                                                            proposal.role, proposal.unit):
        raise ApplicationError("ผู้เสนอไม่มีสิทธิ์เสนอบทบาทนี้แล้ว ข้อเสนอนี้ยืนยันไม่ได้ กรุณาปฏิเสธและเสนอใหม่")
    if not proposal.user.is_active:
        raise ApplicationError("บัญชีของผู้ได้รับการเสนอถูกระงับ ยืนยันไม่ได้")
    _decide(actor=actor, proposal=proposal, status=RoleProposal.Status.CONFIRMED, note=note)
    assignment = _grant(actor=actor, user=proposal.user, role=proposal.role, unit=proposal.unit,
                        note=f"ตามข้อเสนอเลขที่ {proposal.pk} ของ {proposal.proposed_by}")
    notifications.decided(proposal)
    return assignment


@transaction.atomic
def role_proposal_reject(*, actor, proposal: RoleProposal, note: str = "") -> RoleProposal:
    """Turn a proposal down (anyone who could confirm it), or withdraw it (its proposer)."""
    proposal = _locked(proposal)
    refusal = grants.reject_refusal(actor, proposal)
    if refusal:
        raise PermissionDenied(refusal)
    withdrawn = getattr(actor, "pk", None) == proposal.proposed_by_id
    status = RoleProposal.Status.WITHDRAWN if withdrawn else RoleProposal.Status.REJECTED
    _decide(actor=actor, proposal=proposal, status=status, note=note)
    notifications.decided(proposal)
    return proposal


@transaction.atomic
def api_token_create(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the plain key is returned once and never stored."""
    key = "pst_" + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=settings.PRONGSAI_API_TOKEN_DAYS)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[4:10],
                                    expires_at=expires_at, password_stamp=ApiToken.stamp_for(user))
    audit_record(actor=actor, action="token.create", obj=user, unit=user.unit, new={"token": str(token)})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="token.revoke", obj=token.user, unit=token.user.unit,
                 old={"token": str(token)})


def api_token_user(key: str) -> User | None:
    """The user a bearer token stands for; None when it is unknown, revoked, expired, its owner is inactive or
    the owner's password changed since it was made."""
    now = timezone.now()
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, expires_at__gt=now,
                     user__is_active=True).first())
    if token is None or not hmac.compare_digest(token.password_stamp, ApiToken.stamp_for(token.user)):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def password_reset_finished(*, user: User) -> None:
    """After a password was set through the e-mailed link: whoever proved they own the account's mailbox is no
    longer held by the login lock of earlier wrong guesses (from any client)."""
    from axes.utils import reset as axes_reset

    axes_reset(username=user.username)
    audit_record(actor=user, action="user.password", obj=user, unit=user.unit, note="ตั้งรหัสผ่านใหม่ทางอีเมล")
