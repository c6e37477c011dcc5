"""Reads for the reporting loop, always through the policy's `scope` so pages, API and exports agree."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts import policy
from accounts.models import Role, RoleAssignment, User
from core.thai import BANGKOK, format_be
from org.models import Unit
from plans.models import Activity, Indicator
from reports import achievement
from reports.models import (
    CompiledSummary,
    Evidence,
    EvidenceLink,
    EvidenceRevision,
    IndicatorResult,
    Report,
    ReviewComment,
    Round,
)

REPORT_RELATED = ("round__plan__agency", "activity__measure__policy", "unit")


def rounds_visible(user) -> QuerySet[Round]:
    """Rounds of the agencies inside which the user holds a role (the policy's agency-level rule)."""
    return policy.scope(user, "round.view", Round.objects.select_related("plan", "plan__agency"))


def reports_visible(user, round_: Round | None = None) -> QuerySet[Report]:
    qs = Report.objects.select_related(*REPORT_RELATED)
    if round_ is not None:
        qs = qs.filter(round=round_)
    return policy.scope(user, "report.view", qs)


# What a unit should look at first: returned reports, then drafts, then what is waiting for others.
_URGENCY = Case(
    When(status=Report.Status.RETURNED, then=Value(0)),
    When(status=Report.Status.DRAFT, version__gt=0, then=Value(1)),
    When(status=Report.Status.DRAFT, then=Value(2)),
    When(status=Report.Status.SUBMITTED, then=Value(3)),
    When(status=Report.Status.ENDORSED, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def reports_to_edit(user) -> QuerySet[Report]:
    """The user's own unit work in open rounds, most urgent first."""
    qs = Report.objects.select_related(*REPORT_RELATED).filter(round__status=Round.Status.OPEN)
    return (
        policy.scope(user, "report.edit", qs)
        .annotate(urgency=_URGENCY)
        .order_by(
            "round__due_on",
            "round_id",
            "urgency",
            "activity__measure__policy__number",
            "activity__measure__sort_key",
            "activity__sort_order",
            "unit__sort_order",
        )
    )


def group_by_round(reports) -> list[tuple[Round, list[Report]]]:
    groups: dict[int, tuple[Round, list[Report]]] = {}
    for report in reports:
        groups.setdefault(report.round_id, (report.round, []))[1].append(report)
    return list(groups.values())


def reports_to_review(user) -> QuerySet[Report]:
    qs = Report.objects.select_related(*REPORT_RELATED).filter(
        Q(status=Report.Status.ENDORSED)
        | Q(status=Report.Status.SUBMITTED, round__requires_endorsement=False)
    )
    return policy.scope(user, "report.review", qs).order_by("submitted_at")


def reports_to_endorse(user) -> QuerySet[Report]:
    qs = Report.objects.select_related(*REPORT_RELATED).filter(
        status=Report.Status.SUBMITTED, round__requires_endorsement=True
    )
    return policy.scope(user, "report.endorse", qs).order_by("submitted_at")


def report_for(user, pk: int, action: str = "report.view") -> Report:
    """A report the user may act on, with what the form shows; 404 (not 403) outside the user's scope."""
    qs = policy.scope(user, action, Report.objects.select_related(*REPORT_RELATED, "activity__measure"))
    return get_object_or_404(qs, pk=pk)


def report_content(report: Report) -> dict:
    """Rows, indicators with results, evidence and comments of one report, in a fixed number of queries."""
    rows = list(report.rows.all())
    results = {r.indicator_id: r for r in IndicatorResult.objects.filter(report=report)}
    indicators = list(Indicator.objects.filter(activity_id=report.activity_id).order_by("sort_order", "id"))
    evidence = list(
        Evidence.objects.filter(report=report, removed_at__isnull=True)
        .prefetch_related(Prefetch("revisions", queryset=EvidenceRevision.objects.order_by("number")))
        .select_related("row")
    )
    links = list(EvidenceLink.objects.filter(report=report, removed_at__isnull=True).select_related("row"))
    comments = list(ReviewComment.objects.filter(report=report).select_related("author", "row"))
    return {
        "rows": rows,
        "indicators": [(ind, results.get(ind.pk)) for ind in indicators],
        "evidence": evidence,
        "links": links,
        "comments": comments,
        "open_comments": [c for c in comments if not c.resolved],
        "submissions": list(report.submissions.select_related("submitted_by", "decided_by")),
    }


def ancestor_paths(unit: Unit) -> list[str]:
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def users_with_role_over(units: Iterable[Unit], roles: Iterable[str]) -> list[User]:
    """Active users holding one of `roles` over any of `units` (a role covers its unit's whole subtree)."""
    paths = {p for unit in units for p in ancestor_paths(unit)}
    if not paths:
        return []
    user_ids = RoleAssignment.objects.filter(
        role__in=list(roles), unit__path__in=paths, unit__is_active=True
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def reviewers_of(report: Report) -> list[User]:
    """Host-unit coordinators review unit reports; the plan administrators review host summaries, and any
    report whose activity has no coordinator."""
    hosts = list(report.activity.host_units.all())
    coordinators = [] if report.is_summary else users_with_role_over(hosts, [Role.COORDINATOR])
    if coordinators:
        return coordinators
    return users_with_role_over([report.round.plan.agency], [Role.PLAN_ADMIN])


def writers_of(report: Report) -> list[User]:
    return users_with_role_over([report.unit], [Role.REPORTER, Role.UNIT_HEAD])


def heads_of(unit: Unit) -> list[User]:
    return users_with_role_over([unit], [Role.UNIT_HEAD])


# --- What a round's slots are, and how every page and export counts them ---------------------------------
#
# A round holds two kinds of report, counted apart everywhere: the implementing units' own reports
# ("รายงานหน่วยงาน", one per activity × unit) and the host units' summaries ("สรุปของเจ้าภาพ", one per
# activity). Completion figures (sent, late, by unit group) are about unit reports; summaries are shown beside
# them with their own count, never added in.

KIND_LABELS = {Report.Kind.UNIT: "รายงานหน่วยงาน", Report.Kind.HOST_SUMMARY: "สรุปของเจ้าภาพ"}

# category → Thai label; the dashboard's cells, the round page's counts and the list filter use the same five.
CATEGORY_LABELS = {
    "accepted": "ผ่านการตรวจ",
    "waiting": "ส่งแล้ว รอตรวจ",
    "returned": "ส่งกลับแก้ไข",
    "draft": "กำลังกรอก",
    "not_started": "ยังไม่เริ่ม",
}


def category_of(status: str, version: int) -> str:
    if status in (Report.Status.ACCEPTED, Report.Status.LOCKED):
        return "accepted"
    if status in (Report.Status.SUBMITTED, Report.Status.ENDORSED):
        return "waiting"
    if status == Report.Status.RETURNED:
        return "returned"
    return "draft" if version > 0 else "not_started"


def category_q(category: str) -> Q:
    """The database condition of one category (or "sent": accepted and waiting together)."""
    return {
        "accepted": Q(status__in=[Report.Status.ACCEPTED, Report.Status.LOCKED]),
        "waiting": Q(status__in=[Report.Status.SUBMITTED, Report.Status.ENDORSED]),
        "returned": Q(status=Report.Status.RETURNED),
        "draft": Q(status=Report.Status.DRAFT, version__gt=0),
        "not_started": Q(status=Report.Status.DRAFT, version=0),
        "sent": Q(status__in=Report.SENT),
    }[category]


def late_after(due_on: datetime.date) -> datetime.datetime:
    """The first moment that is late for a due date: midnight in Bangkok after it."""
    return datetime.datetime.combine(due_on + datetime.timedelta(days=1), datetime.time(0), tzinfo=BANGKOK)


def is_late(first_submitted_at, due_on: datetime.date, today: datetime.date | None = None) -> bool:
    """Sent after the due date, or still not sent once it has passed (the model's `Report.is_late`)."""
    return late_test(due_on, today)(first_submitted_at)


def late_test(due_on: datetime.date, today: datetime.date | None = None):
    """`is_late` for one due date, as a function of the first time sent: for a round's thousands of slots,
    the due date's first late moment is computed once."""
    first_late, past_due = late_after(due_on), (today or timezone.localdate()) > due_on
    return lambda first_submitted_at: first_submitted_at >= first_late if first_submitted_at else past_due


def late_q(rounds: Iterable[Round]) -> Q:
    """Reports that are late by their own round's due date (rounds: those the list may hold)."""
    today = timezone.localdate()
    condition = Q(pk__in=[])
    for round_ in rounds:
        late = Q(first_submitted_at__gte=late_after(round_.due_on))
        if today > round_.due_on:
            late |= Q(first_submitted_at__isnull=True)
        condition |= Q(round_id=round_.pk) & late
    return condition


@dataclass
class KindCounts:
    total: int = 0
    sent: int = 0
    late: int = 0
    by_category: dict[str, int] = dc_field(default_factory=lambda: dict.fromkeys(CATEGORY_LABELS, 0))

    def add(self, status: str, version: int, late: bool, category: str | None = None) -> None:
        """One slot; `category`: its `category_of`, when the caller has it already."""
        self.total += 1
        self.sent += status in Report.SENT
        self.late += late
        self.by_category[category or category_of(status, version)] += 1


@dataclass
class RoundCounts:
    """How many slots a round has, by kind and category: the one count every page and export shows."""

    unit: KindCounts = dc_field(default_factory=KindCounts)
    summary: KindCounts = dc_field(default_factory=KindCounts)

    @property
    def total(self) -> int:
        return self.unit.total + self.summary.total

    @property
    def label(self) -> str:
        return (
            f"{KIND_LABELS[Report.Kind.UNIT]} {self.unit.total:,} · "
            f"{KIND_LABELS[Report.Kind.HOST_SUMMARY]} {self.summary.total:,}"
        )

    @classmethod
    def tally(cls, slots: Iterable[tuple[str, str, int, object]], due_on: datetime.date) -> RoundCounts:
        """From (kind, status, version, first_submitted_at) of each slot."""
        counts = cls()
        is_late_sent = late_test(due_on)
        for kind, status, version, first_sent in slots:
            part = counts.summary if kind == Report.Kind.HOST_SUMMARY else counts.unit
            part.add(status, version, is_late_sent(first_sent))
        return counts


def round_slots(round_: Round, user=None) -> QuerySet[Report]:
    """The round's reports of both kinds; only those the user may view when a user is given."""
    qs = Report.objects.filter(round=round_)
    return qs if user is None else policy.scope(user, "report.view", qs)


def round_counts(round_: Round, user=None) -> RoundCounts:
    rows = round_slots(round_, user).values_list("kind", "status", "version", "first_submitted_at")
    return RoundCounts.tally(rows, round_.due_on)


# --- Lists that can run past one page: the same filters everywhere -------------------------------------


@dataclass
class ReportFilters:
    """What a list of reports is narrowed to (parsed from the query string by `reports.views.listing`)."""

    unit: Unit | None = None
    unit_text: str = ""  # typed text that names no unit exactly: searched in unit names
    status: str = ""  # a category, "sent", or a raw status
    kind: str = ""
    activity: int | None = None
    late: str = ""  # "1" late, "0" on time
    region: str = ""
    complete: bool = False  # only units that have sent every unit report of the round
    q: str = ""

    @property
    def active(self) -> bool:
        return any(
            (self.unit, self.unit_text, self.status, self.kind, self.activity, self.late, self.region,
             self.complete, self.q)
        )


def _round_ids(qs: QuerySet[Report]) -> set[int]:
    # Read first, not nested: a scoped list is already a subquery (see filter_choices).
    return set(qs.order_by().values_list("round_id", flat=True).distinct())


def filter_reports(qs: QuerySet[Report], f: ReportFilters) -> QuerySet[Report]:
    if f.unit is not None:
        qs = qs.filter(unit=f.unit)
    elif f.unit_text:
        qs = qs.filter(Q(unit__name__icontains=f.unit_text) | Q(unit__abbreviation__icontains=f.unit_text))
    qs = qs.filter(_status_q(f.status))
    if f.kind in Report.Kind.values:
        qs = qs.filter(kind=f.kind)
    if f.activity:
        qs = qs.filter(activity_id=f.activity)
    if f.region in Unit.Region.values:
        qs = qs.filter(unit__region=f.region)
    if f.late in ("0", "1"):
        rounds = Round.objects.filter(pk__in=_round_ids(qs))
        late = late_q(rounds)
        qs = qs.filter(late) if f.late == "1" else qs.exclude(late)
    if f.complete:
        unsent = Report.objects.filter(kind=Report.Kind.UNIT, round_id__in=_round_ids(qs)).exclude(
            status__in=Report.SENT
        )
        qs = qs.exclude(unit_id__in=set(unsent.values_list("unit_id", flat=True)))
    if f.q:
        qs = qs.filter(
            Q(unit__name__icontains=f.q)
            | Q(unit__abbreviation__icontains=f.q)
            | Q(activity__title__icontains=f.q)
        )
    return qs


def _status_q(status: str) -> Q:
    """A category of the counts (or "sent"), else one of the report's own statuses; anything else: all."""
    if status in CATEGORY_LABELS or status == "sent":
        return category_q(status)
    if status in Report.Status.values:
        return Q(status=status)
    return Q()


def filter_choices(base: QuerySet[Report]) -> dict:
    """The units and activities a list holds before filtering: the options of its filter form."""
    # The ids are read first: a scoped list is already a subquery of reports, and PostgreSQL planned units IN
    # (reports IN (reports ⋈ units)) as nested loops that ran for minutes on a department's round.
    pairs = set(base.order_by().values_list("unit_id", "activity_id").distinct())
    units = Unit.objects.filter(pk__in={u for u, _ in pairs}).order_by("sort_order", "path")
    activities = (
        Activity.objects.filter(pk__in={a for _, a in pairs})
        .select_related("measure__policy")
        .order_by("measure__policy__number", "measure__sort_key", "sort_order", "id")
    )
    return {"units": list(units), "activities": list(activities)}


def reports_changed_since(round_, when) -> int:
    """How many of the round's reports were sent or reviewed after `when` (the last compile): the figures
    of an edited summary may no longer match the tables."""
    from django.db.models import Q

    if when is None:
        return 0
    return (
        Report.objects.filter(round=round_)
        .filter(Q(submitted_at__gt=when) | Q(reviewed_at__gt=when))
        .count()
    )


# The executive summary: a draft written from the figures, and whether anyone has edited it since. Reads
# only, so that the documents (reports.exports) take them from here rather than from the services.
def default_summary_text(round_: Round, stats: dict) -> str:
    """A first draft of the executive summary, written from the figures; the administrator edits it."""
    groups = stats.get("groups", {})
    lines = [
        f"ผลการรายงาน{round_.name} {round_.plan.title} ปีงบประมาณ พ.ศ. {round_.fiscal_year} "
        f"กำหนดส่งภายในวันที่ {format_be(round_.due_on)}",
        f"หน่วยงานต้องรายงานทั้งสิ้น {stats['reports']} รายการ จาก {stats['units']} หน่วยงาน "
        f"ส่งแล้ว {stats['sent']} รายการ (ร้อยละ {stats['pct_sent']}) ส่งทันกำหนด {stats['on_time']} รายการ "
        f"(ร้อยละ {stats['pct_on_time']}) ส่งหลังกำหนด {stats['late_sent']} รายการ "
        f"ยังไม่ส่ง {stats['not_sent']} รายการ",
    ]
    for group in groups.values():
        if group["reports"]:
            lines.append(
                f"{group['label']}: ส่งแล้ว {group['sent']} จาก {group['reports']} รายการ "
                f"(ร้อยละ {group['pct_sent']}) ส่งครบทุกกิจกรรม {group['complete_units']} "
                f"จาก {group['units']} หน่วยงาน"
            )
    ind = stats.get("indicators", {})
    lines.append(
        f"ตัวชี้วัด {stats['indicators_total']} ตัว บรรลุ {ind.get(achievement.MET, 0)} ตัว "
        f"(ร้อยละ {stats['pct_indicators_met']}) ไม่บรรลุ {ind.get(achievement.NOT_MET, 0)} ตัว "
        f"ยังไม่ถึงกำหนด {ind.get(achievement.NOT_YET_DUE, 0)} ตัว ไม่มีข้อมูล {ind.get(achievement.NO_DATA, 0)} ตัว"
    )
    return "\n".join(lines)


def summary_is_generated(summary: CompiledSummary) -> bool:
    """Whether the summary text is still the draft written from the figures of its last compile (nobody
    edited it). Such a text is rewritten from the current figures wherever it is used, so that it never
    disagrees with the tables beside it."""
    if not summary.text.strip() or not summary.stats:
        return True
    return summary.text.strip() == default_summary_text(summary.round, summary.stats).strip()


def compiled_summaries(plan, fiscal_year: int,
                       as_of: datetime.date | None = None) -> QuerySet[CompiledSummary]:
    """The compiled follow-ups (reports.services.summary.round_compile) of a plan's rounds in a fiscal year,
    compiled on or before `as_of` if given, oldest first."""
    qs = CompiledSummary.objects.filter(round__plan=plan, round__fiscal_year=fiscal_year,
                                        compiled_at__isnull=False).select_related("round")
    if as_of is not None:
        qs = qs.filter(compiled_at__lt=late_after(as_of))
    return qs.order_by("compiled_at", "id")


# The public portal (portal.services.results_publish) freezes a compiled round's documents when the round's
# results are published; these are its reads. The documents are the whole round as the plan administrator
# compiled it, so only a person allowed to publish ever asks for them.
def rounds_compiled(agency: Unit) -> QuerySet[Round]:
    """The agency's rounds whose results have been compiled (reports.services.summary.round_compile)."""
    return (Round.objects.filter(plan__agency=agency, summary__compiled_at__isnull=False)
            .select_related("plan", "summary").order_by("-fiscal_year", "-due_on", "-id"))


def compiled_documents(round_: Round, fmts: Iterable[str] = ("pdf", "docx")) -> tuple[str, dict]:
    """(executive summary text, {fmt: (content, file name, content type)}) of the whole compiled round,
    compiled once for every format asked ("docx", "pdf")."""
    from reports import exports
    from reports.exports import pdf, word

    compiled, text, thai_digits = exports.compiled_inputs(round_, None, whole_round=True)
    documents = {}
    for fmt in fmts:
        writer = {"docx": word.compiled_docx, "pdf": pdf.compiled_pdf}[fmt]
        content = writer(compiled, summary_text=text, thai_digits=thai_digits)
        documents[fmt] = (content, f"compiled-round-{round_.pk}-fy{round_.fiscal_year}.{fmt}",
                          exports.CONTENT_TYPES[fmt])
    return text, documents
