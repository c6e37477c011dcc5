"""Import of paper or outside-form responses: the survey's own template, all or nothing with Thai per-row
errors, nothing about respondents, one audit entry, the survey's managers only."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEvent
from surveys import selectors, services
from surveys.models import Answer, Response

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def ict(make_user):
    return make_user("ict", "cpd-ict", (Role.ICT_OFFICER, "cpd"))


@pytest.fixture
def website(agency, ict):
    return services.survey_save(actor=ict, agency=agency, key="website", title="ความพึงพอใจเว็บไซต์",
                                audience="public", fiscal_year=2569, opens_on=TODAY, closes_on=TODAY,
                                questions=[("ข้อมูลครบถ้วน", "likert5"), ("ค้นหาง่าย", "likert5"),
                                           ("ข้อเสนอแนะ", "text")])


def _filled(client, survey, rows) -> SimpleUploadedFile:
    """The template the manage page offers, downloaded and filled in as the unit would."""
    got = client.get(reverse("surveys:import_template", args=[survey.pk]))
    assert got.status_code == 200 and got["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(got.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["1. ข้อมูลครบถ้วน", "2. ค้นหาง่าย", "3. ข้อเสนอแนะ"]
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("paper.xlsx", out.getvalue(), XLSX)


def test_a_bad_row_writes_nothing_and_says_which_row_and_question(client, login, website):
    login("ict")
    manage = client.get(reverse("surveys:manage", args=[website.pk])).content.decode()
    assert reverse("surveys:import", args=[website.pk]) in manage
    assert reverse("surveys:import_template", args=[website.pk]) in manage
    upload = _filled(client, website, [[5, 4, "ดี"], [4, "มาก", None], [6, 3, None]])
    page = client.post(reverse("surveys:import", args=[website.pk]), {"file": upload})
    text = page.content.decode()
    assert page.status_code == 200
    assert "แถวที่ 3: ข้อ 2: ต้องเป็นตัวเลข 1–5" in text and "แถวที่ 4: ข้อ 1: ต้องเป็นตัวเลข 1–5" in text
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    assert not AuditEvent.objects.filter(action="survey.import").exists()


def test_a_good_file_counts_in_the_results_and_the_indicator(client, login, website):
    login("ict")
    # Row 3 is blank (not a respondent); row 4 leaves question 2 empty; Thai digits are read.
    upload = _filled(client, website, [[5, 4, "ดีมาก"], [None, None, None], ["๕", None, ""], [2, 1, None],
                                       [4, 5, "ค้นยาก"]])
    done = client.post(reverse("surveys:import", args=[website.pk]), {"file": upload})
    assert done.status_code == 302 and done.url == reverse("surveys:results", args=[website.pk])
    result = selectors.results(website)
    assert result.n == 4
    q1, q2, q3 = result.questions
    assert q1.counts == {5: 2, 2: 1, 4: 1} and q2.n == 3 and sorted(q3.texts) == ["ค้นยาก", "ดีมาก"]
    # Per response: 2/2, 1/1, 0/2, 2/2 satisfied → mean 75 %
    assert result.percent == Decimal("75.00")
    entries = AuditEvent.objects.filter(action="survey.import")
    assert entries.count() == 1 and entries.get().new["count"] == 4
    page = client.get(reverse("surveys:results", args=[website.pk])).content.decode()
    assert "ผู้ตอบ <strong>4</strong> คน" in page


def test_a_good_csv_is_imported_and_non_question_columns_are_never_read(ict, website):
    from surveys import imports

    body = "ชื่อผู้ตอบ,1. ข้อมูลครบถ้วน,2. ค้นหาง่าย,3. ข้อเสนอแนะ\nนายสมชาย ใจดี,5,5,ชอบ\n".encode("utf-8-sig")
    outcome = imports.import_responses(website, SimpleUploadedFile("form.csv", body, "text/csv"), actor=ict)
    assert outcome.created == 1 and not outcome.errors
    assert selectors.results(website).percent == Decimal("100.00")
    from django.db import connection

    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f'SELECT * FROM "{table}"')
            assert "สมชาย" not in repr(cur.fetchall()), table


def test_only_the_surveys_managers_may_import(client, login, make_user, website):
    make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))  # manages the staff survey, not the website's
    login("hr")
    assert client.get(reverse("surveys:import", args=[website.pk])).status_code == 403
    assert client.get(reverse("surveys:import_template", args=[website.pk])).status_code == 403
    body = SimpleUploadedFile("form.csv", "1. ข้อมูลครบถ้วน\n5\n".encode(), "text/csv")
    assert client.post(reverse("surveys:import", args=[website.pk]), {"file": body}).status_code == 403
    assert Response.objects.count() == 0
