"""Computed indicators over the registers app: manuals and standards (1.1.1-a, 5.1-a), internal control
reports (5.1-a), healthy workplace (5.5-a) and the publicity log (6.1.1-a).

Per-unit count targets ("อย่างน้อยหน่วยงานละ ๑ …"): the department has one value, and the verdict rules
(reports.achievement.evaluate) compare one value with the target. The value given is therefore the count of
the unit that has the fewest — the target "each unit at least 1" is met exactly when that smallest count is
at least 1 — and the sentence gives how many units meet it, the share, and the units still missing.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from core.thai import format_be
from org.selectors import resolve_unit_group
from registers import selectors
from reports.computed import Computation, Inputs, _now, computation


def _list(path: str, **query) -> str:
    return reverse(path) + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _names(units, limit: int = 8) -> str:
    names = [u.short_name for u in units]
    more = f" และอีก {len(names) - limit} หน่วยงาน" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _per_unit_units(inputs: Inputs):
    """The units an "each unit" indicator concerns: the group named in the params (e.g. all_central) or by
    the indicator's own narrowing to the central units, else the activity's implementing units."""
    rule = inputs.params.get("units")
    if not rule and getattr(inputs.indicator, "unit_group", "") == "central":
        rule = "all_central"  # the plan narrows the indicator to the central units
    if rule:
        return list(resolve_unit_group(agency=inputs.agency, rule=rule).order_by("path"))
    from plans.selectors import implementing_units

    return list(implementing_units(inputs.indicator.activity).order_by("path"))


@computation("manual_reviews_per_unit")
def manual_reviews_per_unit(inputs: Inputs) -> Computation:
    """1.1.1-a / 5.1-a item 2: each unit (or each central unit, `params.units: all_central`) reviewed the
    manual or standard of at least one process in the fiscal year (the reviews register)."""
    fy = inputs.fiscal_year
    units = _per_unit_units(inputs)
    by_unit = selectors.reviewed_processes_by_unit(inputs.agency, fy)
    counts = {u.pk: len(by_unit.get(u.pk, [])) for u in units}
    meeting = [u for u in units if counts[u.pk] >= 1]
    missing = [u for u in units if counts[u.pk] == 0]
    records = []
    for unit in meeting:
        for review in by_unit[unit.pk]:
            records.append((f"{unit.short_name}: {review.process.name} "
                            f"(ทบทวนเมื่อ {format_be(review.reviewed_on)} โดย {review.reviewer})",
                            _list("registers:manuals", unit=unit.pk, fy=fy)))
    if not units:
        return Computation(None, [], "ไม่มีหน่วยงานที่ตัวชี้วัดนี้กำหนด", _now())
    share = Decimal(len(meeting) * 100) / len(units)
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} หน่วยงานที่ทบทวนคู่มือ/มาตรฐานอย่างน้อย ๑ กระบวนงาน {len(meeting)} จาก "
                f"{len(units)} หน่วยงาน (ร้อยละ {share:.2f})")
    if missing:
        sentence += f" ยังไม่มีบันทึกการทบทวน: {_names(missing)}"
    sentence += " — ค่าที่ใช้เทียบเป้าหมายคือจำนวนกระบวนงานของหน่วยงานที่ทบทวนน้อยที่สุด"
    dates = [r.reviewed_on for rs in by_unit.values() for r in rs]
    return Computation(min(counts.values()), records, sentence, _now(), max(dates) if dates else None)


@computation("internal_control_rounds")
def internal_control_rounds(inputs: Inputs) -> Computation:
    """5.1-a item 1: the fiscal year's internal control rounds in which every unit sent its report (a late
    report still counts as sent; the sentence names the late ones)."""
    fy = inputs.fiscal_year
    statuses = selectors.ic_year_status(inputs.agency, fy)
    if not statuses:
        return Computation(None, [], f"ยังไม่ได้กำหนดรอบรายงานการควบคุมภายในปีงบประมาณ พ.ศ. {fy} ในระบบ", _now())
    records, parts = [], []
    for status in statuses:
        link = reverse("registers:icontrol_round", args=[status.round.pk])
        records.append((f"{status.round.get_number_display()}: ส่งแล้ว "
                        f"{len(status.on_time) + len(status.late)} จาก {len(status.expected)} หน่วยงาน", link))
        text = f"{status.round.get_number_display()} ส่งครบ" if status.complete else (
            f"{status.round.get_number_display()} ยังไม่ส่ง {len(status.missing)} หน่วยงาน "
            f"({_names(status.missing)})")
        if status.late:
            text += f" ส่งหลังกำหนด {len(status.late)} หน่วยงาน"
        parts.append(text)
    complete = [s for s in statuses if s.complete]
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} รอบที่ทุกหน่วยงานส่งรายงานการควบคุมภายในครบ {len(complete)} รอบ: "
                + "; ".join(parts))
    last = [max(s.submitted_on for s in st.on_time + st.late) for st in complete if st.on_time or st.late]
    return Computation(len(complete), records, sentence, _now(), max(last) if last else None)


@computation("manual_compliance_report")
def manual_compliance_report(inputs: Inputs) -> Computation:
    """5.1-a item 3: a report on the work done under the main-mission manuals exists for the year."""
    fy = inputs.fiscal_year
    reports = list(selectors.compliance_reports(inputs.agency, fy))
    records = [(f"{r.unit.short_name}: {r.title} ({format_be(r.reported_on)})",
                _list("registers:compliance", fy=fy)) for r in reports]
    if reports:
        sentence = (f"มีรายงานผลการปฏิบัติงานตามคู่มือปีงบประมาณ พ.ศ. {fy} ในระบบ {len(reports)} ฉบับ "
                    f"จาก {len({r.unit_id for r in reports})} หน่วยงาน")
    else:
        sentence = f"ยังไม่มีรายงานผลการปฏิบัติงานตามคู่มือปีงบประมาณ พ.ศ. {fy} ในระบบ"
    return Computation(bool(reports), records, sentence, _now(), reports[0].reported_on if reports else None)


@computation("healthy_workplace_pass_share")
def healthy_workplace_pass_share(inputs: Inputs) -> Computation:
    """5.5-a item 1: percent of the central units whose assessment of the year passed all four criteria at
    the basic level; a central unit without an assessment counts as not passing."""
    fy = inputs.fiscal_year
    central = selectors.central_units(inputs.agency)
    if not central:
        return Computation(None, [], "ไม่มีหน่วยงานส่วนกลางในระบบ", _now())
    ids = {u.pk for u in central}
    assessed = {a.unit_id: a for a in selectors.year_assessments(inputs.agency, fy) if a.unit_id in ids}
    passed = [a for a in assessed.values() if a.passed]
    failed = [a for a in assessed.values() if not a.passed]
    missing = [u for u in central if u.pk not in assessed]
    records = [(f"{a.unit.short_name}: {'ผ่าน' if a.passed else 'ไม่ผ่าน'}เกณฑ์ระดับพื้นฐาน "
                f"(ประเมิน {format_be(a.assessed_on)})", _list("registers:workplace", fy=fy))
               for a in sorted(assessed.values(), key=lambda a: a.unit.path)]
    if not assessed:
        return Computation(None, [], f"ยังไม่มีผลการประเมินสถานที่ทำงานน่าอยู่ปีงบประมาณ พ.ศ. {fy} ในระบบ",
                           _now())
    share = (Decimal(len(passed) * 100) / len(central)).quantize(Decimal("0.01"))
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} หน่วยงานส่วนกลางผ่านเกณฑ์ระดับพื้นฐานครบ ๔ ด้าน {len(passed)} จาก "
                f"{len(central)} หน่วยงาน")
    if failed:
        sentence += f" ไม่ผ่าน {len(failed)} หน่วยงาน ({_names([a.unit for a in failed])})"
    if missing:
        sentence += f" ยังไม่มีผลการประเมิน {len(missing)} หน่วยงาน ({_names(missing)}) นับเป็นไม่ผ่าน"
    last = max(a.assessed_on for a in assessed.values())
    return Computation(share, records, sentence, _now(), last)


@computation("healthy_workplace_awards")
def healthy_workplace_awards(inputs: Inputs) -> Computation:
    """5.5-a item 2: awards received in the year by central units that passed the basic level."""
    fy = inputs.fiscal_year
    ids = {u.pk for u in selectors.central_units(inputs.agency)}
    awards = [a for a in selectors.year_awards(inputs.agency, fy)
              if a.assessment.unit_id in ids and a.assessment.passed]
    records = [(f"{a.assessment.unit.short_name}: {a.name}{' ' + a.level if a.level else ''} "
                f"({format_be(a.awarded_on)})", _list("registers:workplace", fy=fy)) for a in awards]
    if awards:
        sentence = (f"ปีงบประมาณ พ.ศ. {fy} หน่วยงานส่วนกลางที่ผ่านเกณฑ์ระดับพื้นฐานได้รับรางวัล {len(awards)} "
                    f"รางวัล จาก {len({a.assessment.unit_id for a in awards})} หน่วยงาน")
    else:
        sentence = f"ยังไม่มีรางวัลของหน่วยงานส่วนกลางที่ผ่านเกณฑ์ระดับพื้นฐานปีงบประมาณ พ.ศ. {fy} ในระบบ"
    return Computation(len(awards), records, sentence, _now(), awards[-1].awarded_on if awards else None)


@computation("publicity_channels")
def publicity_channels(inputs: Inputs) -> Computation:
    """6.1.1-a: distinct channels through which integrity communication went out in the year (each named
    "other" channel counts once)."""
    fy = inputs.fiscal_year
    entries = selectors.year_publicity(inputs.agency, fy)
    channels: dict[str, list] = {}
    for entry in entries:
        channels.setdefault(entry.channel_key, []).append(entry)
    records = [(f"{items[0].channel_label}: {len(items)} ครั้ง (ครั้งแรก {format_be(items[0].published_on)} "
                f"{items[0].title})", _list("registers:publicity", fy=fy, channel=items[0].channel))
               for items in channels.values()]
    if entries:
        sentence = (f"ปีงบประมาณ พ.ศ. {fy} เผยแพร่ประชาสัมพันธ์ด้านคุณธรรมและความโปร่งใส {len(entries)} ครั้ง "
                    f"ผ่าน {len(channels)} ช่องทาง ("
                    + ", ".join(items[0].channel_label for items in channels.values()) + ")")
    else:
        sentence = f"ยังไม่มีบันทึกการเผยแพร่ประชาสัมพันธ์ปีงบประมาณ พ.ศ. {fy} ในระบบ"
    return Computation(len(channels), records, sentence, _now(),
                       entries[-1].published_on if entries else None)
