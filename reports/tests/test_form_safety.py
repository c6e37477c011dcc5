"""The report form's two safety nets must not become holes: input posted after the session ended is never
written for the user the form key names, and "save and submit" is all or nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from reports.models import DraftStash, Report
from reports.tests.conftest import report_of
from reports.tests.test_views import ROW, form_data

pytestmark = pytest.mark.django_db


def test_an_anonymous_post_with_a_valid_form_key_writes_nothing_for_that_user(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    reporter = people["reporter"]
    planted = {**ROW, "method": "ข้อความที่ผู้อื่นส่งมาแทน"}
    response = client.post(reverse("reports:edit", args=[report.pk]), form_data(report, reporter, [planted]))
    assert response.status_code == 401
    assert "/accounts/login/?next=" in response.content.decode()
    assert not DraftStash.objects.exists()
    report.refresh_from_db()
    assert report.version == 0 and not report.rows.exists()

    # The user, in their own browser, sees their report as saved, nothing planted.
    own = Client()
    own.force_login(reporter)
    page = own.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert planted["method"] not in page and "กู้คืนข้อมูลที่ท่านพิมพ์ไว้" not in page

    # Whoever posted logs in as someone else in that browser: the input stays theirs alone, adopted by nobody.
    client.force_login(people["head"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert planted["method"] not in page
    assert not DraftStash.objects.exists()


def test_an_expired_session_hands_the_input_back_only_to_the_user_in_that_browser(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    client.post(reverse("reports:edit", args=[report.pk]), form_data(report, people["reporter"], [ROW]))
    assert not DraftStash.objects.exists()
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "กู้คืนข้อมูลที่ท่านพิมพ์ไว้" in page and ROW["method"] in page
    assert DraftStash.objects.get().user == people["reporter"]


def test_an_expired_form_key_keeps_nothing(client, open_round, people, settings):
    from django.core import signing

    report = report_of(open_round, "cpd-prov-13")
    data = form_data(report, people["reporter"], [ROW])
    payload = signing.loads(data["form_key"], salt="reports.report-form")
    with pytest.MonkeyPatch.context() as mp:
        import time

        issued = time.time() - 25 * 3600
        mp.setattr(time, "time", lambda: issued)
        data["form_key"] = signing.dumps(payload, salt="reports.report-form", compress=True)
    response = client.post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 401 and "ระบบยังเก็บข้อมูลนี้ไว้ให้ไม่ได้" in response.content.decode()
    client.force_login(people["reporter"])
    assert ROW["method"] not in client.get(reverse("reports:edit", args=[report.pk])).content.decode()


def test_a_refused_submission_saves_nothing_and_shows_the_input_back(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    before = AuditEvent.objects.count()
    incomplete = {**ROW, "result": ""}  # a draft may lack the result; a submission may not
    client.force_login(people["reporter"])
    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        form_data(report, people["reporter"], [incomplete], problems="ปัญหาที่พิมพ์ไว้", action="submit"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ยังส่งรายงานไม่ได้" in page and "ยังไม่ได้บันทึกและยังไม่ได้ส่ง" in page
    assert ROW["method"] in page and "ปัญหาที่พิมพ์ไว้" in page
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT and report.version == 0
    assert not report.rows.exists() and report.problems == ""
    assert not AuditEvent.objects.filter(action="report.save").exists()
    assert AuditEvent.objects.count() == before
    # The typed input is kept for a reload as well.
    assert DraftStash.objects.get(report=report).data["rows-0-method"] == [ROW["method"]]


def test_save_and_submit_lands_both_in_one_go(client, open_round, people):
    report = report_of(open_round, "cpd-prov-13")
    client.force_login(people["reporter"])
    response = client.post(
        reverse("reports:edit", args=[report.pk]),
        form_data(report, people["reporter"], [ROW], action="submit"),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status != Report.Status.DRAFT and [r.method for r in report.rows.all()] == [ROW["method"]]
