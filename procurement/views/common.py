"""Helpers shared by the staff views: load within the user's scope, run a service from a form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from accounts import policy
from core.errors import ApplicationError
from core.http import form_error
from procurement.models import Project
from procurement.selectors import projects_for


def editable_project(request, pk: int) -> Project:
    project = get_object_or_404(projects_for(request.user, "procurement.edit"), pk=pk)
    if not project.is_editable:
        raise PermissionDenied("imported")
    return project


def run_form(request, form, action, *, success: str, redirect_to, template="procurement/form.html",
             context=None):
    """POST with a valid form → call `action(cleaned_data)`; a rule violation is shown on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(request, template, {"form": form, **(context or {})})


def edit_units(user):
    return policy.units_for(user, "procurement.edit").filter(is_active=True)
