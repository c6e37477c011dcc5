"""The national administrator's page of supervising bodies above the agencies: who supervises which
ministry's agencies (or every agency), granted and revoked here, with a new account made for an officer who
has none. Both the page and the services ask
policy.can_manage_supervision, so nobody below the national administrator reaches either."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import policy, selectors, services
from accounts.forms import SupervisionAccountForm, SupervisionForm
from accounts.models import Supervision
from core.errors import ApplicationError
from core.http import form_error

PAGE_SIZE = 30
ACCOUNT_PREFIX = "new"  # the new-account form's fields, beside the grant form's on one page
DENIED = "เฉพาะผู้ดูแลระบบระดับประเทศจึงจะจัดการหน่วยงานกำกับได้"


def _guard(user) -> None:
    if not policy.can_manage_supervision(user):
        raise policy.Denied("supervision.manage", DENIED)


def _filters(params) -> dict[str, str]:
    return {"ministry": params.get("ministry", "").strip()[:255],
            "body": params.get("body", "").strip()[:255],
            "q": " ".join(params.get("q", "").split())[:150]}


def _made(request, made) -> None:
    if made.ministry and not selectors.ministry_has_agencies(made.ministry):
        messages.warning(request, f"ยังไม่มีส่วนราชการใดระบุว่าสังกัด{made.ministry} "
                                  "หน่วยงานกำกับนี้จะเห็นส่วนราชการเมื่อมีการระบุกระทรวงในข้อมูลส่วนราชการ")


def _page(request, *, form, account_form, status: int = 200):
    filters = _filters(request.GET)
    rows = selectors.supervisions_visible(request.user, ministry=filters["ministry"], body=filters["body"],
                                          query=filters["q"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/supervisions.html", {
        "form": form, "account_form": account_form, "page": page, "filters": filters,
        "national": selectors.NATIONAL_SCOPE, "choices": selectors.supervision_choices(),
        "candidates": selectors.supervision_candidates(),
        "query": urlencode({k: v for k, v in filters.items() if v}),
    }, status=status)


@login_required
def supervision_list(request):
    _guard(request.user)
    form = SupervisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.supervision_grant(actor=request.user, user=data["user"],
                                              ministry=data["ministry"], body=data["body"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"มอบหน้าที่หน่วยงานกำกับ ({made.scope_label}) ให้ {made.user.username} แล้ว")
            _made(request, made)
            return redirect("accounts:supervisions")
    return _page(request, form=form, account_form=SupervisionAccountForm(prefix=ACCOUNT_PREFIX),
                 status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def supervision_account_create(request):
    """A new account for a supervising body's officer, granted its supervision at once; its owner sets the
    first password through the e-mailed link."""
    _guard(request.user)
    form = SupervisionAccountForm(request.POST, prefix=ACCOUNT_PREFIX)
    if form.is_valid():
        try:
            made = services.supervision_account_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"สร้างบัญชี {made.user.username} และมอบหน้าที่หน่วยงานกำกับ "
                                      f"({made.scope_label}) แล้ว ส่งลิงก์ตั้งรหัสผ่านไปที่ {made.user.email} แล้ว")
            _made(request, made)
            return redirect("accounts:supervisions")
    return _page(request, form=SupervisionForm(), account_form=form, status=400)


@login_required
@require_POST
def supervision_revoke(request, pk: int):
    _guard(request.user)
    supervision = get_object_or_404(Supervision.objects.select_related("user"), pk=pk)
    services.supervision_revoke(actor=request.user, supervision=supervision)
    messages.success(request, f"ยกเลิกหน้าที่หน่วยงานกำกับ ({supervision.scope_label}) "
                              f"ของ {supervision.user.username} แล้ว")
    return redirect("accounts:supervisions")
