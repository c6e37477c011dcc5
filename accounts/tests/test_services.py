import pytest

from accounts.models import ApiToken, Role
from accounts.services import (
    api_token_create,
    api_token_revoke,
    api_token_user,
    role_assign,
    user_create,
    user_update,
)
from audit.models import AuditEvent
from core.errors import ApplicationError
from org.models import Unit

pytestmark = pytest.mark.django_db


def test_weak_password_is_refused_in_thai_terms(agency):
    with pytest.raises(ApplicationError) as exc:
        user_create(actor=None, username="x", password="123", unit=agency)
    assert exc.value.field == "password"


def test_duplicate_username_is_refused(agency, make_user):
    make_user("somchai")
    with pytest.raises(ApplicationError):
        user_create(actor=None, username="SOMCHAI", password=None, unit=agency)


def test_changes_to_people_and_roles_are_audited(agency, make_user):
    admin = make_user("admin", "cpd-ict", (Role.SYSADMIN, None))
    user = make_user("malee", "cpd-prov-13")
    user_update(actor=admin, user=user, position="นักวิชาการสหกรณ์", unit=Unit.objects.get(code="cpd-prov-12"))
    role_assign(actor=admin, user=user, role=Role.REPORTER, unit=Unit.objects.get(code="cpd-prov-12"))
    update = AuditEvent.objects.get(action="user.update", object_id=str(user.pk))
    assert update.actor == admin
    assert update.old["unit"]["label"] == "สำนักงานสหกรณ์จังหวัดเชียงใหม่"
    assert update.new["unit"]["label"] == "สำนักงานสหกรณ์จังหวัดเชียงราย"
    assert update.new["position"] == "นักวิชาการสหกรณ์"
    assign = AuditEvent.objects.filter(action="role.assign", object_id=str(user.pk)).latest("id")
    assert assign.new == {"role": "ผู้รายงานของหน่วยงาน", "unit": "สสจ.เชียงราย"}


def test_api_tokens_are_stored_hashed_and_can_be_revoked(agency, make_user):
    user = make_user("bot")
    token, key = api_token_create(actor=user, user=user, name="script")
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)
    assert api_token_user(key) == user
    assert api_token_user(key + "x") is None
    api_token_revoke(actor=user, token=token)
    assert api_token_user(key) is None
