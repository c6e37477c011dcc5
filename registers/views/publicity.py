"""The integrity publicity log: entries by channel and the distinct channels used in the year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts import policy
from registers import forms, selectors
from registers.models import PublicityEntry, PublicityFile
from registers.services import publicity as services
from registers.views.common import download, files_of, form_page, nav, year_of

EDIT = "publicity.edit"


@login_required
def entry_list(request):
    user = request.user
    policy.require(user, "publicity.view")
    fy = year_of(request)
    entries = selectors.publicity_visible(user, fy)
    channel = request.GET.get("channel", "")
    if channel in PublicityEntry.Channel.values:
        entries = entries.filter(channel=channel)
    entries = list(entries)
    channels = {e.channel_key: e.channel_label for e in entries}
    return render(request, "registers/publicity.html", {
        "entries": entries, "fy": fy, "channels": sorted(channels.values()), "channel": channel,
        "channel_choices": PublicityEntry.Channel.choices, "may_add": policy.can(user, EDIT), **nav(user)})


@login_required
def entry_edit(request, pk: int | None = None):
    user = request.user
    entry = get_object_or_404(PublicityEntry, pk=pk) if pk else None
    policy.require(user, EDIT, entry) if entry else policy.require(user, EDIT)
    names = ["channel", "channel_other", "published_on", "title", "link", "note"]
    initial = {"unit": entry.unit, **{n: getattr(entry, n) for n in names}} if entry else {"unit": user.unit}
    form = forms.PublicityForm(request.POST or None, request.FILES or None, user=user, initial=initial)

    def save(data):
        files = files_of(data)
        data = {k: v for k, v in data.items() if k != "file"}
        return services.entry_save(actor=user, entry=entry, files=files, **data)

    return form_page(request, form=form, title="บันทึกการเผยแพร่ประชาสัมพันธ์", save=save,
                     back=lambda e: reverse("registers:publicity") + f"?fy={e.fiscal_year}",
                     cancel=reverse("registers:publicity"))


@login_required
def entry_file(request, pk: int):
    stored = get_object_or_404(PublicityFile.objects.select_related("entry"), pk=pk)
    return download(request, stored, action="publicity.view", record=stored.entry, stem="publicity")
