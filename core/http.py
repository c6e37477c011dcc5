"""Small helpers shared by views: permission guards and showing business-rule errors on forms."""

from accounts.policy import require  # noqa: F401  the policy's one guard, re-exported for views
from core.errors import ApplicationError


def form_error(form, exc: ApplicationError) -> None:
    """Attach a service's Thai message to the field it concerns, keeping everything the user typed."""
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)
