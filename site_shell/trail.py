from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.policy import require
from audit.labels import ACTION_LABELS, FIELD_LABELS
from core.fields import BEDateField
from site_shell.selectors import audit_events_visible


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="ผู้ดำเนินการ", required=False)
    action = forms.ChoiceField(label="การดำเนินการ", required=False,
                               choices=[("", "ทั้งหมด"), *sorted(ACTION_LABELS.items(), key=lambda kv: kv[1])])
    since = BEDateField(label="ตั้งแต่วันที่", required=False)
    until = BEDateField(label="ถึงวันที่", required=False)
    object_type = forms.CharField(required=False, widget=forms.HiddenInput)
    object_id = forms.CharField(required=False, widget=forms.HiddenInput)


def _field_label(object_type: str, name: str) -> str:
    """The model's own Thai field name where it has one; the shared table otherwise.

    Entries name reverse relations too (a saved report records its `rows`): those carry no verbose name of
    their own, so the related model's plural name stands for them.
    """
    label = None
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        field = None
    if field is not None:
        label = getattr(field, "verbose_name", None)
        if label is None and getattr(field, "related_model", None) is not None:
            label = field.related_model._meta.verbose_name_plural
    if label and str(label) != name.replace("_", " "):
        return str(label)
    return FIELD_LABELS.get(name, name)


def display(value) -> str:
    """A stored audit value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, dict) and "label" in value:
        return str(value["label"])
    if isinstance(value, list):
        return ", ".join(display(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display(v)}" for k, v in value.items())
    return str(value)


@login_required
def event_list(request):
    require(request.user, "audit.view")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_visible(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [{"event": e, "label": ACTION_LABELS.get(e.action, e.action), "created": e.old is None,
             "changes": [(_field_label(e.object_type, k), display(old), display(new))
                         for k, old, new in e.changes() if e.old is not None
                         or new not in (None, "", [], {})]}
            for e in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "site_shell/trail.html",
                  {"form": form, "page": page, "rows": rows, "query": query.urlencode()})
