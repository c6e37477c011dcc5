"""Thai words for codes that the OCDS data keeps for machines (currency, release tags); the data and the
exports keep the codes themselves."""

from __future__ import annotations

from django import template

register = template.Library()

CURRENCY_LABELS = {"THB": "บาท", "USD": "ดอลลาร์สหรัฐ", "EUR": "ยูโร"}

# The OCDS release tag codelist, as a person reads it on a project page.
RELEASE_TAG_LABELS = {
    "planning": "แผนการจัดซื้อจัดจ้าง",
    "planningUpdate": "ปรับปรุงข้อมูลแผนหรือโครงการ",
    "tender": "ประกาศเชิญชวน",
    "tenderAmendment": "แก้ไขประกาศเชิญชวน",
    "tenderUpdate": "ปรับปรุงข้อมูลการเสนอราคา",
    "tenderCancellation": "ยกเลิกประกาศเชิญชวน",
    "award": "ประกาศผู้ได้รับการคัดเลือก",
    "awardUpdate": "ปรับปรุงข้อมูลผลการคัดเลือก",
    "awardCancellation": "ยกเลิกผลการคัดเลือก",
    "contract": "ลงนามสัญญา",
    "contractUpdate": "ปรับปรุงข้อมูลสัญญา",
    "contractAmendment": "แก้ไขสัญญา",
    "implementation": "การดำเนินงานตามสัญญา",
    "implementationUpdate": "ปรับปรุงข้อมูลการดำเนินงานตามสัญญา",
    "contractTermination": "สิ้นสุดสัญญา",
    "compiled": "ข้อมูลรวมล่าสุด",
}


@register.filter
def currency_label(code: str | None) -> str:
    """ "THB" (or no code) → "บาท"; an unknown code is shown as it is."""
    code = (code or "THB").strip().upper()
    return CURRENCY_LABELS.get(code, code)


@register.filter
def release_tags(tags) -> str:
    """A release's tags in Thai, e.g. ["tenderUpdate"] → "ปรับปรุงข้อมูลการเสนอราคา"."""
    if isinstance(tags, str):
        tags = [tags]
    return ", ".join(RELEASE_TAG_LABELS.get(tag, tag) for tag in tags or [])
