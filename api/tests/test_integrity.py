"""The integrity registers' JSON lists: the year by each record's own date, oldest first, paged, and refused
to those who may not see the register."""

import datetime

import pytest

from accounts.models import Role
from integrity.services.campaign import event_record
from org.models import Unit

pytestmark = pytest.mark.django_db


def _event(actor, day, title):
    return event_record(
        actor=actor, unit=Unit.objects.get(code="cpd-hr"), held_on=day, title=title,
        audience="ข้าราชการส่วนกลาง", attendance=30,
    )


def test_event_list_filters_the_fiscal_year_orders_by_date_then_id_and_pages(client, make_user):
    coi = make_user("coi", "cpd-hr", (Role.COI_OFFICER, "cpd"))
    _event(coi, datetime.date(2017, 3, 15), "มีนาคม ก")
    _event(coi, datetime.date(2016, 11, 2), "พฤศจิกายน")
    _event(coi, datetime.date(2017, 3, 15), "มีนาคม ข")
    _event(coi, datetime.date(2017, 5, 1), "พฤษภาคม")
    _event(coi, datetime.date(2017, 10, 5), "ปีถัดไป")
    client.force_login(coi)

    def titles(query):
        response = client.get(f"/api/integrity/events?{query}")
        assert response.status_code == 200, response.content
        return [(e["title"], e["by_march"]) for e in response.json()]

    assert titles("fiscal_year=2560") == [
        ("พฤศจิกายน", True), ("มีนาคม ก", True), ("มีนาคม ข", True), ("พฤษภาคม", False),
    ]
    assert titles("fiscal_year=2560&limit=2&offset=1") == [("มีนาคม ก", True), ("มีนาคม ข", True)]
    assert titles("fiscal_year=2561") == [("ปีถัดไป", True)]  # October is before its own March
    assert len(titles("")) == 5


def test_register_lists_are_refused_without_the_register_permission(client, make_user):
    client.force_login(make_user("staff", "cpd-prov-13"))
    for path in ("events", "reminders", "gifts", "issuances"):
        assert client.get(f"/api/integrity/{path}").status_code == 403, path
