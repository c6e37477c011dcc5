"""Demo data for `make run`: round 1 of fiscal year 2560 (due 4 April 2560) already under way, so a newcomer
sees every state of the loop at once. Loading again changes nothing.

The round keeps the real plan's years (2560-2564; a round must lie in one of its plan's fiscal years, with
its due date inside that year), so its dates are years in the past. Rather than shift them to today, which
the plan does not allow and would make the round's own year contradict its dates, the demo rounds carry
`Round.is_demo`: every reporting page shows "ข้อมูลสาธิต" with the round's year and says that lateness is
counted against the round's due date.

The department's units report through a deterministic mix (accepted, waiting for review, returned, being
filled, not started; some late). สสจ.เชียงใหม่, whose reporter and head are demo accounts, has one report of
each kind so that the loop can be walked through in the browser: fill and submit as reporter.cm, review as
coordinator (กกจ. hosts those activities), compile as planadmin.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from core.thai import BANGKOK
from plans.models import Indicator, Plan
from reports import services
from reports.models import IndicatorResult, Report, ReportRow, ReportSubmission, ReviewComment, Round
from reports.services.rounds import default_round_specs

FISCAL_YEAR = 2560
DEMO_NOTE = "ข้อมูลทดลองใช้: สถานะรายงานของหน่วยงานต่าง ๆ สร้างโดยระบบ"
SHOWCASE_UNIT = "cpd-prov-13"
METHODS = [
    "ประชุมชี้แจงแนวทางการดำเนินงานแก่บุคลากรในสังกัด",
    "จัดทำและทบทวนคู่มือการปฏิบัติงานของหน่วยงาน",
    "เผยแพร่ประชาสัมพันธ์ผ่านเว็บไซต์ บอร์ดประชาสัมพันธ์ และกลุ่มไลน์ของหน่วยงาน",
    "รณรงค์สร้างการรับรู้และปลูกฝังจิตสำนึกในการประชุมประจำเดือน",
    "ติดตามและรายงานผลการดำเนินงานต่อผู้บังคับบัญชา",
]
SUMMARY_METHODS = [
    "สรุปผลการดำเนินงานของหน่วยงานปฏิบัติทุกแห่งในภาพรวมของกรม",
    "ติดตามและรวบรวมผลการดำเนินงานจากหน่วยงานปฏิบัติ",
    "วิเคราะห์ผลตามตัวชี้วัดและเสนอแนวทางปรับปรุงต่อผู้บริหาร",
]
PERIODS = ["ต.ค. - ธ.ค. 2559", "ม.ค. 2560", "ก.พ. - มี.ค. 2560", "ไตรมาสที่ ๒ (ม.ค. - มี.ค. 2560)"]
RESULTS = [
    "ดำเนินการแล้วเสร็จ มีผู้เข้าร่วม {n} คน คิดเป็นร้อยละ 100 ของบุคลากร",
    "ทบทวนแล้ว {k} กระบวนงาน และประกาศใช้แล้ว",
    "เผยแพร่แล้ว {k} ช่องทาง",
    "ดำเนินการครบทุกเดือน รวม {k} ครั้ง",
    "รายงานผู้บังคับบัญชาแล้ว {k} ครั้ง",
]
NOTES = [
    "รายงานการประชุม ครั้งที่ {k}/๒๕๖๐",
    "ภาพถ่ายกิจกรรม",
    "หนังสือเวียน ที่ กษ ๑๑๑๓/ว {n}",
    "สำเนาหน้าเว็บไซต์ของหน่วยงาน",
]
# cumulative shares of the mix, in per-mille
MIX = [(450, "accepted"), (610, "submitted"), (660, "returned"), (800, "draft"), (1000, "not_started")]


def _pick(*key) -> int:
    return int(hashlib.sha256("|".join(map(str, key)).encode()).hexdigest()[:8], 16)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BANGKOK)


def _seed(report: Report) -> int:
    # A host unit that implements the activity too has two reports on it: its summary must not copy its own
    # report word for word (the compiled workbook would show the same line twice).
    if report.kind == Report.Kind.HOST_SUMMARY:
        return _pick(report.unit.code, report.activity.key, report.kind)
    return _pick(report.unit.code, report.activity.key)


def _rows_for(report: Report, seed: int) -> list[ReportRow]:
    count = 1 + seed % 3
    rows = []
    methods = SUMMARY_METHODS if report.kind == Report.Kind.HOST_SUMMARY else METHODS
    for i in range(count):
        k = (seed >> (4 + i)) % 4 + 1
        rows.append(
            ReportRow(
                report=report,
                order=i + 1,
                method=methods[(seed + i) % len(methods)],
                period_text=PERIODS[(seed + 2 * i) % len(PERIODS)],
                result=RESULTS[(seed + i) % len(RESULTS)].format(n=20 + seed % 40, k=k),
                evidence_note=NOTES[(seed + i) % len(NOTES)].format(k=k, n=100 + seed % 900),
            )
        )
    return rows


def _result_for(report: Report, indicator: Indicator, seed: int) -> IndicatorResult:
    kind = indicator.kind
    result = IndicatorResult(report=report, indicator=indicator)
    if kind == Indicator.Kind.PERCENT:
        result.value = 80 + seed % 21
    elif kind == Indicator.Kind.LEVEL:
        result.value = 3 + seed % 3
    elif kind == Indicator.Kind.FREQUENCY:
        result.count = 4 + seed % 3
    elif kind == Indicator.Kind.COUNT:
        result.count = 1 + seed % 3
    else:
        result.done = seed % 5 != 0
        if result.done:
            result.event_date = datetime.date(2017, 1, 10) + datetime.timedelta(days=seed % 70)
    return result


def _fill_unit_reports(round_: Round, reports: list[Report], due: datetime.date) -> Counter:
    """Give the department's reports their state and content directly: the bulk of the demo."""
    mix = Counter()
    rows, results, submissions, comments = [], [], [], []
    rows_of: dict[int, list[ReportRow]] = {}
    indicators: dict[int, list[Indicator]] = {}
    for ind in Indicator.objects.filter(activity__measure__policy__plan=round_.plan):
        if ind.is_computed:
            continue  # the system computes it; a typed value would need a reason (reports.indicator_values)
        indicators.setdefault(ind.activity_id, []).append(ind)
    for report in reports:
        seed = _seed(report)
        state = next(name for limit, name in MIX if seed % 1000 < limit)
        mix[state] += 1
        if state == "not_started":
            continue
        report.version = 1
        report.as_of = due - datetime.timedelta(days=seed % 12)
        report.updated_at = _at(report.as_of)
        rows_of[report.pk] = _rows_for(report, seed)
        rows += rows_of[report.pk]
        results += [_result_for(report, ind, seed >> 3) for ind in indicators.get(report.activity_id, [])]
        if state == "draft":
            continue
        # about one in five sent after the due date
        sent_on = due + datetime.timedelta(days=1 + seed % 9) if (seed >> 7) % 5 == 0 else report.as_of
        report.first_submitted_at = report.submitted_at = _at(sent_on, 9 + seed % 8)
        report.version = 2
        report.status = {
            "accepted": Report.Status.ACCEPTED,
            "submitted": Report.Status.SUBMITTED,
            "returned": Report.Status.RETURNED,
        }[state]
        if state != "submitted":
            report.reviewed_at = report.submitted_at + datetime.timedelta(days=2)
    Report.objects.bulk_update(
        reports,
        ["version", "as_of", "updated_at", "first_submitted_at", "submitted_at", "status", "reviewed_at"],
        batch_size=500,
    )
    ReportRow.objects.bulk_create(rows, batch_size=1000)
    IndicatorResult.objects.bulk_create(results, batch_size=1000)
    for report in reports:
        if report.first_submitted_at is None:
            continue
        outcome = {Report.Status.ACCEPTED: "accepted", Report.Status.RETURNED: "returned"}.get(
            report.status, "pending"
        )
        submissions.append(
            ReportSubmission(
                report=report,
                number=1,
                version=report.version,
                submitted_at=report.submitted_at,
                data=_frozen(report, rows_of.get(report.pk, [])),
                outcome=outcome,
                decided_at=report.reviewed_at,
            )
        )
        if report.status == Report.Status.RETURNED:
            comments.append(ReviewComment(report=report, text="กรุณาระบุจำนวนผู้เข้าร่วมและแนบหลักฐานการดำเนินงาน"))
    ReportSubmission.objects.bulk_create(submissions, batch_size=500)
    ReviewComment.objects.bulk_create(comments, batch_size=500)
    return mix


