from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import grants, policy, selectors, services
from accounts.forms import ProposalDecisionForm, RoleForm, TokenForm, UserForm
from accounts.models import RoleAssignment, RoleProposal, User
from accounts.policy import require
from core.errors import ApplicationError
from core.http import form_error


def _proposal_items(user, proposals) -> list[dict]:
    """Each pending proposal with what this user may do about it; the same functions guard the services."""
    items = []
    for proposal in proposals:
        may_confirm = grants.can_confirm(user, proposal)
        items.append({
            "proposal": proposal,
            "can_confirm": may_confirm,
            "can_reject": grants.can_reject(user, proposal),
            "mine": proposal.proposed_by_id == user.pk,
            "why_not": "" if may_confirm else grants.confirm_refusal(user, proposal),
            "origin": grants.account_origin(proposal.user),
        })
    return items


@login_required
def user_list(request):
    require(request.user, "user.view")
    users = selectors.users_visible(request.user, query=request.GET.get("q", ""))
    proposals = _proposal_items(request.user, grants.proposals_visible(request.user))
    return render(request, "accounts/user_list.html",
                  {"users": users, "q": request.GET.get("q", ""), "proposals": proposals})


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
    form = RoleForm(request.POST or None, units=grants.grantable_units(request.user))
    if request.method == "POST":
        require(request.user, "user.manage", target)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["role"] in grants.FOUR_EYES:
                    services.role_propose(actor=request.user, user=target, role=data["role"],
                                          unit=data["unit"], reason=data["reason"])
                    done = ("เสนอแต่งตั้งแล้ว บทบาทจะมีผลเมื่อผู้ดูแลระบบอีกคนหรือผู้รักษาข้อมูลผู้ร้องเรียนยืนยัน "
                            "และได้แจ้งผู้รักษาข้อมูลผู้ร้องเรียนทุกคนทางอีเมลแล้ว")
                else:
                    services.role_assign(actor=request.user, user=target, role=data["role"],
                                         unit=data["unit"])
                    done = "มอบบทบาทแล้ว"
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, done)
                return redirect("accounts:user_detail", target.pk)
    assignments = [(a, may_manage and grants.revoke_refusal(request.user, a) is None)
                   for a in target.role_assignments.select_related("unit")]
    proposals = _proposal_items(request.user, [p for p in grants.proposals_visible(request.user)
                                               if p.user_id == target.pk])
    return render(request, "accounts/user_detail.html",
                  {"target": target, "assignments": assignments, "form": form, "may_manage": may_manage,
                   "proposals": proposals})


@login_required
@require_POST
def role_revoke_view(request, pk: int, assignment_id: int):
    assignment = get_object_or_404(RoleAssignment, pk=assignment_id, user_id=pk)
    require(request.user, "user.manage", assignment.user)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, "ยกเลิกบทบาทแล้ว")
    return redirect("accounts:user_detail", pk)


@login_required
def proposals(request):
    """Pending custodian proposals, for the people who may decide them (custodians included, who do not
    otherwise see the user pages)."""
    items = _proposal_items(request.user, grants.proposals_visible(request.user))
    return render(request, "accounts/proposals.html", {"proposals": items})


@login_required
@require_POST
def proposal_decide(request, proposal_id: int):
    proposal = get_object_or_404(RoleProposal, pk=proposal_id)
    form = ProposalDecisionForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = reverse("accounts:proposals")
    if not form.is_valid():
        messages.error(request, "กรุณาเลือกว่าจะยืนยันหรือไม่ยืนยันข้อเสนอ")
        return redirect(back)
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == "confirm":
            services.role_proposal_confirm(actor=request.user, proposal=proposal, note=note)
            messages.success(request, f"ยืนยันแล้ว {proposal.user} เป็น{proposal.get_role_display()}ตั้งแต่บัดนี้")
        else:
            proposal = services.role_proposal_reject(actor=request.user, proposal=proposal, note=note)
            messages.success(request, f"บันทึกแล้ว: {proposal.get_status_display()}")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(back)


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(request.user.api_tokens, pk=request.POST["revoke"],
                                      revoked_at__isnull=True)
            services.api_token_revoke(actor=request.user, token=token)
            messages.success(request, "ยกเลิกโทเค็นแล้ว")
            return redirect("accounts:tokens")
        if form.is_valid():
            _, new_key = services.api_token_create(actor=request.user, user=request.user,
                                                   name=form.cleaned_data["name"])
            form = TokenForm()
    tokens = request.user.api_tokens.order_by("-created_at")
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})
