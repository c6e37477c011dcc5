"""Rows a unit's empty draft report starts from, read from the registers (issue 12: "the unit's progress
report for that activity is pre-filled from it").

The registry lives here, on the reports side: reports may read the register apps, never the other way round.
A prefill function takes the report's unit, activity and fiscal year and returns rows in the report form's
shape (method, period_text, result, evidence_note). The rows are only the form's starting text: nothing is
saved until the reporter saves the draft, and a report that already has rows (or any saved version, or input
kept from an earlier post) is never touched."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from core.thai import format_be

PrefillFn = Callable[..., list[dict]]


@dataclass(frozen=True)
class Prefill:
    label: str  # the register's name, shown as "จากทะเบียน…"
    url_name: str
    fn: PrefillFn
    with_year: bool = True  # the register's page takes ?fy=

    def url(self, fiscal_year: int) -> str:
        return reverse(self.url_name) + (f"?fy={fiscal_year}" if self.with_year else "")


@dataclass(frozen=True)
class PrefilledRow:
    row: dict
    label: str
    url: str


_REGISTRY: dict[str, list[Prefill]] = {}


def register_prefill(keys: str | Iterable[str], fn: PrefillFn, *, label: str, url_name: str,
                     with_year: bool = True) -> None:
    """Register `fn(unit=, activity=, fiscal_year=) -> rows` for one activity key or several. Several
    functions may serve one activity; their rows follow each other in the order registered."""
    for key in [keys] if isinstance(keys, str) else keys:
        entries = _REGISTRY.setdefault(key, [])
        if not any(e.fn is fn for e in entries):
            entries.append(Prefill(label, url_name, fn, with_year))


def rows_for(*, unit, activity, fiscal_year: int) -> list[PrefilledRow]:
    _register_defaults()
    found = []
    for entry in _REGISTRY.get(activity.key, []):
        url = entry.url(fiscal_year)
        found += [PrefilledRow(_clean(row), entry.label, url)
                  for row in entry.fn(unit=unit, activity=activity, fiscal_year=fiscal_year)]
    return found


def initial_rows(prefilled: list[PrefilledRow]) -> list[dict]:
    """The row formset's initial data: the prefilled rows, then the usual blank line."""
    rows = [{"order": i, **p.row} for i, p in enumerate(prefilled, start=1)]
    return rows + [{"order": len(rows) + 1}]


def _clean(row: dict) -> dict:
    return {f: str(row.get(f) or "") for f in ("method", "period_text", "result", "evidence_note")}


def for_report(report, content: dict) -> list[PrefilledRow]:
    """The rows to offer in `report`'s form: only a unit's draft never saved and without rows."""
    from reports.models import Report

    if report.kind != Report.Kind.UNIT or report.status != Report.Status.DRAFT:
        return []
    if report.version > 0 or content["rows"]:
        return []
    return rows_for(unit=report.unit, activity=report.activity, fiscal_year=report.round.fiscal_year)


def _row(method: str, day, result: str, evidence: str) -> dict:
    return {"method": method, "period_text": format_be(day) if day else "", "result": result,
            "evidence_note": evidence}


# --- the registers ---

def _registers(*, unit, activity, fiscal_year: int) -> list[dict]:
    from registers import prefill

    return prefill.rows_for(unit=unit, activity_key=activity.key, fiscal_year=fiscal_year)


def _integrity_events(*, unit, activity, fiscal_year: int) -> list[dict]:
    from integrity.selectors import year_events
    from org.selectors import agency_of

    events = year_events(agency_of(unit), fiscal_year).filter(unit=unit)
    return [_row(f"จัดกิจกรรมรณรงค์: {e.title}", e.held_on, f"ผู้เข้าร่วม {e.attendance} คน ({e.audience})",
                 e.material or "ทะเบียนกิจกรรมรณรงค์") for e in events]


def _integrity_reminders(*, unit, activity, fiscal_year: int) -> list[dict]:
    from integrity.selectors import year_reminders
    from org.selectors import agency_of

    reminders = year_reminders(agency_of(unit), fiscal_year).filter(unit=unit)
    return [_row(f"{r.executive} กำชับในที่ประชุม {r.meeting}", r.met_on, f"วาระที่ {r.agenda_item}",
                 "ทะเบียนการกำชับของผู้บริหาร") for r in reminders]


