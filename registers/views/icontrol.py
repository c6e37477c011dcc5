"""Internal control reports: the rounds of each fiscal year, who sent, who sent late and who has not."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts import policy
from registers import forms, selectors
from registers.models import IcFile, IcRound, IcSubmission
from registers.services import icontrol as services
from registers.views.common import agency_for, download, files_of, form_page, nav


@login_required
def round_list(request):
    user = request.user
    policy.require(user, "icontrol.view")
    agency = agency_for(user)
    rounds = []
    visible = selectors.ic_submissions_visible(user)
    for round_ in selectors.ic_rounds(agency):
        rounds.append({"round": round_, "sent": visible.filter(round=round_).count()})
    return render(request, "registers/icontrol.html", {
        "rounds": rounds, "may_manage": policy.can(user, "icontrol.rounds", unit=agency),
        "may_submit": policy.can(user, "icontrol.submit"), **nav(user)})


@login_required
def round_edit(request, pk: int | None = None):
    user = request.user
    agency = agency_for(user)
    round_ = get_object_or_404(IcRound, pk=pk, agency=agency) if pk else None
    policy.require(user, "icontrol.rounds", unit=agency)
    initial = {"fiscal_year": round_.fiscal_year, "number": round_.number, "as_of": round_.as_of,
               "due_on": round_.due_on, "note": round_.note} if round_ else {}
    form = forms.IcRoundForm(request.POST or None, initial=initial)

    def save(data):
        return services.round_save(actor=user, agency=agency, round_=round_, **data)

    return form_page(request, form=form, title="รอบรายงานการควบคุมภายใน", save=save,
                     back=lambda r: reverse("registers:icontrol_round", args=[r.pk]),
                     cancel=reverse("registers:icontrol"))


@login_required
def round_detail(request, pk: int):
    user = request.user
    round_ = get_object_or_404(IcRound, pk=pk, agency=agency_for(user))
    policy.require(user, "icontrol.view")
    visible_units = set(policy.units_for(user, "icontrol.view").values_list("pk", flat=True))
    status = selectors.ic_round_status(round_)
    submissions = selectors.ic_submissions_visible(user, round_)
    return render(request, "registers/icontrol_round.html", {
        "round": round_, "status": status, "submissions": submissions,
        "sent": len(status.on_time) + len(status.late),
        "missing": [u for u in status.missing if u.pk in visible_units],
        "late": [s for s in status.late if s.unit_id in visible_units],
        "may_submit": policy.can(user, "icontrol.submit"),
        "may_manage": policy.can(user, "icontrol.rounds", unit=round_.agency), **nav(user)})


@login_required
def submission_edit(request, round_id: int, pk: int | None = None):
    user = request.user
    round_ = get_object_or_404(IcRound, pk=round_id)
    submission = get_object_or_404(IcSubmission, pk=pk, round=round_) if pk else None
    policy.require(user, "icontrol.submit", submission)
    initial = {"unit": submission.unit, "submitted_on": submission.submitted_on,
               "document_no": submission.document_no, "note": submission.note} if submission else {
        "unit": user.unit}
    form = forms.SubmissionForm(request.POST or None, request.FILES or None, user=user, initial=initial)

    def save(data):
        return services.submission_save(actor=user, round_=round_, submission=submission, unit=data["unit"],
                                        submitted_on=data["submitted_on"], document_no=data["document_no"],
                                        note=data["note"], files=files_of(data))

    return form_page(request, form=form, title=f"ส่งรายงาน: {round_}", save=save,
                     back=lambda s: reverse("registers:icontrol_round", args=[round_.pk]),
                     cancel=reverse("registers:icontrol_round", args=[round_.pk]))


@login_required
def submission_file(request, pk: int):
    stored = get_object_or_404(IcFile.objects.select_related("submission"), pk=pk)
    return download(request, stored, action="icontrol.view", record=stored.submission,
                    stem="internal-control")
