"""API tokens expire, and end when their owner's password changes by any path."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, Role, User
from accounts.services import api_token_create, api_token_user, user_set_password

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Another-Secret-2568"


@pytest.fixture
def officer(make_user):
    return make_user("desk", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))


def status(client, key):
    return client.get("/api/complaints", HTTP_AUTHORIZATION=f"Bearer {key}").status_code


def test_a_token_runs_for_the_configured_days_then_stops(client, officer, settings):
    settings.PRONGSAI_API_TOKEN_DAYS = 30
    token, key = api_token_create(actor=officer, user=officer, name="รายงานประจำวัน")
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    assert status(client, key) == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert status(client, key) == 401
    assert api_token_user(key) is None


def test_the_default_lifetime_is_ninety_days(officer):
    token, _ = api_token_create(actor=officer, user=officer, name="t")
    assert round((token.expires_at - token.created_at) / dt.timedelta(days=1)) == 90


def test_changing_the_password_ends_every_token_of_that_user_only(client, officer, make_user):
    other = make_user("other", "cpd-slk", (Role.COMPLAINT_OFFICER, "cpd"))
    _, first = api_token_create(actor=officer, user=officer, name="a")
    _, second = api_token_create(actor=officer, user=officer, name="b")
    _, theirs = api_token_create(actor=other, user=other, name="c")
    user_set_password(actor=officer, user=officer, password=NEW_PASSWORD)
    assert status(client, first) == 401 and status(client, second) == 401
    assert status(client, theirs) == 200
    _, fresh = api_token_create(actor=officer, user=officer, name="ใหม่")
    assert status(client, fresh) == 200


def test_a_password_reset_by_e_mail_ends_the_tokens_too(client, officer):
    _, key = api_token_create(actor=officer, user=officer, name="a")
    client.post(reverse("accounts:password_reset"), {"email": officer.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    client.post(form_page.redirect_chain[-1][0],
                {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert User.objects.get(pk=officer.pk).check_password(NEW_PASSWORD)
    assert status(client, key) == 401


def test_the_token_page_says_why_a_token_no_longer_works(client, officer, login):
    expired, _ = api_token_create(actor=officer, user=officer, name="เก่า")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    login("desk")
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "หมดอายุแล้ว" in page
    officer.set_password(NEW_PASSWORD)
    officer.save()
    login("desk")
    page = client.get(reverse("accounts:tokens")).content.decode()
    assert "ใช้ไม่ได้แล้ว (มีการเปลี่ยนรหัสผ่าน)" in page


def test_token_answers_are_not_cached(client, officer):
    _, key = api_token_create(actor=officer, user=officer, name="a")
    response = client.get("/api/complaints", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert "no-store" in response["Cache-Control"]
