"""A submitted item not yet published opens for its readers (the indicator's record links to it), never
for a visitor."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from infocentre import services
from infocentre.models import Document
from org.models import Unit

pytestmark = pytest.mark.django_db


def test_an_unpublished_item_opens_for_the_plan_administrator_only(agency, make_user, client):
    unit = Unit.objects.get(code="cpd-hr")
    reporter = make_user("rep.hr", "cpd-hr", (Role.REPORTER, "cpd-hr"))
    doc = services.document_submit(actor=reporter, agency=agency, unit=unit,
                                   category=Document.Category.choices[0][0], title="คู่มือการลา",
                                   doc_date=datetime.date(2017, 1, 5), text="ขั้นตอนการลา")
    url = reverse("infocentre:document", args=[doc.pk])
    assert client.get(url).status_code == 404
    client.force_login(make_user("pa", "cpd-psdg", (Role.PLAN_ADMIN, "cpd")))
    page = client.get(url)
    assert page.status_code == 200 and "ยังไม่เปิดเผยต่อสาธารณะ" in page.content.decode()
    client.force_login(make_user("other", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13")))
    assert client.get(url).status_code == 404
