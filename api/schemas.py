import datetime
from decimal import Decimal

from ninja import Schema


class UnitOut(Schema):
    id: int
    code: str
    name: str
    abbreviation: str
    aliases: list[str]
    kind: str
    region: str
    province: str
    parent_id: int | None
    reports_on_plan: bool


class PlanSummary(Schema):
    id: int
    title: str
    agency_id: int
    period_start: int
    period_end: int
    status: str
    approved_on: datetime.date | None
    approval_memo: str


class TargetOut(Schema):
    kind: str
    comparison: str | None
    value: Decimal | None
    unit: str
    period: str | None
    due_month: int | None
    due_date: datetime.date | None
    scope: str
    variants: list[dict]


class IndicatorOut(Schema):
    id: int
    number: str
    text: str
    verbatim: str
    target: TargetOut


class UnitRef(Schema):
    id: int
    name: str
    abbreviation: str


class ActivityOut(Schema):
    id: int
    key: str
    title: str
    text: str
    items: list[str]
    verbatim: str
    host_units: list[UnitRef]
    host_verbatim: str
    implementing_rule: str
    implementing_units: list[UnitRef]
    implementing_verbatim: str
    indicators: list[IndicatorOut]


class MeasureOut(Schema):
    id: int
    number: str
    parent_id: int | None
    text: str
    verbatim: str
    activities: list[ActivityOut]


class PolicyOut(Schema):
    id: int
    number: int
    title: str
    verbatim: str
    measures: list[MeasureOut]


class PlanOut(PlanSummary):
    source: str
    policies: list[PolicyOut]


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    """Ninja's answer to input outside its schema (HTTP 422): one entry per offending field."""

    detail: list[FieldErrorOut]


_ERROR_SCHEMAS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut,
                  422: ValidationErrorOut, 429: ErrorOut}


def errors(*codes: int) -> dict:
    """The error answers an operation may give, for its `response=`: each documented with its body."""
    return {code: _ERROR_SCHEMAS[code] for code in codes}


class IndicatorSourceOut(Schema):
    """Where an indicator's value comes from: `reported` (typed in the reports) or `computed` (read from the
    system's records by the named computation)."""

    kind: str
    name: str | None
    label: str
    params: dict


class PlanIndicatorOut(Schema):
    id: int
    key: str
    activity_key: str
    number: str
    text: str
    target: TargetOut
    source: IndicatorSourceOut


class RecordLinkOut(Schema):
    label: str
    url: str


class RoundIndicatorOut(Schema):
    id: int
    key: str
    text: str
    target: str
    value: Decimal | None
    done: bool | None
    verdict: str
    verdict_label: str
    source: str
    provenance: list[RecordLinkOut]
    explanation: str
    as_of: datetime.datetime | None
    # A computed indicator's value from the records, in words ("ร้อยละ 80", "3 ครั้ง"), also when a sent
    # report replaced it; null for a reported indicator.
    computed_value: str | None = None
    # Why a sent report replaced the computed value (source `overridden`); null otherwise.
    override_reason: str | None = None
    # When the computed value was read from the records kept by the task worker (reports.indicator_cache);
    # null when computed for this answer.
    cached_at: datetime.datetime | None = None
