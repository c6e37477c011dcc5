"""Computed indicators over the integrity registers (integrity.selectors): campaigns on conflict of interest
judged on their dates, executives' reminders per quarter, the yearly CoI report presented to the executive,
executives' issuances reviewed clean and the discipline cases completed (counts only)."""

from __future__ import annotations

from django.urls import reverse

from core.thai import fiscal_year_bounds, format_be
from integrity.selectors import (
    clean_share,
    coi_report,
    executives_standing,
    march_end,
    quarter_bounds,
    year_cases_completed,
    year_events,
    year_reminders,
)
from reports.computed import Computation, Inputs, _now, computation


@computation("coi_campaign_by_march")
def coi_campaign_by_march(inputs: Inputs) -> Computation:
    """Plan 3.1-a ๑, 4.1-a, 4.3-a: at least one campaign in the fiscal year, held by 31 March. The value
    counts the events up to the end of March; the date is the first of them, for the deadline."""
    fy = inputs.fiscal_year
    deadline = march_end(fy)
    events = list(year_events(inputs.agency, fy))
    in_time = [e for e in events if e.held_on <= deadline]
    late = [e for e in events if e.held_on > deadline]
    records = [
        (
            f"{e.title} ({format_be(e.held_on)}, {e.unit.short_name}, ผู้เข้าร่วม {e.attendance} คน)",
            reverse("integrity:event_detail", args=[e.pk]),
        )
        for e in in_time
    ]
    records += [
        (
            f"{e.title} ({format_be(e.held_on)} หลังเดือนมีนาคม ไม่นับ)",
            reverse("integrity:event_detail", args=[e.pk]),
        )
        for e in late
    ]
    if in_time:
        sentence = (
            f"มีกิจกรรมรณรงค์เรื่องผลประโยชน์ทับซ้อนภายในเดือนมีนาคม ({format_be(deadline)}) "
            f"{len(in_time)} ครั้ง ครั้งแรกเมื่อ {format_be(in_time[0].held_on)}"
        )
    else:
        sentence = f"ยังไม่มีกิจกรรมรณรงค์เรื่องผลประโยชน์ทับซ้อนภายในเดือนมีนาคม ({format_be(deadline)})"
    if late:
        sentence += f" กิจกรรมหลังเดือนมีนาคมอีก {len(late)} ครั้งไม่นับ เพราะตัวชี้วัดกำหนดให้ดำเนินการภายในเดือนมีนาคม"
    return Computation(len(in_time), records, sentence, _now(), in_time[0].held_on if in_time else None)


def _elapsed_quarters(fiscal_year: int, today) -> int:
    return sum(1 for q in range(1, 5) if quarter_bounds(fiscal_year, q)[1] < today)


@computation("executive_reminders_per_quarter")
def executive_reminders_per_quarter(inputs: Inputs) -> Computation:
    """Plan 4.1-a ๒: an executive reminds the executive meeting at least once a quarter. The verdict
    multiplies the per-quarter target by the quarters that have ended, so the value is the number of ended
    quarters that had at least one reminder (several in one quarter do not make up for a missing one)."""
    fy = inputs.fiscal_year
    reminders = list(year_reminders(inputs.agency, fy))
    elapsed = _elapsed_quarters(fy, inputs.date)
    covered, missing = [], []
    for q in range(1, elapsed + 1):
        first, last = quarter_bounds(fy, q)
        (covered if any(first <= r.met_on <= last for r in reminders) else missing).append(q)
    records = [
        (
            f"{r.meeting} วาระที่ {r.agenda_item} ({format_be(r.met_on)}) {r.executive}",
            reverse("integrity:reminder_detail", args=[r.pk]),
        )
        for r in reminders
    ]
    sentence = (
        f"ผู้บริหารกำชับในที่ประชุมผู้บริหาร {len(reminders)} ครั้ง ครอบคลุม {len(covered)} "
        f"จาก {elapsed} ไตรมาสที่ผ่านไปแล้วของปีงบประมาณ พ.ศ. {fy}"
    )
    if missing:
        sentence += " ไตรมาสที่ไม่มีการกำชับ: " + " ".join(f"ไตรมาสที่ {q}" for q in missing)
    latest = reminders[-1].met_on if reminders else None
    return Computation(len(covered), records, sentence, _now(), latest)


