"""Turn flags into Thai sentences for the project page: what was found, with the numbers behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from core.thai import format_be

from .contacts import KIND_LABELS
from .ocds import ordinal_to_iso, parse_instant
from .rules import cardinal_texts, thai_rules

MAX_LISTED = 5


@dataclass(frozen=True)
class Flag:
    """One raised flag. `data` holds the facts the sentence was written from (amounts, dates, counts, ids)."""

    id: str
    title: str
    explanation: str
    data: dict[str, Any] = field(default_factory=dict)
    group: str = "OCID"
    key: str = ""
    value: float = 0.0
    description: str = ""


@cache
def _texts() -> dict[str, dict[str, str]]:
    texts = {code: dict(entry) for code, entry in cardinal_texts().items()}
    for rule in thai_rules():
        texts[rule.id] = {
            "title": rule.title,
            "description": rule.description,
            "explanation": rule.explanation,
        }
        if rule.party_explanation:
            texts[rule.id]["party_explanation"] = rule.party_explanation
    for entry in texts.values():
        for key in ("description", "explanation", "party_explanation"):
            if key in entry:
                entry[key] = " ".join(entry[key].split())
    return texts


def cardinal_text(code: str) -> dict[str, str]:
    """The Thai title, description and explanation template of one indicator."""
    return dict(_texts()[code])


def money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return "-"
    unit = "บาท" if currency in (None, "THB") else currency
    return f"{amount:,.2f} {unit}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:,.2f}"


def plain_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def thai_date(value: Any) -> str:
    """A date-time string, date or day ordinal in B.E. ("31 ม.ค. 2567"); unparseable text is shown as is."""
    if isinstance(value, int):
        value = ordinal_to_iso(value)
    if isinstance(value, (date, datetime)):
        return format_be(value, "abbr")
    if isinstance(value, str):
        try:
            if parse_instant(value) is not None:
                try:
                    return format_be(datetime.fromisoformat(value), "abbr")
                except ValueError:
                    return format_be(datetime.fromisoformat(value[:19]), "abbr")
            return format_be(date.fromisoformat(value[:10]), "abbr")
        except ValueError:
            return value
    return "-"


class _Namer:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def __call__(self, ident: str | None) -> str:
        if ident is None:
            return "-"
        name = self.names.get(ident)
        return f"{name} ({ident})" if name and name != ident else ident

    def many(self, idents: list[str]) -> str:
        shown = [self(i) for i in idents[:MAX_LISTED]]
        if len(idents) > MAX_LISTED:
            shown.append(f"และอีก {len(idents) - MAX_LISTED} ราย")
        return " และ ".join(shown) if len(shown) == 2 else ", ".join(shown)


def _ocid_list(ocids: list[str]) -> str:
    shown = ", ".join(ocids[:MAX_LISTED])
    return shown + (f" และอีก {len(ocids) - MAX_LISTED} โครงการ" if len(ocids) > MAX_LISTED else "")


def _r003_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"days": data["days"], "threshold": data["threshold"], "start": thai_date(data["start"]),
            "end": thai_date(data["end"])}


def _r018_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    details = data.get("procurement_method_details")
    method = data.get("procurement_method")
    if isinstance(details, str) and details:
        return {"method": details}
    return {"method": METHOD_LABELS.get(method, method or "-")}


def _second_lowest_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"winner": name(data["winner"]), "runner_up": name(data["runner_up"]),
            "winner_amount": money(data["winner_amount"], data["currency"]),
            "runner_up_amount": money(data["runner_up_amount"], data["currency"]),
            "percent": percent(value), "fence_percent": percent(data["fence"])}


def _r025_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"bids": data["bids"], "won": data["won"], "percent": percent(value),
            "fence_percent": percent(data["fence"]), "top_fence": plain_number(data["top_fence"])}


def _r028_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    sentences = [f"{name.many(p['tenderers'])} เสนอราคาเท่ากันที่ {money(p['amount'], p['currency'])}"
                 for p in data["prices"]]
    return {"prices": "; ".join(sentences)}


def _r030_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    late = [f"{name(item['tenderer'])} ยื่นข้อเสนอเมื่อ {thai_date(item['date'])}" for item in data["late"]]
    return {"late": ", ".join(late), "end_date": thai_date(data["end_date"])}


def _r035_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"count": len(data["disqualified"]), "disqualified": name.many(data["disqualified"]),
            "winner": name(data["winner"])}


def _r036_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"lowest": money(data["lowest"], data["currency"])}


def _r038_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"disqualified": data["disqualified"], "submitted": data["submitted"], "percent": percent(value),
            "fence_percent": percent(data["fence"])}


def _r048_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"processes": data["processes"], "variety": plain_number(value),
            "prefixes": ", ".join(data["prefixes"]), "fence": plain_number(data["fence"])}


def _th01_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return {"awarded": money(data["awarded"], data["currency"]),
            "reference": money(data["reference"], data["currency"]), "percent": percent(value),
            "threshold_percent": percent(data["threshold"])}


def _th02_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    return dict(data)


def _th03_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    pairs = ((data["buyer"], data.get("buyer_name")), (data["supplier"], data.get("supplier_name")))
    names = _Namer({**name.names, **{k: v for k, v in pairs if v}})
    return {"supplier": names(data["supplier"]), "buyer": names(data["buyer"]), "wins": data["wins"],
            "total": data["total"], "percent": percent(value), "minimum_wins": data["minimum_wins"],
            "share_percent": percent(data["minimum_share"])}


def _th04_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    extra = {data["buyer"]: data.get("buyer_name")}
    if data["kind"] == "supplier":
        extra[data["key"]] = data.get("key_name")
    names = _Namer({**name.names, **{k: v for k, v in extra.items() if v}})
    counterparty = f"จาก {names(data['key'])}" if data["kind"] == "supplier" else f"สินค้าหมวด {data['key']}"
    currency = data["currency"]
    return {"buyer": names(data["buyer"]), "counterparty": counterparty, "count": data["count"],
            "span": data["last_day"] - data["first_day"], "first": thai_date(data["first_day"]),
            "last": thai_date(data["last_day"]), "low": money(data["low"], currency),
            "high": money(data["high"], currency), "threshold": money(data["threshold"], currency),
            "method": data["method"], "total": money(data["total"], currency)}


def _th05_fields(value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    sentences = [f"{name.many(link['tenderers'])} ใช้{KIND_LABELS[link['kind']]}เดียวกัน ({link['value']})"
                 for link in data["links"]]
    return {"links": "ผู้ยื่นข้อเสนอ " + "; ".join(sentences)}


# Each code's placeholder values; a code not listed has none.
_FIELD_BUILDERS = {
    "R003": _r003_fields,
    "R018": _r018_fields,
    "R024": _second_lowest_fields,
    "R058": _second_lowest_fields,
    "R025": _r025_fields,
    "R028": _r028_fields,
    "R030": _r030_fields,
    "R035": _r035_fields,
    "R036": _r036_fields,
    "R038": _r038_fields,
    "R048": _r048_fields,
    "TH01": _th01_fields,
    "TH02": _th02_fields,
    "TH03": _th03_fields,
    "TH04": _th04_fields,
    "TH05": _th05_fields,
}


def _fields(code: str, value: float, data: dict[str, Any], name: _Namer) -> dict[str, Any]:
    """Placeholder values for the code's template, formatted for reading."""
    if "ocids" in data and len(data) == 1:  # an organization flagged because of particular processes
        return {"count": len(data["ocids"]), "ocids": _ocid_list(data["ocids"])}
    builder = _FIELD_BUILDERS.get(code)
    return builder(value, data, name) if builder is not None else {}


