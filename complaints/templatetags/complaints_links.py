"""Links from a count on the complaints dashboard to the staff list filtered to exactly what it counts."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from complaints.models import Category, Channel, Source, Status

register = template.Library()

BY_LABEL = {
    "channel": {c.label: c.value for c in Channel},
    "source": {s.label: s.value for s in Source},
    "status": {s.label: s.value for s in Status},
}


def _url(params: dict) -> str:
    return reverse("complaints:list") + "?" + urlencode(params)


def _received(stats) -> dict:
    # queue="" (all): a period's count covers closed cases too, unlike the list's default of open cases.
    return {"queue": "", "received_from": stats.start.isoformat(), "received_to": stats.end.isoformat()}


@register.simple_tag
def cx_received_url(stats, kind: str = "", label: str = "", channel_label: str = "") -> str:
    """The list of cases received in the period, optionally of one channel, source, status or category.

    Returns "" when the row cannot be expressed as a filter (the "no category" row), so the template shows
    the bare number rather than a link to a different set."""
    params = _received(stats)
    if kind in BY_LABEL:
        value = BY_LABEL[kind].get(label)
        if value is None:
            return ""
        params[kind] = value
    elif kind == "category":
        channel = BY_LABEL["channel"].get(channel_label)
        category = Category.objects.filter(channel=channel, name=label).first() if channel else None
        if category is None:
            return ""
        params["category"] = category.pk
    return _url(params)


@register.simple_tag
def cx_month_url(stats, index: int, what: str = "received") -> str:
    """The month `index` (0-based) of the period's monthly table: cases received, or answered, in it."""
    import datetime as dt

    start = stats.start.replace(day=1)
    for _ in range(int(index)):
        start = (start + dt.timedelta(days=32)).replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    start, end = max(start, stats.start), min(end, stats.end)
    key = "answered" if what == "answered" else "received"
    return _url({"queue": "", f"{key}_from": start.isoformat(), f"{key}_to": end.isoformat()})


@register.simple_tag
def cx_answered_url(stats) -> str:
    return _url({"queue": "", "answered_from": stats.start.isoformat(), "answered_to": stats.end.isoformat()})


@register.simple_tag
def cx_late_url(stats) -> str:
    """Cases unanswered past their deadline as of the period's end (or today): the rate's misses."""
    return _url({"queue": "late_unanswered", "received_to": stats.end.isoformat()})
