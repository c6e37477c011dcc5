"""Thai conventions: Buddhist-era (B.E.) dates, Thai digits and the government fiscal year.

Pure functions with no Django dependency, shared by template filters, form fields and document exporters.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

BE_OFFSET = 543
BANGKOK = ZoneInfo("Asia/Bangkok")
MIN_BE_YEAR = 2400
MAX_BE_YEAR = 2700

# Spelled out rather than imported from PyThaiNLP: importing it creates a data directory in $HOME, and this
# module is loaded by every template render (tests check the lists match PyThaiNLP's).
THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")

DATE_STYLES = ("full", "abbr", "abbr_short", "numeric")
EXAMPLE_INPUT = "31/01/2568"


def to_thai_digits(value: object) -> str:
    if value is None:
        return ""
    return str(value).translate(_TO_THAI)


def to_arabic_digits(value: object) -> str:
    if value is None:
        return ""
    return str(value).translate(_TO_ARABIC)


def month_name(month: int, *, abbr: bool = False) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"เดือนต้องอยู่ระหว่าง 1 ถึง 12 (ได้รับ {month})")
    return (THAI_MONTHS_ABBR if abbr else THAI_MONTHS)[month - 1]


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be_year_value: int) -> int:
    return be_year_value - BE_OFFSET


def local_date(value: date | datetime) -> date:
    """The calendar date in Thailand: an aware datetime is moved to Bangkok time before its date is taken."""
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(BANGKOK)
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"ต้องเป็นวันที่ (date หรือ datetime) ไม่ใช่ {type(value).__name__}")


def format_be(value: date | datetime, style: str = "full", thai_digits: bool = False) -> str:
    """Format a date the Thai way: full "31 มกราคม 2560", abbr "31 ม.ค. 2560", abbr_short "31 ม.ค. 60",
    numeric "31/01/2560"."""
    d = local_date(value)
    year = be_year(d.year)
    if style == "full":
        text = f"{d.day} {THAI_MONTHS[d.month - 1]} {year}"
    elif style == "abbr":
        text = f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {year}"
    elif style == "abbr_short":
        text = f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {year % 100:02d}"
    elif style == "numeric":
        text = f"{d.day:02d}/{d.month:02d}/{year}"
    else:
        raise ValueError(f"Unknown date style {style!r}; expected one of {DATE_STYLES}")
    return to_thai_digits(text) if thai_digits else text


def format_be_datetime(value: datetime, thai_digits: bool = False) -> str:
    """ "31 ม.ค. 2560 14:05 น." in Bangkok time (aware values are converted; naive ones are local)."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(BANGKOK)
    text = f"{format_be(value.date(), 'abbr')} {value:%H:%M} น."
    return to_thai_digits(text) if thai_digits else text


# --- parsing --------------------------------------------------------------------------------------


def _month_key(text: str) -> str:
    return re.sub(r"[\s.]", "", text)


_MONTH_LOOKUP: dict[str, int] = {}
for _number, (_full, _abbr) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_ABBR, strict=True), start=1):
    _MONTH_LOOKUP[_month_key(_full)] = _number
    _MONTH_LOOKUP[_month_key(_abbr)] = _number
# Spoken short forms people also type ("31 มกรา 68").
for _number, _short in enumerate(
    ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา"),
    start=1,
):
    _MONTH_LOOKUP[_short] = _number

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$")
# Day, Thai month name (full or abbreviated, dots optional), optional "พ.ศ.", year.
_TEXT_RE = re.compile(r"^(\d{1,2})\s*([^\d]+?)\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*(\d{2}|\d{4})$")
_LEADING_WORDS_RE = re.compile(r"^(?:วันที่|วัน)\s*")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

INVALID_FORMAT_MESSAGE = (
    f"รูปแบบวันที่ไม่ถูกต้อง กรุณากรอกเป็น วว/ดด/ปปปป (ปี พ.ศ.) เช่น {EXAMPLE_INPUT} หรือ 31 ม.ค. 2568"
)


def _normalise_input(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = to_arabic_digits(text)
    text = re.sub(r"\s+", " ", text).strip()
    return _LEADING_WORDS_RE.sub("", text)


def _be_year_from_input(year_text: str) -> int:
    year = int(year_text)
    if len(year_text) == 2:
        # Two-digit years on Thai forms are the last digits of a 25xx B.E. year ("68" = 2568).
        return 2500 + year
    if not MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        raise ValueError(
            f"ปี {year} ไม่ใช่ปีพุทธศักราช กรุณากรอกปี พ.ศ. ระหว่าง {MIN_BE_YEAR} ถึง {MAX_BE_YEAR} เช่น {EXAMPLE_INPUT}"
        )
    return year


def _build_date(day: int, month: int, be: int) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"เดือนต้องอยู่ระหว่าง 1 ถึง 12 (กรอกมา {month})")
    try:
        # The year becomes C.E. before the date exists, so 29 ก.พ. 2567 (= 2024, a leap year) is accepted.
        return date(ce_year(be), month, day)
    except ValueError:
        raise ValueError(
            f"ไม่มีวันที่ {day} ในเดือน{THAI_MONTHS[month - 1]} พ.ศ. {be} กรุณาตรวจสอบวันที่อีกครั้ง"
        ) from None


