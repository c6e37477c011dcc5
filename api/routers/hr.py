"""HR API (กองการเจ้าหน้าที่'s records for the plan): the year's criteria steps, job lines with central KPIs
and evaluation rounds with each unit's completion, for whoever may read them (hr.view)."""

from __future__ import annotations

import datetime

from django.http import Http404
from ninja import Router, Schema

from accounts import policy
from api.auth import AUTH
from api.params import FiscalYear
from api.schemas import errors
from hr import selectors
from org.selectors import agencies, agency_of

router = Router(tags=["การบริหารงานบุคคล"])


class StepOut(Schema):
    step: int
    label: str
    done_on: datetime.date
    reference: str


class JobLineOut(Schema):
    name: str
    kind: str
    kpis: list[str]


class CompletionOut(Schema):
    unit_code: str
    unit: str
    completed_on: datetime.date
    staff_count: int
    evaluated_count: int


class HrRoundOut(Schema):
    number: int
    label: str
    closes_on: datetime.date
    completed_on: datetime.date | None
    units: list[CompletionOut]


class HrYearOut(Schema):
    fiscal_year: int
    criteria_steps: list[StepOut]
    job_lines: list[JobLineOut]
    rounds: list[HrRoundOut]


@router.get("/hr/{fiscal_year}", response={200: HrYearOut, **errors(401, 404, 422)}, auth=AUTH,
            summary="การปรับปรุงหลักเกณฑ์การประเมินผล สายงานและตัวชี้วัดกลาง และรอบการประเมินของปีงบประมาณ")
def year(request, fiscal_year: FiscalYear):
    user = request.auth
    agency = agency_of(user.unit) if user.unit_id else agencies().first()
    if agency is None or not policy.can(user, "hr.view", unit=agency):
        raise Http404
    kpis = {k.job_line_id: k.kpi_list for k in selectors.year_kpi_sets(agency, fiscal_year)}
    return {
        "fiscal_year": fiscal_year,
        "criteria_steps": [{"step": s.step, "label": s.get_step_display(), "done_on": s.done_on,
                            "reference": s.reference} for s in selectors.criteria_steps(agency, fiscal_year)],
        "job_lines": [{"name": line.name, "kind": line.kind, "kpis": kpis.get(line.pk, [])}
                      for line in selectors.job_lines(agency)],
        "rounds": [_round(r) for r in selectors.year_rounds(agency, fiscal_year)],
    }


def _round(r) -> dict:
    return {"number": r.number, "label": r.get_number_display(), "closes_on": r.closes_on,
            "completed_on": r.completed_on,
            "units": [{"unit_code": c.unit.code, "unit": c.unit.name, "completed_on": c.completed_on,
                       "staff_count": c.staff_count, "evaluated_count": c.evaluated_count}
                      for c in r.completions.all()]}
