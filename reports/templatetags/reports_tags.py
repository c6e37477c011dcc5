"""Template helpers of the reporting pages: status wording and colours, and the home-page panel."""

from django import template
from django.utils import timezone

from reports.models import Report

register = template.Library()

STATUS_CLASS = {
    Report.Status.DRAFT: "badge-info",
    Report.Status.RETURNED: "badge-warn",
    Report.Status.SUBMITTED: "badge-info",
    Report.Status.ENDORSED: "badge-info",
    Report.Status.ACCEPTED: "badge-ok",
    Report.Status.LOCKED: "badge-ok",
}


@register.filter
def status_label(report: Report) -> str:
    if report.status == Report.Status.DRAFT and not report.is_started:
        return "ยังไม่เริ่ม"
    if report.status == Report.Status.SUBMITTED and report.round.requires_endorsement:
        return "ส่งแล้ว รอหัวหน้ารับรอง"
    return report.get_status_display()


@register.filter
def status_class(report: Report) -> str:
    return STATUS_CLASS.get(report.status, "badge-info")


@register.filter
def is_late(report: Report) -> bool:
    return report.is_late()


@register.filter
def late_days(report: Report) -> int:
    """How many days after its round's due date a report was first sent (0 when on time or not sent)."""
    from core.thai import local_date

    if not report.first_submitted_at:
        return 0
    return max(0, (local_date(report.first_submitted_at) - report.round.due_on).days)


@register.filter
def get_item(mapping, key):
    if not mapping:
        return None
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def days_left(day) -> int | None:
    return (day - timezone.localdate()).days if day else None


@register.filter
def absolute(value):
    return abs(value) if isinstance(value, int) else value


@register.inclusion_tag("reports/_home_panel.html", takes_context=True)
def reports_home_panel(context):
    """What the unit owes in open rounds, for the site's home page:
    {% load reports_tags %}{% reports_home_panel %}."""
    from reports.selectors import reports_to_edit, reports_to_review

    user = context["request"].user
    if not getattr(user, "is_authenticated", False):
        return {"mine": [], "to_review": []}
    return {
        "mine": list(reports_to_edit(user)[:12]),
        "to_review": list(reports_to_review(user)[:12]),
        "to_review_count": reports_to_review(user).count(),
        "request": context["request"],
    }
