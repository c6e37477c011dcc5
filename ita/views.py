"""Pages of the ITA module: the readiness board of a year, items with their links, snapshots and tagged
evidence, the answer sheet, the calendar, the catalogue import and the year's submission."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core.downloads import content_disposition, file_response
from core.errors import ApplicationError
from core.http import form_error
from ita import exports, forms, selectors, services
from ita.models import CheckRun, ItaItem, ItaYear, LinkSnapshot, Submission
from org.models import Unit
from org.selectors import agency_of

FORM_TEMPLATE = "ita/form.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


def _agency(user):
    agency = agency_of(user.unit) if user.unit_id else Unit.objects.filter(parent__isnull=True).first()
    require(user, "ita.view", unit=agency)
    return agency


def _year(request, fy: int) -> tuple[Unit, ItaYear | None]:
    agency = _agency(request.user)
    return agency, selectors.year_of(agency, fy)


def _year_or_404(request, fy: int) -> ItaYear:
    _, year = _year(request, fy)
    if year is None:
        raise Http404("ยังไม่มีรายการ ITA ของปีนี้")
    return year


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _run(request, form, action, *, success, back, heading, context=None):
    """POST with a valid form → the service; its Thai message goes on the form, nothing typed is lost."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(back)
    return render(request, FORM_TEMPLATE, {"form": form, "heading": heading, "back": back, **(context or {})})


@login_required
def home(request):
    _agency(request.user)
    return redirect("ita:board", fy=selectors.current_fiscal_year())


@login_required
def board(request, fy: int):
    agency, year = _year(request, fy)
    may_manage = policy.can(request.user, "ita.manage", unit=agency)
    context = {"fy": fy, "year": year, "may_manage": may_manage, "agency": agency}
    if year is not None:
        oit = selectors.board(year, kind="oit")
        context.update({
            "oit": oit, "eb": selectors.board(year, kind="eb"), "estimate": selectors.estimate(oit),
            "alerts": selectors.alerts(year, limit=10),
            "submission": Submission.objects.filter(year=year).first(),
            "last_run": CheckRun.objects.filter(agency=agency).first(),
        })
    return render(request, "ita/board.html", context)


@login_required
def answer_sheet(request, fy: int):
    year = _year_or_404(request, fy)
    return _attachment(exports.answer_sheet_xlsx(year), f"oit-{fy}.xlsx", XLSX)


@login_required
@require_POST
def recheck(request, fy: int):
    from ita.tasks import recheck_links

    agency = _agency(request.user)
    try:
        run = services.run_start(actor=request.user, agency=agency)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        recheck_links.enqueue(run.pk)
        messages.success(request, "ส่งตรวจลิงก์ทุกข้อแล้ว ผลจะแสดงเมื่อตรวจเสร็จ")
    return redirect("ita:board", fy=fy)


@login_required
def calendar(request, fy: int):
    agency = _agency(request.user)
    require(request.user, "ita.manage", unit=agency)
    year = selectors.year_of(agency, fy)
    initial = {f: getattr(year, f) for f in services.CALENDAR_FIELDS} if year else {}
    form = forms.CalendarForm(request.POST or None, initial=initial)

    def save(data):
        target = year or services.year_get_or_create(actor=request.user, agency=agency, fiscal_year=fy)
        services.calendar_save(actor=request.user, year=target, **data)

    return _run(request, form, save, success="บันทึกปฏิทินแล้ว", back=reverse("ita:board", args=[fy]),
                heading=f"ปฏิทินการประเมิน ITA ปี {fy}")


@login_required
def catalogue_import(request, fy: int):
    agency = _agency(request.user)
    require(request.user, "ita.manage", unit=agency)
    form = forms.CatalogueForm(request.POST or None, request.FILES or None)

    def load(data):
        upload = data["file"]
        if upload.size > 512 * 1024:
            raise ApplicationError("ไฟล์รายการใหญ่เกิน 512 KB", field="file")
        services.catalogue_load(actor=request.user, agency=agency, fiscal_year=fy, content=upload.read(),
                                source=upload.name)

    return _run(request, form, load, success="นำเข้ารายการแล้ว", back=reverse("ita:board", args=[fy]),
                heading=f"นำเข้ารายการตรวจประเมิน ITA ปี {fy}", context={"multipart": True, "pre_errors": True})


def _item_form_action(request, year, item=None):
    def save(data):
        services.item_save(actor=request.user, year=year, item=item, **data)
    return save


@login_required
def item_new(request, fy: int):
    agency = _agency(request.user)
    require(request.user, "ita.manage", unit=agency)
    year = selectors.year_of(agency, fy)
    form = forms.ItemForm(request.POST or None, agency=agency, initial={"kind": "eb", "yearly": True})

    def save(data):
        target = year or services.year_get_or_create(actor=request.user, agency=agency, fiscal_year=fy)
        services.item_save(actor=request.user, year=target, **data)

    return _run(request, form, save, success="เพิ่มรายการแล้ว", back=reverse("ita:board", args=[fy]),
                heading=f"เพิ่มรายการประเมิน ปี {fy}")


