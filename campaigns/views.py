"""Pages of the campaigns for staff: the campaigns with their shares, a unit's not-yet list with its paper
sheet and QR sheet, reminders, and the roster with its import. Every page asks the policy first; the public
acknowledgement page is in campaigns.public."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import policy
from audit.services import audit_record
from campaigns import selectors, services, tokens
from campaigns.forms import CampaignForm, PaperSheetForm, RosterImportForm, UnitAckForm
from campaigns.models import Campaign, CampaignFile, StaffMember
from campaigns.roster_import import RosterImportError, roster_import, template_workbook
from core import record_files
from core.errors import ApplicationError
from core.http import form_error
from org.models import Unit


def _agency(request) -> Unit:
    """The agency the signed-in person works in (the root of their unit), else the first agency."""
    unit = getattr(request.user, "unit", None)
    if unit is not None:
        root = Unit.objects.filter(path=f"/{unit.path.strip('/').split('/')[0]}/").first()
        if root is not None:
            return root
    return get_object_or_404(Unit.objects.filter(parent__isnull=True).order_by("id")[:1])


def _visible_units(user):
    """Units whose people (and not-yet lists) the user may read."""
    return (policy.units_for(user, "campaign.unit") | policy.units_for(user, "roster.view")).distinct()


@login_required
def campaign_list(request):
    policy.require(request.user, "campaign.view")
    campaigns = policy.scope(request.user, "campaign.view", Campaign.objects.select_related("agency"))
    rows = [(c, selectors.campaign_share(c)) for c in campaigns]
    agency = _agency(request)
    # The person's own unit, when they may work on it: its not-yet list is then one click from here.
    own = request.user.unit if request.user.unit_id and policy.can(
        request.user, "campaign.unit", unit=request.user.unit) else None
    return render(request, "campaigns/list.html", {
        "rows": rows, "own_unit": own,
        "can_manage": policy.can(request.user, "campaign.manage", unit=agency),
        "can_roster": policy.can(request.user, "roster.view"),
    })


@login_required
def campaign_new(request):
    agency = _agency(request)
    policy.require(request.user, "campaign.manage", unit=agency)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, agency=agency, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "เปิดการรณรงค์แล้ว")
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.select_related("agency"), pk=pk)
    policy.require(request.user, "campaign.view", campaign)
    day = selectors.as_of_for(campaign.fiscal_year)
    units = _visible_units(request.user)
    pending = selectors.not_yet(campaign, day, units=units)
    return render(request, "campaigns/detail.html", {
        "campaign": campaign, "day": day, "total": selectors.campaign_share(campaign, day),
        "rows": [(u, s, policy.can(request.user, "campaign.unit", unit=u))
                 for u, s in selectors.unit_rows(campaign, units, day)],
        "pending": pending,
        "can_manage": policy.can(request.user, "campaign.manage", campaign),
    })


def _unit_context(request, campaign: Campaign, unit: Unit, day, sheet_form=None, unit_form=None) -> dict:
    subtree = Unit.objects.filter(path__startswith=unit.path)
    pending = selectors.not_yet(campaign, day, units=subtree)
    return {
        "campaign": campaign, "unit": unit, "day": day, "pending": pending,
        "share": selectors.campaign_share(campaign, day, units=subtree),
        "acks": selectors.acknowledgements_of(campaign, units=subtree),
        "unit_ack": selectors.unit_acknowledgement(campaign, unit) if campaign.for_units else None,
        "sheet_form": sheet_form or PaperSheetForm(members=[] if campaign.for_units else pending),
        "unit_form": unit_form or UnitAckForm(),
    }


@login_required
def campaign_unit(request, pk: int, unit_id: int):
    campaign = get_object_or_404(Campaign.objects.select_related("agency"), pk=pk)
    unit = get_object_or_404(Unit, pk=unit_id)
    policy.require(request.user, "campaign.unit", unit=unit)
    policy.require(request.user, "campaign.view", campaign)
    day = min(timezone.localdate(), campaign.closes_on)
    sheet_form = unit_form = None
    if request.method == "POST":
        subtree = Unit.objects.filter(path__startswith=unit.path)
        if campaign.for_units:
            unit_form = UnitAckForm(request.POST, request.FILES)
            if unit_form.is_valid():
                data = unit_form.cleaned_data
                try:
                    services.unit_acknowledge(actor=request.user, campaign=campaign, unit=unit,
                                              uploaded=data["evidence"], link=data["link"], note=data["note"])
                except ApplicationError as exc:
                    form_error(unit_form, exc)
                else:
                    messages.success(request, f"บันทึกการรับทราบของ{unit.name}แล้ว")
                    return redirect("campaigns:unit", pk=pk, unit_id=unit_id)
        else:
            members = selectors.not_yet(campaign, day, units=subtree)
            sheet_form = PaperSheetForm(request.POST, request.FILES, members=members)
            if sheet_form.is_valid():
                try:
                    acks = services.paper_sheet_record(
                        actor=request.user, campaign=campaign, unit=unit,
                        uploaded=sheet_form.cleaned_data["sheet"],
                        staff_ids=[int(i) for i in sheet_form.cleaned_data["staff"]])
                except ApplicationError as exc:
                    form_error(sheet_form, exc)
                else:
                    messages.success(request, f"บันทึกแบบลงนามกระดาษแล้ว {len(acks)} คน")
                    return redirect("campaigns:unit", pk=pk, unit_id=unit_id)
    return render(request, "campaigns/unit.html",
                  _unit_context(request, campaign, unit, day, sheet_form, unit_form))


@login_required
def campaign_qr(request, pk: int, unit_id: int):
    """A printable sheet: each person not yet acknowledged with their personal link as a QR code."""
    import segno

    campaign = get_object_or_404(Campaign, pk=pk)
    unit = get_object_or_404(Unit, pk=unit_id)
    policy.require(request.user, "campaign.unit", unit=unit)
    policy.require(request.user, "campaign.view", campaign)
    day = min(timezone.localdate(), campaign.closes_on)
    people = []
    if not campaign.for_units:
        for member in selectors.not_yet(campaign, day, units=Unit.objects.filter(path__startswith=unit.path)):
            url = tokens.absolute_url(campaign.pk, member.pk)
            svg = segno.make(url, error="m").svg_inline(scale=3, title=member.full_name)
            people.append((member, url, svg))
    return render(request, "campaigns/qr.html", {"campaign": campaign, "unit": unit, "people": people})


@login_required
@require_POST
def campaign_remind(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    policy.require(request.user, "campaign.manage", campaign)
    try:
        round_no = services.reminders_request(actor=request.user, campaign=campaign)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"ส่งคำขอเตือนรอบที่ {round_no} แล้ว ระบบจะส่งอีเมลถึงผู้ที่ยังไม่แสดงเจตจำนง"
                                  "และมีอีเมลในบัญชีรายชื่อ คนละหนึ่งฉบับ")
    return redirect("campaigns:detail", pk=pk)


@login_required
def file_download(request, file_id: int):
    stored = get_object_or_404(CampaignFile, pk=file_id)
    policy.require(request.user, "campaign.unit", stored)
    audit_record(actor=request.user, action="campaign.file_download", obj=stored, unit=stored.unit,
                 new=record_files.audit_fields(stored))
    return record_files.respond(stored, fallback_stem=f"campaign-{stored.campaign_id}-{stored.pk}")


@login_required
def roster_list(request):
    policy.require(request.user, "roster.view")
    today = timezone.localdate()
    current = StaffMember.objects.filter(StaffMember.active_on(today)).select_related("unit")
    members = policy.scope(request.user, "roster.view", current).order_by("unit__path", "first_name",
                                                                          "last_name")
    agency = _agency(request)
    return render(request, "campaigns/roster.html", {
        "members": members, "today": today,
        "can_import": policy.can(request.user, "roster.manage", unit=agency),
    })


@login_required
def roster_import_view(request):
    agency = _agency(request)
    policy.require(request.user, "roster.manage", unit=agency)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            summary = roster_import(actor=request.user, agency=agency, uploaded=form.cleaned_data["file"],
                                    effective=form.cleaned_data["effective"])
        except RosterImportError as exc:
            form_error(form, exc)
            problems = exc.problems
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"นำเข้าบัญชีรายชื่อแล้ว: เพิ่มใหม่ {summary.created} คน ปรับปรุง "
                                      f"{summary.updated} คน พ้นจากบัญชี {summary.left} คน")
            return redirect("campaigns:roster")
    return render(request, "campaigns/roster_import.html", {"form": form, "problems": problems})


@login_required
def roster_template(request):
    agency = _agency(request)
    policy.require(request.user, "roster.manage", unit=agency)
    response = HttpResponse(template_workbook(agency),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="roster-template.xlsx"'
    return response
