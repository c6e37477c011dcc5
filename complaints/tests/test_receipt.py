"""Filing shows the receipt by redirect (a reload files nothing); the form's key makes a resend file once."""

import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from complaints import services
from complaints.crypto import Identity
from complaints.models import Case
from complaints.tests.conftest import IDENTITY
from complaints.views import receipts
from org.models import Unit

pytestmark = pytest.mark.django_db

FORM = {"subject": "รอคิวนานเกินไป", "details": "รอรับบริการจดทะเบียนสหกรณ์นานกว่าสองชั่วโมง",
        "name": IDENTITY.name, "phone": "", "email": "", "address": "", "confirm": "on"}
NEW = reverse("complaints:public_new", args=["service"])


def form_key(client) -> str:
    page = client.get(NEW).content.decode()
    return re.search(r'name="submit_key" value="([A-Za-z0-9_-]+)"', page).group(1)


def codes(page: str) -> tuple[str, str]:
    return (re.search(r'id="tracking-code">([A-Z2-9-]+)<', page).group(1),
            re.search(r'id="tracking-secret">([A-Z2-9-]+)<', page).group(1))


def test_the_form_posts_and_redirects_and_a_reload_of_the_receipt_files_nothing(client, agency):
    key = form_key(client)
    response = client.post(NEW, {**FORM, "submit_key": key})
    assert response.status_code == 302 and Case.objects.count() == 1
    receipt_url = response["Location"]
    first = client.get(receipt_url)
    assert first.status_code == 200
    code, secret = codes(first.content.decode())
    assert Case.objects.get().tracking_code == code
    # Reloading the receipt page, twice, shows the same receipt and files nothing.
    for _ in range(2):
        again = client.get(receipt_url)
        assert codes(again.content.decode()) == (code, secret)
    assert Case.objects.count() == 1
    # The address names neither code nor secret, and the page sends no referrer and is not cached.
    assert code not in receipt_url and secret not in receipt_url and code.replace("-", "") not in receipt_url
    assert first["Referrer-Policy"] == "no-referrer" and "no-store" in first["Cache-Control"]


def test_the_same_form_sent_twice_files_one_case_and_shows_the_first_receipt(client, agency):
    key = form_key(client)
    first = client.post(NEW, {**FORM, "submit_key": key})
    second = client.post(NEW, {**FORM, "submit_key": key})
    assert Case.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    # A new form (a new key) is a new complaint.
    client.post(NEW, {**FORM, "submit_key": form_key(client)})
    assert Case.objects.count() == 2


def test_the_receipt_is_encrypted_in_the_session_and_only_this_browser_sees_it(client, agency):
    from django.test import Client

    key = form_key(client)
    url = client.post(NEW, {**FORM, "submit_key": key})["Location"]
    code, secret = codes(client.get(url).content.decode())
    stored = " ".join(s.session_data + str(s.get_decoded()) for s in Session.objects.all())
    assert code not in stored and secret not in stored and IDENTITY.name not in stored
    # Another browser: the address shows nothing; the same form key files nothing and shows no codes.
    other = Client()
    assert other.get(url).status_code == 410
    response = other.post(NEW, {**FORM, "submit_key": key})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="filed-before"' in page
    assert code not in page and secret not in page
    assert Case.objects.count() == 1


def test_a_receipt_is_kept_only_for_minutes(client, agency, monkeypatch):
    url = client.post(NEW, {**FORM, "submit_key": form_key(client)})["Location"]
    assert client.get(url).status_code == 200
    later = time.time() + receipts.RECEIPT_MINUTES * 60 + 1
    monkeypatch.setattr(receipts.time, "time", lambda: later)
    response = client.get(url)
    assert response.status_code == 410 and "tracking-secret" not in response.content.decode()
    assert Case.objects.count() == 1


def test_the_service_files_once_per_key_and_counts_the_client_once(agency, settings):
    settings.PRONGSAI_FILING_LIMIT_PER_HOUR = 2

    def file():
        return services.case_submit(agency=agency, channel="service", subject="บริการล่าช้า",
                                    details="รอคิวนานมากเกินกำหนดมาตรฐาน", identity=Identity(),
                                    client_address="198.51.100.61", submit_key="k" * 32)

    first = file()
    with pytest.raises(services.AlreadyFiled) as refused:
        file()
    assert refused.value.case == first.case and Case.objects.count() == 1
    assert first.case.submit_key_hash and "k" * 32 not in first.case.submit_key_hash
    # The resend did not use up the client's hourly allowance: one more distinct filing still goes through.
    services.case_submit(agency=agency, channel="service", subject="บริการล่าช้า",
                         details="รอคิวนานมากเกินกำหนด", identity=Identity(), client_address="198.51.100.61")
    with pytest.raises(services.TooManyFilings):
        services.case_submit(agency=agency, channel="service", subject="บริการล่าช้า",
                             details="รอคิวนานมากเกินกำหนด", identity=Identity(),
                             client_address="198.51.100.61")


def test_staff_entry_redirects_to_its_receipt_and_a_resend_enters_nothing(client, agency, officer):
    client.force_login(officer)
    page = client.get(reverse("complaints:new")).content.decode()
    key = re.search(r'name="submit_key" value="([A-Za-z0-9_-]+)"', page).group(1)
    data = {"channel": "service", "source": "letter", "received_on": "03/02/2568",
            "external_ref": "ที่ สก 9/2568",
            "unit": Unit.objects.get(code="cpd-slk").pk, "subject": "หนังสือร้องเรียน",
            "details": "ผู้ร้องส่งหนังสือทางไปรษณีย์", "submit_key": key}
    first = client.post(reverse("complaints:new"), data)
    assert first.status_code == 302 and "/new/receipt/" in first["Location"]
    shown = client.get(first["Location"])
    code, _ = codes(shown.content.decode())
    assert client.get(first["Location"]).status_code == 200
    second = client.post(reverse("complaints:new"), data)
    assert second["Location"] == first["Location"]
    assert Case.objects.count() == 1 and Case.objects.get().tracking_code == code
