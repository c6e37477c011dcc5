from django.db.models import Q, QuerySet

from accounts import policy
from accounts.models import User


def users_visible(user, *, query: str = "") -> QuerySet[User]:
    qs = (policy.scope(user, "user.view", User.objects.all()).select_related("unit")
          .order_by("unit__path", "username"))
    if query:
        qs = qs.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                       | Q(last_name__icontains=query)
                       | Q(unit__name__icontains=query) | Q(unit__abbreviation__icontains=query))
    return qs
