"""Thai names of people and companies: normalising them and deciding when two names are the same.

Traps handled here (see the project's Thai-stack notes): rapidfuzz's `default_process` and Python's `\\w` both
destroy Thai vowel and tone marks, so neither is used; titles are stacked (ว่าที่ ร.ต. ดร. นาย…) and written with
or without spaces; legal forms appear anywhere in a company name.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from core.thai import to_arabic_digits

MATCH_CUTOFF = 85.0
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
# Marks that cannot start a word: a title is not stripped if the rest would begin with one.
_COMBINING = set("ัิีึืฺุู็่้๊๋์ํ๎ะาำๅ")

PERSON_TITLES = sorted({
    "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ร้อยโท", "ว่าที่ร้อยเอก", "ว่าที่", "ว่าที่ร.ต.หญิง", "ว่าที่ร.ต.",
    "ว่าที่ร.ท.", "ว่าที่ร.อ.",
    "นางสาว", "น.ส.", "นส.", "นาง", "นาย", "เด็กชาย", "เด็กหญิง", "ด.ช.", "ด.ญ.", "คุณ",
    "ศาสตราจารย์", "รองศาสตราจารย์", "ผู้ช่วยศาสตราจารย์", "ศ.", "รศ.", "ผศ.", "ดร.", "ด.ร.", "ศ.ดร.", "รศ.ดร.",
    "ผศ.ดร.", "นายแพทย์", "แพทย์หญิง", "นพ.", "พญ.", "ทพ.", "ทพญ.", "ภก.", "ภญ.", "สพ.ญ.", "น.สพ.",
    "หม่อมราชวงศ์", "หม่อมหลวง", "หม่อมเจ้า", "ม.ร.ว.", "ม.ล.", "ม.จ.",
    "พลเอก", "พลโท", "พลตรี", "พันเอก", "พันโท", "พันตรี", "ร้อยเอก", "ร้อยโท", "ร้อยตรี", "จ่าสิบเอก", "สิบเอก",
    "พล.อ.", "พล.ท.", "พล.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.", "จ.ส.อ.", "จ.ส.ท.", "จ.ส.ต.",
    "ส.อ.", "ส.ท.", "ส.ต.", "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี", "พันตำรวจเอก", "พันตำรวจโท", "พันตำรวจตรี",
    "ร้อยตำรวจเอก", "ร้อยตำรวจโท", "ร้อยตำรวจตรี", "ดาบตำรวจ", "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.",
    "พ.ต.ท.", "พ.ต.ต.", "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต.", "ด.ต.", "ส.ต.อ.", "ส.ต.ท.", "ส.ต.ต.", "พ.จ.อ.", "น.อ.",
    "น.ท.", "น.ต.", "mr.", "mrs.", "ms.", "miss", "dr.", "mr", "mrs", "ms", "dr", "prof.",
}, key=len, reverse=True)

LEGAL_FORMS = sorted({
    "บริษัทมหาชนจำกัด", "ห้างหุ้นส่วนจำกัด", "ห้างหุ้นส่วนสามัญนิติบุคคล", "ห้างหุ้นส่วนสามัญ", "ห้างหุ้นส่วน",
    "บริษัท", "จำกัด", "(มหาชน)", "มหาชน", "บจก.", "บมจ.", "หจก.", "หสม.", "หสน.", "กิจการร่วมค้า",
    "co.,ltd.", "co.,ltd", "co.ltd.", "co.", "company limited", "public company limited", "limited", "ltd.",
    "ltd", "pcl.", "pcl", "inc.", "inc", "corporation", "corp.", "part., ltd.", "limited partnership",
}, key=len, reverse=True)
_COMPANY_PUNCT = re.compile(r"[.,()\"'`“”‘’\-–—&/]+")


def clean(text: str) -> str:
    """NFC, no zero-width characters, Arabic digits, Thai marks in canonical order, single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = _INVISIBLE.sub("", text)
    text = to_arabic_digits(text)
    from pythainlp.util import normalize as thai_normalize

    text = thai_normalize(text)
    return _SPACES.sub(" ", text).strip()


def _strip_title(text: str) -> str | None:
    lowered = text.lower()
    for title in PERSON_TITLES:
        if lowered.startswith(title):
            rest = text[len(title):].lstrip()
            if len(rest.replace(" ", "")) >= 2 and rest[0] not in _COMBINING:
                return rest
    return None


def person_key(name: str) -> str:
    """Comparison form of a person's name: cleaned, titles removed from the front (stacked ones too)."""
    text = clean(name)
    while True:
        stripped = _strip_title(text)
        if stripped is None:
            break
        text = stripped
    return text.lower()


def company_key(name: str) -> str:
    """Comparison form of a company's name: legal forms and punctuation removed wherever they appear."""
    text = clean(name).lower()
    for form in LEGAL_FORMS:
        if form.isascii():
            # Latin forms only as whole words: "co." must not eat the start of "cocoa".
            text = re.sub(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", " ", text)
        else:
            text = text.replace(form, " ")
    text = _COMPANY_PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def compact(key: str) -> str:
    return key.replace(" ", "")


def valid_thai_id(value: str) -> bool:
    """A 13-digit Thai citizen or juristic-person number with a correct mod-11 check digit."""
    digits = to_arabic_digits(value or "").replace("-", "").replace(" ", "")
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


@dataclass(frozen=True)
class NameMatch:
    score: float
    method: str  # exact | ratio | token_sort
    reason: str

    @property
    def exact(self) -> bool:
        return self.method == "exact" or (self.method == "token_sort" and self.score == 100.0)


def _difference(a: str, b: str) -> str:
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            parts.append(f"'{a[i1:i2] or '∅'}' ↔ '{b[j1:j2] or '∅'}'")
    return ", ".join(parts[:4])


def compare(a_key: str, b_key: str, *, cutoff: float = MATCH_CUTOFF) -> NameMatch | None:
    """Do two normalised names denote the same person (or company)? None when they are too different.

    Exact equality without spaces is a match; otherwise `fuzz.ratio` on the space-free keys, then
    `token_sort_ratio` for names given surname first. Anything short of exact is a near match for a person to
    decide, with the reason spelled out.
    """
    from rapidfuzz import fuzz  # here, not at import: the imports that only read keys start faster without it

    a, b = compact(a_key), compact(b_key)
    if not a or not b:
        return None
    if a == b:
        return NameMatch(100.0, "exact", "ชื่อตรงกันเมื่อตัดคำนำหน้าและช่องว่าง")
    ratio = fuzz.ratio(a, b, processor=None)
    if ratio >= cutoff:
        return NameMatch(round(ratio, 1), "ratio",
                         f"ชื่อคล้ายกันร้อยละ {ratio:.1f}: '{a_key}' กับ '{b_key}' ต่างกันที่ {_difference(a, b)}")
    sorted_ratio = fuzz.token_sort_ratio(a_key, b_key, processor=None)
    if sorted_ratio >= cutoff:
        same = sorted(a_key.split()) == sorted(b_key.split())
        score = 100.0 if same else round(sorted_ratio, 1)
        reason = ("ชื่อและนามสกุลเหมือนกันแต่สลับลำดับ" if same else
                  f"เมื่อสลับลำดับชื่อ-สกุล ชื่อคล้ายกันร้อยละ {sorted_ratio:.1f}: '{a_key}' กับ '{b_key}'")
        return NameMatch(score, "token_sort", reason)
    return None
