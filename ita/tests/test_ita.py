"""ITA catalogue, readiness colours, the API, the answer sheet, the link checker's snapshots and alerts,
evidence tagged to several regimes, and the executive's approval of the submission."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import io
import threading

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEvent
from core.errors import ApplicationError
from ita import catalogue, selectors, services
from ita.models import ItaItem, ItaYear, ItemLink, LinkAlert, LinkSnapshot, Submission

pytestmark = pytest.mark.django_db
PASSWORD = "Pr0ngsai-test-pw"


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


@pytest.fixture
def year(agency, ict):
    return services.catalogue_load(actor=ict, agency=agency, fiscal_year=2570,
                                   content=catalogue.shipped("oit_2570.yaml"))


def _item(year, code, links, *, yearly=True, owner=None, actor=None):
    item = year.items.filter(code=code).first()
    return services.item_save(actor=actor, year=year, item=item, code=code, text=f"รายการ {code}", kind="oit",
                              yearly=yearly, owner=owner, links="\n".join(links))


def test_shipped_catalogue_loads_o1_to_o43_and_loading_again_keeps_owners(agency, ict, year):
    codes = list(year.items.values_list("code", flat=True))
    assert codes == [f"O{n}" for n in range(1, 44)]
    o21 = year.items.get(code="O21")
    assert o21.links.get().route == "procurement:public_plans"
    o21.owner = ict
    o21.save()
    services.catalogue_load(actor=ict, agency=agency, fiscal_year=2570,
                            content=catalogue.shipped("oit_2570.yaml"))
    assert year.items.count() == 43 and year.items.get(code="O21").owner == ict
    assert AuditEvent.objects.filter(action="ita.catalogue_load").count() == 2


def test_a_bad_row_is_named_in_thai_and_nothing_is_written(agency, ict):
    content = ("kind: eb\nitems:\n  - {code: EB1, text: การวิเคราะห์}\n  - {code: 'ข้อ 2', text: ''}\n"
               "  - {code: EB1, text: ซ้ำ, links: [ftp://x]}\n")
    with pytest.raises(ApplicationError) as exc:
        services.catalogue_load(actor=ict, agency=agency, fiscal_year=2560, content=content)
    assert "แถวที่ 2: รหัสข้อ “ข้อ 2” ไม่ถูกรูปแบบ" in exc.value.message
    assert "ไม่มีข้อความรายการ" in exc.value.message
    assert "แถวที่ 3: รหัสข้อ EB1 ซ้ำ" in exc.value.message and "ftp://x" in exc.value.message
    assert not ItaItem.objects.filter(year__fiscal_year=2560).exists()


def test_only_managers_load_a_catalogue(agency, make_user):
    reader = make_user("auditor", "cpd-ia", (Role.AUDITOR, "cpd"))
    from accounts.policy import Denied

    with pytest.raises(Denied):
        services.catalogue_load(actor=reader, agency=agency, fiscal_year=2570, content=catalogue.shipped(
            "eb_2560.yaml"))


def test_readiness_green_amber_red(agency, ict, year):
    from ita.services import run_links, run_start

    # The complaint channel is basic information: the page opening for a visitor is enough.
    green = _item(year, "O30", ["complaints:public_home"], yearly=False)
    # A page for the year that does not name 2570 or 2569 is stale.
    amber = _item(year, "O21", ["procurement:public_plans"])
    # A portal page that does not exist, and a page behind the sign-in.
    red = _item(year, "O99", ["portal:section no_such_section_anywhere", "nosuchapp:page"])
    login_only = _item(year, "O98", ["reports:home"])
    year.items.exclude(pk__in=[green.pk, amber.pk, red.pk, login_only.pk]).delete()
    run_links(run_start(actor=ict, agency=agency))
    rows = {r.item.code: r for r in selectors.board(year)}
    assert rows["O30"].status == "green" and rows["O30"].url.endswith("/complaints/public/")
    assert rows["O21"].status == "amber"
    assert "2570" in rows["O21"].links[0].check_note
    assert rows["O99"].status == "red" and rows["O99"].url is None
    assert rows["O98"].status == "red"
    assert rows["O98"].links[0].check_note == "ต้องเข้าสู่ระบบก่อน" and not rows["O98"].links[0].public_ok
    estimate = selectors.estimate(list(rows.values()))
    assert estimate.counts == {"green": 1, "amber": 1, "red": 2}
    assert str(estimate.score) == "37.50" and estimate.band == "F" and "ประมาณการ" in estimate.label


def test_api_lists_every_item_with_urls_and_status(client, agency, ict, year):
    from ita.services import run_links, run_start

    run_links(run_start(actor=ict, agency=agency))
    client.force_login(ict)
    body = client.get("/api/ita/2570/items").json()
    assert body["total"] == 43 and len(body["items"]) == 43
    first = body["items"][0]
    assert set(first) >= {"code", "text", "status", "public_url", "links", "owner", "due_on"}
    assert set(first["links"][0]) >= {"target", "url", "status", "http_status", "public_ok", "checked_at"}
    public = [i for i in body["items"] if i["public_url"]]
    assert body["mapped_public"] == len(public) > 0
    assert all(any(link["public_ok"] and link["http_status"] == 200 for link in i["links"]) for i in public)
    assert client.get("/api/ita/2569/items").status_code == 404
    assert "/api/ita/{fiscal_year}/items" in client.get("/api/openapi.json").json()["paths"]


def test_api_refuses_a_person_without_the_role(client, make_user, year):
    client.force_login(make_user("nobody", "cpd-prov-13"))
    assert client.get("/api/ita/2570/items").status_code == 403


def test_answer_sheet_xlsx_reads_back(client, agency, ict, year):
    from ita.services import run_links, run_start

    year.items.exclude(code__in=["O30", "O19"]).delete()
    _item(year, "O30", ["complaints:public_home"], yearly=False)
    _item(year, "O19", ["portal:section no_such_section_anywhere"])
    run_links(run_start(actor=ict, agency=agency))
    client.force_login(ict)
    response = client.get("/ita/2570/answer-sheet.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["OIT"].iter_rows(values_only=True))
    assert rows[0] == ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "หมายเหตุ")
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["O30"][2] == "มี" and by_code["O30"][3].endswith("/complaints/public/")
    assert by_code["O19"][2] == "ไม่มี" and not by_code["O19"][3]
    assert "404" in by_code["O19"][4]
    estimate = dict(book["ประมาณการ"].iter_rows(min_row=2, values_only=True))
    assert estimate["คะแนน OIT (ประมาณการ)"] == "50.00" and "ไม่ใช่คะแนน" in estimate["หมายเหตุ"]


class _Site:
    """A small website on loopback whose page can change and die."""

    def __init__(self):
        self.body, self.status = b"<html><body>2570 plan</body></html>", 200
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(site.status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(site.body)))
                self.end_headers()
                self.wfile.write(site.body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/plan"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(settings):
    settings.REPORTS_LINKCHECK_ALLOW_PRIVATE = True  # the stand-in website listens on loopback
    s = _Site()
    yield s
    s.close()


def test_link_checker_keeps_snapshots_with_hashes_flags_changes_and_a_dead_link(agency, ict, year, site):
    from ita.services import run_links, run_start

    year.items.exclude(code="O10").delete()
    item = _item(year, "O10", [site.url], owner=ict)
    run_links(run_start(actor=ict, agency=agency))
    first = LinkSnapshot.objects.get()
    assert first.status == "ok" and first.http_status == 200 and first.content_type.startswith("text/html")
    assert first.sha256 == hashlib.sha256(site.body).hexdigest() and first.size == len(site.body)
    assert first.file.open("rb").read() == site.body
    assert not first.changed and not LinkAlert.objects.exists()
    assert item.links.get().status == "green"

    site.body = b"<html><body>2570 plan, revised</body></html>"
    run_links(run_start(actor=ict, agency=agency))
    second = LinkSnapshot.objects.order_by("-id").first()
    assert second.changed and second.sha256 != first.sha256
    assert LinkAlert.objects.get().kind == "changed"

    site.status, site.body = 404, b"gone"
    mail.outbox.clear()
    run_links(run_start(actor=ict, agency=agency))
    link = item.links.get()
    assert link.status == "red" and link.http_status == 404 and not link.public_ok
    dead = LinkAlert.objects.filter(kind="dead").get()
    assert dead.recipient == ict and dead.mailed
    assert len(mail.outbox) == 1
    assert "ลิงก์เปิดไม่ได้" in mail.outbox[0].subject and "O10" in mail.outbox[0].subject
    # The reviewer still opens what the page showed while it lived.
    assert first.file.open("rb").read() == b"<html><body>2570 plan</body></html>"

    site.close()  # the site stops answering altogether: still dead, no second alert
    run_links(run_start(actor=ict, agency=agency))
    assert item.links.get().status == "red" and LinkAlert.objects.filter(kind="dead").count() == 1


def test_snapshot_download_is_an_attachment(client, agency, ict, year, site):
    from ita.services import run_links, run_start

    year.items.exclude(code="O10").delete()
    _item(year, "O10", [site.url])
    run_links(run_start(actor=ict, agency=agency))
    snapshot = LinkSnapshot.objects.get()
    client.force_login(ict)
    response = client.get(f"/ita/snapshots/{snapshot.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".html" in disposition
    assert b"".join(response.streaming_content) == site.body
    assert response["X-Snapshot-SHA256"] == snapshot.sha256


def test_evidence_link_of_a_report_is_rechecked_too(agency, plan, ict, year, site):
    from plans.models import Activity
    from reports.evidence_models import EvidenceLink
    from reports.models import Report, Round

    round_ = Round.objects.create(plan=plan, name="รอบทดสอบ", fiscal_year=2570, opens_on=dt.date(2027, 3, 1),
                                   due_on=dt.date(2027, 3, 31))
    activity = Activity.objects.filter(measure__policy__plan=plan).first()
    report = Report.objects.create(round=round_, activity=activity,
                                   unit=agency)
    evidence = EvidenceLink.objects.create(report=report, url=site.url, created_by=ict)
    year.items.all().delete()
    services.run_links(services.run_start(actor=ict, agency=agency))
    evidence.refresh_from_db()
    assert evidence.status == "ok" and evidence.http_status == 200 and evidence.checked_at
    assert LinkSnapshot.objects.get(evidence_link=evidence).sha256 == hashlib.sha256(site.body).hexdigest()


def test_a_second_run_is_refused_while_one_is_going(agency, ict):
    services.run_start(actor=ict, agency=agency)
    with pytest.raises(ApplicationError, match="กำลังตรวจลิงก์อยู่แล้ว"):
        services.run_start(actor=ict, agency=agency)


def test_internal_and_private_addresses_are_never_fetched(agency, ict, year):
    year.items.exclude(code="O10").delete()
    item = _item(year, "O10", ["http://10.0.0.5/secret"])
    services.run_links(services.run_start(actor=ict, agency=agency))
    link = item.links.get()
    assert link.status == "red" and "ภายในเครือข่าย" in link.check_note


def test_one_piece_of_evidence_is_shown_under_every_regime_it_is_tagged_to(client, agency, ict, year):
    eb = services.catalogue_load(actor=ict, agency=agency, fiscal_year=2560, content=catalogue.shipped(
        "eb_2560.yaml"))
    o21, eb3 = year.items.get(code="O21"), eb.items.get(code="EB3")
    client.force_login(ict)
    response = client.post(f"/ita/items/{o21.pk}/tag/", {"title": "แผนจัดซื้อจัดจ้าง 2570",
                                                        "url": "https://example.org/plan-2570.pdf",
                                                        "also": [eb3.pk]})
    assert response.status_code == 302
    for item in (o21, eb3):
        page = client.get(f"/ita/items/{item.pk}/").content.decode()
        assert "แผนจัดซื้อจัดจ้าง 2570" in page and "O21 (2570)" in page and "EB3 (2560)" in page


def test_submission_approved_by_an_executive_is_audited(client, agency, ict, make_user, year):
    executive = make_user("executive", "cpd", (Role.EXECUTIVE, "cpd"))
    submission = services.submission_save(actor=ict, year=year, memo_ref_no="กษ ๑๑๑๓/๑๒๓")
    from accounts.policy import Denied

    with pytest.raises(Denied):
        services.submission_approve(actor=ict, submission=submission, approved_on=timezone.localdate())
    client.force_login(executive)
    today = timezone.localdate()
    response = client.post("/ita/2570/submission/approve/",
                           {"approved_on": f"{today.day:02d}/{today.month:02d}/{today.year + 543}"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.APPROVED and submission.approved_by == executive
    assert submission.approved_on == today and len(submission.sheet_sha256) == 64
    event = AuditEvent.objects.get(action="ita.submission_approve")
    assert event.actor == executive
    with pytest.raises(ApplicationError, match="แก้ไขบันทึกข้อความไม่ได้"):
        services.submission_save(actor=ict, year=year, memo_subject="แก้")
    docx = client.get("/ita/2570/submission/memo.docx")
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "เห็นชอบ" in text and "OIT" in text


def test_demo_maps_at_least_80_percent_to_a_public_url(client, agency, plan):
    from ita import demo
    from site_shell.demo import load_demo_accounts

    load_demo_accounts(agency)
    assert demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""  # idempotent
    from accounts.models import User

    client.force_login(User.objects.get(username="planadmin"))
    fy = selectors.current_fiscal_year()
    body = client.get(f"/api/ita/{fy}/items").json()
    oit = [i for i in body["items"] if i["kind"] == "oit"]
    assert len(oit) == 43
    assert sum(1 for i in oit if i["public_url"]) >= 0.8 * len(oit)
    assert ItaYear.objects.filter(fiscal_year=2560).get().items.filter(kind="eb").count() == 3
    assert ItemLink.objects.filter(item__year__fiscal_year=fy, auto=True).count() >= 43


@pytest.mark.parametrize("name", ["oit_2570.yaml", "eb_2560.yaml"])
def test_every_portal_page_the_catalogue_names_is_a_public_page(client, agency, name):
    """O18–O20 and O33 named sections the portal did not have: their links were 404 on the public site."""
    from django.urls import reverse

    named = {link for row in catalogue.parse(catalogue.shipped(name)).rows for link in row.links
             if link.startswith("portal:")}
    answers = {link: client.get(reverse(link.split()[0], args=link.split()[1:])).status_code
               for link in named}
    assert all(status == 200 for status in answers.values()), answers


def test_an_empty_section_is_no_evidence_until_a_page_is_published(agency, ict, year, make_user,
                                                                    second_agency):
    from ita.services import run_links, run_start
    from portal import services as portal_services

    year.items.exclude(code="O33").delete()
    _item(year, "O33", ["portal:section participation"])
    # Another agency's published page is not this agency's evidence.
    other_ict = make_user("ict-other", second_agency.code, (Role.ICT_OFFICER, second_agency.code))
    other = portal_services.page_create(actor=other_ict, agency=second_agency, section="participation",
                                        slug="p-2570", title="การรับฟังความคิดเห็น ปี 2570",
                                        body="ปีงบประมาณ 2570")
    portal_services.page_publish(actor=other_ict, page=other)
    run_links(run_start(actor=ict, agency=agency))
    link = ItemLink.objects.get(item__year=year, item__code="O33")
    # The page answers (the visitor sees "nothing published yet"), but that is not evidence.
    assert link.public_ok and link.http_status == 200
    assert link.status == ItemLink.Status.AMBER and "ยังไม่มีเนื้อหาเผยแพร่ในหมวดนี้" in link.check_note
    assert {r.item.code: r for r in selectors.board(year)}["O33"].status == "amber"

    page = portal_services.page_create(actor=ict, agency=agency, section="participation", slug="p-2570-cpd",
                                       title="การเปิดโอกาสให้มีส่วนร่วม ประจำปี 2570", body="ปีงบประมาณ 2570")
    portal_services.page_publish(actor=ict, page=page)
    run_links(run_start(actor=ict, agency=agency))
    link.refresh_from_db()
    assert link.status == ItemLink.Status.GREEN and link.check_note == ""
