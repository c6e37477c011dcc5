"""Signing in behind the proxy, the lock after wrong passwords, resetting by e-mail, idle sessions."""

import time

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create
from core import middleware
from org.models import Unit

pytestmark = pytest.mark.django_db
PASSWORD = "Pr0ngsai-test-pw"
NEW_PASSWORD = "Another-Secret-2568"
PROXY = "127.0.0.1"


def login(client, username, password, **meta):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **meta)


def via_proxy(address):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def reset_by_mail(client, email, **meta):
    """Ask for the link, follow it and set NEW_PASSWORD; returns the final response."""
    mail.outbox.clear()
    client.post(reverse("accounts:password_reset"), {"email": email}, **meta)
    assert len(mail.outbox) == 1, "no reset e-mail was sent"
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True, **meta)
    return client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD,
                                                         "new_password2": NEW_PASSWORD}, **meta)


def test_failures_from_one_client_behind_the_proxy_do_not_lock_out_another(client, make_user, settings):
    settings.PRONGSAI_TRUSTED_PROXIES = [PROXY]
    make_user("malee")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "malee", "wrong", **via_proxy("203.0.113.5"))
    assert login(client, "malee", PASSWORD, **via_proxy("203.0.113.5")).status_code == 429
    assert login(client, "malee", PASSWORD, **via_proxy("203.0.113.6")).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, make_user, settings):
    settings.PRONGSAI_TRUSTED_PROXIES = []
    make_user("malee")
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, "malee", "wrong", REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = login(client, "malee", PASSWORD, REMOTE_ADDR="198.51.100.20",
                     HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}


def test_a_forged_header_from_an_untrusted_client_keys_on_its_own_address(client, make_user, settings):
    settings.PRONGSAI_TRUSTED_PROXIES = [PROXY]
    make_user("malee")
    for i in range(settings.AXES_FAILURE_LIMIT):
        login(client, "malee", "wrong", REMOTE_ADDR="198.51.100.21", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = login(client, "malee", PASSWORD, REMOTE_ADDR="198.51.100.21",
                     HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429
    # The owner, from elsewhere, still gets in.
    assert login(client, "malee", PASSWORD, **via_proxy("203.0.113.30")).status_code == 302


def test_a_locked_out_user_resets_the_password_and_signs_in_from_the_same_client(client, make_user, settings):
    settings.PRONGSAI_TRUSTED_PROXIES = [PROXY]
    user = make_user("malee")
    there = via_proxy("203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "malee", "wrong", **there)
    locked = login(client, "malee", PASSWORD, **there)
    assert locked.status_code == 429 and reverse("accounts:password_reset") in locked.content.decode()
    response = reset_by_mail(client, user.email, **there)
    assert response.status_code == 302 and response.url == reverse("accounts:password_reset_complete")
    assert not AccessAttempt.objects.filter(username="malee").exists()
    assert login(client, "malee", NEW_PASSWORD, **there).status_code == 302


def test_a_user_created_without_a_password_receives_the_reset_mail(client, agency):
    user = user_create(actor=None, username="somchai", password=None, unit=Unit.objects.get(code="cpd"),
                       first_name="สมชาย", email="Somchai@Example.test")
    assert not user.has_usable_password()
    response = reset_by_mail(client, "somchai@example.test")
    assert response.status_code == 302 and mail.outbox[0].to == ["Somchai@Example.test"]
    assert login(client, "somchai", NEW_PASSWORD).status_code == 302


def test_inactive_or_other_addresses_receive_nothing(client, agency):
    user_create(actor=None, username="gone", password=None, unit=Unit.objects.get(code="cpd"),
                email="gone@example.test")
    User.objects.filter(username="gone").update(is_active=False)
    client.post(reverse("accounts:password_reset"), {"email": "gone@example.test"})
    client.post(reverse("accounts:password_reset"), {"email": "nobody@example.test"})
    assert mail.outbox == []


def test_an_idle_session_ends_with_a_thai_message(client, make_user, settings, monkeypatch):
    settings.PRONGSAI_SESSION_IDLE_MINUTES = 60
    make_user("malee")
    assert login(client, "malee", PASSWORD).status_code == 302
    start = time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: start)
    assert client.get(reverse("site_shell:home")).status_code == 200
    # 59 minutes later the session is still alive, and the clock starts again from there.
    monkeypatch.setattr(middleware.time, "time", lambda: start + 59 * 60)
    assert client.get(reverse("site_shell:home")).status_code == 200
    monkeypatch.setattr(middleware.time, "time", lambda: start + 118 * 60)
    assert client.get(reverse("site_shell:home")).status_code == 200
    monkeypatch.setattr(middleware.time, "time", lambda: start + 180 * 60)
    response = client.get(reverse("plans:my_work"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    page = client.get(response.url).content.decode()
    assert "ออกจากระบบอัตโนมัติแล้ว เนื่องจากไม่มีการใช้งานเกิน 60 นาที" in page
    assert "_auth_user_id" not in client.session


def test_the_clock_starts_when_signing_in(client, make_user, monkeypatch):
    make_user("malee")
    start = time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: start)
    login(client, "malee", PASSWORD)
    monkeypatch.setattr(middleware.time, "time", lambda: start + 61 * 60)
    assert client.get(reverse("plans:my_work")).status_code == 302


def test_the_idle_limit_is_configurable(client, make_user, settings, monkeypatch):
    settings.PRONGSAI_SESSION_IDLE_MINUTES = 5
    make_user("malee")
    client.force_login(User.objects.get(username="malee"))
    start = time.time()
    monkeypatch.setattr(middleware.time, "time", lambda: start)
    assert client.get(reverse("plans:my_work")).status_code == 200
    monkeypatch.setattr(middleware.time, "time", lambda: start + 6 * 60)
    assert client.get(reverse("plans:my_work")).status_code == 302


def test_sessions_end_within_a_working_day_at_most(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_staff_pages_and_login_pages_are_not_stored_but_public_pages_are_unaffected(client, make_user):
    for name in ("accounts:login", "accounts:password_reset", "accounts:password_reset_done",
                 "accounts:password_reset_complete"):
        header = client.get(reverse(name))["Cache-Control"]
        assert "no-store" in header and "private" in header, name
    public = client.get(reverse("portal:home"))
    assert "no-store" not in public.get("Cache-Control", "")
    make_user("malee")
    response = login(client, "malee", PASSWORD)
    assert "no-store" in response["Cache-Control"]
    for path in (reverse("site_shell:home"), reverse("plans:my_work"), reverse("accounts:tokens")):
        header = client.get(path)["Cache-Control"]
        assert "no-store" in header and "private" in header, path

