"""Thai date and digit filters, loaded as a template builtin (no ``{% load %}`` needed).

Every filter returns "" for None or "" so templates can chain ``|default:"—"``. Only ``core.thai`` (pure
functions) is imported here: settings load this library before any app model is ready.
"""

from datetime import date, datetime

from django import template

from core import thai

register = template.Library()

_THAI_DIGITS_ARG = "thai"


def _as_date(value):
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _format(value, style: str, arg) -> str:
    d = _as_date(value)
    if d is None:
        return ""
    return thai.format_be(d, style, thai_digits=arg == _THAI_DIGITS_ARG)


@register.filter
def be_date(value, arg=None):
    """31 มกราคม 2560 (``|be_date:"thai"`` for Thai digits)."""
    return _format(value, "full", arg)


@register.filter
def be_date_abbr(value, arg=None):
    """31 ม.ค. 2560"""
    return _format(value, "abbr", arg)


@register.filter
def be_date_short(value, arg=None):
    """31 ม.ค. 60"""
    return _format(value, "abbr_short", arg)


@register.filter
def be_date_numeric(value, arg=None):
    """31/01/2560"""
    return _format(value, "numeric", arg)


@register.filter
def be_datetime(value, arg=None):
    """31 ม.ค. 2560 14:05 น. in Bangkok time; a plain date prints without the time."""
    if isinstance(value, datetime):
        return thai.format_be_datetime(value, thai_digits=arg == _THAI_DIGITS_ARG)
    return _format(value, "abbr", arg)


@register.filter(is_safe=True)
def thai_digits(value):
    # Swapping digits cannot introduce markup, so safe input stays safe.
    if value is None:
        return ""
    return thai.to_thai_digits(value)


@register.filter
def fiscal_year(value):
    """The B.E. fiscal year a date falls in (2560 for 31 Jan 2017)."""
    d = _as_date(value)
    return "" if d is None else thai.fiscal_year(d)


@register.filter
def fiscal_year_label(value, arg=None):
    """ปีงบประมาณ พ.ศ. 2560, from a fiscal-year number or from a date inside that fiscal year."""
    if value is None or value == "":
        return ""
    d = _as_date(value)
    if d is not None:
        fy = thai.fiscal_year(d)
    else:
        try:
            fy = int(thai.to_arabic_digits(value))
        except (TypeError, ValueError):
            return ""
    return thai.fiscal_year_label(fy, thai_digits=arg == _THAI_DIGITS_ARG)
