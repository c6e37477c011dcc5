"""Pages of the information centre: the public catalogue, search, information requests and consultations
(no sign-in; nothing about the visitor is kept), and the staff pages that publish, answer and moderate."""

from __future__ import annotations

import json
import secrets
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts import policy
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error
from core.middleware import client_address
from core.record_files import respond
from core.thai import fiscal_year
from infocentre import forms, participation, selectors, services
from infocentre.models import Comment, Consultation, Document, DocumentFile, InfoRequest
from org.selectors import agencies

RECEIPTS = "info_receipts"
RECEIPT_MINUTES = 10


def _agency():
    agency = agencies().order_by("id").first()
    if agency is None:
        raise Http404("ยังไม่มีหน่วยงาน")
    return agency


# --- public -------------------------------------------------------------------------------------------

def catalogue(request):
    query = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    docs = selectors.search(query) if query else selectors.published()
    if category in Document.Category.values:
        docs = docs.filter(category=category)
    return render(request, "infocentre/catalogue.html", {
        "documents": docs[:200], "query": query, "category": category,
        "categories": Document.Category.choices})


def document(request, pk: int):
    """Published: anyone. Submitted and not yet published: the unit, the ICT centre and the readers who
    check the indicator it counts for (its record links here)."""
    doc = get_object_or_404(Document, pk=pk)
    if doc.status != Document.Status.PUBLISHED:
        if not request.user.is_authenticated or not policy.can(request.user, "info.view", doc):
            raise Http404("ไม่พบเอกสาร")
    return render(request, "infocentre/document.html", {"doc": doc, "files": doc.files.all()})


def document_file(request, pk: int, file_id: int):
    doc = get_object_or_404(Document, pk=pk)
    if doc.status != Document.Status.PUBLISHED:
        require(request.user, "info.view", doc)
    return respond(get_object_or_404(DocumentFile, pk=file_id, document=doc), fallback_stem=f"info-{doc.pk}")


@never_cache
def request_new(request):
    agency = _agency()
    form = forms.RequestForm(request.POST or None, initial={"form_key": secrets.token_urlsafe(18)})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.request_receive(
                agency=agency, name=data["name"], contact=data["contact"], subject=data["subject"],
                details=data["details"], client_address=client_address(request) or "unknown",
                submit_key=data["form_key"])
        except services.TooManySubmissions as exc:
            form_error(form, exc)
            status = 429
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if not receipt.secret:
                messages.info(request, f"ระบบได้รับคำขอนี้แล้ว (รหัส {receipt.code}) จึงไม่ได้บันทึกซ้ำ")
                return redirect("infocentre:request_status")
            from complaints.crypto import encrypt_text

            token = secrets.token_urlsafe(18)
            cutoff = time.time() - RECEIPT_MINUTES * 60
            kept = {t: e for t, e in request.session.get(RECEIPTS, {}).items() if e["at"] >= cutoff}
            kept[token] = {"at": time.time(), "p": encrypt_text(json.dumps(
                {"code": receipt.code, "secret": receipt.secret, "pk": receipt.request.pk}))}
            request.session[RECEIPTS] = kept
            return redirect("infocentre:request_receipt", token=token)
    days, working = services.reply_days(agency)
    return render(request, "infocentre/request_form.html", {"form": form, "days": days, "working": working},
                  status=status)


@never_cache
def request_receipt(request, token: str):
    from complaints.crypto import decrypt_text

    entry = request.session.get(RECEIPTS, {}).get(token)
    data = None
    if entry and entry["at"] >= time.time() - RECEIPT_MINUTES * 60:
        try:
            data = json.loads(decrypt_text(entry["p"]))
        except (ApplicationError, ValueError):
            data = None
    info = InfoRequest.objects.filter(pk=data["pk"]).first() if data else None
    response = render(request, "infocentre/request_receipt.html", {"data": data, "info": info,
                                                                    "minutes": RECEIPT_MINUTES})
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def request_status(request):
    form = forms.StatusForm(request.POST or None)
    info = None
    if request.method == "POST" and form.is_valid():
        try:
            services.throttle("status", client_address(request) or "unknown", 20)
            info = services.request_find(code=form.cleaned_data["code"], secret=form.cleaned_data["secret"])
        except ApplicationError as exc:
            form_error(form, exc)
            from complaints.services.throttle import client_key

            services.throttle_count("status", client_key("info-status", client_address(request) or "unknown",
                                                         timezone.now()))
    return render(request, "infocentre/request_status.html", {"form": form, "info": info})


def participation_list(request):
    return render(request, "infocentre/participation_list.html", {
        "consultations": selectors.public_consultations(), "today": timezone.localdate()})


@never_cache
def consultation(request, pk: int):
    item = get_object_or_404(selectors.public_consultations(), pk=pk)
    form = forms.CommentForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            participation.comment_submit(consultation=item,
                                         client_address=client_address(request) or "unknown",
                                         **form.cleaned_data)
        except services.TooManySubmissions as exc:
            form_error(form, exc)
            status = 429
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "ได้รับความคิดเห็นของท่านแล้ว จะแสดงหลังเจ้าหน้าที่ตรวจ")
            return redirect("infocentre:consultation", pk=item.pk)
    return render(request, "infocentre/consultation.html", {
        "item": item, "form": form, "is_open": participation.is_open(item),
        "comments": selectors.published_comments(item), "files": item.files.all(),
        "held_back": item.comments.filter(state=Comment.State.REJECTED).count(),
        "responses": item.responses.all() if item.responses_published_on else [],
        "may_manage": policy.can(request.user, "consultation.manage", item)}, status=status)


