"""Bounded types for every path and query parameter of the API. Each bound is one the database or the domain
sets: ids fit the primary key, a page is at most 500 rows, fiscal years are Buddhist Era years the system can
date, and text is short and free of NUL (PostgreSQL refuses it). Input outside them is answered 422 before
any query runs."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from core.thai import BE_OFFSET, MAX_BE_YEAR, MIN_BE_YEAR, be_year

ID_MAX = 2**63 - 1  # BigAutoField
PAGE_MAX = 500
PAGE_DEFAULT = 100
OFFSET_MAX = 1_000_000
NO_NUL = r"^[^\x00]*$"

# Fiscal years are B.E.; a C.E. year of the same span (as other systems send) is converted, so 2025 reads as
# 2568. Years between the two spans are neither and are refused.
FISCAL_YEAR_MIN_CE = MIN_BE_YEAR - BE_OFFSET + 1
FISCAL_YEAR_MAX_CE = MAX_BE_YEAR - BE_OFFSET


def _fiscal_year_be(value: int) -> int:
    if FISCAL_YEAR_MIN_CE <= value <= FISCAL_YEAR_MAX_CE:
        return be_year(value)
    if MIN_BE_YEAR < value <= MAX_BE_YEAR:
        return value
    raise ValueError(
        f"ปีงบประมาณต้องเป็นปี พ.ศ. {MIN_BE_YEAR + 1}–{MAX_BE_YEAR} (หรือ ค.ศ. "
        f"{FISCAL_YEAR_MIN_CE}–{FISCAL_YEAR_MAX_CE})"
    )


ObjectId = Annotated[int, Field(ge=1, le=ID_MAX, description="รหัส (จำนวนเต็มบวก)")]
Limit = Annotated[int, Field(ge=1, le=PAGE_MAX, description=f"จำนวนรายการต่อหน้า 1–{PAGE_MAX}")]
Offset = Annotated[int, Field(ge=0, le=OFFSET_MAX, description="ข้ามรายการไปกี่รายการ (เริ่มที่ 0)")]
FiscalYear = Annotated[
    int,
    Field(ge=FISCAL_YEAR_MIN_CE, le=MAX_BE_YEAR,
          description=f"ปีงบประมาณ พ.ศ. เช่น 2568 (ปี ค.ศ. {FISCAL_YEAR_MIN_CE}–{FISCAL_YEAR_MAX_CE} แปลงเป็น "
          "พ.ศ. ให้)"),
    AfterValidator(_fiscal_year_be),
]


def text(max_length: int, description: str = ""):
    """A short text parameter: bounded, and without NUL."""
    return Annotated[str, Field(max_length=max_length, pattern=NO_NUL, description=description or None)]


Code = text(50)
SearchText = text(200, "คำค้น")
