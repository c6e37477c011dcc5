"""Fixtures of the reporting tests: a small approved plan over the real unit tree, people in their roles,
and an open round. Most tests use the small plan so that a round has a handful of reports, not two
thousand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from org.models import Unit
from plans.models import Activity, Indicator, Measure, Plan, Policy

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


def set_agency_digits(thai: bool) -> None:
    """The agency's one setting for Thai digits in its documents (Thai unless a test says otherwise)."""
    Unit.objects.filter(code="cpd").update(thai_digits=thai)


@pytest.fixture
def arabic_documents(agency):
    """Tests of the documents' layout read plain digits; the Thai-digit tests switch the agency back."""
    set_agency_digits(False)


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def small_plan(agency):
    """Two policies, three activities: a per-unit count, a department deadline and a percentage."""
    plan = Plan.objects.create(
        agency=agency,
        title="แผนการดำเนินงานทดสอบ ภายใต้นโยบายคุณธรรมและความโปร่งใส",
        period_start=2560,
        period_end=2575,
        status=Plan.Status.APPROVED,
    )
    p1 = Policy.objects.create(plan=plan, number=1, title="นโยบายด้านความโปร่งใส")
    m1 = Measure.objects.create(
        policy=p1,
        number="๑.๑)",
        code="1.1",
        sort_key="001.001",
        text="จัดให้มีมาตรฐานการให้บริการและคู่มือการปฏิบัติงาน",
    )
    a1 = Activity.objects.create(
        measure=m1,
        key="t-1",
        sort_order=0,
        title="ทุกหน่วยงานทบทวนกระบวนการงาน",
        text="ทุกหน่วยงานทบทวนกระบวนการงาน",
        implementing_rule=Activity.ImplementingRule.UNITS,
    )
    a1.host_units.set([unit("cpd-psdg")])
    a1.implementing_units.set([unit("cpd-prov-13"), unit("cpd-prov-01"), unit("cpd-hr")])
    Indicator.objects.create(
        activity=a1,
        sort_order=0,
        text="อย่างน้อยหน่วยงานละ ๑ กระบวนการ",
        kind=Indicator.Kind.COUNT,
        comparison=">=",
        value=Decimal(1),
        unit_label="กระบวนการ",
        scope=Indicator.Scope.PER_UNIT,
    )
    p2 = Policy.objects.create(plan=plan, number=2, title="นโยบายด้านวัฒนธรรมคุณธรรมในองค์กร")
    m2 = Measure.objects.create(
        policy=p2, number="๑)", code="1", sort_key="001", text="การป้องกันผลประโยชน์ทับซ้อน"
    )
    a2 = Activity.objects.create(
        measure=m2,
        key="t-2",
        sort_order=0,
        title="รณรงค์ ปลูกฝังจิตสำนึก สร้างการรับรู้เรื่องผลประโยชน์ทับซ้อน",
        text="รณรงค์ ปลูกฝังจิตสำนึก",
        implementing_rule=Activity.ImplementingRule.UNITS,
    )
    a2.host_units.set([unit("cpd-hr")])
    a2.implementing_units.set([unit("cpd-prov-13"), unit("cpd-prov-01")])
    Indicator.objects.create(
        activity=a2,
        sort_order=0,
        number="๑.",
        text="มีการรณรงค์อย่างน้อยปีละ ๑ ครั้ง ภายในเดือนมีนาคมของทุกปี",
        kind=Indicator.Kind.DONE,
        due_month=3,
        scope=Indicator.Scope.DEPARTMENT,
    )
    Indicator.objects.create(
        activity=a2,
        sort_order=1,
        number="๒.",
        text="ร้อยละ ๑๐๐ ของบุคลากรรับรู้นโยบาย",
        kind=Indicator.Kind.PERCENT,
        comparison=">=",
        value=Decimal(100),
        scope=Indicator.Scope.DEPARTMENT,
    )
    return plan


