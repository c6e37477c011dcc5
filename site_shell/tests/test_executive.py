"""The executive's home: each figure counts what the list it links to holds, the policy decides which
figures a person sees, the brief is one A4 page of Thai text."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from accounts.models import Role
from reports import services
from reports.tests.conftest import fill, open_round, people, report_of, small_plan  # noqa: F401
from site_shell import executive

pytestmark = pytest.mark.django_db


def _list_count(client, url: str) -> int:
    """How many rows the report list behind a figure shows (its "N รายการ" line)."""
    page = client.get(url).content.decode()
    return len(set(re.findall(r'href="/reports/(\d+)/"', page)))


def test_figures_count_what_their_lists_hold(open_round, people, client):  # noqa: F811
    services.report_submit(actor=people["reporter"],
                           report=fill(report_of(open_round, "cpd-prov-13"), people["reporter"]))
    view = executive.executive_view(people["executive"])
    assert view.round == open_round
    assert [a.number for a in view.areas] == sorted(p.number for p in open_round.plan.policies.all())
    assert sum(a.total for a in view.areas) == len(
        executive._statuses(open_round)[0])  # every indicator sits in its policy area
    late = view.figure("late_units")
    # the due date (4 April 2017) has passed: every unit with a unit report is late or missing
    units = set(executive.late_units_qs(open_round, people["executive"]).values_list("unit_id", flat=True))
    assert late.value == len(units) == 3
    client.force_login(people["executive"])
    reports_listed = _list_count(client, late.url)
    assert reports_listed == executive.late_units_qs(open_round, people["executive"]).count()
    missing = view.figure("missing_units")
    not_started = executive.late_units_qs(open_round, people["executive"], status="not_started")
    assert missing.value == len(set(not_started.values_list("unit_id", flat=True)))
    for figure in view.figures:
        assert figure.as_of is not None
        assert client.get(figure.url).status_code == 200, figure.key


def test_complaint_figures_match_the_filtered_list(open_round, people, client):  # noqa: F811
    from complaints.selectors import cases_visible

    view = executive.executive_view(people["executive"])
    overdue = view.figure("complaints_overdue")
    corruption = view.figure("corruption_open")
    assert overdue.url.endswith("?queue=overdue") and "channel=corruption" in corruption.url
    assert overdue.value == cases_visible(people["executive"], queue="overdue").count()
    assert corruption.value == cases_visible(people["executive"], queue="open", channel="corruption").count()


def test_failing_indicator_links_to_its_units_reports(open_round, people, client):  # noqa: F811
    view = executive.executive_view(people["executive"])
    client.force_login(people["executive"])
    for failing in view.failing:
        assert f"activity={failing.indicator.activity_id}" in failing.units_url
        assert client.get(failing.units_url).status_code == 200


def test_home_shows_the_areas_with_as_of_and_the_brief_link(open_round, people, client):  # noqa: F811
    client.force_login(people["executive"])
    page = client.get("/").content.decode()
    assert "data-areas" in page and "<svg" in page and "ผลตามตัวชี้วัดแยกตามนโยบาย" in page
    assert page.count("data-as-of") >= 2
    assert reverse("site_shell:executive_brief", args=[open_round.pk]) in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and " style=" not in page


def test_a_unit_level_executive_sees_only_what_the_policy_allows(open_round, people, make_user, client):  # noqa: F811
    unit_exec = make_user("exec.cm", "cpd-prov-13", (Role.EXECUTIVE, "cpd-prov-13"))
    view = executive.executive_view(unit_exec)
    assert view.areas == [] and "ผลตามตัวชี้วัดของแผน" in view.omitted  # round.dashboard is department-wide
    late = view.figure("late_units")
    assert late.value == 1  # only Chiang Mai's own reports
    client.force_login(unit_exec)
    page = client.get("/").content.decode()
    assert "data-areas" not in page
    assert client.get(reverse("site_shell:executive_brief", args=[open_round.pk])).status_code in (403, 404)


def test_a_reporter_keeps_the_ordinary_home(open_round, people, client):  # noqa: F811
    client.force_login(people["reporter"])
    page = client.get("/").content.decode()
    assert "data-areas" not in page and "บทบาทของท่าน" in page


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils")
def test_brief_is_one_a4_page_of_thai(open_round, people, client, tmp_path):  # noqa: F811
    client.force_login(people["executive"])
    response = client.get(reverse("site_shell:executive_brief", args=[open_round.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)  # A4
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ผลตามตัวชี้วัดแยกตามนโยบาย" in text and "ตัวเลขสำคัญ" in text
    assert "๒๕๖๐" in text  # the agency writes Thai digits: the fiscal year in B.E., in Thai digits
