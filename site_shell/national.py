"""Synthetic national data: N agencies shaped like the department, loaded into PostgreSQL with COPY.

    prongsai national_demo --agencies 8300 [--seed 1]

Agency 1 is the department itself, loaded through the ordinary services (its units from org/data, its plan
from plans/data, approved). Every other agency is a clone of that shape: a root and a sample of the
department's central units (sub-units only under a chosen parent), and for about one agency in eight some
regional offices, as the ministries' departments are (about 150 slots a round on average); a copy of the
plan with new ids, host and named units mapped onto the agency's own units
(the root hosts what its sample lacks). Each agency gets two rounds of
fiscal year 2564 (the progress round closed, the annual round open), one report slot per activity ×
implementing unit and one summary per activity × host, exactly as `round_sync_slots` would make them (the
20-agency test checks this), reports in realistic states with rows and indicator results, complaints
without the complainant's identity, and procurement projects.

Everything is deterministic from the seed: the same seed gives the same ids and the same figures. Rows are
written with COPY in batches of agencies (one transaction each, so the deferred foreign-key checks stay
bounded) and the sequences are moved past the ids used at the end.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from complaints.models import Case, ServiceStandard
from org.models import Unit
from plans.models import Activity, Indicator, Measure, Plan, Policy
from procurement.models import Project
from reports.models import IndicatorResult, IndicatorSnapshot, Report, ReportRow, Round
from site_shell.national_copy import Ids, Table, m2m
from site_shell.national_shape import (
    ROW_TEXTS,
    implements,
    report_state,
    result_values,
    sample_units,
    template,
)

FISCAL_YEAR = 2564
ROUND_SPECS = [
    # name, kind, opens, due, status
    ("รอบที่ ๑ รายงานความก้าวหน้า", Round.Kind.PROGRESS, dt.date(2021, 3, 1), dt.date(2021, 4, 4), "closed"),
    ("รายงานผลการดำเนินงานประจำปี", Round.Kind.ANNUAL, dt.date(2021, 8, 1), dt.date(2021, 8, 31), "open"),
]
BATCH_AGENCIES = 250
PROJECT_METHODS = ["specific", "e_bidding", "e_market", "selection"]


# --- Generation -------------------------------------------------------------------------------------------


@dataclass
class AgencyInfo:
    k: int
    plan_id: int
    indicators: dict[int, int]  # the template's indicator id → the agency's
    rounds: list[int] = field(default_factory=list)  # in ROUND_SPECS order
    activities: set[int] = field(default_factory=set)  # template activity ids the rounds hold slots for
    projects: list[tuple[int, str]] = field(default_factory=list)  # (id, title) in the selectors' order


class Generator:
    def __init__(self, *, agencies: int, seed: int, out=None):
        self.n, self.seed, self.out = agencies, seed, out or (lambda line: None)
        self.now = timezone.now()
        self.ids = Ids()
        self.tables = {
            m: Table(m, self.now)
            for m in (
                Unit,
                Plan,
                Policy,
                Measure,
                Activity,
                Indicator,
                m2m(Activity, "host_units"),
                m2m(Activity, "implementing_units"),
                m2m(Indicator, "units"),
                ServiceStandard,
                Round,
                Report,
                ReportRow,
                IndicatorResult,
                Case,
                Project,
                IndicatorSnapshot,
            )
        }
        self.counts: dict[str, int] = defaultdict(int)
        # What the indicator snapshots need of each agency (site_shell.national_snapshots), in agency order.
        self.agencies: list[AgencyInfo] = []

    def run(self) -> dict[str, int]:
        if Unit.objects.exists():
            raise RuntimeError("ฐานข้อมูลต้องว่าง (migrate แล้วแต่ยังไม่มีหน่วยงาน)")
        if connection.vendor != "postgresql":
            raise RuntimeError("national_demo ใช้ COPY ของ PostgreSQL")
        with transaction.atomic():
            agency, plan, self.t = template()
            for model in self.tables:
                self.ids.start(model)
            self.activity_ind = defaultdict(list)
            for ind in self.t["indicators"]:
                self.activity_ind[ind["activity_id"]].append(ind)
            # Agency 1 keeps its own units and plan; only its rounds and their data are generated.
            self._agency(0, units=self.t["units"], plan_id=plan.pk, clone=False)
            self._flush()
        for start in range(1, self.n, BATCH_AGENCIES):
            with transaction.atomic():
                for k in range(start, min(self.n, start + BATCH_AGENCIES)):
                    rng = random.Random(f"{self.seed}:{k}")
                    self._agency(k, units=sample_units(rng, self.t["units"]), plan_id=None, clone=True)
                self._flush()
            self.out(f"  {min(self.n, start + BATCH_AGENCIES)}/{self.n} agencies")
        self._sequences()
        from site_shell.national_snapshots import write_snapshots

        write_snapshots(self)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return dict(self.counts)

    def _flush(self):
        with connection.cursor() as cursor:
            for model, table in self.tables.items():
                self.counts[model._meta.db_table] += table.flush(cursor.cursor)

    def _sequences(self):
        with connection.cursor() as cursor:
            for model in self.tables:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
                )

    # -- one agency --

    def _agency(self, k: int, *, units: list[dict], plan_id: int | None, clone: bool) -> None:
        rng = random.Random(f"{self.seed}:{k}:data")
        t = self.t
        if clone:
            umap = self._clone_units(k, units)
            root = umap[units[0]["id"]]
            plan_id, amap, imap = self._clone_plan(root)
        else:
            umap = {u["id"]: u for u in units}
            root = umap[units[0]["id"]]
            amap = {a["id"]: a["id"] for a in t["activities"]}
            imap = {i["id"]: i["id"] for i in t["indicators"]}
        hosts, listed = self._links(umap, root, amap, imap, clone)
        members = list(umap.values())
        info = AgencyInfo(k=k, plan_id=plan_id, indicators=imap)
        self.agencies.append(info)
        for name, kind, opens, due, status in ROUND_SPECS:
            round_id = self.ids.take(Round)
            info.rounds.append(round_id)
            self.tables[Round].add(
                id=round_id,
                plan_id=plan_id,
                fiscal_year=FISCAL_YEAR,
                name=name,
                kind=kind,
                opens_on=opens,
                due_on=due,
                status=status,
                is_demo=True,
                opened_at=self.now,
                closed_at=self.now if status == "closed" else None,
            )
            for a in t["activities"]:
                slots = [
                    (u["id"], "unit")
                    for u in members
                    if implements(u, a["implementing_rule"], listed[a["id"]])
                ]
                slots += [(h, "host_summary") for h in hosts[a["id"]]]
                if slots:
                    info.activities.add(a["id"])
                for unit_id, slot_kind in slots:
                    self._report(
                        rng,
                        round_id,
                        status,
                        due,
                        amap[a["id"]],
                        unit_id,
                        slot_kind,
                        [(imap[i["id"]], i["kind"]) for i in self.activity_ind[a["id"]]],
                    )
        self._complaints(rng, k, root, members)
        info.projects = self._projects(rng, k, members)

    def _clone_units(self, k: int, units: list[dict]) -> dict[int, dict]:
        umap: dict[int, dict] = {}
        for u in units:  # in path order: a parent before its children
            new_id = self.ids.take(Unit)
            parent = umap[u["parent_id"]] if u["parent_id"] else None
            path = f"{parent['path']}{new_id:06d}/" if parent else f"/{new_id:06d}/"
            row = {
                **u,
                "id": new_id,
                "parent_id": parent["id"] if parent else None,
                "path": path,
                "code": f"{u['code']}-n{k:05d}",
            }
            if parent is None:
                row.update(name=f"กรมสาธิตที่ {k + 1}", abbreviation=f"กส.{k + 1}", aliases=[])
            umap[u["id"]] = row
            self.tables[Unit].add(**row)
        return umap

    def _clone_plan(self, root: dict):
        T, t = self.tables, self.t
        plan_id = self.ids.take(Plan)
        T[Plan].add(**{**t["plan"], "id": plan_id, "agency_id": root["id"], "approved_by_id": None})
        pmap, mmap, amap, imap = {}, {}, {}, {}
        for p in t["policies"]:
            pmap[p["id"]] = self.ids.take(Policy)
            T[Policy].add(**{**p, "id": pmap[p["id"]], "plan_id": plan_id})
        for m in t["measures"]:
            mmap[m["id"]] = self.ids.take(Measure)
        for m in t["measures"]:
            T[Measure].add(
                **{
                    **m,
                    "id": mmap[m["id"]],
                    "policy_id": pmap[m["policy_id"]],
                    "parent_id": mmap.get(m["parent_id"]),
                }
            )
        for a in t["activities"]:
            amap[a["id"]] = self.ids.take(Activity)
            T[Activity].add(**{**a, "id": amap[a["id"]], "measure_id": mmap[a["measure_id"]]})
        for i in t["indicators"]:
            imap[i["id"]] = self.ids.take(Indicator)
            T[Indicator].add(**{**i, "id": imap[i["id"]], "activity_id": amap[i["activity_id"]]})
        return plan_id, amap, imap

    def _links(self, umap, root, amap, imap, clone):
        """Hosts and named units mapped onto the agency (written for a clone); a host the agency lacks is
        replaced by its root."""
        T, t = self.tables, self.t
        hosts, listed = {}, {}
        host_t, impl_t, ind_t = (
            T[m2m(Activity, "host_units")],
            T[m2m(Activity, "implementing_units")],
            T[m2m(Indicator, "units")],
        )
        for a in t["activities"]:
            hosts[a["id"]] = sorted(
                {
                    umap[h]["id"] if h in umap else root["id"]
                    for h in t["links"]["host_units"].get(a["id"], [])
                }
            )
            listed[a["id"]] = {
                umap[u]["id"] for u in t["links"]["implementing_units"].get(a["id"], []) if u in umap
            }
        if not clone:
            return hosts, listed
        for a in t["activities"]:
            for h in hosts[a["id"]]:
                host_t.add(id=self._m2m_id(host_t), activity_id=amap[a["id"]], unit_id=h)
            for u in sorted(listed[a["id"]]):
                impl_t.add(id=self._m2m_id(impl_t), activity_id=amap[a["id"]], unit_id=u)
        for i in t["indicators"]:
            for u in t["links"]["units"].get(i["id"], []):
                if u in umap:
                    ind_t.add(id=self._m2m_id(ind_t), indicator_id=imap[i["id"]], unit_id=umap[u]["id"])
        for s in t["standards"]:
            receiving = umap.get(s["receiving_unit_id"], root)["id"]
            T[ServiceStandard].add(
                **{
                    **s,
                    "id": self.ids.take(ServiceStandard),
                    "agency_id": root["id"],
                    "receiving_unit_id": receiving,
                }
            )
        return hosts, listed

    def _m2m_id(self, table) -> int:
        key = table.model
        if key not in self.ids.next:
            self.ids.start(key)
        return self.ids.take(key)

    def _report(self, rng, round_id, round_status, due, activity_id, unit_id, kind, indicators) -> None:
        T = self.tables
        state = report_state(rng, round_status, due)
        report_id = self.ids.take(Report)
        T[Report].add(
            id=report_id, round_id=round_id, activity_id=activity_id, unit_id=unit_id, kind=kind, **state
        )
        if not state["version"]:
            return
        for order in range(1, rng.randint(1, 3) + 1):
            method, period, result = ROW_TEXTS[rng.randrange(len(ROW_TEXTS))]
            T[ReportRow].add(
                id=self.ids.take(ReportRow),
                report_id=report_id,
                order=order,
                method=method,
                period_text=period,
                result=result.format(n=rng.randint(1, 120)),
                evidence_note="ภาพถ่ายกิจกรรมและรายชื่อผู้เข้าร่วม",
            )
        for indicator_id, ind_kind in indicators:
            T[IndicatorResult].add(
                id=self.ids.take(IndicatorResult),
                report_id=report_id,
                indicator_id=indicator_id,
                **result_values(rng, ind_kind, due),
            )

    def _complaints(self, rng, k, root, members) -> None:
        standards = [s for s in self.t["standards"]]
        for n in range(rng.randint(0, 6)):
            standard = standards[rng.randrange(len(standards))]
            received = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randint(0, 300))
            unit = members[rng.randrange(len(members))]
            self.tables[Case].add(
                id=self.ids.take(Case),
                agency_id=root["id"],
                unit_id=unit["id"],
                number=f"ND{k + 1:05d}/{n + 1:03d}",
                tracking_code=f"N{k + 1:05d}{n + 1:03d}X{rng.randrange(99):02d}",
                secret_hash="!",
                channel=standard["channel"],
                subject="ร้องเรียนการให้บริการของเจ้าหน้าที่",
                details="ข้อมูลสาธิต: เรื่องร้องเรียนที่ไม่ระบุตัวผู้ร้อง",
                has_identity=False,
                standard_id=self._standard_id(root, standard),
                received_on=received,
                received_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))),
                acknowledge_due=received + dt.timedelta(days=1),
                answer_due=received + dt.timedelta(days=15),
            )

    def _standard_id(self, root, standard) -> int:
        # Standards are cloned in template order right before: find this agency's copy by channel.
        rows = self.tables[ServiceStandard].rows
        col, agency_col = (
            self.tables[ServiceStandard].index["channel"],
            self.tables[ServiceStandard].index["agency_id"],
        )
        for row in reversed(rows):
            if row[agency_col] == root["id"] and row[col] == standard["channel"]:
                return row[0]
        return standard["id"]  # agency 1: its own standards

    def _projects(self, rng, k, members) -> list[tuple[int, str]]:
        """Writes the agency's projects; returns (id, title) of each in the order the procurement selectors
        list them (unit path, id)."""
        made = []
        for n in range(rng.randint(2, 15)):
            budget = Decimal(rng.choice([45000, 120000, 480000, 2500000, 9800000]))
            unit = members[rng.randrange(len(members))]
            project_id, title = self.ids.take(Project), f"จัดซื้อวัสดุสำนักงาน รายการที่ {n + 1}"
            self.tables[Project].add(
                id=project_id,
                unit_id=unit["id"],
                ocid=f"ocds-nd0000-{k + 1:05d}-{n + 1:03d}",
                fiscal_year=FISCAL_YEAR,
                title=title,
                method=rng.choice(PROJECT_METHODS),
                budget=budget,
                reference_price=budget,
                status="awarded",
                award_amount=budget * Decimal("0.95"),
            )
            made.append((unit["path"], project_id, title))
        return [(project_id, title) for _, project_id, title in sorted(made)]


def generate(*, agencies: int, seed: int = 1, out=None) -> dict[str, int]:
    return Generator(agencies=agencies, seed=seed, out=out).run()
