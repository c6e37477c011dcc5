"""What the register pages share: the fiscal year asked for, the agency of the person, a form page that
keeps what was typed when a service refuses it, and file downloads after the policy check."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import policy
from core import record_files
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year as fiscal_year_of
from org.selectors import agencies, agency_of

ACTIONS = {"manuals": "manual.view", "icontrol": "icontrol.view", "workplace": "workplace.view",
           "publicity": "publicity.view"}


def agency_for(user):
    if getattr(user, "unit_id", None):
        return agency_of(user.unit)
    agency = agencies().order_by("pk").first()
    if agency is None:
        raise Http404("ยังไม่มีข้อมูลหน่วยงาน")
    return agency


def year_of(request) -> int:
    try:
        year = int(request.GET.get("fy", ""))
    except ValueError:
        return fiscal_year_of(timezone.localdate())
    return year if 2400 < year < 2800 else fiscal_year_of(timezone.localdate())


def int_param(request, name: str) -> int | None:
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def nav(user) -> dict:
    return {"reg_nav": {key: policy.can(user, action) for key, action in ACTIONS.items()}}


def form_page(request, *, form, title: str, save, back, intro: str = "", cancel: str = "",
              done: str = "บันทึกแล้ว"):
    """Validate, call `save(cleaned_data)` and go to `back(obj)`; a refusal is shown on the form, which keeps
    what was typed (a chosen file must be chosen again: browsers never send it back)."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(back(obj))
    return render(request, "registers/form.html", {"form": form, "title": title, "intro": intro,
                                                   "cancel": cancel, **nav(request.user)})


def files_of(cleaned: dict) -> list:
    return [cleaned["file"]] if cleaned.get("file") else []


def download(request, stored, *, action: str, record, stem: str):
    policy.require(request.user, action, record)
    return record_files.respond(stored, fallback_stem=stem)


def home(request):
    """The menu's entry: the first register the person may read (else the public manuals)."""
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    for key, action in ACTIONS.items():
        if policy.can(request.user, action):
            return redirect({"manuals": "registers:manuals", "icontrol": "registers:icontrol",
                             "workplace": "registers:workplace", "publicity": "registers:publicity"}[key])
    return redirect("registers:public_manuals")
