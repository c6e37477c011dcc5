from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import policy, selectors, services
from accounts.forms import RoleForm, TokenForm, UserForm
from accounts.models import RoleAssignment, User
from core.errors import ApplicationError
from core.http import form_error, require


@login_required
def user_list(request):
    require(request.user, "user.view")
    users = selectors.users_visible(request.user, query=request.GET.get("q", ""))
    return render(request, "accounts/user_list.html", {"users": users, "q": request.GET.get("q", "")})


@login_required
def user_create_view(request):
    require(request.user, "user.manage")
    units = policy.units_for(request.user, "user.manage")
    form = UserForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"เพิ่มผู้ใช้ {user} แล้ว")
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
def user_detail(request, pk: int):
    target = get_object_or_404(policy.scope(request.user, "user.view", User.objects.all()), pk=pk)
    may_manage = policy.can(request.user, "user.manage", target)
    units = policy.units_for(request.user, "user.manage")
    form = RoleForm(request.POST or None, units=units)
    if request.method == "POST":
        require(request.user, "user.manage", target)
        if form.is_valid():
            try:
                services.role_assign(actor=request.user, user=target, **form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "มอบบทบาทแล้ว")
                return redirect("accounts:user_detail", target.pk)
    assignments = target.role_assignments.select_related("unit")
    return render(request, "accounts/user_detail.html",
                  {"target": target, "assignments": assignments, "form": form, "may_manage": may_manage})


@login_required
@require_POST
def role_revoke_view(request, pk: int, assignment_id: int):
    assignment = get_object_or_404(RoleAssignment, pk=assignment_id, user_id=pk)
    require(request.user, "user.manage", assignment.user)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, "ยกเลิกบทบาทแล้ว")
    return redirect("accounts:user_detail", pk)


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(request.user.api_tokens, pk=request.POST["revoke"], revoked_at__isnull=True)
            services.api_token_revoke(actor=request.user, token=token)
            messages.success(request, "ยกเลิกโทเค็นแล้ว")
            return redirect("accounts:tokens")
        if form.is_valid():
            _, new_key = services.api_token_create(actor=request.user, user=request.user,
                                                   name=form.cleaned_data["name"])
            form = TokenForm()
    tokens = request.user.api_tokens.order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})
