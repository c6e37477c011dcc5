"""The ICT centre's pages: write, publish and withdraw the portal's content (no developer needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import policy
from core.errors import ApplicationError
from portal import selectors, services
from portal.forms import FileForm, PageForm, ReasonForm
from portal.models import Page, PageFile, ResultPublication, Section
from portal.views.public import _agency


def _guard(request, action: str, obj=None, agency=None):
    if not policy.can(request.user, action, obj, unit=agency):
        raise PermissionDenied("ท่านไม่มีสิทธิ์จัดการเว็บไซต์สาธารณะ")


def _error(form, exc: ApplicationError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def manage(request):
    agency = _agency()
    _guard(request, "portal.edit", agency=agency)
    pages = selectors.pages_for_staff(agency)
    grouped = [(s, [p for p in pages if p.section == s.value]) for s in Section]
    return render(request, "portal/manage.html", {
        "agency": agency, "grouped": grouped,
        "can_results": policy.can(request.user, "portal.publish", unit=agency),
    })


@login_required
def page_new(request):
    agency = _agency()
    _guard(request, "portal.edit", agency=agency)
    form = PageForm(request.POST or None, initial={"section": request.GET.get("section", "")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            page = services.page_create(
                actor=request.user, agency=agency, section=d["section"], slug=d["slug"], title=d["title"],
                body=d["body"], event_date=d["event_date"], sort_order=d["sort_order"] or 0, note=d["note"])
        except ApplicationError as exc:
            _error(form, exc)
        else:
            messages.success(request, "สร้างหน้าแล้ว (ฉบับร่าง ยังไม่เผยแพร่)")
            return redirect("portal:page_edit", page.pk)
    return render(request, "portal/page_form.html", {"form": form, "page": None})


@login_required
def page_edit(request, pk: int):
    page = get_object_or_404(Page, pk=pk)
    _guard(request, "portal.edit", page)
    form = PageForm.for_page(page, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        note = d.pop("note")
        d["sort_order"] = d["sort_order"] or 0
        try:
            services.page_update(actor=request.user, page=page, note=note, **d)
        except ApplicationError as exc:
            _error(form, exc)
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect("portal:page_edit", page.pk)
    return render(request, "portal/page_form.html", {
        "form": form, "page": page, "file_form": FileForm(), "files": selectors.page_files(page),
        "can_publish": policy.can(request.user, "portal.publish", page), "reason_form": ReasonForm(),
    })


@login_required
@require_POST
def page_file_add(request, pk: int):
    page = get_object_or_404(Page, pk=pk)
    _guard(request, "portal.edit", page)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.page_file_add(actor=request.user, page=page, uploaded=form.cleaned_data["file"],
                                   title=form.cleaned_data["title"])
            messages.success(request, "แนบไฟล์แล้ว")
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "กรุณาเลือกไฟล์ที่จะแนบ")
    return redirect("portal:page_edit", page.pk)


@login_required
@require_POST
def page_file_remove(request, pk: int):
    file = get_object_or_404(PageFile.objects.select_related("page"), pk=pk)
    _guard(request, "portal.edit", file.page)
    services.page_file_remove(actor=request.user, file=file)
    messages.success(request, "นำไฟล์ออกจากหน้าแล้ว")
    return redirect("portal:page_edit", file.page_id)


@login_required
@require_POST
def page_publish(request, pk: int):
    page = get_object_or_404(Page, pk=pk)
    _guard(request, "portal.publish", page)
    try:
        services.page_publish(actor=request.user, page=page)
        messages.success(request, "เผยแพร่แล้ว")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("portal:page_edit", page.pk)


@login_required
def page_unpublish(request, pk: int):
    page = get_object_or_404(Page, pk=pk)
    _guard(request, "portal.publish", page)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.page_unpublish(actor=request.user, page=page, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            _error(form, exc)
        else:
            messages.success(request, "ยกเลิกการเผยแพร่แล้ว ที่อยู่เดิมแสดงวันที่และเหตุผลแทนเนื้อหา")
            return redirect("portal:page_edit", page.pk)
    return render(request, "portal/unpublish.html", {"form": form, "item": page,
                                                     "back": ("portal:page_edit", page.pk)})


@login_required
def results_manage(request):
    agency = _agency()
    _guard(request, "portal.publish", agency=agency)
    return render(request, "portal/results_manage.html", {
        "agency": agency, "rows": selectors.rounds_to_publish(agency), "reason_form": ReasonForm()})


@login_required
@require_POST
def results_publish(request, pk: int):
    agency = _agency()
    _guard(request, "portal.publish", agency=agency)
    round_ = next((r for r, _pub in selectors.rounds_to_publish(agency) if r.pk == pk), None)
    if round_ is None:
        messages.error(request, "รอบนี้ยังไม่ได้สรุปผล จึงยังเผยแพร่ไม่ได้")
        return redirect("portal:results_manage")
    try:
        services.results_publish(actor=request.user, round_=round_, agency=agency)
        messages.success(request, "เผยแพร่ผลการดำเนินงานแล้ว")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("portal:results_manage")


@login_required
def results_unpublish(request, pk: int):
    pub = get_object_or_404(ResultPublication, round_id=pk)
    _guard(request, "portal.publish", pub)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.results_unpublish(actor=request.user, publication=pub,
                                       reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            _error(form, exc)
        else:
            messages.success(request, "ยกเลิกการเผยแพร่แล้ว")
            return redirect("portal:results_manage")
    return render(request, "portal/unpublish.html", {"form": form, "item": pub,
                                                     "back": ("portal:results_manage", None)})
