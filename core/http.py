"""Showing business-rule errors on forms. (Views take their permission guard, `require`, from
accounts.policy itself: the kernel imports no domain app.)"""

from core.errors import ApplicationError


def form_error(form, exc: ApplicationError) -> None:
    """Attach a service's Thai message to the field it concerns, keeping everything the user typed."""
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)
