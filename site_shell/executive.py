"""The executive's home: the department at a glance, each figure counted exactly as the list it links to.

Every figure is read through the owning app's selectors and shown only when the policy lets the person open
the list behind it. The indicator figures are the round dashboard's (reports.dashboard, kept for a short time
per round state; the computed ones as the task worker last kept them, never computed here); "at risk" is our
own reading of the verdicts: an indicator whose target is not yet due but whose value so far falls short of it
(status "not yet due" with a measured value), as opposed to one that has nothing to measure yet. The rendered
home is kept a minute per person and state (`cached_home`).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts import policy
from reports import achievement
from reports.dashboard import cached_indicator_overview
from reports.models import Report, Round
from reports.selectors import ReportFilters, category_q, filter_reports, late_q, round_slots, rounds_visible

AT_RISK, NOT_YET = "at_risk", "not_yet"
# The four columns of each policy area, in order, with their Thai labels.
AREA_COLUMNS = {
    achievement.MET: "บรรลุ",
    achievement.NOT_MET: "ไม่บรรลุ",
    AT_RISK: "มีความเสี่ยง",
    NOT_YET: "ยังไม่ถึงกำหนด",
}
AREA_COLOURS = {achievement.MET: "#1d6b34", achievement.NOT_MET: "#a1261b", AT_RISK: "#b45309",
                NOT_YET: "#0b4f8a"}
OTHER = "other"  # no data, no target, plan error, not judged: counted in the total, not in a column


def column_of(status: str, measured) -> str:
    if status == achievement.NOT_YET_DUE:
        return AT_RISK if measured is not None else NOT_YET
    if status in (achievement.MET, achievement.NOT_MET):
        return status
    return OTHER


@dataclass
class Figure:
    key: str
    label: str
    value: object
    url: str
    as_of: datetime.datetime
    note: str = ""


@dataclass
class Area:
    number: int
    title: str
    counts: dict[str, int]
    total: int
    previous: dict[str, int] | None = None

    @property
    def met_change(self) -> int | None:
        if self.previous is None:
            return None
        return self.counts[achievement.MET] - self.previous[achievement.MET]


@dataclass
class FailingIndicator:
    indicator: object
    explanation: str
    hosts: list
    units_url: str


@dataclass
class ExecutiveView:
    round: Round | None
    previous: Round | None = None
    areas: list[Area] = field(default_factory=list)
    areas_as_of: datetime.datetime | None = None
    areas_stale: bool = False  # the kept computed values were written over since (a refresh is queued)
    areas_pending: int = 0  # computed indicators with no kept value yet, left out of the counts
    failing: list[FailingIndicator] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    omitted: list[str] = field(default_factory=list)  # figures left out because the person may not see them

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def current_round(user) -> Round | None:
    rounds = rounds_visible(user)
    return rounds.filter(status="open").first() or rounds.first()


def previous_round(round_: Round) -> Round | None:
    """The round of the same plan due before this one."""
    return (Round.objects.filter(plan_id=round_.plan_id, due_on__lt=round_.due_on)
            .order_by("-due_on", "-id").first())


def _rows(overview: dict) -> list[tuple[object, str, object, str]]:
    return [(line["indicator"], line["result"].status, line["result"].measured, line["result"].explanation)
            for line in overview["lines"]]


def _statuses(round_: Round) -> tuple[list[tuple[object, str, object, str]], datetime.datetime]:
    """(indicator, status, measured, explanation) of each indicator of the round, and when they were read. A
    compiled round gives its frozen values for its computed indicators (what its documents say)."""
    overview, at = cached_indicator_overview(round_)
    return _rows(overview), at


def _area_counts(rows, policies) -> dict[int, dict[str, int]]:
    counts = {p.number: dict.fromkeys([*AREA_COLUMNS, OTHER], 0) for p in policies}
    for ind, status, measured, _ in rows:
        number = ind.activity.measure.policy.number
        if number in counts:
            counts[number][column_of(status, measured)] += 1
    return counts


def round_list_url(round_: Round, **params) -> str:
    return reverse("reports:round", args=[round_.pk]) + "?" + urlencode(params) + "#list-h"


def late_units_qs(round_: Round, user, *, status: str = ""):
    return filter_reports(round_slots(round_, user),
                          ReportFilters(kind=Report.Kind.UNIT, late="1", status=status))


def _report_figures(view: ExecutiveView, user, now) -> None:
    round_ = view.round
    # Both figures in one query, each under the same conditions as its list (late_units_qs): the unit
    # reports the person may view, late by the round's due date, and for the second not started too.
    late = late_q([round_])
    counts = round_slots(round_, user).filter(kind=Report.Kind.UNIT).aggregate(
        late=Count("unit_id", distinct=True, filter=late),
        missing=Count("unit_id", distinct=True, filter=late & category_q("not_started")))
    view.figures.append(Figure("late_units", "หน่วยงานที่ส่งล่าช้าหรือยังไม่ส่งเมื่อเลยกำหนด", counts["late"],
                               round_list_url(round_, kind="unit", late="1"), now))
    view.figures.append(Figure("missing_units", "หน่วยงานที่ยังไม่เริ่มรายงานเมื่อเลยกำหนด", counts["missing"],
                               round_list_url(round_, kind="unit", late="1", status="not_started"), now))


def _indicator_figures(view: ExecutiveView) -> None:
    round_ = view.round
    policies = list(round_.plan.policies.order_by("number"))
    overview, at = cached_indicator_overview(round_)
    rows = _rows(overview)
    # The figures stand at the older of the two: the reports read now, the computed values when kept.
    view.areas_as_of = min(at, overview["kept_at"]) if overview.get("kept_at") else at
    view.areas_stale, view.areas_pending = overview.get("stale", False), overview.get("pending", 0)
    counts = _area_counts(rows, policies)
    previous = None
    if view.previous is not None:
        previous = _area_counts(_statuses(view.previous)[0], policies)
    view.areas = [Area(p.number, p.title, counts[p.number], sum(counts[p.number].values()),
                       previous[p.number] if previous else None) for p in policies]
    failing = [(ind, text) for ind, status, _, text in rows if status == achievement.NOT_MET]
    hosts = _hosts({ind.activity_id for ind, _ in failing})
    view.failing = [FailingIndicator(ind, text, hosts.get(ind.activity_id, []),
                                     round_list_url(round_, kind="unit", activity=ind.activity_id))
                    for ind, text in failing]


def _hosts(activity_ids) -> dict[int, list]:
    from plans.models import Activity

    found = {}
    for activity in Activity.objects.filter(pk__in=activity_ids).prefetch_related("host_units"):
        found[activity.pk] = sorted(activity.host_units.all(), key=lambda u: u.path)
    return found


def _complaint_figures(view: ExecutiveView, user, now) -> None:
    from complaints.models import Channel
    from complaints.selectors import cases_visible

    if not policy.can(user, "complaint.view"):
        view.omitted.append("เรื่องร้องเรียน")
        return
    overdue = cases_visible(user, queue="overdue").count()
    view.figures.append(Figure("complaints_overdue", "เรื่องร้องเรียนที่เกินมาตรฐานระยะเวลา", overdue,
                               reverse("complaints:list") + "?queue=overdue", now))
    corruption = cases_visible(user, queue="open", channel=Channel.CORRUPTION).count()
    view.figures.append(Figure("corruption_open", "เรื่องแจ้งเบาะแสการทุจริตที่ยังดำเนินการอยู่", corruption,
                               reverse("complaints:list") + f"?queue=open&channel={Channel.CORRUPTION}", now,
                               "แสดงเฉพาะจำนวน"))


def _procurement_figure(view: ExecutiveView, user, now) -> None:
    from procurement.flags import open_flagged_projects

    if not policy.can(user, "procurement.view"):
        view.omitted.append("สัญญาณเตือนการจัดซื้อจัดจ้าง")
        return
    flagged = open_flagged_projects(user)
    view.figures.append(Figure("procurement_flags", "โครงการจัดซื้อจัดจ้างที่ยังไม่สิ้นสุดและมีสัญญาณเตือน",
                               flagged.count(), reverse("procurement:list") + "?flagged=1", now))


def _year(view: ExecutiveView) -> int:
    """The fiscal year of the round shown (so every figure speaks of the same year), else the current one."""
    from core.thai import fiscal_year

    return view.round.fiscal_year if view.round is not None else fiscal_year(timezone.localdate())


def _budget_figure(view: ExecutiveView, user, agency, now) -> None:
    from budget import months
    from budget.models import Allocation, Disbursement
    from budget.selectors import year_figures
    if agency is None or not policy.can(user, "budget.view", unit=agency):
        view.omitted.append("การเบิกจ่ายงบประมาณ")
        return
    fy = _year(view)
    figures = year_figures(agency, fy, policy.scope(user, "budget.view", Disbursement.objects.all()),
                           policy.scope(user, "budget.view", Allocation.objects.all()))
    elapsed = months.elapsed(fy, timezone.localdate())
    if not figures.allocated:
        value, note = "ยังไม่มีข้อมูล", "ยังไม่ได้นำเข้าวงเงินจัดสรรของปีนี้"
    else:
        shown = max(figures.monthly, default=0)
        done = figures.percent(shown) or 0
        value = f"ร้อยละ {achievement.num(round(done, 2))}"
        note = f"เป้าหมายสะสม ร้อยละ {achievement.num(round(figures.planned_percent(elapsed), 2))}"
    view.figures.append(Figure("budget", f"การเบิกจ่ายงบประมาณ ปีงบประมาณ พ.ศ. {fy}", value,
                               reverse("budget:home") + f"?fy={fy}", now, note))


def _ita_figure(view: ExecutiveView, user, agency, now) -> None:
    try:
        from ita import selectors as ita_selectors
    except ImportError:  # the module is not installed in this deployment
        return
    if agency is None or not policy.can(user, "ita.view", unit=agency):
        view.omitted.append("ความพร้อม ITA")
        return
    fy = _year(view)
    year = ita_selectors.year_of(agency, fy)
    url = reverse("ita:board", args=[fy])
    if year is None:
        view.figures.append(Figure("ita", f"ความพร้อม ITA ปีงบประมาณ พ.ศ. {fy}", "ยังไม่ได้ตั้งปี", url, now))
        return
    est = ita_selectors.estimate(ita_selectors.board(year, kind="oit"))
    view.figures.append(Figure("ita", f"ความพร้อม ITA (OIT) ปีงบประมาณ พ.ศ. {fy}",
                               f"พร้อม {est.counts[ita_selectors.GREEN]}/{est.total} รายการ", url, now,
                               f"ประมาณการ {achievement.num(est.score)} คะแนน ({est.band}) — {est.label}"))


def executive_view(user, round_: Round | None = None) -> ExecutiveView:
    from org.selectors import agency_of

    now = timezone.now()
    round_ = round_ or current_round(user)
    view = ExecutiveView(round_)
    agency = agency_of(user.unit) if user.unit_id else None
    if round_ is not None:
        agency = agency or round_.plan.agency
        if policy.can(user, "round.dashboard", round_):
            view.previous = previous_round(round_)
            _indicator_figures(view)
        else:
            view.omitted.append("ผลตามตัวชี้วัดของแผน")
        _report_figures(view, user, now)
    _complaint_figures(view, user, now)
    _procurement_figure(view, user, now)
    _budget_figure(view, user, agency, now)
    _ita_figure(view, user, agency, now)
    return view


# How long a person's rendered home is reused while nothing was written (a bound on what the key misses: the
# figures that move with the clock alone, such as a complaint passing its time standard; the key holds the
# date).
HOME_SECONDS = 60


def home_state(user) -> str:
    """What the home's figures depend on besides the clock: the person (their roles move the audit trail),
    the latest audit entry (every write leaves one), the current round's state and the indicator values the
    worker kept for it (reports.dashboard.round_state)."""
    from audit.models import AuditEvent
    from reports.dashboard import round_state

    round_ = current_round(user)
    if round_ is not None:
        data = round_state(round_)
    else:
        last_entry = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        data = f"{last_entry}:{timezone.localdate()}"
    return f"{user.pk}:{user.date_joined.isoformat()}:{data}"


def cached_home(user, render) -> str:
    """The person's home as `render()` gives it, reused while `home_state` is unchanged (HOME_SECONDS): a
    visit while nothing changed costs the few queries of the key, not every app's figures."""
    key = "executive-home:" + hashlib.sha1(home_state(user).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, HOME_SECONDS)
    return html


def is_executive_home(user) -> bool:
    """Whether the home page is the executive's: an executive, plan administrator or auditor at a root."""
    from accounts.models import Role

    return bool({Role.EXECUTIVE, Role.PLAN_ADMIN, Role.AUDITOR} & set(policy.roles_of(user)))
