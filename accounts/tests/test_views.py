import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "Pr0ngsai-test-pw"


def test_login_and_logout(client, make_user):
    make_user("malee", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    response = client.post(reverse("accounts:login"), {"username": "malee", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("site_shell:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("plans:my_work")).status_code == 302


def test_wrong_password_message_is_thai(client, make_user):
    make_user("malee")
    response = client.post(reverse("accounts:login"), {"username": "malee", "password": "wrong"})
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, make_user, settings):
    make_user("malee")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "malee", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "malee", "password": PASSWORD})
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()


def test_password_reset_by_email(client, make_user):
    user = make_user("malee")
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "ตั้งรหัสผ่านใหม่" in message.subject and message.to == [user.email]
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Another-Secret-2568",
                                                             "new_password2": "Another-Secret-2568"})
    assert response.status_code == 302
    response = client.post(reverse("accounts:login"),
                           {"username": "malee", "password": "Another-Secret-2568"})
    assert response.status_code == 302


def test_english_switch_changes_the_interface_language(client):
    page = client.get(reverse("org:units")).content.decode()
    assert 'lang="th"' in page and "ข้ามไปยังเนื้อหา" in page
    client.post(reverse("set_language"), {"language": "en", "next": reverse("org:units")})
    page = client.get(reverse("org:units")).content.decode()
    assert 'lang="en"' in page and "Skip to content" in page


def test_sysadmin_adds_a_user_and_assigns_a_role(client, make_user, login):
    make_user("admin", "cpd-ict", (Role.SYSADMIN, None))
    login("admin")
    from org.models import Unit

    unit = Unit.objects.get(code="cpd-prov-13")
    response = client.post(reverse("accounts:user_create"), {
        "username": "somchai", "first_name": "สมชาย", "last_name": "ใจดี", "unit": unit.pk, "title": "นาย",
        "email": "", "position": "", "password": ""})
    assert response.status_code == 302
    user = User.objects.get(username="somchai")
    client.post(reverse("accounts:user_detail", args=[user.pk]), {"role": Role.REPORTER, "unit": unit.pk})
    assert user.role_assignments.get().role == Role.REPORTER
    assert set(AuditEvent.objects.filter(object_type="accounts.User", object_id=str(user.pk))
               .values_list("action", flat=True)) == {
        "user.create", "role.assign"}


def test_reporters_cannot_manage_people(client, make_user, login):
    make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    login("rep")
    assert client.get(reverse("accounts:user_create")).status_code == 403
    assert client.get(reverse("accounts:users")).status_code == 403


def test_provincial_sysadmin_page_offers_only_the_province_and_cannot_revoke_above_it(
        client, make_user, login):
    from org.models import Unit

    make_user("admin.cm", "cpd-prov-13", (Role.SYSADMIN, "cpd-prov-13"))
    boss = make_user("boss.cm", "cpd-prov-13", (Role.EXECUTIVE, "cpd"), (Role.REPORTER, "cpd-prov-13"))
    login("admin.cm")
    response = client.get(reverse("accounts:user_detail", args=[boss.pk]))
    units = list(response.context["form"].fields["unit"].queryset.values_list("code", flat=True))
    assert units == ["cpd-prov-13"]
    revocable = {a.role: ok for a, ok in response.context["assignments"]}
    assert revocable == {Role.EXECUTIVE: False, Role.REPORTER: True}
    root_role = boss.role_assignments.get(role=Role.EXECUTIVE)
    assert client.post(reverse("accounts:role_revoke", args=[boss.pk, root_role.pk])).status_code == 403
    # A forged grant at the department root comes back on the form, in Thai, with nothing granted.
    response = client.post(reverse("accounts:user_detail", args=[boss.pk]),
                           {"role": Role.PLAN_ADMIN, "unit": Unit.objects.get(code="cpd").pk, "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert set(boss.role_assignments.values_list("role", flat=True)) == {Role.EXECUTIVE, Role.REPORTER}
