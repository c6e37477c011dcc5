"""Survey pages: answering (public, no sign-in; nothing about the visitor is kept), results and setup."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts import policy
from accounts.policy import require
from audit.services import audit_record
from core.errors import ApplicationError
from core.http import form_error
from core.middleware import client_address
from surveys import forms, selectors, services
from surveys.models import Survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@never_cache
def answer(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    today = timezone.localdate()
    is_open = survey.opens_on <= today <= survey.closes_on
    form = forms.ResponseForm(request.POST or None, survey=survey)
    status = 200
    if request.method == "POST" and is_open and form.is_valid():
        try:
            services.response_submit(survey=survey, answers=form.answers(),
                                     token=form.cleaned_data.get("token", ""),
                                     client_address=client_address(request) or "unknown")
        except services.TooManyResponses as exc:
            form_error(form, exc)
            status = 429
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            return redirect("surveys:thanks", pk=survey.pk)
    return render(request, "surveys/answer.html", {"survey": survey, "form": form, "is_open": is_open},
                  status=status)


def thanks(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    return render(request, "surveys/thanks.html", {"survey": survey})


@login_required
def survey_list(request):
    user = request.user
    require(user, "survey.view")
    surveys = policy.scope(user, "survey.view", Survey.objects.all())
    rows = [(s, selectors.results(s, texts=False)) for s in surveys]
    return render(request, "surveys/list.html", {"rows": rows})


def _survey(request, pk: int, action: str) -> Survey:
    survey = get_object_or_404(Survey, pk=pk)
    require(request.user, action, survey)
    return survey


@login_required
def results(request, pk: int):
    survey = _survey(request, pk, "survey.view")
    return render(request, "surveys/results.html", {
        "survey": survey, "result": selectors.results(survey),
        "may_manage": policy.can(request.user, survey.manage_action, survey)})


@login_required
def results_export(request, pk: int):
    from core.documents.xlsx import new_workbook, workbook_bytes, write_table

    survey = _survey(request, pk, "survey.view")
    result = selectors.results(survey)
    book = new_workbook("ผลแบบสำรวจ")
    rows = []
    for q in result.questions:
        low, high = q.interval or (None, None)
        rows.append([q.question.order, q.question.text, *[q.counts.get(s, 0) for s in range(5, 0, -1)], q.n,
                     q.mean, q.percent, low, high])
    write_table(book.active, ["ข้อ", "คำถาม", "5 มากที่สุด", "4 มาก", "3 ปานกลาง", "2 น้อย", "1 น้อยที่สุด",
                              "จำนวนผู้ตอบ", "ค่าเฉลี่ย", "ร้อยละพึงพอใจ (4–5)", "ช่วงความเชื่อมั่น ๙๕% ต่ำ",
                              "ช่วงความเชื่อมั่น ๙๕% สูง"], rows, (6, 40, 10, 10, 10, 10, 10, 12, 10, 14, 14, 14))
    audit_record(actor=request.user, action="survey.export", obj=survey, unit=survey.agency)
    response = HttpResponse(workbook_bytes(book), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.key}-{survey.fiscal_year}.xlsx"'
    return response


@login_required
def manage(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)
    user = request.user
    require(user, survey.manage_action, survey)
    op = request.POST.get("op") if request.method == "POST" else None
    survey_form = forms.SurveyForm(request.POST if op == "survey" else None, initial={
        "title": survey.title, "description": survey.description, "opens_on": survey.opens_on,
        "closes_on": survey.closes_on})
    question_form = forms.QuestionForm(request.POST if op == "question" else None)
    invite_form = forms.InviteForm(request.POST if op == "invite" else None)
    tokens = None
    form = {"survey": survey_form, "question": question_form, "invite": invite_form}.get(op)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if op == "survey":
                services.survey_save(actor=user, agency=survey.agency, key=survey.key,
                                     audience=survey.audience, fiscal_year=survey.fiscal_year, **data)
            elif op == "question":
                services.question_save(actor=user, survey=survey, **data)
            else:
                tokens = services.invitations_issue(actor=user, survey=survey, count=data["count"])
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if tokens is None:
                messages.success(request, "บันทึกแล้ว")
                return redirect("surveys:manage", pk=survey.pk)
    if tokens is not None and request.POST.get("format") == "csv":
        body = "รหัสเชิญ\n" + "\n".join(tokens) + "\n"
        response = HttpResponse(body.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="invitations-{survey.key}.csv"'
        return response
    return render(request, "surveys/manage.html", {
        "survey": survey, "survey_form": survey_form, "question_form": question_form,
        "invite_form": invite_form, "tokens": tokens, "questions": survey.questions.all(),
        "invitations": survey.invitations.count(), "used": survey.invitations.filter(used=True).count()})


@login_required
def import_template(request, pk: int):
    from surveys import imports

    survey = get_object_or_404(Survey, pk=pk)
    require(request.user, survey.manage_action, survey)
    response = HttpResponse(imports.template_xlsx(survey), content_type=XLSX)
    name = f"survey-{survey.key}-{survey.fiscal_year}-template.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def import_responses(request, pk: int):
    """Responses collected on paper or by an outside form, from the survey's template sheet."""
    from surveys import imports

    survey = get_object_or_404(Survey, pk=pk)
    require(request.user, survey.manage_action, survey)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = imports.import_responses(survey, form.cleaned_data["file"], actor=request.user)
        except ApplicationError as exc:
            form_error(form, exc)
        else:
            if not outcome.errors:
                messages.success(request, f"นำเข้าคำตอบแล้ว {outcome.created} ชุด")
                return redirect("surveys:results", pk=survey.pk)
            errors = outcome.errors
    return render(request, "surveys/import.html", {
        "survey": survey, "form": form, "errors": errors,
        "headings": [imports.heading(q) for q in survey.questions.all()]})


def embed(request):
    """The small box the public portal includes: the open website survey, if any."""
    survey = selectors.public_surveys_open().order_by("-fiscal_year").first()
    if survey is None:
        raise Http404("ไม่มีแบบสำรวจที่เปิดรับ")
    return redirect("surveys:answer", pk=survey.pk)
