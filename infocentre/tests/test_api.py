"""The information centre's API: the public catalogue and search (paged, with the public page's address),
the request statistics behind the policy, and the menu entry of the staff page."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.services import api_token_create
from infocentre import services
from org.models import Unit

pytestmark = pytest.mark.django_db
D = datetime.date
JAN_5 = D(2017, 1, 5)


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


def _doc(ict, agency, title, text="", doc_date=JAN_5, publish=True):
    doc = services.document_submit(actor=ict, agency=agency, unit=Unit.objects.get(code="cpd-ict"),
                                   category="s9", title=title, text=text, doc_date=doc_date)
    return services.document_publish(actor=ict, document=doc) if publish else doc


def test_catalogue_lists_published_items_newest_first_and_pages(client, agency, ict):
    old = _doc(ict, agency, "แผนปฏิบัติราชการ", doc_date=D(2017, 1, 5))
    new = _doc(ict, agency, "คู่มือสหกรณ์", doc_date=D(2017, 3, 1))
    _doc(ict, agency, "ร่างที่ยังไม่เผยแพร่", publish=False)
    response = client.get("/api/info/catalogue")
    assert response.status_code == 200
    rows = response.json()
    assert [r["id"] for r in rows] == [new.pk, old.pk]
    assert rows[0] == {"id": new.pk, "title": "คู่มือสหกรณ์", "category": "s9",
                       "category_label": new.get_category_display(), "clause": new.clause,
                       "unit": new.unit.name, "unit_code": "cpd-ict", "date": "2017-03-01",
                       "url": "http://testserver" + reverse("infocentre:document", args=[new.pk])}
    assert client.get(rows[0]["url"]).status_code == 200  # the public page opens for a visitor
    assert [r["id"] for r in client.get("/api/info/catalogue?limit=1&offset=1").json()] == [old.pk]
    assert client.get("/api/info/catalogue?limit=501").status_code == 422


def test_search_uses_the_segmented_index(client, agency, ict):
    hit = _doc(ict, agency, "แผนงานประจำปี", "โครงการการส่งเสริมสหกรณ์การเกษตรในพื้นที่")
    title_hit = _doc(ict, agency, "คู่มือสหกรณ์ออมทรัพย์")
    _doc(ict, agency, "ประกาศการรับสมัครงาน", "ตำแหน่งนักวิชาการคอมพิวเตอร์")
    _doc(ict, agency, "ร่างสหกรณ์", publish=False)
    response = client.get("/api/info/search", {"q": "สหกรณ์"})
    assert response.status_code == 200
    assert [r["id"] for r in response.json()] == [title_hit.pk, hit.pk]
    assert client.get("/api/info/search", {"q": "สหกรณ์", "offset": 1}).json()[0]["id"] == hit.pk
    assert client.get("/api/info/search").status_code == 422  # q is required
    assert client.get("/api/info/search", {"q": "x" * 201}).status_code == 422


def test_request_statistics_need_inforequest_stats(client, agency, ict, make_user, login):
    services.request_receive(agency=agency, name="นาย ก", contact="a@example.test", subject="สำเนาสัญญา",
                             received_on=D(2017, 1, 10))
    services.request_receive(agency=agency, name="นาง ข", contact="b@example.test", subject="งบประมาณ",
                             received_on=D(2017, 1, 20))
    assert client.get("/api/info/requests/stats?fiscal_year=2560").status_code == 401  # a visitor
    make_user("nobody", "cpd-hr")
    login("nobody")
    denied = client.get("/api/info/requests/stats?fiscal_year=2560")
    assert denied.status_code == 403 and "สิทธิ์" in denied.json()["detail"]
    client.logout()

    _, key = api_token_create(actor=ict, user=ict, name="t")
    response = client.get("/api/info/requests/stats?fiscal_year=2017",
                          headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    body = response.json()
    assert body["fiscal_year"] == 2560 and len(body["months"]) == 12  # a C.E. year reads as B.E.
    assert body["months"][0]["month"] == "2016-10-01"
    january = body["months"][3]
    assert january == {"month": "2017-01-01", "label": "มกราคม 2560", "received": 2, "replied": 0,
                       "refused": 0, "open": 2, "late": 0}
    assert sum(m["received"] for m in body["months"]) == 2


def test_openapi_lists_the_information_centre(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {"/api/info/catalogue", "/api/info/search", "/api/info/requests/stats"} <= paths


def test_menu_offers_the_staff_page_to_an_ict_officer_only(client, agency, ict, make_user, login):
    manage = reverse("infocentre:manage")
    login("ict")
    menu = client.get(reverse("site_shell:home")).context["nav_items"]
    assert {"url": manage, "label": "ศูนย์ข้อมูลข่าวสาร", "name": "infocentre:manage"} in menu
    assert client.get(manage).status_code == 200  # the entry opens
    make_user("nobody", "cpd-hr")
    login("nobody")
    names = [item["name"] for item in client.get(reverse("site_shell:home")).context["nav_items"]]
    assert "infocentre:manage" not in names and "infocentre:requests" not in names
    # one who only handles requests is sent to the requests page, which lets them in
    make_user("co", "cpd-ict", (Role.COMPLAINT_OFFICER, "cpd-ict"))
    login("co")
    menu = client.get(reverse("site_shell:home")).context["nav_items"]
    assert [i["url"] for i in menu if i["label"] == "ศูนย์ข้อมูลข่าวสาร"] == [reverse("infocentre:requests")]
    assert client.get(reverse("infocentre:requests")).status_code == 200
