"""Healthy workplace: each central unit's yearly assessment on the four criteria, pass or fail, awards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts import policy
from registers import forms, selectors
from registers.models import WorkplaceAssessment, WorkplaceFile
from registers.services import workplace as services
from registers.views.common import agency_for, download, files_of, form_page, nav, year_of

EDIT = "workplace.edit"


@login_required
def assessment_list(request):
    user = request.user
    policy.require(user, "workplace.view")
    fy = year_of(request)
    assessments = list(selectors.assessments_visible(user, fy))
    central = selectors.central_units(agency_for(user))
    assessed = {a.unit_id for a in assessments}
    visible = set(policy.units_for(user, "workplace.view").values_list("pk", flat=True))
    return render(request, "registers/workplace.html", {
        "assessments": assessments, "fy": fy, "may_add": policy.can(user, EDIT),
        "not_assessed": [u for u in central if u.pk not in assessed and u.pk in visible],
        "passed": sum(1 for a in assessments if a.passed), "central_count": len(central), **nav(user)})


@login_required
def assessment_edit(request, pk: int | None = None):
    user = request.user
    assessment = get_object_or_404(WorkplaceAssessment, pk=pk) if pk else None
    policy.require(user, EDIT, assessment) if assessment else policy.require(user, EDIT)
    names = ["assessed_on", *WorkplaceAssessment.CRITERIA, "assessor", "note"]
    initial = {"unit": assessment.unit, **{n: getattr(assessment, n) for n in names}} if assessment else {}
    form = forms.AssessmentForm(request.POST or None, request.FILES or None, user=user, initial=initial)

    def save(data):
        files = files_of(data)
        data = {k: v for k, v in data.items() if k != "file"}
        return services.assessment_save(actor=user, assessment=assessment, files=files, **data)

    return form_page(request, form=form, title="ผลการประเมินสถานที่ทำงานน่าอยู่", save=save,
                     intro="ผ่านเกณฑ์ระดับพื้นฐานเมื่อผ่านครบทั้ง ๔ ด้าน: สะอาด ปลอดภัย สิ่งแวดล้อมดี มีชีวิตชีวา",
                     back=lambda a: reverse("registers:workplace") + f"?fy={a.fiscal_year}",
                     cancel=reverse("registers:workplace"))


@login_required
def award_new(request, assessment_id: int):
    user = request.user
    assessment = get_object_or_404(WorkplaceAssessment, pk=assessment_id)
    policy.require(user, EDIT, assessment)
    form = forms.AwardForm(request.POST or None)

    def save(data):
        return services.award_save(actor=user, assessment=assessment, **data)

    return form_page(request, form=form, title=f"รางวัลของ{assessment.unit.name}", save=save,
                     back=lambda a: reverse("registers:workplace") + f"?fy={assessment.fiscal_year}",
                     cancel=reverse("registers:workplace"))


@login_required
def assessment_file(request, pk: int):
    stored = get_object_or_404(WorkplaceFile.objects.select_related("assessment"), pk=pk)
    return download(request, stored, action="workplace.view", record=stored.assessment, stem="workplace")
