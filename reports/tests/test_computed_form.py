"""A computed indicator in the report form: shown read-only with its records, replaced only with a written
reason (audited, shown to the reviewer, in the compiled documents and the dashboard), frozen at compile."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from audit.models import AuditEvent
from core.errors import ApplicationError
from plans.models import Indicator, Plan
from reports import services
from reports.dashboard import indicator_overview
from reports.exports import compiled_export, compiled_inputs
from reports.indicator_values import COMPUTED, OVERRIDDEN, round_indicator_values
from reports.models import CompiledSummary, IndicatorResult, Round
from reports.tests.conftest import fill, report_of
from reports.tests.test_views import ROW, form_data

pytestmark = pytest.mark.django_db

REASON = "แผนที่อนุมัติในระบบเป็นฉบับร่างเดิม ฉบับที่ใช้จริงยังรออธิบดีลงนาม"


@pytest.fixture
def computed(open_round):
    """A done-indicator of activity t-2 computed by the system: the plan is approved (the small plan is)."""
    activity = report_of(open_round, "cpd-prov-13", "t-2").activity
    return Indicator.objects.create(
        activity=activity,
        sort_order=5,
        number="๓.",
        text="แผนปฏิบัติการได้รับอนุมัติ",
        kind=Indicator.Kind.DONE,
        scope=Indicator.Scope.DEPARTMENT,
        source={"kind": "computed", "name": "integrity_plan_approved", "label": "แผนที่อนุมัติในระบบ"},
    )


def _summary(round_):
    return report_of(round_, "cpd-hr", "t-2", kind="host_summary")


def _post(client, report, user, **extra):
    client.force_login(user)
    return client.post(reverse("reports:edit", args=[report.pk]), form_data(report, user, [ROW], **extra))


def _by_key(values):
    return {v.indicator.pk: v for v in values}


def _override(round_, people, computed, reason=REASON):
    summary = _summary(round_)
    fill(summary, people["hr_reporter"],
         indicator_results={computed.pk: {"done": False, "override_reason": reason}})
    summary.refresh_from_db()
    return services.report_submit(actor=people["hr_reporter"], report=summary)


def test_the_host_summary_shows_the_computed_value_read_only_with_its_records(client, open_round, people,
                                                                             computed):
    summary = _summary(open_round)
    client.force_login(people["hr_reporter"])
    page = client.get(reverse("reports:edit", args=[summary.pk])).content.decode()
    block = page[page.index(f'id="ind-{computed.pk}"'):]
    block = block[: block.index("</fieldset>")]
    assert "คำนวณจากระบบ" in block and "ดำเนินการแล้ว" in block
    assert "แผนได้รับอนุมัติในระบบแล้ว" in block  # the computation's sentence
    assert f'href="{reverse("plans:detail", args=[open_round.plan_id])}"' in block  # its record
    assert "แก้ไขค่า (ระบุเหตุผล)" in block and f'name="ind-{computed.pk}-override_reason"' in block
    assert "<details class=\"rep-override\">" in block  # closed: the computed value stands


def test_a_unit_report_shows_the_value_but_only_the_host_summary_may_replace_it(client, open_round, people,
                                                                               computed):
    report = report_of(open_round, "cpd-prov-13", "t-2")
    client.force_login(people["reporter"])
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    block = page[page.index(f'id="ind-{computed.pk}"'):]
    block = block[: block.index("</fieldset>")]
    assert "คำนวณจากระบบ" in block and "แก้ไขค่า (ระบุเหตุผล)" not in block
    assert f'name="ind-{computed.pk}-done"' not in block
    with pytest.raises(ApplicationError, match="รายงานสรุปของหน่วยงานเจ้าภาพ"):
        fill(report, people["reporter"],
             indicator_results={computed.pk: {"done": False, "override_reason": REASON}})


def test_a_value_typed_without_a_reason_is_refused_and_nothing_typed_is_lost(client, open_round, people,
                                                                            computed):
    summary = _summary(open_round)
    response = _post(client, summary, people["hr_reporter"],
                     **{f"ind-{computed.pk}-done": "false", f"ind-{computed.pk}-note": "หมายเหตุที่พิมพ์ไว้"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "กรุณาระบุเหตุผลที่แก้ไขค่าที่คำนวณจากระบบ" in page
    assert '<option value="false" selected>' in page and "หมายเหตุที่พิมพ์ไว้" in page
    assert ROW["method"] in page
    assert '<details class="rep-override" open>' in page
    assert not IndicatorResult.objects.filter(report=summary).exists()
    # The service refuses the same for every caller.
    with pytest.raises(ApplicationError, match="กรุณาระบุเหตุผล"):
        fill(summary, people["hr_reporter"], indicator_results={computed.pk: {"done": False}})


def test_a_reason_without_a_value_is_refused(client, open_round, people, computed):
    summary = _summary(open_round)
    response = _post(client, summary, people["hr_reporter"], **{f"ind-{computed.pk}-override_reason": REASON})
    assert response.status_code == 400
    assert "กรุณากรอกค่าที่จะใช้แทนค่าที่คำนวณจากระบบ" in response.content.decode()


def test_an_override_with_a_reason_is_saved_audited_and_stands(client, open_round, people, computed):
    summary = _summary(open_round)
    response = _post(client, summary, people["hr_reporter"],
                     **{f"ind-{computed.pk}-done": "false", f"ind-{computed.pk}-override_reason": REASON})
    assert response.status_code == 302
    result = IndicatorResult.objects.get(report=summary, indicator=computed)
    assert result.done is False and result.override_reason == REASON
    assert result.computed_value == "ดำเนินการแล้ว"  # what the system showed when it was replaced
    event = AuditEvent.objects.get(action="report.indicator_override")
    assert event.old["value"] == "ดำเนินการแล้ว" and event.old["reason"] == ""
    assert event.new == {"value": "ยังไม่ได้ดำเนินการ", "reason": REASON, "computed": "ดำเนินการแล้ว"}
    assert computed.text in event.note
    # A draft's override does not count yet; once sent, it stands, with the computed record still listed.
    assert _by_key(round_indicator_values(open_round))[computed.pk].source == COMPUTED
    summary.refresh_from_db()
    services.report_submit(actor=people["hr_reporter"], report=summary)
    value = _by_key(round_indicator_values(open_round))[computed.pk]
    assert value.source == OVERRIDDEN and value.done is False
    assert value.overrides == [{"unit": summary.unit.name, "value": "ยังไม่ได้ดำเนินการ",
                                "computed": "ดำเนินการแล้ว", "reason": REASON}]
    assert REASON in value.verdict.explanation
    urls = [url for _, url in value.provenance]
    assert reverse("reports:report", args=[summary.pk]) in urls
    assert reverse("plans:detail", args=[open_round.plan_id]) in urls


def test_clearing_the_override_returns_to_the_computed_value_and_is_audited(open_round, people, computed):
    summary = _summary(open_round)
    fill(summary, people["hr_reporter"],
         indicator_results={computed.pk: {"done": False, "override_reason": REASON}})
    summary.refresh_from_db()
    fill(summary, people["hr_reporter"], indicator_results={computed.pk: {}})
    assert not IndicatorResult.objects.filter(report=summary, indicator=computed).exists()
    last = AuditEvent.objects.filter(action="report.indicator_override").order_by("-pk").first()
    assert last.old["reason"] == REASON and last.new["value"] == "ใช้ค่าที่คำนวณจากระบบ"


def test_a_typed_value_without_a_reason_never_wins(open_round, people, computed):
    """A result typed before the rule (or written around the service) does not replace the computation."""
    summary = _summary(open_round)
    fill(summary, people["hr_reporter"])
    summary.refresh_from_db()
    services.report_submit(actor=people["hr_reporter"], report=summary)
    IndicatorResult.objects.create(report=summary, indicator=computed, done=False)
    value = _by_key(round_indicator_values(open_round))[computed.pk]
    assert value.source == COMPUTED and value.done is True


def test_the_reviewer_sees_the_override_its_reason_and_the_computed_value(client, open_round, people,
                                                                          computed):
    summary = _override(open_round, people, computed)
    client.force_login(people["admin"])  # host summaries go to the plan administrator
    page = client.get(reverse("reports:report", args=[summary.pk])).content.decode()
    assert "ตรวจรายงาน" in page
    block = page[page.index(f'id="ind-{computed.pk}"'):]
    block = block[: block.index("</li>")]
    assert "แก้ไขค่าที่คำนวณจากระบบ" in block and REASON in block
    assert "ยังไม่ได้ดำเนินการ" in block  # the value reported
    assert "ค่าที่ระบบคำนวณได้เมื่อแก้ไข ดำเนินการแล้ว" in block


def test_compiled_export_and_dashboard_show_the_override_and_its_reason(open_round, people, computed):
    _override(open_round, people, computed)
    services.round_compile(actor=people["admin"], round_=open_round)
    kept = CompiledSummary.objects.get(round=open_round).indicator_values
    frozen = {item["indicator"]: item for item in kept}
    assert frozen[computed.pk]["source"] == OVERRIDDEN
    assert frozen[computed.pk]["overrides"][0]["reason"] == REASON
    book = load_workbook(io.BytesIO(compiled_export(open_round, people["admin"], "xlsx").content))
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    line = next(c for c in cells if REASON in c)
    assert line.startswith("[แก้ไขค่าที่คำนวณจากระบบ")
    assert "แก้ไขค่าที่คำนวณจากระบบ" in cells  # the source column
    dashboard = {line["indicator"].pk: line for line in indicator_overview(open_round)["lines"]}
    assert dashboard[computed.pk]["source"] == OVERRIDDEN
    assert REASON in dashboard[computed.pk]["result"].explanation


def test_compiling_freezes_the_values_the_live_page_recomputes(open_round, people, computed):
    services.round_compile(actor=people["admin"], round_=open_round)
    summary = CompiledSummary.objects.get(round=open_round)
    assert summary.values_as_of is not None
    item = next(i for i in summary.indicator_values if i["indicator"] == computed.pk)
    assert item["source"] == COMPUTED and item["done"] is True and item["status"] == "met"
    met_before = summary.stats["indicators"]["met"]
    # The record behind the value changes after the compilation: the plan goes back to a draft.
    Plan.objects.filter(pk=open_round.plan_id).update(status=Plan.Status.DRAFT)
    open_round = Round.objects.get(pk=open_round.pk)
    live = _by_key(round_indicator_values(open_round))[computed.pk]
    assert live.done is False and "ยังเป็นร่าง" in live.explanation
    compiled, _, _ = compiled_inputs(open_round, None, whole_round=True)
    line = next(ln for p in compiled.policies for s in p.activities for ln in s.indicators
                if ln.indicator.pk == computed.pk)
    assert line.result.status == "met" and "แผนได้รับอนุมัติในระบบแล้ว" in line.result.explanation
    assert compiled.stats["indicators"]["met"] == met_before
    # Compiling again takes the new value.
    services.round_compile(actor=people["admin"], round_=open_round)
    summary.refresh_from_db()
    item = next(i for i in summary.indicator_values if i["indicator"] == computed.pk)
    assert item["done"] is False and item["status"] != "met"


def test_a_narrower_reader_gets_live_values_over_what_they_may_view(open_round, people, computed, make_user):
    _override(open_round, people, computed)
    services.round_compile(actor=people["admin"], round_=open_round)
    coordinator = make_user("coord.cm", "cpd-prov-13", (Role.COORDINATOR, "cpd-prov-13"))
    compiled, _, _ = compiled_inputs(open_round, coordinator)
    lines = [ln for p in compiled.policies for s in p.activities for ln in s.indicators
             if ln.indicator.pk == computed.pk]
    # The host summary is not theirs to view, so its override is not shown to them: the computed value is.
    for line in lines:
        assert REASON not in line.result.explanation
        assert line.source == COMPUTED


def test_the_single_report_document_shows_the_source(open_round, people, computed):
    from reports.exports import report_export

    summary = _override(open_round, people, computed)
    doc = report_export(summary, "docx", thai_digits=False).content
    xml = zipfile.ZipFile(io.BytesIO(doc)).read("word/document.xml").decode()
    assert "แก้ไขค่าที่คำนวณจากระบบ" in xml and "อธิบดีลงนาม" in xml


def test_the_compile_page_lists_the_frozen_values_and_those_the_records_now_give_differently(
    client, open_round, people, computed
):
    services.round_compile(actor=people["admin"], round_=open_round)
    client.force_login(people["admin"])
    page = client.get(reverse("reports:compile", args=[open_round.pk])).content.decode()
    assert 'id="frozen-values"' in page and "คำนวณจากระบบ</strong> ดำเนินการแล้ว" in page
    assert 'id="values-drift"' not in page
    Plan.objects.filter(pk=open_round.plan_id).update(status=Plan.Status.DRAFT)
    page = client.get(reverse("reports:compile", args=[open_round.pk])).content.decode()
    drift = page[page.index('id="values-drift"'):]
    assert "เดิม ดำเนินการแล้ว ขณะนี้ ยังไม่ได้ดำเนินการ" in drift[: drift.index("</div>")]
