from django.db.models import Q, QuerySet

from accounts import policy
from accounts.models import Supervision, User


def users_visible(user, *, query: str = "") -> QuerySet[User]:
    qs = (policy.scope(user, "user.view", User.objects.all()).select_related("unit")
          .order_by("unit__path", "username"))
    if query:
        qs = qs.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                       | Q(last_name__icontains=query)
                       | Q(unit__name__icontains=query) | Q(unit__abbreviation__icontains=query))
    return qs


# The ministry filter's value for supervisions over every agency (a ministry name is never "-").
NATIONAL_SCOPE = "-"


def supervisions_visible(user, *, ministry: str = "", body: str = "",
                         query: str = "") -> QuerySet[Supervision]:
    """Every Supervision, for the national administrator only (nobody else sees who supervises whom).
    `ministry` NATIONAL_SCOPE keeps those over every agency; `query` matches the person's name."""
    if not policy.can_manage_supervision(user):
        return Supervision.objects.none()
    qs = Supervision.objects.select_related("user", "user__unit", "granted_by").order_by(
        "ministry", "body", "user__username")
    if ministry:
        qs = qs.filter(ministry="" if ministry == NATIONAL_SCOPE else ministry)
    if body:
        qs = qs.filter(body=body)
    if query:
        qs = qs.filter(Q(user__username__icontains=query) | Q(user__first_name__icontains=query)
                       | Q(user__last_name__icontains=query))
    return qs


def supervision_choices() -> dict[str, list[str]]:
    """The ministries agencies name and supervisions hold, and the supervising bodies, for the filters and
    the grant form's suggestions."""
    from org.models import AgencyProfile

    held = Supervision.objects.exclude(ministry="").values_list("ministry", flat=True)
    named = AgencyProfile.objects.exclude(ministry="").values_list("ministry", flat=True)
    bodies = Supervision.objects.exclude(body="").values_list("body", flat=True)
    return {"ministries": sorted(set(held) | set(named)), "bodies": sorted(set(bodies))}


def ministry_has_agencies(ministry: str) -> bool:
    from org.models import AgencyProfile

    return AgencyProfile.objects.filter(ministry=ministry, agency__is_active=True).exists()


def supervision_candidates(limit: int = 200) -> QuerySet[User]:
    """Suggested people for a supervision: active accounts outside every agency (a supervising body's own
    staff); anyone else is found by typing the exact username."""
    return (User.objects.filter(is_active=True, unit__isnull=True, is_superuser=False)
            .order_by("username")[:limit])