def _frozen(report: Report, rows: list[ReportRow]) -> dict:
    """What `submission_data` would store, built from the rows in hand rather than read back one by one."""
    lines = [f"{i}. " + " | ".join((r.method, r.period_text, r.result, r.evidence_note)) for i, r in
             enumerate(rows, start=1)]
    return {"as_of": report.as_of, "problems": "", "suggestions": "", "rows": lines, "indicators": {},
            "evidence": [], "links": []}


def _meeting_minutes_pdf() -> bytes:
    from core.documents.pdf import render_pdf

    return render_pdf(
        "<h1>รายงานการประชุม ครั้งที่ ๒/๒๕๖๐</h1><p>สำนักงานสหกรณ์จังหวัดเชียงใหม่</p>"
        "<p>วันที่ ๑๕ มีนาคม ๒๕๖๐ ณ ห้องประชุมสำนักงาน</p><p>ผู้เข้าประชุม ๓๒ คน</p>"
        "<p>วาระที่ ๑ ทบทวนกระบวนงานบริการรับจดทะเบียนสหกรณ์และคู่มือการปฏิบัติงาน</p>"
    )


def _showcase(round_: Round, due: datetime.date) -> None:
    """สสจ.เชียงใหม่ through the real services, with the demo accounts as actors: one report accepted with a
    file, one waiting for กกจ.'s coordinator, one returned with comments; the rest are left to fill in."""
    reporter = User.objects.filter(username="reporter.cm").first()
    coordinator = User.objects.filter(username="coordinator").first()
    admin = User.objects.filter(username="planadmin").first()
    if reporter is None or coordinator is None or admin is None:
        return
    mine = {
        r.activity.key: r
        for r in Report.objects.filter(
            round=round_, unit__code=SHOWCASE_UNIT, kind=Report.Kind.UNIT
        ).select_related("activity")
    }
    if accepted := mine.get("1.1.1-a"):
        accepted = _demo_fill(
            accepted,
            reporter,
            "ทบทวนกระบวนงานการรับจดทะเบียนสหกรณ์ตาม พ.ร.บ.อำนวยความสะดวก",
            "ทบทวนแล้ว ๒ กระบวนงาน ประกาศคู่มือที่สำนักงานและเว็บไซต์",
        )
        services.evidence_add(
            actor=reporter,
            report=accepted,
            row=accepted.rows.first(),
            title="รายงานการประชุม ครั้งที่ ๒/๒๕๖๐",
            uploaded=ContentFile(_meeting_minutes_pdf(), name="รายงานการประชุม-2-2560.pdf"),
        )
        accepted = services.report_submit(actor=reporter, report=accepted)
        services.report_accept(actor=admin, report=accepted, comment="ครบถ้วนตามแบบรายงาน")
    if waiting := mine.get("3.1-a"):
        services.report_submit(
            actor=reporter,
            report=_demo_fill(
                waiting,
                reporter,
                "รณรงค์สร้างการรับรู้เรื่องผลประโยชน์ทับซ้อนในการประชุมประจำเดือนของสำนักงาน",
                "บุคลากรเข้าร่วม ๓๒ คน จาก ๓๒ คน (ร้อยละ ๑๐๐)",
            ),
        )
    if returned := mine.get("1.4.3-a"):
        returned = services.report_submit(
            actor=reporter,
            report=_demo_fill(
                returned,
                reporter,
                "รายงานความก้าวหน้าผลการจัดการเรื่องร้องเรียนต่อผู้บังคับบัญชาทุกเดือน",
                "รายงานแล้ว ๖ ครั้ง (ต.ค. 2559 - มี.ค. 2560)",
            ),
        )
        services.report_return(
            actor=coordinator,
            report=returned,
            comment="กรุณาระบุจำนวนเรื่องร้องเรียนที่ได้รับและที่ดำเนินการแล้วเสร็จ",
            row_comments={returned.rows.first().pk: "แนบสำเนาบันทึกรายงานประจำเดือนมีนาคม"},
        )
    stamp = _at(due - datetime.timedelta(days=3))
    sent = [r.pk for r in mine.values()]
    Report.objects.filter(pk__in=sent, first_submitted_at__isnull=False).update(
        first_submitted_at=stamp, submitted_at=stamp
    )
    ReportSubmission.objects.filter(report__in=sent).update(submitted_at=stamp)