def consultation_file(request, pk: int, file_id: int):
    item = get_object_or_404(selectors.public_consultations(), pk=pk)
    return respond(get_object_or_404(item.files, pk=file_id), fallback_stem=f"consultation-{item.pk}")


# --- staff --------------------------------------------------------------------------------------------

@login_required
def manage(request):
    user = request.user
    require(user, "info.submit")
    agency = _agency()
    units = policy.units_for(user, "info.submit").order_by("path")
    unit = units.filter(pk=request.POST.get("unit") or request.GET.get("unit") or 0).first() or units.first()
    op = request.POST.get("op") if request.method == "POST" else None
    doc_form = forms.DocumentForm(request.POST if op == "doc" else None,
                                  request.FILES if op == "doc" else None)
    link_form = forms.LinkBackForm(request.POST if op == "link" else None)
    form = {"doc": doc_form, "link": link_form}.get(op)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if op == "doc":
                services.document_submit(actor=user, agency=agency, unit=unit, category=data["category"],
                                         title=data["title"], doc_date=data["doc_date"], text=data["text"],
                                         clause=data["clause"], uploaded=data["file"])
            else:
                services.linkback_save(actor=user, unit=unit, url=data["url"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect(f"{request.path}?unit={unit.pk}")
    may_publish = policy.can(user, "info.publish", unit=agency)
    queue = Document.objects.filter(status=Document.Status.SUBMITTED, agency=agency) if may_publish else []
    mine = policy.scope(user, "info.submit", Document.objects.all())[:50]
    return render(request, "infocentre/manage.html", {
        "units": units, "unit": unit, "doc_form": doc_form, "link_form": link_form, "queue": queue,
        "mine": mine, "may_publish": may_publish, "links": selectors.linkbacks(units)})


@login_required
def document_decide(request, pk: int):
    doc = get_object_or_404(Document, pk=pk)
    require(request.user, "info.publish", doc)
    if request.method == "POST":
        try:
            if request.POST.get("op") == "publish":
                services.document_publish(actor=request.user, document=doc)
            else:
                services.document_return(actor=request.user, document=doc,
                                         reason=request.POST.get("reason", ""))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "บันทึกแล้ว")
    return redirect("infocentre:manage")


@login_required
def requests(request):
    user = request.user
    require(user, "inforequest.stats")
    agency = _agency()
    fy = int(request.GET.get("fy") or fiscal_year(timezone.localdate()))
    handled = policy.scope(user, "inforequest.handle", InfoRequest.objects.all())
    return render(request, "infocentre/requests.html", {
        "fy": fy, "stats": selectors.monthly_statistics(agency, fy), "requests": handled[:200],
        "today": timezone.localdate()})


@login_required
def request_handle(request, pk: int):
    info = get_object_or_404(InfoRequest, pk=pk)
    require(request.user, "inforequest.handle", info)
    form = forms.HandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["op"] == "reply":
                services.request_reply(actor=request.user, request=info, reply=data["text"])
            elif data["op"] == "refuse":
                services.request_refuse(actor=request.user, request=info, ground=data["ground"],
                                        reason=data["text"])
            else:
                services.request_extend(actor=request.user, request=info, days=data["days"] or 0,
                                        reason=data["text"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect("infocentre:request_handle", pk=info.pk)
    return render(request, "infocentre/request_handle.html", {"info": info, "form": form})


@login_required
def consultation_new(request):
    user = request.user
    require(user, "consultation.manage")
    units = policy.units_for(user, "consultation.manage").order_by("path")
    form = forms.ConsultationForm(request.POST or None, request.FILES or None)
    unit = units.filter(pk=request.POST.get("unit") or 0).first() or units.first()
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        uploaded = data.pop("file")
        try:
            item = participation.consultation_save(actor=user, unit=unit, uploaded=uploaded, **data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect("infocentre:consultation_manage", pk=item.pk)
    return render(request, "infocentre/consultation_new.html", {"form": form, "units": units, "unit": unit})


@login_required
def consultation_manage(request, pk: int):
    item = get_object_or_404(Consultation, pk=pk)
    user = request.user
    require(user, "consultation.manage", item)
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op in ("publish", "reject"):
                comment = get_object_or_404(item.comments, pk=request.POST.get("comment") or 0)
                participation.comment_moderate(actor=user, comment=comment, publish=op == "publish",
                                               reason=request.POST.get("reason", ""))
            elif op == "response":
                participation.response_add(actor=user, consultation=item, theme=request.POST.get("theme", ""),
                                           response=request.POST.get("response", ""),
                                           change=request.POST.get("change", ""))
            elif op == "outcome":
                participation.responses_publish(actor=user, consultation=item,
                                                outcome=request.POST.get("outcome", ""))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect("infocentre:consultation_manage", pk=item.pk)
    return render(request, "infocentre/consultation_manage.html", {
        "item": item, "comments": item.comments.all(), "responses": item.responses.all(),
        "post": request.POST})
