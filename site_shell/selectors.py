import datetime

from django.db.models import QuerySet

from accounts import policy
from audit.models import AuditEvent


def audit_events_visible(user, *, object_type: str = "", object_id: str = "", actor: str = "",
                         action: str = "", since: datetime.date | None = None,
                         until: datetime.date | None = None) -> QuerySet[AuditEvent]:
    qs = policy.scope(user, "audit.view", AuditEvent.objects.all()).select_related("unit")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if action:
        qs = qs.filter(action__startswith=action)
    if since:
        qs = qs.filter(at__date__gte=since)
    if until:
        qs = qs.filter(at__date__lte=until)
    return qs.order_by("-at", "-id")