def parse_be_date(text: str) -> date:
    """Parse a date typed on a Thai form and return it as a ``datetime.date``.

    Accepts 31/01/2568, ๓๑/๐๑/๒๕๖๘, 31-01-2568, 31.01.2568, 31 ม.ค. 2568, 31 มกราคม 2568, 31 ม.ค. 68 (B.E.
    years; two digits mean 25xx) and ISO 2025-01-31 (C.E., as sent by browsers' date inputs).
    Raises ``ValueError`` with a Thai message when the text is not a valid date.
    """
    if text is None or not str(text).strip():
        raise ValueError("กรุณากรอกวันที่")
    cleaned = _normalise_input(str(text))

    if match := _ISO_RE.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
        # ISO dates come from browsers' date pickers in C.E.; a year already in the B.E. range is kept as B.E.
        be = year if MIN_BE_YEAR <= year <= MAX_BE_YEAR else be_year(year)
        if not MIN_BE_YEAR <= be <= MAX_BE_YEAR:
            raise ValueError(f"ปี {year} อยู่นอกช่วงที่รับได้ กรุณากรอกวันที่ใหม่ เช่น {EXAMPLE_INPUT}")
        return _build_date(day, month, be)

    if match := _NUMERIC_RE.match(cleaned):
        day_text, _sep, month_text, year_text = match.groups()
        return _build_date(int(day_text), int(month_text), _be_year_from_input(year_text))

    if match := _TEXT_RE.match(cleaned):
        day_text, month_text, year_text = match.groups()
        month = _MONTH_LOOKUP.get(_month_key(month_text))
        if month is None:
            raise ValueError(f"ไม่รู้จักชื่อเดือน “{month_text.strip()}” กรุณาใช้ชื่อเดือนภาษาไทย เช่น มกราคม หรือ ม.ค.")
        return _build_date(int(day_text), month, _be_year_from_input(year_text))

    raise ValueError(INVALID_FORMAT_MESSAGE)


# --- fiscal year ----------------------------------------------------------------------------------
# The Thai government fiscal year runs 1 October – 30 September and is named by the B.E. year in which it
# ends: FY 2560 = 1 Oct 2016 – 30 Sep 2017.

FISCAL_YEAR_START_MONTH = 10


def fiscal_year(value: date | datetime) -> int:
    d = local_date(value)
    year = be_year(d.year)
    return year + 1 if d.month >= FISCAL_YEAR_START_MONTH else year


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    end_ce = ce_year(fy)
    return date(end_ce - 1, FISCAL_YEAR_START_MONTH, 1), date(end_ce, 9, 30)


def fiscal_quarter(value: date | datetime) -> int:
    d = local_date(value)
    return (d.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1


def fiscal_half(value: date | datetime) -> int:
    return 1 if fiscal_quarter(value) <= 2 else 2


def fiscal_year_label(fy: int, thai_digits: bool = False) -> str:
    text = f"ปีงบประมาณ พ.ศ. {fy}"
    return to_thai_digits(text) if thai_digits else text


# --- shortening -----------------------------------------------------------------------------------
# Words that leave a cut text hanging ("...ทุจริตในการ", "...หน่วยงานและ"): dropped from the end of a cut.
_DANGLING_WORDS = frozenset({"และ", "หรือ", "กับ", "ของ", "แก่", "แห่ง", "ใน", "การ", "ความ", "ที่", "เพื่อ", "โดย"})


def shorten_thai(text: str, limit: int, *, mark: str = "") -> str:
    """``text`` cut to at most ``limit`` characters between Thai words, ``mark`` (e.g. "…") ending a cut text
    and counted in the limit. Text that fits is returned as it is.

    Thai writes no spaces between words, and a cut by character count can strand a vowel or tone mark
    (or a leading vowel such as เ) away from its letter, or end a subject in half a word. newmm finds the
    words (PyThaiNLP is imported only when a cut is needed); a single word longer than the room left is cut
    between Thai character clusters (TCC), which keep a letter and its marks together. Used for XLSX sheet
    names and e-mail subjects alike.
    """
    text = text or ""
    if len(text) <= limit:
        return text
    room = max(limit - len(mark), 1)
    from pythainlp.tokenize import subword_tokenize, word_tokenize

    kept: list[str] = []
    used = 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if used + len(token) > room:
            break
        kept.append(token)
        used += len(token)
    while len(kept) > 1 and (not kept[-1].strip() or kept[-1] in _DANGLING_WORDS):
        kept.pop()
    fitted = "".join(kept).rstrip()
    if len(fitted) < room // 2:
        fitted = ""
        for cluster in subword_tokenize(text, engine="tcc", keep_whitespace=True):
            if len(fitted) + len(cluster) > room:
                break
            fitted += cluster
        fitted = fitted.rstrip()
    return fitted + mark if mark else fitted
