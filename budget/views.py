"""Budget monitoring pages. Views are thin: the policy decides, services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from audit.services import audit_record
from budget import chart, forms, months, selectors, services
from budget.models import Allocation, BudgetPublication, Disbursement, FollowUpMeeting, MonitoringReview
from core import record_files
from core.errors import ApplicationError
from core.http import form_error
from core.thai import fiscal_year as fiscal_year_of
from org.selectors import agencies, agency_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _agency(user):
    agency = agency_of(user.unit) if getattr(user, "unit_id", None) else agencies().first()
    if agency is None:
        raise Http404("ยังไม่มีส่วนราชการในระบบ")
    return agency


def _fy(request) -> int:
    try:
        fy = int(request.GET.get("fy") or request.POST.get("fy") or 0)
    except ValueError:
        fy = 0
    return fy if 2500 <= fy <= 2700 else fiscal_year_of(timezone.localdate())


def _nav(request, agency, fy, here):
    user = request.user
    return {"agency": agency, "fy": fy, "here": here, "fy_choices": range(fy - 2, fy + 2),
            "may_manage": policy.can(user, "budget.manage", unit=agency),
            "may_import": policy.can(user, "budget.manage"),
            "may_publish": policy.can(user, "budget.publish", unit=agency)}


@login_required
def home(request):
    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    disb = policy.scope(user, "budget.view", Disbursement.objects.all())
    alloc = policy.scope(user, "budget.view", Allocation.objects.all())
    figures = selectors.year_figures(agency, fy, disb, alloc)
    today = timezone.localdate()
    elapsed = months.elapsed(fy, today)
    as_of = min(today, months.month_end(fy, 12))
    rows = []
    for m in range(1, 13):
        rows.append({"label": months.label(fy, m), "amount": figures.monthly.get(m),
                     "cumulative": figures.cumulative(m) if m <= max(elapsed, max(figures.monthly, default=0))
                     else None,
                     "percent": figures.percent(m) if figures.monthly.get(m) is not None else None,
                     "planned": figures.planned_percent(m)})
    per_unit = (disb.filter(fiscal_year=fy, line__agency=agency).values("unit__name")
                .annotate(total=Sum("amount")).order_by("unit__name"))
    allocated = dict(alloc.filter(line__agency=agency, line__fiscal_year=fy).values("unit__name")
                     .annotate(total=Sum("amount")).values_list("unit__name", "total"))
    units = [{"name": u["unit__name"], "disbursed": u["total"], "allocated": allocated.get(u["unit__name"]),
              "percent": (u["total"] * 100 / allocated[u["unit__name"]]) if allocated.get(u["unit__name"])
              else None} for u in per_unit]
    return render(request, "budget/home.html", {
        **_nav(request, agency, fy, "home"), "figures": figures, "rows": rows, "units": units,
        "chart": chart.svg(figures, elapsed=elapsed, as_of=as_of), "as_of": as_of,
        "targets": figures.targets,
        "published": _published(agency, fy)})


def _published(agency, fy: int) -> list[tuple[str, BudgetPublication | None]]:
    """Each kind of publication with the one on the portal now (None when there is none)."""
    live = {p.kind: p for p in selectors.publications(agency, fy).filter(withdrawn_at__isnull=True)}
    return [(label, live.get(kind)) for kind, label in BudgetPublication.Kind.choices]


@login_required
def export(request):
    from core.documents.xlsx import new_workbook, workbook_bytes, write_table

    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    rows = policy.scope(user, "budget.view", selectors.disbursements(fy, agency=agency)).order_by(
        "month", "unit__sort_order", "line__code")
    book = new_workbook("ผลการเบิกจ่าย")
    write_table(book.active, ["หน่วยงาน", "รหัสหน่วยงาน", "รหัสงบ", "รายการ", "เดือน", "จำนวนเงิน"],
                ([r.unit.name, r.unit.code, r.line.code, r.line.name, months.label(fy, r.month), r.amount]
                 for r in rows), (34, 16, 16, 34, 12, 18))
    response = HttpResponse(workbook_bytes(book), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="budget-{fy}.xlsx"'
    return response


@login_required
def template(request):
    user = request.user
    require(user, "budget.manage")
    agency, fy = _agency(user), _fy(request)
    response = HttpResponse(services.template_workbook(agency, fy), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="budget-import-template-{fy}.xlsx"'
    return response


@login_required
def import_view(request):
    user = request.user
    require(user, "budget.manage")
    agency, fy = _agency(user), _fy(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    outcome, errors = None, []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.disbursement_import(actor=user, agency=agency, fiscal_year=fy,
                                                   uploaded=form.cleaned_data["file"],
                                                   dry_run=form.cleaned_data["dry_run"])
        except services.ImportRefused as exc:
            errors = exc.errors
            form.add_error("file", "ไฟล์มีข้อผิดพลาด ไม่มีการบันทึกข้อมูลใด ๆ ดูรายการด้านล่าง แก้ไขแล้วเลือกไฟล์อีกครั้ง")
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if not outcome.dry_run:
                messages.success(request, f"นำเข้าแล้ว {outcome.rows} แถว "
                                          f"(แทนที่ข้อมูลเดิม {outcome.replaced} แถว)")
                return redirect(f"{request.path}?fy={fy}")
    return render(request, "budget/import.html", {
        **_nav(request, agency, fy, "import"), "form": form, "outcome": outcome, "errors": errors,
        "month_labels": [months.label(fy, m) for m in (outcome.months if outcome else [])],
        "imported": [months.label(fy, m) for m in selectors.imported_months(agency, fy)]})


@login_required
def lines(request):
    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    ctx = _nav(request, agency, fy, "lines")
    units = policy.units_for(user, "budget.manage").filter(path__startswith=agency.path, is_active=True)
    line_qs = selectors.lines(agency, fy)
    line_form = forms.LineForm(request.POST if request.POST.get("op") == "line" else None, prefix="line")
    alloc_form = forms.AllocationForm(request.POST if request.POST.get("op") == "alloc" else None,
                                      prefix="alloc", lines=line_qs, units=units)
    if request.method == "POST":
        op = request.POST.get("op")
        form = line_form if op == "line" else alloc_form
        if form.is_valid():
            try:
                if op == "line":
                    require(user, "budget.manage", unit=agency)
                    services.line_save(actor=user, agency=agency, fiscal_year=fy, **form.cleaned_data)
                else:
                    services.allocation_save(actor=user, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกแล้ว")
                return redirect(f"{request.path}?fy={fy}")
    allocations = policy.scope(user, "budget.view", Allocation.objects.filter(
        line__agency=agency, line__fiscal_year=fy)).select_related("unit", "line")
    return render(request, "budget/lines.html", {
        **ctx, "lines": line_qs, "allocations": allocations, "line_form": line_form, "alloc_form": alloc_form,
        "may_allocate": units.exists()})


@login_required
def targets(request):
    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    ctx = _nav(request, agency, fy, "targets")
    form = forms.TargetForm(request.POST or None)
    if request.method == "POST":
        require(user, "budget.manage", unit=agency)
        if form.is_valid():
            try:
                services.target_save(actor=user, agency=agency, fiscal_year=fy, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกเป้าหมายแล้ว")
                return redirect(f"{request.path}?fy={fy}")
    return render(request, "budget/targets.html", {
        **ctx, "targets": selectors.targets(agency, fy).items(), "form": form if ctx["may_manage"] else None})


@login_required
def meetings(request):
    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    ctx = _nav(request, agency, fy, "meetings")
    form = forms.MeetingForm(request.POST or None, request.FILES or None, fiscal_year=fy,
                             initial={"held_on": timezone.localdate(),
                                      "month": months.fy_month(timezone.localdate().month)})
    if request.method == "POST":
        require(user, "budget.manage", unit=agency)
        if form.is_valid():
            try:
                services.meeting_record(actor=user, agency=agency, fiscal_year=fy, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกการประชุมติดตามแล้ว")
                return redirect(f"{request.path}?fy={fy}")
    found = policy.scope(user, "budget.view", selectors.meetings(agency, fy))
    by_month = {}
    for m in found:
        by_month.setdefault(m.month, []).append(m)
    elapsed = months.elapsed(fy, timezone.localdate())
    rows = [{"month": m, "label": months.label(fy, m, abbr=False), "meetings": by_month.get(m, []),
             "due": m <= elapsed} for m in range(1, 13)]
    return render(request, "budget/meetings.html", {**ctx, "rows": rows,
                                                    "form": form if ctx["may_manage"] else None})


@login_required
def reviews(request):
    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    ctx = _nav(request, agency, fy, "reviews")
    form = forms.ReviewForm(request.POST or None, request.FILES or None,
                            initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST":
        require(user, "budget.manage", unit=agency)
        if form.is_valid():
            try:
                services.review_record(actor=user, agency=agency, fiscal_year=fy, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "บันทึกการทบทวนระบบติดตามแล้ว")
                return redirect(f"{request.path}?fy={fy}")
    found = (policy.scope(user, "budget.view", MonitoringReview.objects.filter(agency=agency))
             .prefetch_related("files").order_by("-fiscal_year", "-reviewed_on"))
    return render(request, "budget/reviews.html", {**ctx, "records": found,
                                                   "form": form if ctx["may_manage"] else None})


@login_required
def publications(request):
    """The year's spending plan and reports on the portal: what is published, and for finance at the
    department a preview of what publishing now would freeze."""
    user = request.user
    require(user, "budget.view")
    agency, fy = _agency(user), _fy(request)
    ctx = _nav(request, agency, fy, "publications")
    history = list(selectors.publications(agency, fy))
    live = {p.kind: p for p in history if p.is_published}
    kinds = [{"kind": kind, "label": label, "live": live.get(kind),
              "preview": selectors.publication_figures(agency, fy, kind) if ctx["may_publish"] else None}
             for kind, label in BudgetPublication.Kind.choices]
    return render(request, "budget/publications.html", {
        **ctx, "kinds": kinds, "history": history, "withdraw_form": forms.WithdrawForm()})


def _form_errors(form) -> str:
    """A form's messages in one line, for the page's message area (these forms are a button each)."""
    return " ".join(e for errors in form.errors.values() for e in errors)


def _back(fy: int):
    return redirect(f"{reverse('budget:publications')}?fy={fy}")


@login_required
@require_POST
def publication_publish(request):
    user = request.user
    agency, fy = _agency(user), _fy(request)
    require(user, "budget.publish", unit=agency)
    form = forms.PublishForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_form_errors(form))
        pub = services.budget_publish(actor=user, agency=agency, fiscal_year=fy,
                                      kind=form.cleaned_data["kind"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"เผยแพร่{pub}แล้ว ตัวเลขที่เผยแพร่จะไม่เปลี่ยนตามข้อมูลที่นำเข้าภายหลัง")
    return _back(fy)


@login_required
@require_POST
def publication_withdraw(request, pk: int):
    user = request.user
    pub = get_object_or_404(BudgetPublication, pk=pk)
    require(user, "budget.publish", pub)
    form = forms.WithdrawForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_form_errors(form))
        services.budget_withdraw(actor=user, publication=pub, reason=form.cleaned_data["reason"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"ยกเลิกการเผยแพร่{pub}แล้ว")
    return _back(pub.fiscal_year)


def _download(request, record, stored, stem):
    require(request.user, "budget.view", record)
    audit_record(actor=request.user, action="budget.file_download", obj=record, unit=record.agency,
                 new=record_files.audit_fields(stored))
    return record_files.respond(stored, fallback_stem=stem)


@login_required
def meeting_file(request, pk: int, file_id: int):
    meeting = get_object_or_404(FollowUpMeeting, pk=pk)
    return _download(request, meeting, get_object_or_404(meeting.files, pk=file_id), "minutes")


@login_required
def review_file(request, pk: int, file_id: int):
    review = get_object_or_404(MonitoringReview, pk=pk)
    return _download(request, review, get_object_or_404(review.files, pk=file_id), "review")
