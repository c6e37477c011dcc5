"""Computed indicators of the acknowledgement campaigns (the plan's "ร้อยละ ๑๐๐" of pledges and awareness).

Each share is counted against the roster as of one date: the round's as-of date, capped at the fiscal year's
last day (outside a round: today, capped the same way). A person counts when they
acknowledged any campaign of the kind in that fiscal year; units count through their own acknowledgement.
The records are the campaigns' pages, which list who has not acknowledged yet.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.selectors import as_of_for, share, year_campaigns
from core.thai import format_be, to_thai_digits
from reports.computed import Computation, Inputs, _now, computation

K, A = Campaign.Kind, Campaign.Audience


def _share(inputs: Inputs, kind: str, audience: str, *, people: str, what: str) -> Computation:
    fy = inputs.fiscal_year
    day = as_of_for(fy, inputs.as_of)
    campaigns = year_campaigns(inputs.agency, fy, kind)
    records = [(f"{c.title} (รายชื่อผู้ที่ยังไม่ดำเนินการ)", reverse("campaigns:detail", args=[c.pk]))
               for c in campaigns]
    if not campaigns:
        return Computation(None, [], f"ยังไม่มีการรณรงค์{what}ของปีงบประมาณ พ.ศ. {fy} ในระบบ", _now())
    counted = share(campaigns, audience, inputs.agency, day)
    if not counted.total:
        return Computation(None, records, f"ยังไม่มี{people}ในบัญชีรายชื่อ ณ วันที่ {format_be(day)}", _now())
    percent = counted.percent.quantize(Decimal("0.01"))
    unit_word = "หน่วยงาน" if audience == A.UNITS else "คน"
    sentence = (f"{what} {to_thai_digits(counted.done)} จาก {to_thai_digits(counted.total)} {unit_word} "
                f"(ร้อยละ {to_thai_digits(f'{percent:.2f}')}) ตาม{people}ในบัญชีรายชื่อ ณ วันที่ {format_be(day)}")
    if counted.done < counted.total:
        sentence += f" ยังไม่ดำเนินการ {to_thai_digits(counted.total - counted.done)} {unit_word}"
    last = max((a.at for c in campaigns for a in c.acknowledgements.all()), default=None)
    return Computation(percent, records, sentence, _now(), timezone.localtime(last).date() if last else None)


@computation("staff_pledge_share")
def staff_pledge_share(inputs: Inputs) -> Computation:
    """Plan 2.1-a ๑: every staff member pledges "ซื่อตรงต่อหน้าที่ มีวินัย โปร่งใส ไร้ทุจริต"."""
    return _share(inputs, K.STAFF_PLEDGE, A.STAFF, people="บุคลากร", what="บุคลากรร่วมแสดงเจตจำนง")


@computation("executive_pledge_share")
def executive_pledge_share(inputs: Inputs) -> Computation:
    """Plan 2.2-a: executives of every level pledge to manage honestly."""
    return _share(inputs, K.EXECUTIVE_PLEDGE, A.EXECUTIVES, people="ผู้บริหาร",
                  what="ผู้บริหารร่วมแสดงเจตจำนง")


@computation("policy_awareness_share")
def policy_awareness_share(inputs: Inputs) -> Computation:
    """Plan 6.1.2-a: staff aware of the integrity and transparency policy."""
    return _share(inputs, K.POLICY_AWARENESS, A.STAFF, people="บุคลากร", what="บุคลากรรับรู้นโยบาย")


@computation("values_participation_share")
def values_participation_share(inputs: Inputs) -> Computation:
    """Plan 2.1-a ๒: every unit takes part in the department's values plan (the unit's own record)."""
    return _share(inputs, K.VALUES_PARTICIPATION, A.UNITS, people="หน่วยงาน",
                  what="หน่วยงานมีส่วนร่วมตามแผนขับเคลื่อนค่านิยม")
