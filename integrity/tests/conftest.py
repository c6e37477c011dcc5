"""Fixtures of the integrity registers: the real unit tree and plan, the people who keep the registers
and read them, and the annual round of FY 2560 whose indicator values the registers feed."""

from __future__ import annotations

import datetime

import pytest

from accounts.models import Role
from org.models import Unit


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def people(make_user):
    return {
        "coi": make_user("coi", "cpd-hr", (Role.COI_OFFICER, "cpd")),
        "discipline": make_user("discipline", "cpd-hr", (Role.DISCIPLINE_OFFICER, "cpd-hr")),
        "admin": make_user("planadmin", "cpd-psdg", (Role.PLAN_ADMIN, "cpd")),
        "executive": make_user("exec", "cpd", (Role.EXECUTIVE, "cpd")),
        "auditor": make_user("audit", "cpd-ia", (Role.AUDITOR, "cpd")),
        "head_cm": make_user("head.cm", "cpd-prov-13", (Role.UNIT_HEAD, "cpd-prov-13")),
        "head_kb": make_user("head.kb", "cpd-prov-01", (Role.UNIT_HEAD, "cpd-prov-01")),
        "staff_cm": make_user("staff.cm", "cpd-prov-13"),
        "staff_cm2": make_user("staff.cm2", "cpd-prov-13"),
        "reporter": make_user("rep.cm", "cpd-prov-13", (Role.REPORTER, "cpd-prov-13")),
    }


@pytest.fixture
def department(db):
    from site_shell.demo import load_department

    return load_department()


@pytest.fixture
def annual_2560(department, people):
    from reports.services import round_create, round_open

    _, plan = department
    round_ = round_create(
        actor=people["admin"],
        plan=plan,
        fiscal_year=2560,
        name="รอบสิ้นปี",
        kind="annual",
        opens_on=datetime.date(2017, 9, 1),
        due_on=datetime.date(2017, 10, 15),
    )
    return round_open(actor=people["admin"], round_=round_)


def values_by_key(round_, user=None):
    from reports.indicator_values import round_indicator_values

    return {v.indicator.key: v for v in round_indicator_values(round_, user)}
