"""Small helpers shared by views: permission guards and showing business-rule errors on forms."""

from django.core.exceptions import PermissionDenied

from accounts import policy
from core.errors import ApplicationError


def require(user, action: str, obj=None, *, unit=None) -> None:
    if not policy.can(user, action, obj, unit=unit):
        raise PermissionDenied(action)


def form_error(form, exc: ApplicationError) -> None:
    """Attach a service's Thai message to the field it concerns, keeping everything the user typed."""
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)