def _item(request, pk: int) -> ItaItem:
    item = get_object_or_404(ItaItem.objects.select_related("year__agency", "owner"), pk=pk)
    require(request.user, "ita.view", item)
    return item


@login_required
def item_detail(request, pk: int):
    item = _item(request, pk)
    tags = [(tag, selectors.regimes_of(tag)) for tag in selectors.tags_of(item)]
    may_manage = policy.can(request.user, "ita.manage", item)
    return render(request, "ita/item.html", {
        "item": item, "status": selectors.item_status(item), "links": item.links.all(),
        "snapshots": selectors.snapshots(item), "tags": tags, "may_manage": may_manage,
        "tag_form": forms.TagForm(item=item) if may_manage else None,
    })


@login_required
def item_edit(request, pk: int):
    item = _item(request, pk)
    require(request.user, "ita.manage", item)
    initial = {"code": item.code, "kind": item.kind, "section": item.section, "text": item.text,
               "evidence": item.evidence, "yearly": item.yearly, "owner": item.owner, "due_on": item.due_on,
               "note": item.note, "links": "\n".join(str(link) for link in item.links.all())}
    form = forms.ItemForm(request.POST or None, agency=item.year.agency, initial=initial)
    return _run(request, form, _item_form_action(request, item.year, item), success="บันทึกรายการแล้ว",
                back=reverse("ita:item", args=[item.pk]), heading=f"แก้ไขข้อ {item.code}")


@login_required
@require_POST
def item_tag(request, pk: int):
    item = _item(request, pk)
    require(request.user, "ita.manage", item)
    form = forms.TagForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.evidence_tag(actor=request.user, items=[item, *form.cleaned_data["also"]],
                                  title=form.cleaned_data["title"], url=form.cleaned_data["url"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "ผูกหลักฐานแล้ว")
            return redirect("ita:item", pk=item.pk)
    tags = [(tag, selectors.regimes_of(tag)) for tag in selectors.tags_of(item)]
    return render(request, "ita/item.html", {
        "item": item, "status": selectors.item_status(item), "links": item.links.all(),
        "snapshots": selectors.snapshots(item), "tags": tags, "may_manage": True, "tag_form": form,
    }, status=400)


@login_required
def snapshot_download(request, pk: int):
    snapshot = get_object_or_404(LinkSnapshot, pk=pk)
    require(request.user, "ita.view", snapshot)
    if not snapshot.file:
        raise Http404("การตรวจครั้งนี้ไม่มีเนื้อหาที่บันทึกไว้")
    # Served as opaque data, never rendered here: a saved page could carry scripts.
    response = file_response(snapshot.file.open("rb"), original_name=f"snapshot-{snapshot.pk}",
                             fallback_stem=f"snapshot-{snapshot.pk}")
    is_html = "html" in snapshot.content_type
    name = f"snapshot-{snapshot.pk}-{snapshot.checked_at:%Y%m%d}.{'html' if is_html else 'bin'}"
    response["Content-Disposition"] = content_disposition(name, name)
    response["X-Snapshot-SHA256"] = snapshot.sha256
    return response


@login_required
def submission(request, fy: int):
    year = _year_or_404(request, fy)
    current = Submission.objects.filter(year=year).first()
    may_manage = policy.can(request.user, "ita.manage", year)
    may_approve = current is not None and current.status == Submission.Status.DRAFT and policy.can(
        request.user, "ita.approve", current)
    if request.method == "POST":
        require(request.user, "ita.manage", year)
    source = current or Submission(year=year, **services._default_memo(year))
    initial = {f: getattr(source, f) for f in forms.SubmissionForm.base_fields}
    form = forms.SubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_save(actor=request.user, year=year, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกบันทึกข้อความแล้ว")
            return redirect("ita:submission", fy=fy)
    return render(request, "ita/submission.html", {
        "fy": fy, "year": year, "submission": current, "form": form if may_manage and (
            current is None or current.status == Submission.Status.DRAFT) else None,
        "approve_form": forms.ApproveForm() if may_approve else None,
    })


@login_required
@require_POST
def submission_approve(request, fy: int):
    year = _year_or_404(request, fy)
    current = get_object_or_404(Submission, year=year)
    require(request.user, "ita.approve", current)
    form = forms.ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.submission_approve(actor=request.user, submission=current,
                                        approved_on=form.cleaned_data["approved_on"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "บันทึกความเห็นชอบแล้ว")
    else:
        messages.error(request, "กรุณาระบุวันที่เห็นชอบให้ถูกต้อง")
    return redirect("ita:submission", fy=fy)


@login_required
def memo_export(request, fy: int, fmt: str):
    year = _year_or_404(request, fy)
    current = get_object_or_404(Submission, year=year)
    require(request.user, "ita.view", current)
    return _attachment(exports.memo_file(current, fmt), f"oit-memo-{fy}.{fmt}", CONTENT_TYPES[fmt])
