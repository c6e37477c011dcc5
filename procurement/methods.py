"""Thai procurement methods and how each maps onto OCDS.

The Thai method is what officers choose and what the law's thresholds and minimum periods refer to; OCDS only
knows four broad methods, so the Thai label also travels in `tender.procurementMethodDetails`.
"""

from __future__ import annotations

from django.db import models


class Method(models.TextChoices):
    # พ.ร.บ.การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐
    E_BIDDING = "e_bidding", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    E_MARKET = "e_market", "ตลาดอิเล็กทรอนิกส์ (e-market)"
    PRICE_INQUIRY = "price_inquiry", "สอบราคา"
    SELECTION = "selection", "วิธีคัดเลือก"
    SPECIFIC = "specific", "วิธีเฉพาะเจาะจง"
    # ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการพัสดุ พ.ศ. ๒๕๓๕ (before 23 August 2017)
    AGREEMENT = "agreement", "วิธีตกลงราคา"
    BIDDING = "bidding", "วิธีประกวดราคา"
    E_AUCTION = "e_auction", "ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์ (e-auction)"
    SPECIAL = "special", "วิธีพิเศษ"
    SPECIAL_CASE = "special_case", "วิธีกรณีพิเศษ"


OCDS_METHOD = {
    Method.E_BIDDING: "open",
    Method.E_MARKET: "open",
    Method.PRICE_INQUIRY: "open",
    Method.BIDDING: "open",
    Method.E_AUCTION: "open",
    Method.SELECTION: "selective",
    Method.SPECIFIC: "limited",
    Method.AGREEMENT: "limited",
    Method.SPECIAL: "limited",
    Method.SPECIAL_CASE: "direct",
}

REGIME_2560 = {Method.E_BIDDING, Method.E_MARKET, Method.PRICE_INQUIRY, Method.SELECTION, Method.SPECIFIC}

# Labels seen in e-GP exports and in other publishers' procurementMethodDetails, normalised without spaces.
_ALIASES = {
    "e-bidding": Method.E_BIDDING, "ebidding": Method.E_BIDDING, "ประกวดราคาอิเล็กทรอนิกส์": Method.E_BIDDING,
    "ประกวดราคาอิเล็กทรอนิกส์(e-bidding)": Method.E_BIDDING,
    "วิธีประกวดราคาอิเล็กทรอนิกส์(e-bidding)": Method.E_BIDDING,
    "e-market": Method.E_MARKET, "emarket": Method.E_MARKET, "ตลาดอิเล็กทรอนิกส์": Method.E_MARKET,
    "ตลาดอิเล็กทรอนิกส์(e-market)": Method.E_MARKET, "วิธีตลาดอิเล็กทรอนิกส์(e-market)": Method.E_MARKET,
    "สอบราคา": Method.PRICE_INQUIRY, "วิธีสอบราคา": Method.PRICE_INQUIRY,
    "คัดเลือก": Method.SELECTION, "วิธีคัดเลือก": Method.SELECTION,
    "เฉพาะเจาะจง": Method.SPECIFIC, "วิธีเฉพาะเจาะจง": Method.SPECIFIC,
    "ตกลงราคา": Method.AGREEMENT, "วิธีตกลงราคา": Method.AGREEMENT,
    "ประกวดราคา": Method.BIDDING, "วิธีประกวดราคา": Method.BIDDING,
    "e-auction": Method.E_AUCTION, "eauction": Method.E_AUCTION,
    "ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์": Method.E_AUCTION,
    "ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์(e-auction)": Method.E_AUCTION,
    "พิเศษ": Method.SPECIAL, "วิธีพิเศษ": Method.SPECIAL,
    "กรณีพิเศษ": Method.SPECIAL_CASE, "วิธีกรณีพิเศษ": Method.SPECIAL_CASE,
}


def method_from_label(label: str | None) -> Method | None:
    """The Thai method named by a label (our codes, Thai names with or without วิธี, e-GP's English names)."""
    if not label:
        return None
    text = "".join(str(label).split()).lower()
    if text in Method.values:
        return Method(text)
    for method in Method:
        if text == "".join(method.label.split()).lower():
            return method
    return _ALIASES.get(text)


def ocds_method(method: str | None) -> str:
    return OCDS_METHOD.get(method, "") if method else ""
