from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from audit.labels import ACTION_LABELS, FIELD_LABELS
from audit.selectors import audit_events_visible
from core.fields import BEDateField
from core.http import require


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="ผู้ดำเนินการ", required=False)
    action = forms.ChoiceField(label="การดำเนินการ", required=False,
                               choices=[("", "ทั้งหมด"), *sorted(ACTION_LABELS.items(), key=lambda kv: kv[1])])
    since = BEDateField(label="ตั้งแต่วันที่", required=False)
    until = BEDateField(label="ถึงวันที่", required=False)
    object_type = forms.CharField(required=False, widget=forms.HiddenInput)
    object_id = forms.CharField(required=False, widget=forms.HiddenInput)


@login_required
def event_list(request):
    require(request.user, "audit.view")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_visible(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = [{"event": e, "label": ACTION_LABELS.get(e.action, e.action),
             "changes": [(FIELD_LABELS.get(k, k), old, new) for k, old, new in e.changes()]} for e in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html",
                  {"form": form, "page": page, "rows": rows, "query": query.urlencode()})
