"""The portal's pages: a revision per save, audited publication, tombstones, visitors see only what is
published, every section answers, and a compiled round's results are frozen when published."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import ApplicationError
from portal import selectors, services
from portal.models import Page, Section
from portal.text import render

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def audit_actions(obj):
    AuditEvent = apps.get_model("audit", "AuditEvent")  # read without importing the audit app
    events = AuditEvent.objects.filter(object_id=str(obj.pk), action__startswith="portal.").order_by("id")
    return list(events.values_list("action", flat=True))


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", ("ict_officer", "cpd"))


@pytest.fixture
def duties(agency, ict):
    return services.page_create(actor=ict, agency=agency, section=Section.DUTIES, slug="duties",
                                title="อำนาจหน้าที่", body="- ส่งเสริมสหกรณ์")


def test_every_save_is_a_revision_and_audited(duties, ict):
    services.page_update(actor=ict, page=duties, body="- ส่งเสริมสหกรณ์\n- กำกับดูแล", note="เพิ่มข้อ ๒")
    services.page_update(actor=ict, page=duties, body="- ส่งเสริมสหกรณ์\n- กำกับดูแล")  # nothing changed
    duties.refresh_from_db()
    revisions = list(duties.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2] and duties.revision_count == 2
    assert revisions[0].body == "- ส่งเสริมสหกรณ์" and "กำกับดูแล" in revisions[1].body
    assert revisions[1].note == "เพิ่มข้อ ๒" and revisions[1].author == ict
    assert audit_actions(duties) == ["portal.page_create", "portal.page_edit"]


def test_visitors_see_only_published_pages_and_a_withdrawn_one_is_a_tombstone(client, duties, ict, agency):
    assert client.get("/public/p/duties/").status_code == 404  # a draft has no public address yet
    assert not selectors.pages_published(agency).exists()
    services.page_publish(actor=ict, page=duties)
    response = client.get("/public/p/duties/")
    assert response.status_code == 200 and "ส่งเสริมสหกรณ์" in response.content.decode()
    assert "เผยแพร่เมื่อ" in response.content.decode()
    with pytest.raises(ApplicationError):
        services.page_unpublish(actor=ict, page=duties, reason="  ")  # the reason is shown: it must be given
    services.page_unpublish(actor=ict, page=duties, reason="ปรับโครงสร้างใหม่ตามกฎกระทรวง")
    response = client.get("/public/p/duties/")
    html = response.content.decode()
    assert response.status_code == 410 and "ยกเลิกการเผยแพร่เมื่อ" in html and "ปรับโครงสร้างใหม่" in html
    assert "<li>ส่งเสริมสหกรณ์</li>" not in html
    assert audit_actions(duties) == ["portal.page_create", "portal.publish", "portal.unpublish"]
    services.page_publish(actor=ict, page=duties)
    assert client.get("/public/p/duties/").status_code == 200


def test_a_published_page_keeps_its_address(duties, ict):
    services.page_publish(actor=ict, page=duties)
    with pytest.raises(ApplicationError, match="เปลี่ยนที่อยู่ไม่ได้"):
        services.page_update(actor=ict, page=duties, slug="powers")


def test_only_the_ict_centre_writes_and_a_visitor_cannot_manage(client, agency, make_user, login, duties):
    make_user("reader", "cpd-prov-13", ("reporter", "cpd-prov-13"))
    with pytest.raises(PermissionDenied):
        services.page_create(actor=login("reader"), agency=agency, section="laws", slug="laws",
                             title="กฎหมาย")
    assert client.get("/public/manage/").status_code == 403
    client.logout()
    assert client.get("/public/manage/").status_code == 302  # to the login page


def test_staff_form_creates_edits_and_publishes(client, agency, ict, login):
    login("ict")
    form = {"section": "news", "title": "ข่าวทดสอบ", "slug": "news-1", "body": "เนื้อข่าว", "event_date": ""}
    response = client.post("/public/manage/new/", form)
    html = response.content.decode()
    assert response.status_code == 200 and "ต้องมีวันที่ของข่าว" in html and "ข่าวทดสอบ" in html  # kept
    response = client.post("/public/manage/new/", {**form, "event_date": "09/02/2560"})
    page = Page.objects.get(slug="news-1")
    assert response.status_code == 302 and page.event_date == datetime.date(2017, 2, 9)
    client.post(f"/public/manage/{page.pk}/publish/")
    client.logout()
    assert client.get(f"/public/news/{page.pk}/").status_code == 200
    assert "ข่าวทดสอบ" in client.get("/public/s/news/").content.decode()
    assert "ข่าวทดสอบ" in client.get("/public/").content.decode()
    history = client.get(f"/public/news/{page.pk}/history/").content.decode()
    assert "ฉบับที่ 1" in history and "เนื้อข่าว" not in history  # the public sees dates, staff the texts


def test_attachments_are_public_only_while_the_page_is(client, duties, ict):
    f = services.page_file_add(actor=ict, page=duties, uploaded=SimpleUploadedFile("law.pdf", PDF),
                               title="กฎกระทรวง")
    assert client.get(f"/public/files/{f.pk}/").status_code == 404
    services.page_publish(actor=ict, page=duties)
    assert client.get(f"/public/files/{f.pk}/").status_code == 200


def test_body_is_escaped_and_only_safe_links_render():
    html = render("## หัวข้อ\n\n<script>alert(1)</script> [ลิงก์](https://example.test/a?b=1&c=2)\n\n"
                  "[x](javascript:alert(1))\n\n- หนึ่ง\n- **สอง**")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://example.test/a?b=1&amp;c=2">ลิงก์</a>' in html
    assert 'href="javascript' not in html
    assert "<h2>หัวข้อ</h2>" in html and "<li><strong>สอง</strong></li>" in html


@pytest.mark.parametrize("key", Section.values)
def test_every_section_answers_a_visitor(client, agency, plan, key):
    response = client.get(f"/public/s/{key}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert Section(key).label.replace("&", "&amp;") in html and 'class="agency-id"' in html


def test_live_sections_read_the_records(client, agency, plan):
    from plans.services import plan_approve

    structure = client.get("/public/s/structure/").content.decode()
    assert "สำนักงานสหกรณ์จังหวัดเชียงใหม่" in structure or "เชียงใหม่" in structure
    plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="กษ 1113/61")
    assert f'href="/plans/{plan.pk}/"' in client.get("/public/s/integrity_plan/").content.decode()
    contact = client.get("/public/s/contact/").content.decode()
    assert selectors.identity(agency)["profile"].official_name in contact


def test_identity_heads_the_complaint_and_procurement_pages(client, agency):
    name = selectors.identity(agency)["profile"].official_name
    for url in ("/public/", "/complaints/public/", "/procurement/public/"):
        html = client.get(url).content.decode()
        assert 'class="agency-id"' in html and name in html, url


def test_compiled_round_results_published_frozen_and_withdrawn(client, agency, plan, ict):
    from plans.services import plan_approve
    from reports.services import round_compile, round_create_defaults

    plan = plan_approve(actor=None, plan=plan, approved_on=datetime.date(2017, 1, 30), approval_memo="x")
    round_ = round_create_defaults(actor=None, plan=plan, fiscal_year=2560)[0]
    assert client.get(f"/public/results/{round_.pk}/").status_code == 404
    with pytest.raises(ApplicationError, match="ยังไม่ได้สรุปผล"):
        services.results_publish(actor=ict, round_=round_, agency=agency, fmts=("docx",))
    round_compile(actor=None, round_=round_)
    pub = services.results_publish(actor=ict, round_=round_, agency=agency, fmts=("docx",))
    page = client.get(f"/public/results/{round_.pk}/")
    assert page.status_code == 200 and "DOCX" in page.content.decode()
    f = selectors.result_files(pub)[0]
    download = client.get(f"/public/results/files/{f.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert round_.name in client.get("/public/s/results/").content.decode()
    services.results_unpublish(actor=ict, publication=pub, reason="แก้ไขตัวเลขผลการดำเนินงาน")
    assert client.get(f"/public/results/{round_.pk}/").status_code == 410
    assert client.get(f"/public/results/files/{f.pk}/").status_code == 410
    assert audit_actions(pub) == ["portal.results_publish", "portal.results_unpublish"]


def test_demo_loads_once(agency, plan):
    from portal import demo

    assert "หน้า" in demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""
    assert selectors.news_published(agency).count() == len(demo.NEWS)
