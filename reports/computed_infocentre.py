"""Computed indicators over the information centre (infocentre): 1.3.2-a (disclosure analysis, new items
sent to ศสท., units' websites linking back) and 1.1.2-a (participation processes opened)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from core.thai import format_be
from infocentre import selectors
from org.selectors import resolve_unit_group
from reports.computed import Computation, Inputs, _now, computation


def _names(units, limit: int = 8) -> str:
    names = [u.short_name for u in units]
    return ", ".join(names[:limit]) + (f" และอีก {len(names) - limit} หน่วยงาน" if len(names) > limit else "")


def _units(inputs: Inputs, default: str):
    rule = inputs.params.get("units") or default
    return list(resolve_unit_group(agency=inputs.agency, rule=rule).order_by("path"))


@computation("info_analysis_central")
def info_analysis_central(inputs: Inputs) -> Computation:
    """1.3.2-a/1: done when every central unit filed its analysis of the information it must disclose."""
    fy = inputs.fiscal_year
    units = _units(inputs, "all_central")
    filed = selectors.analyses(fy, units)
    missing = [u for u in units if u.pk not in filed]
    records = [(f"{a.unit.short_name}: วิเคราะห์เมื่อ {format_be(a.filed_on)}", reverse("infocentre:manage"))
               for a in filed.values()]
    if not units:
        return Computation(None, [], "ไม่มีหน่วยงานส่วนกลางในระบบ", _now())
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} หน่วยงานส่วนกลางบันทึกผลวิเคราะห์ข้อมูลที่ต้องเปิดเผย "
                f"{len(filed)} จาก {len(units)} หน่วยงาน")
    if missing:
        sentence += f" ยังไม่บันทึก: {_names(missing)}"
    dates = [a.filed_on for a in filed.values()]
    return Computation(not missing, records, sentence, _now(), max(dates) if dates and not missing else None)


@computation("info_items_sent")
def info_items_sent(inputs: Inputs) -> Computation:
    """1.3.2-a/2: units sent new items to ศสท. in the fiscal year (done when at least one was sent)."""
    fy = inputs.fiscal_year
    by_unit = selectors.year_submissions_by_unit(inputs.agency, fy)
    docs = [d for ds in by_unit.values() for d in ds]
    records = [(f"{d.unit.short_name}: {d.title} "
                f"(ส่งเมื่อ {format_be(d.submitted_on)}, {d.get_status_display()})",
                reverse("infocentre:document", args=[d.pk])) for d in docs]
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} หน่วยงานส่งข้อมูล/ความรู้ใหม่ให้ ศสท. {len(docs)} รายการ จาก "
                f"{len(by_unit)} หน่วยงาน" if docs else f"ปีงบประมาณ พ.ศ. {fy} ยังไม่มีหน่วยงานส่งข้อมูลให้ ศสท.")
    first = min((d.submitted_on for d in docs), default=None)
    return Computation(bool(docs), records, sentence, _now(), first)


@computation("info_linkback_share")
def info_linkback_share(inputs: Inputs) -> Computation:
    """1.3.2-a/3: percent of units whose own website link back is recorded and answered when last checked
    (reports.evidence.check_link)."""
    units = _units(inputs, "all")
    links = selectors.linkbacks(units)
    good = [u for u in units if u.pk in links and links[u.pk].answers]
    records = [(f"{u.short_name}: {links[u.pk].url}", links[u.pk].url) for u in good]
    if not units:
        return Computation(None, [], "ไม่มีหน่วยงานในระบบ", _now())
    share = (Decimal(len(good)) * 100 / len(units)).quantize(Decimal("0.01"))
    recorded = sum(1 for u in units if u.pk in links)
    sentence = (f"หน่วยงานที่บันทึกลิงก์เชื่อมโยงแล้ว {recorded} จาก {len(units)} หน่วยงาน ตรวจแล้วเปิดได้ "
                f"{len(good)} หน่วยงาน (ร้อยละ {share:.2f})")
    return Computation(share, records, sentence, _now())


@computation("participation_processes")
def participation_processes(inputs: Inputs) -> Computation:
    """1.1.2-a/1: participation processes/projects opened in the fiscal year. The plan's target changes by
    year (Indicator.target_for_year): "department" scope (2560, at least one in all) gives the department's
    total; "per_unit" (2561–2564, each unit one) gives the count of the unit with the fewest, so the one
    value compared with the target is met exactly when every unit opened one. The units are the activity's
    implementing units, or its host units where the plan names no implementing units."""
    fy = inputs.fiscal_year
    target = inputs.indicator.target_for_year(fy)
    per_unit = target.get("scope") == "per_unit"
    activity = inputs.indicator.activity
    from plans.selectors import implementing_units

    units = list(implementing_units(activity).order_by("path")) if per_unit else []
    if per_unit and not units:
        units = list(activity.host_units.order_by("path"))
    by_unit = selectors.consultations_by_unit(fy, units if per_unit else None)
    items = [c for cs in by_unit.values() for c in cs]
    records = [(f"{c.unit.short_name}: {c.title} ({format_be(c.opens_on)} – {format_be(c.closes_on)})",
                reverse("infocentre:consultation", args=[c.pk])) for c in items]
    first = min((c.opens_on for c in items), default=None)
    if not per_unit:
        return Computation(len(items), records, f"ปีงบประมาณ พ.ศ. {fy} เปิดรับฟังความคิดเห็นรวม {len(items)} "
                           "กระบวนการ/โครงการ", _now(), first)
    if not units:
        return Computation(None, [], "ไม่มีหน่วยงานที่ตัวชี้วัดนี้กำหนด", _now())
    counts = {u.pk: len(by_unit.get(u.pk, [])) for u in units}
    missing = [u for u in units if counts[u.pk] == 0]
    sentence = (f"ปีงบประมาณ พ.ศ. {fy} หน่วยงานที่เปิดรับฟังความคิดเห็นอย่างน้อย ๑ กระบวนการ/โครงการ "
                f"{len(units) - len(missing)} จาก {len(units)} หน่วยงาน")
    if missing:
        sentence += f" ยังไม่มี: {_names(missing)}"
    sentence += " — ค่าที่ใช้เทียบเป้าหมายคือจำนวนของหน่วยงานที่เปิดน้อยที่สุด"
    return Computation(min(counts.values()), records, sentence, _now(), first)
