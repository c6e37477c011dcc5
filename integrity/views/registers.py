"""The pages every register has, driven by a `Register` that names its model, form, service, columns and
policy actions: the list (with the year filter and XLSX export), the entry form, the record's page with its
evidence files, and the spreadsheet import with its template. The fields are each register's own (forms.py);
only the page plumbing is shared."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core import record_files
from core.documents.xlsx import new_workbook, workbook_bytes, write_table
from core.errors import ApplicationError
from core.http import form_error
from core.sheets import Sheet
from core.thai import fiscal_year, fiscal_year_bounds, format_be
from integrity.forms import FileForm, ImportForm
from integrity.services import common
from integrity.services.imports import run_import, template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Register:
    name: str  # URL names: <name>_list, <name>_new, ...
    slug: str  # URL prefix
    title: str
    model: type
    form: type
    create: Callable  # (actor, form data, request) -> record
    columns: list[tuple[str, Callable]]  # (heading, value of a record) for the list and the export
    details: list[tuple[str, Callable]]
    view_action: str
    edit_action: str
    date_field: str
    sheet: Sheet | None = None  # the register's spreadsheet import (integrity.imports)
    import_action: str = ""
    intro: str = ""
    visible: Callable | None = None  # user -> queryset (default: the policy's scope of view_action)
    read: Callable | None = None  # (user, pk) -> record, logging the read where the register requires
    may_add: Callable | None = None  # user -> bool
    form_kwargs: Callable | None = None  # (register, user) -> kwargs of the form
    extra_actions: list[tuple[str, str, str]] = field(default_factory=list)  # (url name, label, action)
    export: bool = True
    list_logged: str = ""  # audit action of a list read (confidential registers)
    open_list: bool = False  # anyone signed in has a list (their own declarations)

    def url(self, suffix: str, *args) -> str:
        return reverse(f"integrity:{self.name}_{suffix}", args=args)

    def queryset(self, user):
        if self.visible:
            return self.visible(user)
        return policy.scope(user, self.view_action, self.model.objects.all())

    def get(self, user, pk: int):
        if self.read:
            return self.read(user, pk)
        record = self.queryset(user).filter(pk=pk).first()
        if record is None:
            if self.model.objects.filter(pk=pk).exists():
                raise policy.Denied(self.view_action)
            raise Http404("ไม่พบรายการ")
        return record

    def can_add(self, user) -> bool:
        return self.may_add(user) if self.may_add else policy.can(user, self.edit_action)

    def units(self, user):
        return policy.units_for(user, self.edit_action)


def _agency(user):
    from integrity.selectors import user_agency

    return user_agency(user)


def _year(request) -> int | None:
    raw = request.GET.get("fy", "")
    return int(raw) if raw.isdigit() and 2400 < int(raw) < 2800 else None


def _filtered(reg: Register, request):
    qs = reg.queryset(request.user)
    fy = _year(request)
    if fy:
        start, end = fiscal_year_bounds(fy)
        qs = qs.filter(**{f"{reg.date_field}__gte": start, f"{reg.date_field}__lte": end})
    return qs, fy


def _cell(value) -> str:
    if isinstance(value, datetime.date):
        return format_be(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value) if value not in (None, "") else "-"


def _nav(request, reg: Register | None = None) -> dict:
    from integrity.views.specs import menu

    return {"integrity_menu": menu(request.user), "here": reg.name if reg else ""}


def list_view(reg: Register):
    @login_required
    def view(request):
        if not reg.open_list:
            require(request.user, reg.view_action)
        qs, fy = _filtered(reg, request)
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        if reg.list_logged:
            from integrity.selectors import log_list_read

            log_list_read(request.user, reg.list_logged, list(page))
        rows = [
            (record, [(heading, _cell(value(record))) for heading, value in reg.columns]) for record in page
        ]
        return render(
            request,
            "integrity/register_list.html",
            {
                "reg": reg,
                "page": page,
                "rows": rows,
                "headings": [h for h, _ in reg.columns],
                "fy": fy,
                "years": range(fiscal_year(timezone.localdate()), 2558, -1),
                "may_add": reg.can_add(request.user),
                "may_import": bool(reg.sheet) and policy.can(request.user, reg.edit_action),
                **_nav(request, reg),
            },
        )

    return view


def new_view(reg: Register):
    @login_required
    def view(request):
        if not reg.can_add(request.user):
            raise policy.Denied(reg.edit_action)
        kwargs = reg.form_kwargs(reg, request.user) if reg.form_kwargs else {"units": reg.units(request.user)}
        form = reg.form(request.POST or None, **kwargs)
        if request.method == "POST" and form.is_valid():
            try:
                record = reg.create(request.user, form.cleaned_data, request)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกแล้ว แนบไฟล์หลักฐานได้ที่หน้านี้")
                return redirect(reg.url("detail", record.pk))
        return render(
            request, "integrity/register_form.html", {"reg": reg, "form": form, **_nav(request, reg)}
        )

    return view


def detail_view(reg: Register):
    @login_required
    def view(request, pk: int):
        record = reg.get(request.user, pk)
        _, _, file_action, _ = common.FILES[reg.model]
        may_attach = policy.can(request.user, file_action, record) or _own(record, request.user)
        return render(
            request,
            "integrity/register_detail.html",
            {
                "reg": reg,
                "record": record,
                "details": [(label, value(record)) for label, value in reg.details],
                "files": record.files.all(),
                "file_form": FileForm() if may_attach else None,
                "actions": [
                    (reverse(f"integrity:{name}", args=[record.pk]), label)
                    for name, label, action in reg.extra_actions
                    if policy.can(request.user, action, record)
                ],
                **_nav(request, reg),
            },
        )

    return view


def _own(record, user) -> bool:
    return getattr(record, "declarant_id", None) == getattr(user, "pk", -1)


def file_add_view(reg: Register):
    @login_required
    @require_POST
    def view(request, pk: int):
        record = reg.get(request.user, pk)
        _, _, file_action, _ = common.FILES[reg.model]
        if not _own(record, request.user):
            require(request.user, file_action, record)
        form = FileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                common.file_add(
                    actor=request.user,
                    record=record,
                    uploaded=form.cleaned_data["file"],
                    own=_own(record, request.user),
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "แนบไฟล์แล้ว")
        else:
            messages.error(request, "กรุณาเลือกไฟล์")
        return redirect(reg.url("detail", pk))

    return view


def file_view(reg: Register):
    @login_required
    def view(request, pk: int, file_id: int):
        record = reg.get(request.user, pk)
        stored = record.files.filter(pk=file_id).first()
        if stored is None:
            raise Http404("ไม่พบไฟล์")
        common.file_download_audit(actor=request.user, record=record, stored=stored)
        return record_files.respond(stored, fallback_stem=f"{reg.slug}-{record.pk}")

    return view


def export_view(reg: Register):
    @login_required
    def view(request):
        require(request.user, reg.view_action)
        qs, fy = _filtered(reg, request)
        if reg.list_logged:
            from integrity.selectors import log_list_read

            log_list_read(request.user, reg.list_logged, list(qs))
        workbook = new_workbook(reg.title[:31])
        headings = [h for h, _ in reg.columns]
        write_table(
            workbook.active,
            headings,
            [[value(r) for _, value in reg.columns] for r in qs],
            [max(14, len(h) * 1.4) for h in headings],
        )
        response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="integrity-{reg.slug}{"-" + str(fy) if fy else ""}.xlsx"'
        )
        return response

    return view


def template_view(reg: Register):
    @login_required
    def view(request):
        require(request.user, reg.edit_action)
        response = HttpResponse(template_bytes(reg.sheet), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="integrity-{reg.slug}-template.xlsx"'
        return response

    return view


def import_view(reg: Register):
    @login_required
    def view(request):
        require(request.user, reg.edit_action)
        form = ImportForm(request.POST or None, request.FILES or None)
        outcome = None
        if request.method == "POST" and form.is_valid():
            try:
                outcome = run_import(
                    actor=request.user,
                    sheet=reg.sheet,
                    uploaded=form.cleaned_data["file"],
                    agency=_agency(request.user),
                    action=reg.import_action,
                    edit_action=reg.edit_action,
                    check_only=bool(request.POST.get("check_only")),
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                if outcome.saved:
                    messages.success(request, f"นำเข้าแล้ว {outcome.rows} แถว")
                    return redirect(reg.url("list"))
        return render(
            request,
            "integrity/register_import.html",
            {"reg": reg, "form": form, "outcome": outcome, **_nav(request, reg)},
        )

    return view


def urls(reg: Register) -> list:
    s, n = reg.slug, reg.name
    patterns = [
        path(f"{s}/", list_view(reg), name=f"{n}_list"),
        path(f"{s}/new/", new_view(reg), name=f"{n}_new"),
        path(f"{s}/<int:pk>/", detail_view(reg), name=f"{n}_detail"),
        path(f"{s}/<int:pk>/files/", file_add_view(reg), name=f"{n}_file_add"),
        path(f"{s}/<int:pk>/files/<int:file_id>/", file_view(reg), name=f"{n}_file"),
    ]
    if reg.export:
        patterns.append(path(f"{s}/export.xlsx", export_view(reg), name=f"{n}_export"))
    if reg.sheet:
        patterns += [
            path(f"{s}/import/", import_view(reg), name=f"{n}_import"),
            path(f"{s}/template.xlsx", template_view(reg), name=f"{n}_template"),
        ]
    return patterns
