"""The supervising bodies' roll-up as JSON: the agencies the caller supervises (the policy's
"national.rollup"), each with its current round, slots sent of those expected, late units and indicator
verdicts, exactly as the page /national/ shows them."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from accounts.policy import require
from api.auth import AUTH
from api.params import Offset, SearchText, text
from api.schemas import errors
from reports.national import indicator_counts, rounds_of, supervised_statuses

router = Router(tags=["ภาพรวมส่วนราชการ (หน่วยงานกำกับ)"], auth=AUTH)
AUTHED = (401, 403)
# Each row's indicator verdicts are read from the kept values, a few queries a row: a smaller page than
# the API's other lists.
ROLLUP_PAGE_MAX = 100
RollupLimit = Annotated[int, Field(ge=1, le=ROLLUP_PAGE_MAX,
                                   description=f"จำนวนรายการต่อหน้า 1–{ROLLUP_PAGE_MAX}")]
Ministry = text(255, "กระทรวง")
ROW_FIELDS = ("agency_id", "code", "name", "ministry", "round_id", "round_name", "round_status",
              "fiscal_year", "due_on", "slots", "sent", "late_units", "status")


class IndicatorCountsOut(Schema):
    met: int
    not_met: int
    not_yet_due: int
    other: int
    pending: int
    total: int
    kept_at: datetime.datetime | None


class AgencyStatusOut(Schema):
    agency_id: int
    code: str
    name: str
    ministry: str
    round_id: int | None
    round_name: str
    round_status: str
    fiscal_year: int | None
    due_on: datetime.date | None
    slots: int
    sent: int
    late_units: int
    status: str
    indicators: IndicatorCountsOut | None
    round_url: str | None


class RollupOut(Schema):
    read_at: datetime.datetime
    total: int
    items: list[AgencyStatusOut]


@router.get(
    "/national/agencies",
    response={200: RollupOut, **errors(*AUTHED, 422)},
    summary="ภาพรวมการรายงานของส่วนราชการที่กำกับ",
    description=("หนึ่งรายการต่อส่วนราชการ: รอบการรายงานปัจจุบัน จำนวนรายงานของหน่วยงานที่ส่งแล้ว (slots = ที่ต้องส่ง) "
                 "จำนวนหน่วยงานที่ส่งล่าช้า และผลตัวชี้วัด (pending = ตัวชี้วัดที่คำนวณจากระบบแต่ยังไม่มีค่าที่คำนวณไว้) "
                 "status: incomplete, complete, late (ใช้กรองเท่านั้น), no_round; read_at = เวลาที่อ่านข้อมูลการส่ง"),
)
def national_agencies(request, ministry: Ministry = "", q: SearchText = "",
                      status: Literal["", "incomplete", "complete", "late", "no_round"] = "",
                      limit: RollupLimit = 25, offset: Offset = 0):
    require(request.auth, "national.rollup", message="เฉพาะหน่วยงานกำกับจึงจะดูภาพรวมของทุกส่วนราชการได้")
    rows, _, read_at = supervised_statuses(request.auth, ministry=ministry.strip(), q=q, status=status)
    page = rows[offset: offset + limit]
    rounds = rounds_of(page)
    items = []
    for row in page:
        counts = indicator_counts(rounds[row.round_id]) if row.round_id in rounds else None
        items.append({
            **{name: getattr(row, name) for name in ROW_FIELDS},
            "indicators": vars(counts) if counts else None,
            "round_url": reverse("reports:round", args=[row.round_id]) if row.round_id else None,
        })
    return {"read_at": read_at, "total": len(rows), "items": items}