def _budget_meetings(*, unit, activity, fiscal_year: int) -> list[dict]:
    """The follow-up meetings are the agency's; they belong in the report of the activity's host (กองคลัง)."""
    from budget.selectors import meetings, month_label
    from org.selectors import agency_of

    if not activity.host_units.filter(pk=unit.pk).exists():
        return []
    return [_row(f"ประชุมติดตามการเบิกจ่าย{month_label(fiscal_year, m.month)}: {m.title}", m.held_on,
                 m.summary or "บันทึกการประชุมแล้ว", "รายงานการประชุมในทะเบียนการติดตามการเบิกจ่าย")
            for m in meetings(agency_of(unit), fiscal_year)]


def _campaign_rows(kinds: tuple[str, ...]) -> PrefillFn:
    def rows(*, unit, activity, fiscal_year: int) -> list[dict]:
        from campaigns.selectors import campaign_share, unit_acknowledgement, year_campaigns
        from org.models import Unit
        from org.selectors import agency_of

        agency = agency_of(unit)
        subtree = Unit.objects.filter(path__startswith=unit.path)
        found = []
        for kind in kinds:
            for c in year_campaigns(agency, fiscal_year, kind):
                if c.for_units:
                    ack = unit_acknowledgement(c, unit)
                    found.append(_row(c.title, timezone.localtime(ack.at).date() if ack else None,
                                      "หน่วยงานดำเนินการแล้ว" if ack else "ยังไม่ได้ดำเนินการ",
                                      "ทะเบียนการรณรงค์"))
                    continue
                share = campaign_share(c, units=subtree)
                found.append(_row(c.title, c.closes_on, f"ดำเนินการแล้ว {share.done} จาก {share.total} คน",
                                  "ทะเบียนการรณรงค์ (บัญชีรายชื่อ)"))
        return found

    return rows


_defaults_registered = False


def _register_defaults() -> None:
    """The registers' own prefills, registered on first use (once: the campaign functions are closures)."""
    global _defaults_registered
    if _defaults_registered:
        return
    _defaults_registered = True
    from campaigns.models import Campaign

    k = Campaign.Kind
    register_prefill("1.1.1-a", _registers, label="ทะเบียนคู่มือและมาตรฐานกระบวนงาน",
                     url_name="registers:manuals", with_year=False)
    register_prefill("5.1-a", _registers, label="ทะเบียนรายงานการควบคุมภายในและคู่มือ",
                     url_name="registers:icontrol", with_year=False)
    register_prefill("5.5-a", _registers, label="ทะเบียนสถานที่ทำงานน่าอยู่", url_name="registers:workplace",
                     with_year=False)
    register_prefill("6.1.1-a", _registers, label="ทะเบียนการประชาสัมพันธ์", url_name="registers:publicity",
                     with_year=False)
    register_prefill(("3.1-a", "4.1-a", "4.3-a"), _integrity_events, label="ทะเบียนกิจกรรมรณรงค์",
                     url_name="integrity:event_list", with_year=False)
    register_prefill("4.1-a", _integrity_reminders, label="ทะเบียนการกำชับของผู้บริหาร",
                     url_name="integrity:reminder_list", with_year=False)
    register_prefill("5.3-a", _budget_meetings, label="ทะเบียนการประชุมติดตามการเบิกจ่าย",
                     url_name="budget:meetings")
    register_prefill("2.1-a", _campaign_rows((k.STAFF_PLEDGE, k.VALUES_PARTICIPATION)),
                     label="ทะเบียนการรณรงค์", url_name="campaigns:list", with_year=False)
    register_prefill("2.2-a", _campaign_rows((k.EXECUTIVE_PLEDGE,)), label="ทะเบียนการรณรงค์",
                     url_name="campaigns:list", with_year=False)
    register_prefill("6.1.2-a", _campaign_rows((k.POLICY_AWARENESS,)), label="ทะเบียนการรณรงค์",
                     url_name="campaigns:list", with_year=False)
