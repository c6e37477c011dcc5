"""Pages anyone can open without an account: file a complaint, follow it, read the handling manual.

Nothing here records who the visitor is: the client address is used only as a keyed hash for the attempt
counters, and identity fields are kept out of error reports. The session holds one thing, for minutes: the
receipt of a complaint just filed, encrypted, so that reloading the receipt page shows it again instead of
filing again (views.receipts).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from complaints import manual, services
from complaints.crypto import Identity
from complaints.files import read_uploads
from complaints.forms import AddInfoForm, PublicComplaintForm, RateForm, TrackForm
from complaints.models import Case, Channel
from complaints.selectors import default_agency, ita_statistics, standards_now
from complaints.services.tracking import WRONG as TRACK_WRONG
from complaints.views import receipts
from core.errors import ApplicationError
from core.http import form_error
from core.middleware import client_address
from core.thai import fiscal_year

IDENTITY_POST_FIELDS = ("name", "phone", "email", "address", "secret")


def _agency():
    agency = default_agency()
    if agency is None:
        raise Http404("ยังไม่มีส่วนราชการในระบบ")
    return agency


def home(request):
    agency = _agency()
    return render(request, "complaints/public/home.html",
                  {"agency": agency, "standards": standards_now(agency), "channels": Channel})


@never_cache
@sensitive_post_parameters(*IDENTITY_POST_FIELDS)
def new(request, channel: str):
    if channel not in Channel.values:
        raise Http404("ไม่มีช่องทางนี้")
    agency = _agency()
    services.standards_ensure(agency=agency)
    form = PublicComplaintForm(request.POST or None, request.FILES or None, channel=channel, agency=agency,
                               initial={"submit_key": receipts.new_form_key()})
    status, retry_after = 200, None
    if request.method == "GET":
        receipts.ensure_session(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incoming = read_uploads(data["files"])
            receipt = services.case_submit(
                agency=agency, channel=channel, subject=data["subject"], details=data["details"],
                category=data["category"], identity=Identity.build(**form.identity_values()), files=incoming,
                client_address=_client(request), submit_key=data["submit_key"])
        except services.AlreadyFiled as exc:
            # The same form again (double click, back and resend): the first filing's receipt, nothing new.
            return _already_filed(request, exc.case, data["submit_key"], agency)
        except services.TooManyFilings as exc:
            # The form comes back with everything typed; only attached files must be chosen again.
            form_error(form, exc)
            status, retry_after = 429, exc.retry_after
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            token = receipts.keep(request, receipt, data["submit_key"])
            return redirect("complaints:public_receipt", token=token)
    standards = standards_now(agency)
    response = render(request, "complaints/public/form.html", {
        "form": form, "channel": Channel(channel), "standard": standards.get(channel), "agency": agency,
        "confidential": channel == Channel.CORRUPTION}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _already_filed(request, case, submit_key: str, agency):
    token = receipts.token_for(request, submit_key)
    if token:
        return redirect("complaints:public_receipt", token=token)
    # Filed from this form, but the receipt is no longer kept (another browser, or minutes passed): say so
    # without showing codes, which this request cannot prove it was given.
    return receipts.no_referrer(render(request, "complaints/public/receipt.html",
                                       {"filed_before": True, "case": case, "agency": agency}))


@never_cache
def receipt(request, token: str):
    """The receipt of a complaint just filed in this browser; a reload reads it again and files nothing."""
    agency = _agency()
    kept = receipts.read(request, token)
    if kept is None:
        return receipts.no_referrer(render(request, "complaints/public/receipt.html",
                                           {"expired": True, "agency": agency}, status=410))
    case_id, code, secret = kept
    case = Case.objects.filter(pk=case_id).select_related("agency").first()
    if case is None:
        raise Http404("ไม่พบเรื่อง")
    return receipts.no_referrer(render(request, "complaints/public/receipt.html", {
        "receipt": {"tracking_code": code, "secret": secret}, "case": case, "agency": case.agency,
        "minutes": receipts.RECEIPT_MINUTES}))


def _client(request) -> str:
    return client_address(request) or "unknown"


def _same_agency(case) -> None:
    """Another agency's case opens on that agency's track page (/a/<code>/…) only; here it is unknown."""
    if case.agency_id != _agency().pk:
        raise ApplicationError(TRACK_WRONG, field="secret")


@never_cache
@sensitive_post_parameters(*IDENTITY_POST_FIELDS)
def track(request):
    form = TrackForm(request.POST or None)
    context = {"form": form, "view": None, "info_form": AddInfoForm(), "rate_form": RateForm(), "done": ""}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_find(code=form.cleaned_data["code"], secret=form.cleaned_data["secret"],
                                      client_address=_client(request))
            _same_agency(case)
        except services.TooManyAttempts as exc:
            form_error(form, exc)
            response = render(request, "complaints/public/track.html", context, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        except ApplicationError as exc:
            form_error(form, exc)
            status = 404
        else:
            op = request.POST.get("op", "view")
            try:
                if op == "info":
                    info = AddInfoForm(request.POST, request.FILES)
                    context["info_form"] = info
                    if info.is_valid():
                        services.citizen_add_info(case=case, text=info.cleaned_data["text"],
                                                  files=read_uploads(info.cleaned_data["files"]))
                        context["done"] = "ส่งข้อมูลเพิ่มเติมแล้ว เจ้าหน้าที่จะได้รับแจ้ง"
                        context["info_form"] = AddInfoForm()
                elif op == "rate":
                    rate = RateForm(request.POST)
                    context["rate_form"] = rate
                    if rate.is_valid():
                        services.citizen_rate(case=case, score=rate.cleaned_data["score"],
                                              comment=rate.cleaned_data["comment"])
                        context["done"] = "ขอบคุณสำหรับการประเมิน เรื่องของท่านปิดแล้ว"
            except ApplicationError as exc:
                target = context["info_form"] if op == "info" else context["rate_form"]
                form_error(target, exc)
            case.refresh_from_db()
            context["view"] = services.public_view(case)
    return render(request, "complaints/public/track.html", context, status=status)


def handling_manual(request):
    agency = _agency()
    return render(request, "complaints/public/manual.html",
                  {"manual": manual.build(agency), "links": manual.links(), "agency": agency})


def handling_manual_pdf(request):
    agency = _agency()
    pdf = manual.pdf(manual.build(agency))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="complaint-handling-manual.pdf"'
    return response


def statistics(request):
    """The annual statistics ITA asks agencies to publish: aggregate counts only."""
    agency = _agency()
    current = fiscal_year(timezone.localdate())
    try:
        year = int(request.GET.get("fy") or current)
    except ValueError:
        year = current
    year = min(max(year, current - 10), current)
    return render(request, "complaints/public/statistics.html", {
        "agency": agency, "stats": ita_statistics(agency=agency, fiscal_year=year), "year": year,
        "years": range(current, current - 5, -1)})