def _demo_fill(report: Report, reporter: User, method: str, result: str) -> Report:
    return services.report_save_draft(
        actor=reporter,
        report=report,
        version=report.version,
        as_of=datetime.date(2017, 3, 31),
        rows=[
            {
                "method": method,
                "period_text": "ก.พ. - มี.ค. 2560",
                "result": result,
                "evidence_note": "รายงานการประชุมและภาพถ่ายกิจกรรม",
            }
        ],
    )


def _mark_earlier_demo(plan: Plan) -> None:
    """A data dir filled before rounds carried the demo mark: its demo rounds are the fiscal year's rounds
    of a plan whose first round the loader recorded as generated."""
    from audit.models import AuditEvent

    rounds = Round.objects.filter(plan=plan, fiscal_year=FISCAL_YEAR, is_demo=False)
    ids = [str(pk) for pk in rounds.values_list("pk", flat=True)]
    loaded = AuditEvent.objects.filter(action="round.update", note=DEMO_NOTE, object_id__in=ids)
    if loaded.exists():
        rounds.update(is_demo=True)


@transaction.atomic
def load(*, agency, plan: Plan) -> str:
    plan = Plan.objects.get(pk=plan.pk)  # the caller's copy may predate the plan's approval
    if not plan.is_approved or not plan.covers_fiscal_year(FISCAL_YEAR):
        return ""
    first_spec = default_round_specs(FISCAL_YEAR)[0]
    if Round.objects.filter(plan=plan, fiscal_year=FISCAL_YEAR, name=first_spec["name"]).exists():
        _mark_earlier_demo(plan)
        return ""
    admin = User.objects.filter(username="planadmin").first()
    if admin is None:
        return ""
    rounds = services.round_create_defaults(actor=admin, plan=plan, fiscal_year=FISCAL_YEAR)
    # The real plan starts in 2560 and a round must lie in one of the plan's years, so the demo round's dates
    # are years in the past: the pages label the demo rounds as such (see `Round.is_demo`).
    Round.objects.filter(pk__in=[r.pk for r in rounds]).update(is_demo=True)
    round_ = services.round_open(actor=admin, round_=rounds[0])
    due = round_.due_on
    # The round opened a month before the due date in 2560.
    Round.objects.filter(pk=round_.pk).update(opened_at=_at(round_.opens_on, 9))
    showcase = set(
        Report.objects.filter(round=round_, unit__code=SHOWCASE_UNIT, kind=Report.Kind.UNIT).values_list(
            "pk", flat=True
        )
    )
    bulk = list(
        Report.objects.filter(round=round_)
        .exclude(pk__in=showcase)
        .select_related("unit", "activity", "round")
    )
    mix = _fill_unit_reports(round_, bulk, due)
    _showcase(round_, due)
    services.round_compile(actor=admin, round_=round_)
    audit_record(
        actor=None,
        action="round.update",
        obj=round_,
        unit=agency,
        note=DEMO_NOTE,
    )
    total = Report.objects.filter(round=round_).count()
    return (
        f"รายงานผล: เปิด{round_.name} ปีงบประมาณ {FISCAL_YEAR} ({total} ฉบับ: ผ่านการตรวจ {mix['accepted']}, "
        f"รอตรวจ {mix['submitted']}, ส่งกลับแก้ไข {mix['returned']}, กำลังกรอก {mix['draft']}, "
        f"ยังไม่เริ่ม {mix['not_started']}) และสร้างรอบรายงานประจำปี (ยังไม่เปิด)"
    )
