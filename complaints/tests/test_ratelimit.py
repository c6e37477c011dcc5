"""Anonymous filing is limited per client, counted without keeping the client's address."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case, ThrottleCounter
from complaints.services import throttle
from complaints.tests.privacy import database_text

pytestmark = pytest.mark.django_db

FORM = {"subject": "รอคิวนานเกินไป", "details": "รอรับบริการจดทะเบียนสหกรณ์นานกว่าสองชั่วโมง", "name": "",
        "phone": "", "email": "", "address": "", "confirm": "on"}


def file(client, address, **extra):
    # A filing answers with a redirect to its receipt (302); a refused one with the form again.
    return client.post(reverse("complaints:public_new", args=["service"]), FORM, REMOTE_ADDR=address, **extra)


def test_a_client_past_the_hourly_limit_gets_a_thai_message_and_keeps_what_it_typed(client, agency, settings):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 3
    assert [file(client, "198.51.100.7").status_code for _ in range(3)] == [302, 302, 302]
    response = file(client, "198.51.100.7")
    page = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "ครบ 3 เรื่องในหนึ่งชั่วโมงแล้ว" in page
    assert FORM["subject"] in page and FORM["details"] in page
    assert Case.objects.count() == 3
    # Another client is not held back by the first one.
    assert file(client, "198.51.100.8").status_code == 302


def test_the_limit_follows_the_client_behind_a_trusted_proxy(client, agency, settings):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 2
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(2):
        assert file(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302
    assert file(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 429
    # Every citizen behind the same proxy is not blocked because one of them reached the limit.
    assert file(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.11").status_code == 302


def test_a_forged_forwarded_header_from_an_untrusted_client_does_not_reset_the_count(
        client, agency, settings):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 2
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    codes = [file(client, "198.51.100.40", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code for i in range(3)]
    assert codes == [302, 302, 429]


def test_the_api_is_limited_the_same_way(client, agency, settings):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 1
    body = json.dumps({"channel": "service", "subject": "บริการล่าช้า", "details": "รอคิวนานมากเกินกำหนด"})
    first = client.post("/api/complaints", body, content_type="application/json", REMOTE_ADDR="198.51.100.9")
    second = client.post("/api/complaints", body, content_type="application/json", REMOTE_ADDR="198.51.100.9")
    assert first.status_code == 201
    assert second.status_code == 429 and "ครบ 1 เรื่อง" in second.json()["detail"] and second["Retry-After"]


def test_no_client_address_is_stored_anywhere(client, agency, settings):
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    assert file(client, "198.51.100.77").status_code == 302
    assert file(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.77").status_code == 302
    text = database_text()
    assert "198.51.100.77" not in text and "203.0.113.77" not in text
    assert ThrottleCounter.objects.filter(scope=throttle.FILING_SCOPE).count() == 2


def test_the_salt_changes_every_hour_and_the_old_one_is_deleted(agency):
    now = timezone.now()
    later = now + dt.timedelta(hours=1)
    key_now = throttle.client_key("file-client", "198.51.100.5", now)
    assert throttle.client_key("file-client", "198.51.100.5", now) == key_now
    old_salt = ThrottleCounter.objects.get(scope=throttle.SALT_SCOPE).key
    assert throttle.client_key("file-client", "198.51.100.5", later) != key_now
    salts = ThrottleCounter.objects.filter(scope=throttle.SALT_SCOPE).values_list("key", flat=True)
    assert list(salts) != [old_salt]
    assert ThrottleCounter.objects.filter(scope=throttle.SALT_SCOPE).count() == 1


def test_a_new_hour_lets_the_client_file_again(agency, settings, submit):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 1
    submit(client_address="198.51.100.3")
    with pytest.raises(throttle.TooManyFilings):
        submit(client_address="198.51.100.3")
    moved = timezone.now() + dt.timedelta(hours=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(throttle.timezone, "now", lambda: moved)
        submit(client_address="198.51.100.3")
    assert Case.objects.count() == 2


def test_staff_entering_cases_are_not_limited(agency, settings, submit, officer):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 1
    for _ in range(3):
        submit(actor=officer, client_address="198.51.100.3", source="phone")
    assert Case.objects.count() == 3


def test_tracking_behind_the_proxy_blocks_only_the_guessing_client(client, submit, settings):
    settings.PRONGSAI_TRUSTED_PROXIES = ["127.0.0.1"]
    receipt = submit()
    codes = [client.post("/api/complaints/track", json.dumps({"code": f"CCCC-{i:04d}", "secret": "X"}),
                         content_type="application/json", REMOTE_ADDR="127.0.0.1",
                         HTTP_X_FORWARDED_FOR="203.0.113.50").status_code for i in range(21)]
    assert codes[-1] == 429
    other = client.post("/api/complaints/track", json.dumps({"code": receipt.tracking_code,
                                                             "secret": receipt.secret}),
                        content_type="application/json", REMOTE_ADDR="127.0.0.1",
                        HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other.status_code == 200