@pytest.fixture
def people(make_user):
    """Who is who: reporters and a head in Chiang Mai, a reporter in Krabi, host coordinators, the plan
    administrator, an executive and an auditor."""
    return {
        "reporter": make_user("rep.cm", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13")),
        "head": make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13")),
        "other": make_user("rep.kb", "cpd-prov-01", (Role.REPORTER, "cpd-prov-01")),
        "hr_reporter": make_user("rep.hr", "cpd-hr", (Role.REPORTER, "cpd-hr")),
        "coordinator": make_user("coord.hr", "cpd-hr", (Role.COORDINATOR, "cpd-hr")),
        "psdg_coordinator": make_user("coord.psdg", "cpd-psdg", (Role.COORDINATOR, "cpd-psdg")),
        "admin": make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd")),
        "executive": make_user("exec", "cpd", (Role.EXECUTIVE, "cpd")),
        "auditor": make_user("audit", "cpd-ia", (Role.AUDITOR, "cpd")),
    }


@pytest.fixture
def open_round(small_plan, people):
    """Round 1 of fiscal year 2560 (due 4 April 2017), opened: its report slots exist."""
    from reports.services import round_create, round_open

    round_ = round_create(
        actor=people["admin"],
        plan=small_plan,
        fiscal_year=2560,
        name="รอบที่ ๑ รายงานความก้าวหน้า",
        kind="progress",
        opens_on=datetime.date(2017, 3, 1),
        due_on=datetime.date(2017, 4, 4),
    )
    return round_open(actor=people["admin"], round_=round_)


def report_of(round_, unit_code: str, activity_key: str = "t-1", kind: str = "unit"):
    from reports.models import Report

    return Report.objects.get(round=round_, unit__code=unit_code, activity__key=activity_key, kind=kind)


def fill(report, actor, rows=None, **extra):
    """Save a draft with the given rows (defaults to one complete row)."""
    from reports.services import report_save_draft

    rows = (
        rows
        if rows is not None
        else [
            {
                "method": "ประชุมชี้แจงแนวทางการทบทวนกระบวนงาน",
                "period_text": "ต.ค. 2559 - มี.ค. 2560",
                "result": "ทบทวนกระบวนงานแล้ว ๒ กระบวนงาน",
                "evidence_note": "รายงานการประชุม ครั้งที่ ๑/๒๕๖๐",
            }
        ]
    )
    return report_save_draft(
        actor=actor,
        report=report,
        version=report.version,
        as_of=extra.pop("as_of", datetime.date(2017, 3, 31)),
        problems=extra.pop("problems", ""),
        suggestions=extra.pop("suggestions", ""),
        rows=rows,
        indicator_results=extra.pop("indicator_results", None),
    )


def pdf_upload(name: str = "หลักฐาน.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


@pytest.fixture
def reported_round(open_round, people):
    """Chiang Mai sent both activities (one accepted), Krabi sent t-1 late, HR sent nothing."""
    from reports import services

    cm1 = fill(
        report_of(open_round, "cpd-prov-13", "t-1"),
        people["reporter"],
        indicator_results={
            report_of(open_round, "cpd-prov-13", "t-1").activity.indicators.get().pk: {"count": 2}
        },
    )
    services.evidence_add(
        actor=people["reporter"],
        report=cm1,
        uploaded=pdf_upload("คู่มือ.pdf"),
        title="คู่มือกระบวนงาน",
        row=cm1.rows.get(),
    )
    services.report_submit(actor=people["reporter"], report=cm1)
    t2 = report_of(open_round, "cpd-prov-13", "t-2")
    done_ind, pct_ind = t2.activity.indicators.order_by("sort_order")
    cm2 = fill(
        t2,
        people["reporter"],
        indicator_results={
            done_ind.pk: {"done": True, "event_date": datetime.date(2017, 3, 20)},
            pct_ind.pk: {"value": 100},
        },
    )
    services.report_accept(
        actor=people["coordinator"], report=services.report_submit(actor=people["reporter"], report=cm2)
    )
    kb1 = fill(
        report_of(open_round, "cpd-prov-01", "t-1"),
        people["other"],
        rows=[{"method": "จัดทำคู่มือ", "result": "ยังไม่แล้วเสร็จ"}],
    )
    services.report_submit(actor=people["other"], report=kb1)
    return open_round
