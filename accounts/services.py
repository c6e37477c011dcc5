import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import policy
from accounts.models import ApiToken, Role, RoleAssignment, User
from audit.services import audit_record, snapshot
from core.errors import ApplicationError

USER_FIELDS = ["username", "title", "first_name", "last_name", "email", "unit", "position", "phone", "is_active"]


@transaction.atomic
def user_create(*, actor, username: str, password: str | None, unit, first_name: str = "", last_name: str = "",
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


@transaction.atomic
def role_assign(*, actor, user: User, role: str, unit) -> RoleAssignment:
    if role not in Role.values:
        raise ApplicationError(f"ไม่รู้จักบทบาท '{role}'", field="role")
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"granted_by": actor if getattr(actor, "pk", None) else None}
    )
    if created:
        audit_record(actor=actor, action="role.assign", obj=user, unit=unit,
                     new={"role": Role(role).label, "unit": unit.short_name})
    policy.forget(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    user, unit = assignment.user, assignment.unit
    audit_record(actor=actor, action="role.revoke", obj=user, unit=unit,
                 old={"role": Role(assignment.role).label, "unit": unit.short_name})
    assignment.delete()
    policy.forget(user)


@transaction.atomic
def api_token_create(*, actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the plain key is returned once and never stored."""
    key = "pst_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(key), prefix=key[4:10])
    audit_record(actor=actor, action="token.create", obj=user, unit=user.unit, new={"token": str(token)})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="token.revoke", obj=token.user, unit=token.user.unit,
                 old={"token": str(token)})


def api_token_user(key: str) -> User | None:
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True).first())
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