# OCDS method codes in Thai words, for data that does not carry the Thai method name
# (procurementMethodDetails).
METHOD_LABELS = {"open": "วิธีประกาศเชิญชวนทั่วไป", "selective": "วิธีคัดเลือก", "limited": "วิธีเฉพาะเจาะจง",
                 "direct": "วิธีเฉพาะเจาะจง"}


def build_flags(result: Any, group: str, key: str, names: dict[str, str] | None = None) -> list:
    texts = _texts()
    flags = []
    for code, value in result.get(group, {}).get(key, {}).items():
        text = texts.get(code, {"title": code, "explanation": ""})
        data = result.details.get((group, key, code), {})
        if data.get("names"):
            namer = _Namer({**data["names"], **(names or {})})
        else:
            namer = _Namer(names or {})
        template = text.get("explanation", "")
        if "ocids" in data and len(data) == 1:
            template = text.get("party_explanation", template)
        try:
            sentence = template.format(**_fields(code, value, data, namer))
        except (KeyError, IndexError, ValueError):
            sentence = text.get("description", "")
        flags.append(
            Flag(
                id=code,
                title=text.get("title", code),
                explanation=sentence,
                data=data,
                group=group,
                key=key,
                value=value,
                description=text.get("description", ""),
            )
        )
    return flags
