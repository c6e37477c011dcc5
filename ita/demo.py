"""Demo ITA: the O1–O43 catalogue of the current fiscal year with owners, due dates and the calendar, the
2560 EB rows, one piece of evidence tagged to two regimes, and a first check of the system's own pages."""

from __future__ import annotations

import datetime as dt

from accounts.models import User
from ita import catalogue, selectors, services
from ita.models import ItaYear

OWNERS = [  # (first item number, last, demo username)
    (1, 9, "ict"), (10, 12, "planadmin"), (13, 14, "registers"), (15, 15, "complaints"),
    (16, 17, "ict"),
    (18, 20, "finance"), (21, 24, "procurement"), (25, 28, "hr"), (29, 33, "complaints"),
    (34, 43, "planadmin"),
]


def load(*, agency, plan) -> str:
    fy = selectors.current_fiscal_year()
    if ItaYear.objects.filter(agency=agency, fiscal_year=fy).exists():
        return ""
    year = services.catalogue_load(actor=None, agency=agency, fiscal_year=fy,
                                   content=catalogue.shipped("oit_2570.yaml"),
                                   source="ita/data/oit_2570.yaml")
    ce = fy - 543  # the calendar year of the assessment (January–August, inside the fiscal year)
    services.calendar_save(actor=None, year=year, registration_on=dt.date(ce, 1, 5),
                           oit_opens_on=dt.date(ce, 3, 1), oit_closes_on=dt.date(ce, 4, 30),
                           clarification_on=dt.date(ce, 6, 1), results_on=dt.date(ce, 8, 31))
    users = {u.username: u for u in User.objects.filter(username__in={o[2] for o in OWNERS})}
    for item in year.items.all():
        number = int(item.code[1:]) if item.code[1:].isdigit() else 0
        owner = next((users.get(name) for first, last, name in OWNERS if first <= number <= last), None)
        item.owner, item.due_on = owner, dt.date(ce, 2, 28)
        item.save(update_fields=["owner", "due_on"])
    eb = services.catalogue_load(actor=None, agency=agency, fiscal_year=2560,
                                 content=catalogue.shipped("eb_2560.yaml"), source="ita/data/eb_2560.yaml")
    tagged = [year.items.get(code="O21"), eb.items.get(code="EB3")]
    services.evidence_tag(actor=None, items=tagged, title="ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง (ระบบ e-GP)",
                          url="https://process3.gprocurement.go.th/egp2procmainWeb/jsp/procsearch.sch")
    run = services.run_start(actor=None, agency=agency)
    # Only the items' links: report evidence links lie on other websites and are checked by the worker.
    services.run_links(run, min_fiscal_year=2560, evidence=False)
    est = selectors.estimate(selectors.board(year, kind="oit"))
    return (f"ITA ปี {fy}: {est.total} ข้อ มีลิงก์สาธารณะที่เปิดได้ {est.mapped_public} ข้อ "
            f"(ร้อยละ {est.mapped_percent}) และรายการ EB ปี 2560")
