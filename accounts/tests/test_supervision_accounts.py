"""A national administrator makes the account of a supervising body's officer who has none (PACC's): the
account outside every agency with no usable password, its supervision in the same transaction, both
audited, and the set-password link e-mailed once it commits; refusals in Thai keep what was typed; nobody
below the national administrator can do it."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import policy
from accounts.models import Role, Supervision, User
from accounts.services import supervision_account_create
from audit.models import AuditEvent
from core.errors import ApplicationError

pytestmark = pytest.mark.django_db
PAGE = reverse("accounts:supervisions")
CREATE = reverse("accounts:supervision_account_create")
NEW_PASSWORD = "Another-Secret-2568"
PACC = {"username": "pacc.somchai", "first_name": "สมชาย", "last_name": "ตรวจสอบดี",
        "email": "Somchai@Pacc.example.test", "ministry": "", "body": "สำนักงาน ป.ป.ท."}


def _posted(data: dict) -> dict:
    return {f"new-{name}": value for name, value in data.items()}


def _link(message) -> str:
    line = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    return line.split("testserver", 1)[1] if "testserver" in line else line[line.index("/accounts/reset/"):]


def test_the_account_is_made_granted_audited_and_mailed_its_link(client, national,
                                                                 django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as queued:
        made = supervision_account_create(actor=national, **{**PACC, "ministry": "กระทรวงเกษตรและสหกรณ์"})
    assert len(queued) == 1
    user = User.objects.get(username="pacc.somchai")
    assert made.user == user and made.granted_by == national and made.body == "สำนักงาน ป.ป.ท."
    assert made.ministry == "กระทรวงเกษตรและสหกรณ์"
    assert user.unit is None and not user.has_usable_password() and user.get_full_name() == "สมชาย ตรวจสอบดี"
    created = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    granted = AuditEvent.objects.get(action="role.assign", object_id=str(user.pk))
    assert created.actor == granted.actor == national
    assert created.new["username"] == "pacc.somchai" and created.new["email"] == PACC["email"]
    assert granted.new == {"role": Role.SUPERVISOR.label, "unit": "กระทรวงเกษตรและสหกรณ์",
                           "body": "สำนักงาน ป.ป.ท."}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [PACC["email"]] and "กรุณาตั้งรหัสผ่าน" in message.subject
    assert "pacc.somchai" in message.body and "กระทรวงเกษตรและสหกรณ์" in message.body
    # The link is the reset flow's: it sets the first password once, then the person signs in.
    form_page = client.get(_link(message), follow=True)
    response = client.post(form_page.redirect_chain[-1][0],
                           {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    again = client.get(_link(message), follow=True)
    assert "new_password1" not in again.content.decode()  # used once, the link is spent
    # Run again (a retried task), the mail is not sent a second time: the password is set.
    from accounts.invitations import send_invitation

    assert send_invitation(user.pk) is False and len(mail.outbox) == 1


def test_nobody_below_the_national_administrator_can_make_one(client, make_user,
                                                              django_capture_on_commit_callbacks):
    root_admin = make_user("sys.root", "cpd", (Role.SYSADMIN, "cpd"), (Role.PLAN_ADMIN, "cpd"))
    assert not policy.can_manage_supervision(root_admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(policy.Denied):
        supervision_account_create(actor=root_admin, **PACC)
    client.force_login(root_admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(CREATE, _posted(PACC)).status_code == 403
    assert not User.objects.filter(username="pacc.somchai").exists() and mail.outbox == []
    assert reverse("accounts:supervision_account_create") not in client.get(PAGE).content.decode()


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"username": "National.Admin"}, "username", "ชื่อผู้ใช้ 'National.Admin' ถูกใช้แล้ว"),
    ({"username": "pacc somchai"}, "username", "ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร"),
    ({"email": "somchai@"}, "email", "อีเมล 'somchai@' ไม่ถูกต้อง"),
    ({"email": ""}, "email", "กรุณากรอกอีเมล"),
    ({"first_name": "  "}, "first_name", "กรุณากรอกชื่อของผู้ใช้"),
    ({"last_name": ""}, "last_name", "กรุณากรอกนามสกุลของผู้ใช้"),
    ({"body": ""}, "body", "กรุณากรอกชื่อหน่วยงานกำกับ"),
])
def test_the_service_refuses_in_thai_and_makes_nothing(national, django_capture_on_commit_callbacks,
                                                       changes, field, message):
    mail.outbox.clear()
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError) as caught:
        supervision_account_create(actor=national, **{**PACC, **changes})
    assert caught.value.field == field and message in caught.value.message
    assert User.objects.count() == before and not Supervision.objects.exists() and mail.outbox == []


def test_the_page_makes_the_account_and_says_where_the_link_went(client, national,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(national)
    page = client.get(PAGE).content.decode()
    assert f'action="{CREATE}#new-account"' in page and 'name="new-username"' in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, _posted(PACC), follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    text = response.content.decode()
    assert ("สร้างบัญชี pacc.somchai และมอบหน้าที่หน่วยงานกำกับ (ทุกส่วนราชการ (ระดับประเทศ)) แล้ว "
            "ส่งลิงก์ตั้งรหัสผ่านไปที่ Somchai@Pacc.example.test แล้ว") in text
    made = Supervision.objects.get(user__username="pacc.somchai")
    assert made.ministry == "" and policy.can(made.user, "national.rollup")  # reads every agency
    assert [m.to for m in mail.outbox] == [[PACC["email"]]]
    assert client.get(CREATE).status_code == 405


def test_the_page_refuses_in_thai_keeping_what_was_typed(client, national,
                                                         django_capture_on_commit_callbacks):
    client.force_login(national)
    cases = [
        ({**PACC, "username": "national.admin"}, "ชื่อผู้ใช้ &#x27;national.admin&#x27; ถูกใช้แล้ว"),
        ({**PACC, "email": "somchai.pacc.example.test"}, "รูปแบบอีเมลไม่ถูกต้อง"),
        ({**PACC, "first_name": ""}, "กรุณากรอกชื่อของผู้ใช้"),
        ({**PACC, "ministry": "กระทรวงการคลัง", "body": ""}, "กรุณากรอกชื่อหน่วยงานกำกับ"),
    ]
    mail.outbox.clear()
    for data, message in cases:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(CREATE, _posted(data))
        text = response.content.decode()
        assert response.status_code == 400 and message in text, message
        for value in filter(None, data.values()):
            assert f'value="{value}"' in text, value
        # The other form stays empty, and the page is the whole list still.
        assert 'name="user" value=' not in text and 'id="supervision-table"' in text
    assert not User.objects.filter(username="pacc.somchai").exists() and mail.outbox == []
    assert not Supervision.objects.exists()
