import json

import pytest

from accounts.services import api_token_create
from complaints.models import Case, Channel, Status
from complaints.services import case_answer, case_assign
from org.models import Unit

pytestmark = pytest.mark.django_db


def post(client, url, data, **extra):
    return client.post(url, data=json.dumps(data), content_type="application/json", **extra)


def test_anonymous_report_through_the_api(client, agency):
    response = post(client, "/api/complaints", {"channel": "corruption", "subject": "ฮั้วประมูล",
                                                 "details": "ผู้เสนอราคาทุกรายเป็นเครือญาติกัน"})
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(tracking_code=body["tracking_code"])
    assert case.channel == Channel.CORRUPTION and not case.has_identity
    assert body["secret"] and body["secret"] not in case.secret_hash
    assert body["answer_due"] == case.answer_due.isoformat()


def test_api_validates_the_input(client, agency):
    assert post(client, "/api/complaints",
                {"channel": "gossip", "subject": "x", "details": "y"}).status_code == 422
    response = post(client, "/api/complaints", {"channel": "service", "subject": "เรื่อง", "details": "สั้น"})
    assert response.status_code == 400 and "รายละเอียด" in response.json()["detail"]


def test_tracking_answers_status_and_replies_but_never_identity(client, agency, officer, identity):
    receipt = post(client, "/api/complaints", {"channel": "service", "subject": "บริการล่าช้า",
                                                "details": "ยื่นคำขอแล้วไม่มีการติดต่อกลับ", "name": identity.name,
                                                "phone": identity.phone, "email": identity.email}).json()
    case = Case.objects.get(tracking_code=receipt["tracking_code"])
    case_assign(actor=officer, case=case, lead=Unit.objects.get(code="cpd-hr"))
    case_answer(actor=officer, case=case, reply="ติดต่อกลับและดำเนินการให้แล้ว")
    response = post(client, "/api/complaints/track",
                    {"code": receipt["tracking_code"], "secret": receipt["secret"]})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == Status.ANSWERED and body["can_rate"] is True
    assert any(m["kind"] == "reply" and "ดำเนินการให้แล้ว" in m["text"] for m in body["messages"])
    text = response.content.decode()
    for value in (identity.name, identity.phone, identity.email, officer.username):
        assert value not in text


def test_wrong_secrets_get_429_after_a_few_tries(client, submit):
    receipt = submit()
    codes = [post(client, "/api/complaints/track",
                  {"code": receipt.tracking_code, "secret": f"BAD{i}"}).status_code
             for i in range(6)]
    assert codes[:4] == [404] * 4 and codes[4:] == [429, 429]
    response = post(client, "/api/complaints/track",
                    {"code": receipt.tracking_code, "secret": receipt.secret})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_one_client_guessing_many_codes_is_throttled_too(client, submit):
    submit()
    codes = [post(client, "/api/complaints/track", {"code": f"AAAA-{i:04d}", "secret": "X"}).status_code
             for i in range(21)]
    assert codes[:19] == [404] * 19 and codes[-1] == 429


def test_counts_are_kept_per_client(client, submit):
    receipt = submit()
    for i in range(20):
        post(client, "/api/complaints/track", {"code": f"BBBB-{i:04d}", "secret": "X"},
             REMOTE_ADDR="10.0.0.1")
    response = post(client, "/api/complaints/track",
                    {"code": receipt.tracking_code, "secret": receipt.secret}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200


def test_throttle_table_holds_no_addresses_or_codes(client, submit):
    from complaints.models import ThrottleCounter

    receipt = submit()
    post(client, "/api/complaints/track", {"code": receipt.tracking_code, "secret": "X"},
         REMOTE_ADDR="203.0.113.9")
    keys = " ".join(ThrottleCounter.objects.exclude(scope="salt").values_list("key", flat=True))
    assert "203.0.113.9" not in keys and receipt.tracking_code not in keys and len(keys.split()) == 2


def test_staff_list_goes_through_the_policy(client, submit, officer, handler):
    mine, other = submit().case, submit().case
    case_assign(actor=officer, case=mine, lead=Unit.objects.get(code="cpd-prov-13"))
    _, token = api_token_create(actor=handler, user=handler, name="test")
    response = client.get("/api/complaints", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [c["number"] for c in response.json()] == [mine.number]
    assert client.get("/api/complaints").status_code == 401
    assert other.number


def test_public_statistics_include_satisfaction_for_the_indicators(client, submit):
    from complaints.models import Rating

    case = submit().case
    Rating.objects.create(case=case, score=5)
    body = client.get("/api/complaints/statistics").json()
    assert body["received"] == 1 and body["by_channel"]["ร้องเรียนการให้บริการ"] == 1
    assert body["satisfaction"] == {"responses": 1, "average": "5.00", "percent": "100.00",
                                    "satisfied_share": "100.00"}
    assert client.get("/api/complaints/statistics", {"fiscal_year": 2560}).json()["received"] == 0
