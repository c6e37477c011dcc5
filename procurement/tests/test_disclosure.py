"""Plan 1.2 ๑ and ๔–๕ as records: the analysis presented to the executive, and the publication channels."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from accounts.policy import Denied
from audit.models import AuditEvent
from core.errors import ApplicationError
from org.models import Unit
from procurement.models import PublicationChannel
from procurement.services import disclosure, planning

pytestmark = pytest.mark.django_db
NOV1 = datetime.date(2024, 11, 1)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf(name="memo.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


@pytest.fixture
def review(officer, finance):
    return planning.review_save(actor=officer, unit=finance, fiscal_year=2567, risks="ความเสี่ยง",
                                obstacles="อุปสรรค", savings="ประหยัด", recommendations="ข้อเสนอ")


@pytest.fixture
def pplan(officer, finance):
    plan = planning.plan_create(actor=officer, unit=finance, fiscal_year=2568)
    planning.plan_item_add(actor=officer, plan=plan, title="ซื้อวัสดุ", budget=Decimal("100000"),
                           method="specific", planned_month=1)
    return plan


def test_presenting_the_analysis_needs_a_date_after_the_year_a_recipient_and_a_file(officer, review):
    with pytest.raises(ApplicationError) as exc:
        disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2024, 11, 1),
                                  presented_to="อธิบดี")
    assert exc.value.field == "file"
    with pytest.raises(ApplicationError) as exc:
        disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2024, 9, 1),
                                  presented_to="อธิบดี", file=_pdf())
    assert exc.value.field == "presented_on"  # still inside the analysed year
    with pytest.raises(ApplicationError) as exc:
        disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2024, 11, 1),
                                  presented_to=" ", file=_pdf())
    assert exc.value.field == "presented_to"
    done = disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2024, 11, 1),
                                     presented_to="อธิบดี", file=_pdf())
    assert done.is_presented and done.files.get().original_name == "memo.pdf"
    event = AuditEvent.objects.filter(action="procurement.review_present").get()
    assert event.new["presented_to"] == "อธิบดี" and event.new["file"]["file"] == "memo.pdf"
    # a later correction keeps the file already attached
    disclosure.review_present(actor=officer, review=review, presented_on=datetime.date(2024, 11, 2),
                              presented_to="คณะกรรมการบริหารกรม")
    review.refresh_from_db()
    assert review.presented_to == "คณะกรรมการบริหารกรม" and review.files.count() == 1


def test_only_the_units_procurement_officer_records_it(make_user, review, pplan):
    other = make_user("buyer13", "cpd-prov-13", (Role.PROCUREMENT_OFFICER, "cpd-prov-13"))
    with pytest.raises(Denied):
        disclosure.review_present(actor=other, review=review, presented_on=datetime.date(2024, 11, 1),
                                  presented_to="อธิบดี", file=_pdf())
    with pytest.raises(Denied):
        disclosure.channel_add(actor=other, plan=pplan, kind="website", published_on=NOV1,
                               url="https://www.cpd.go.th/plan")


def test_a_channel_needs_a_link_or_a_photo_and_a_name_when_other(officer, pplan):
    with pytest.raises(ApplicationError) as exc:
        disclosure.channel_add(actor=officer, plan=pplan, kind="board", published_on=NOV1)
    assert exc.value.field == "url"
    with pytest.raises(ApplicationError) as exc:
        disclosure.channel_add(actor=officer, plan=pplan, kind="website", published_on=NOV1,
                               url="ftp://example.org/x")
    assert exc.value.field == "url"
    with pytest.raises(ApplicationError) as exc:
        disclosure.channel_add(actor=officer, plan=pplan, kind="other", published_on=NOV1,
                               url="https://example.org/x")
    assert exc.value.field == "name"
    board = disclosure.channel_add(actor=officer, plan=pplan, kind="board",
                                   published_on=datetime.date(2024, 11, 1), file=_pdf("board.pdf"))
    assert board.label == "บอร์ดประชาสัมพันธ์" and board.files.count() == 1
    disclosure.channel_delete(actor=officer, channel=board)
    assert not PublicationChannel.objects.exists()
    actions = ["procurement.channel_add", "procurement.channel_delete"]
    assert AuditEvent.objects.filter(action__in=actions).count() == 2


def test_pages_record_and_serve_the_files_to_readers_only(client, officer, make_user, review, pplan):
    client.force_login(officer)
    url = reverse("procurement:review_present", args=[review.pk])
    bad = client.post(url, {"presented_on": "31/02/2567", "presented_to": "อธิบดีกรม"})
    assert bad.status_code == 200 and "อธิบดีกรม" in bad.content.decode()  # what was typed stays
    ok = client.post(url, {"presented_on": "01/11/2567", "presented_to": "อธิบดี", "file": _pdf()})
    assert ok.status_code == 302
    stored = review.files.get()
    response = client.post(reverse("procurement:channel_new", args=[pplan.pk]),
                           {"kind": "website", "published_on": "01/11/2567", "url": "https://www.cpd.go.th/p"})
    assert response.status_code == 302
    page = client.get(reverse("procurement:plan", args=[pplan.pk])).content.decode()
    assert "เว็บไซต์กรม" in page and "https://www.cpd.go.th/p" in page
    admin = make_user("admin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    client.force_login(admin)
    assert client.get(reverse("procurement:review_file", args=[stored.pk])).status_code == 200
    outsider = make_user("buyer13", "cpd-prov-13", (Role.PROCUREMENT_OFFICER, "cpd-prov-13"))
    client.force_login(outsider)
    assert client.get(reverse("procurement:review_file", args=[stored.pk])).status_code in (403, 404)
    assert Unit.objects.get(code="cpd-finance") == review.unit


def test_demo_records_the_presentation_and_three_channels_once(agency, plan, make_user):
    from procurement import demo
    from procurement.models import YearReview

    make_user("procurement", "cpd-finance", (Role.PROCUREMENT_OFFICER, None))
    demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == ""
    # The demo round's year (2560) and the current year each get the three channels and a presented review.
    kinds = sorted(PublicationChannel.objects.values_list("kind", flat=True))
    assert kinds == ["board", "board", "egp", "egp", "website", "website"]
    reviews = list(YearReview.objects.filter(unit=agency))
    assert len(reviews) == 2 and all(r.is_presented and r.files.count() == 1 for r in reviews)


def test_a_deleted_channels_file_survives_a_rolled_back_deletion(officer, pplan):
    from django.db import transaction

    board = disclosure.channel_add(actor=officer, plan=pplan, kind="board", published_on=NOV1,
                                   file=_pdf("board.pdf"))
    stored = board.files.get()
    with transaction.atomic():
        disclosure.channel_delete(actor=officer, channel=board)
        transaction.set_rollback(True)
    assert stored.file.storage.exists(stored.file.name)  # the row is back, and so is its file