@computation("coi_year_report_presented")
def coi_year_report_presented(inputs: Inputs) -> Computation:
    """Plan 3.1-a ๒: the yearly summary of the CoI regulation is generated from the registers and recorded
    as presented to the executive, with the date."""
    fy = inputs.fiscal_year
    report = coi_report(inputs.agency, fy)
    if report is None:
        return Computation(0, [], f"ยังไม่ได้จัดทำรายงานสรุปผลการป้องกันผลประโยชน์ทับซ้อนปีงบประมาณ พ.ศ. {fy}", _now())
    records = [(str(report), reverse("integrity:coi_report", args=[fy]))]
    if report.presented_on is None:
        return Computation(0, records, "จัดทำรายงานสรุปผลแล้ว แต่ยังไม่ได้บันทึกการเสนอผู้บริหาร", _now())
    to = f" ({report.presented_to})" if report.presented_to else ""
    return Computation(
        1,
        records,
        f"เสนอรายงานสรุปผลต่อผู้บริหาร{to}เมื่อ {format_be(report.presented_on)}",
        _now(),
        report.presented_on,
    )


@computation("executive_issuances_clean")
def executive_issuances_clean(inputs: Inputs) -> Computation:
    """Plan 3.3.1-a: the share of executives none of whose issuances in the year favours officials, service
    users or stakeholders — every issuance reviewed and found clean (an unreviewed one does not count as
    clean). Executives who issued nothing in the year are not in the count."""
    fy = inputs.fiscal_year
    standing = executives_standing(inputs.agency, fy)
    share = clean_share(standing)
    start, end = fiscal_year_bounds(fy)
    link = reverse("integrity:issuance_list") + f"?fy={fy}"
    records = []
    for e in standing:
        state = (
            "ตรวจแล้วไม่พบการเอื้อประโยชน์ทุกเรื่อง"
            if e.clean
            else (f"พบประเด็น {e.flagged} เรื่อง" if e.flagged else f"ยังไม่ได้ตรวจ {e.unreviewed} เรื่อง")
        )
        records.append((f"{e.name} {e.position}: ออก {len(e.issuances)} เรื่อง {state}", link))
    if share is None:
        sentence = f"ยังไม่มีการบันทึกการออกกฎ ระเบียบ ประกาศ นโยบาย แผนงาน หรือโครงการของผู้บริหารปีงบประมาณ พ.ศ. {fy}"
    else:
        clean = sum(1 for e in standing if e.clean)
        sentence = (
            f"ผู้บริหารที่ออกกฎ ระเบียบ ประกาศ นโยบาย แผนงาน หรือโครงการระหว่าง {format_be(start)} ถึง "
            f"{format_be(end)} {len(standing)} คน ทุกเรื่องได้รับการตรวจและไม่พบการเอื้อประโยชน์ {clean} คน "
            f"(ร้อยละ {share}) เรื่องที่ยังไม่ได้ตรวจไม่นับเป็นผ่าน"
        )
    return Computation(share, records, sentence, _now())


@computation("discipline_cases_completed")
def discipline_cases_completed(inputs: Inputs) -> Computation:
    """Plan 3.3.3-a: the discipline and investigation cases completed in the fiscal year — a count only;
    the link opens the counts page, never a case."""
    fy = inputs.fiscal_year
    count = year_cases_completed(inputs.agency, fy)
    records = [
        (
            f"สถิติเรื่องวินัยและการสอบสวน ปีงบประมาณ พ.ศ. {fy} (จำนวนเท่านั้น)",
            reverse("integrity:discipline_counts") + f"?fy={fy}",
        )
    ]
    sentence = (
        f"เรื่องวินัยและการสอบสวนที่ดำเนินการแล้วเสร็จในปีงบประมาณ พ.ศ. {fy} {count} เรื่อง "
        "(นับจากทะเบียนเรื่องวินัย ซึ่งเปิดเผยเฉพาะจำนวน)"
    )
    return Computation(count, records, sentence, _now())
