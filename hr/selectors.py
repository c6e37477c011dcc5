"""Reads of the hr app: the year's records, for the pages and for the plan's computed indicators."""

from __future__ import annotations

from django.db.models import QuerySet

from hr.models import CriteriaStep, EvaluationRound, JobLine, JobLineKpi
from org.selectors import reporting_units


def expected_units(agency):
    """The units that must finish each evaluation round: those reporting on the plan (all units)."""
    return reporting_units(agency).order_by("path")


def criteria_steps(agency, fiscal_year: int) -> QuerySet[CriteriaStep]:
    return CriteriaStep.objects.filter(agency=agency, fiscal_year=fiscal_year).prefetch_related("files") \
        .order_by("step")


def job_lines(agency) -> QuerySet[JobLine]:
    return JobLine.objects.filter(agency=agency).prefetch_related("kpi_sets").order_by("kind", "name")


def year_kpi_sets(agency, fiscal_year: int) -> QuerySet[JobLineKpi]:
    """The central indicators set for the agency's job lines in a fiscal year."""
    return JobLineKpi.objects.filter(job_line__agency=agency, fiscal_year=fiscal_year) \
        .select_related("job_line").order_by("job_line__kind", "job_line__name")


def year_rounds(agency, fiscal_year: int) -> QuerySet[EvaluationRound]:
    return EvaluationRound.objects.filter(agency=agency, fiscal_year=fiscal_year) \
        .prefetch_related("completions__unit").order_by("number")
