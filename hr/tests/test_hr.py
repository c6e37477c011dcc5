"""กองการเจ้าหน้าที่'s records: guarded and audited writes, the pages, and the plan's indicators 5.2-a ๑. and
๓. and 5.4-a computed from them through the round's indicator values."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from accounts.policy import Denied
from audit.models import AuditEvent
from core.errors import ApplicationError
from hr import services
from hr.models import EvaluationRound
from hr.selectors import expected_units
from reports.indicator_values import COMPUTED, round_indicator_values

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
D = datetime.date


@pytest.fixture
def hr_officer(make_user):
    return make_user("hr", "cpd-hr", (Role.HR_OFFICER, "cpd"))


@pytest.fixture
def round_2561(plan, make_user):
    from plans.services import plan_approve
    from reports.services import round_create, round_open

    admin = make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd"))
    plan_approve(actor=None, plan=plan, approved_on=D(2017, 1, 30), approval_memo="ที่ กษ ๑๑๑๓/๖๑")
    round_ = round_create(actor=admin, plan=plan, fiscal_year=2561, name="รอบที่ ๒", kind="annual",
                          opens_on=D(2018, 9, 1), due_on=D(2018, 10, 15))
    return round_open(actor=admin, round_=round_)


def test_writes_are_the_department_hr_officers_and_audited(agency, hr_officer, make_user):
    head = make_user("head13", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    with pytest.raises(Denied):
        services.criteria_step_save(actor=head, agency=agency, fiscal_year=2561, step=1,
                                    done_on=D(2017, 10, 5), reference="x")
    with pytest.raises(ApplicationError) as exc:
        services.criteria_step_save(actor=hr_officer, agency=agency, fiscal_year=2561, step=1,
                                    done_on=D(2017, 10, 5))
    assert exc.value.field == "reference"  # a step needs its reference or document
    services.criteria_step_save(actor=hr_officer, agency=agency, fiscal_year=2561, step=1,
                                done_on=D(2017, 10, 5), file=SimpleUploadedFile("r.pdf", PDF))
    line = services.job_line_save(actor=hr_officer, agency=agency, name="นักวิชาการสหกรณ์", kind="core")
    with pytest.raises(ApplicationError):
        services.job_line_save(actor=hr_officer, agency=agency, name="นักวิชาการสหกรณ์", kind="core")
    with pytest.raises(ApplicationError) as exc:
        services.job_line_kpis_save(actor=hr_officer, job_line=line, fiscal_year=2561, kpis=" \n ",
                                    set_on=D(2017, 10, 2))
    assert exc.value.field == "kpis"
    round_ = services.round_save(actor=hr_officer, agency=agency, fiscal_year=2561, number=1,
                                 closes_on=D(2018, 3, 31))
    province = expected_units(agency).get(code="cpd-prov-13")
    # the unit's head records the unit's own figures, not another unit's
    services.unit_complete(actor=head, round_=round_, unit=province, completed_on=D(2018, 3, 20),
                           staff_count=12, evaluated_count=12)
    with pytest.raises(Denied):
        other = expected_units(agency).exclude(pk=province.pk)[0]
        services.unit_complete(actor=head, round_=round_, unit=other, completed_on=D(2018, 3, 20),
                               staff_count=5, evaluated_count=5)
    with pytest.raises(ApplicationError) as exc:
        services.round_complete(actor=hr_officer, round_=round_, completed_on=D(2018, 4, 2))
    assert "ยังดำเนินการไม่ครบ" in exc.value.message
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"hr.criteria_step", "hr.job_line", "hr.round_save", "hr.unit_complete"} <= actions


def test_indicators_come_from_the_records_by_the_rounds_date(agency, hr_officer, round_2561, client):
    for step, day in ((1, D(2017, 10, 5)), (2, D(2017, 11, 1)), (4, D(2018, 2, 1)), (3, D(2018, 10, 20))):
        services.criteria_step_save(actor=hr_officer, agency=agency, fiscal_year=2561, step=step, done_on=day,
                                    reference=f"หนังสือที่ {step}")
    for name, kind, kpis in (("นักวิชาการสหกรณ์", "core", "ร้อยละของสหกรณ์ที่ได้รับการแนะนำ"),
                             ("นักทรัพยากรบุคคล", "support", "ร้อยละของบุคลากรที่มีตัวชี้วัด\nความพึงพอใจ"),
                             ("เจ้าพนักงานธุรการ", "support", "")):
        line = services.job_line_save(actor=hr_officer, agency=agency, name=name, kind=kind)
        if kpis:
            services.job_line_kpis_save(actor=hr_officer, job_line=line, fiscal_year=2561, kpis=kpis,
                                        set_on=D(2017, 10, 10))
    first = services.round_save(actor=hr_officer, agency=agency, fiscal_year=2561,
                                number=EvaluationRound.Number.FIRST, closes_on=D(2018, 3, 31))
    services.round_save(actor=hr_officer, agency=agency, fiscal_year=2561,
                        number=EvaluationRound.Number.SECOND, closes_on=D(2018, 9, 30))
    for unit in expected_units(agency):
        services.unit_complete(actor=hr_officer, round_=first, unit=unit, completed_on=D(2018, 3, 30),
                               staff_count=10, evaluated_count=10)
    services.round_complete(actor=hr_officer, round_=first, completed_on=D(2018, 4, 2))

    values = {v.indicator.key: v for v in round_indicator_values(round_2561)}
    level = values["5.2-a/1"]
    # step ๓ came after the round's date (15 October 2561), so ๔ does not count either
    assert level.source == COMPUTED and level.value == Decimal(2)
    assert "ขั้นที่ 3 เสนอ อ.ก.พ. กรม พิจารณาให้ความเห็นชอบ: ยังไม่ได้บันทึก" in level.verdict.explanation
    lines = values["5.2-a/3"]
    assert lines.value == Decimal(2) and "ยังไม่มี: เจ้าพนักงานธุรการ" in lines.verdict.explanation
    rounds = values["5.4-a/1"]
    assert rounds.value == Decimal(1) and "ประเมินผลรอบที่ ๒" in rounds.verdict.explanation
    assert rounds.provenance[0][1] == reverse("hr:round", args=[first.pk])
    from accounts.models import User

    client.force_login(User.objects.get(username="planadmin"))  # the records open for the plan administrator
    for _, url in level.provenance + lines.provenance + rounds.provenance:
        assert client.get(url).status_code == 200, url


def test_pages_keep_what_was_typed_and_readers_only_read(client, agency, hr_officer, make_user):
    client.force_login(hr_officer)
    bad = client.post(reverse("hr:job_line_new"), {"name": "นักวิชาการพัสดุ", "kind": "nope"})
    assert bad.status_code == 200 and "นักวิชาการพัสดุ" in bad.content.decode()
    ok = client.post(reverse("hr:job_line_new"), {"name": "นักวิชาการพัสดุ", "kind": "support"})
    assert ok.status_code == 302
    response = client.post(reverse("hr:step_new") + "?fy=2561",
                           {"fiscal_year": "2561", "step": "1", "done_on": "05/10/2560", "reference": "",
                            "file": SimpleUploadedFile("r.pdf", PDF)})
    assert response.status_code == 302
    page = client.get(reverse("hr:home") + "?fy=2561").content.decode()
    assert "นักวิชาการพัสดุ" in page and "r.pdf" in page
    auditor = make_user("inspector", "cpd-ia", (Role.AUDITOR, "cpd"))
    client.force_login(auditor)
    assert client.get(reverse("hr:home")).status_code == 200
    assert client.get(reverse("hr:job_line_new")).status_code == 403
    reporter = make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    client.force_login(reporter)
    assert client.get(reverse("hr:home")).status_code == 403


def test_a_unit_head_records_the_units_round_on_its_page(client, agency, hr_officer, make_user):
    round_ = services.round_save(actor=hr_officer, agency=agency, fiscal_year=2561, number=0,
                                 closes_on=D(2017, 10, 31))
    province = expected_units(agency).get(code="cpd-prov-13")
    head = make_user("head13", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13"))
    client.force_login(head)
    page = client.get(reverse("hr:round", args=[round_.pk])).content.decode()
    assert 'action="' + reverse("hr:round_unit", args=[round_.pk]) in page
    assert reverse("hr:round_close", args=[round_.pk]) not in page  # closing is the HR officer's
    url = reverse("hr:round_unit", args=[round_.pk])
    bad = client.post(url, {"unit": province.pk, "completed_on": "20/10/2560", "staff_count": "12",
                            "evaluated_count": "13"})
    assert bad.status_code == 200 and "ไม่เกินจำนวนบุคลากร" in bad.content.decode()
    other = expected_units(agency).exclude(pk=province.pk)[0]
    refused = client.post(url, {"unit": other.pk, "completed_on": "20/10/2560", "staff_count": "5",
                                "evaluated_count": "5"})
    assert refused.status_code == 200 and not round_.completions.exists()  # not a unit offered to this head
    ok = client.post(url, {"unit": province.pk, "completed_on": "20/10/2560", "staff_count": "12",
                           "evaluated_count": "12"})
    assert ok.status_code == 302 and round_.completions.get().unit == province
    closing = client.post(reverse("hr:round_close", args=[round_.pk]), {"completed_on": "01/11/2560"})
    assert closing.status_code == 403


def test_demo_loads_once(agency, plan, hr_officer):
    from hr import demo
    from hr.models import JobLine

    assert "สายงาน 5 สายงาน" in demo.load(agency=agency, plan=plan)
    assert demo.load(agency=agency, plan=plan) == "" and JobLine.objects.count() == 5


def test_the_api_gives_the_year_to_readers_only(client, agency, hr_officer, make_user):
    from accounts.services import api_token_create

    services.job_line_save(actor=hr_officer, agency=agency, name="นักวิชาการสหกรณ์", kind="core")
    auditor = make_user("inspector", "cpd-ia", (Role.AUDITOR, "cpd"))
    _, key = api_token_create(actor=auditor, user=auditor, name="t")
    body = client.get("/api/hr/2561", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert body["job_lines"] == [{"name": "นักวิชาการสหกรณ์", "kind": "core", "kpis": []}]
    reporter = make_user("rep", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13"))
    _, key = api_token_create(actor=reporter, user=reporter, name="t")
    assert client.get("/api/hr/2561", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404
