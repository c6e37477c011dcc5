"""Staff pages: the analysis presented to the executive, the channels the year's plan was published through,
and their files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.policy import require
from core import record_files
from core.errors import ApplicationError
from procurement.forms import ChannelForm, PresentationForm
from procurement.models import PublicationChannel, PublicationChannelFile, YearReview, YearReviewFile
from procurement.selectors import plans_for
from procurement.services import disclosure
from procurement.views.common import run_form

UPLOAD_TEMPLATE = "procurement/upload_form.html"


def _analysis_url(review: YearReview) -> str:
    return reverse("procurement:analysis") + f"?unit={review.unit_id}&fy={review.fiscal_year}"


@login_required
def review_present(request, pk: int):
    review = get_object_or_404(policy.scope(request.user, "procurement.view",
                                            YearReview.objects.select_related("unit")), pk=pk)
    require(request.user, "procurement.edit", review)
    initial = {"presented_on": review.presented_on, "presented_to": review.presented_to or "อธิบดี"}
    form = PresentationForm(request.POST or None, request.FILES or None, initial=initial)
    return run_form(
        request, form,
        lambda d: disclosure.review_present(actor=request.user, review=review, **d),
        success="บันทึกการเสนอผู้บริหารแล้ว", redirect_to=_analysis_url(review), template=UPLOAD_TEMPLATE,
        context={"heading": f"การเสนอผลการวิเคราะห์การจัดซื้อจัดจ้างปีงบประมาณ พ.ศ. {review.fiscal_year} "
                            f"ต่อผู้บริหาร ({review.unit.name})",
                 "button": "บันทึก", "back": _analysis_url(review), "files": review.files.all(),
                 "file_url": "procurement:review_file"})


@login_required
def review_file(request, pk: int):
    stored = get_object_or_404(YearReviewFile.objects.select_related("review"), pk=pk)
    require(request.user, "procurement.view", stored.review)
    return record_files.respond(stored, fallback_stem=f"procurement-review-{stored.review.fiscal_year}")


@login_required
def channel_new(request, pk: int):
    plan = get_object_or_404(plans_for(request.user), pk=pk)
    require(request.user, "procurement.edit", plan)
    form = ChannelForm(request.POST or None, request.FILES or None)
    back = reverse("procurement:plan", args=[plan.pk])
    return run_form(
        request, form, lambda d: disclosure.channel_add(actor=request.user, plan=plan, **d),
        success="บันทึกช่องทางเผยแพร่แล้ว", redirect_to=back, template=UPLOAD_TEMPLATE,
        context={"heading": f"เพิ่มช่องทางเผยแพร่ {plan.title}", "button": "บันทึก", "back": back,
                 "help_text": "หน้าเผยแพร่สาธารณะของระบบนี้นับเป็นช่องทางหนึ่งเองเมื่อเผยแพร่แผนแล้ว "
                              "บันทึกเฉพาะช่องทางอื่น เช่น เว็บไซต์กรม ระบบ e-GP บอร์ดประชาสัมพันธ์"})


@login_required
@require_POST
def channel_delete(request, pk: int):
    channel = get_object_or_404(PublicationChannel.objects.select_related("plan__unit"), pk=pk)
    require(request.user, "procurement.edit", channel)
    try:
        disclosure.channel_delete(actor=request.user, channel=channel)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "ลบช่องทางเผยแพร่แล้ว")
    return redirect("procurement:plan", channel.plan_id)


@login_required
def channel_file(request, pk: int):
    stored = get_object_or_404(PublicationChannelFile.objects.select_related("channel__plan"), pk=pk)
    require(request.user, "procurement.view", stored.channel)
    stem = f"procurement-channel-{stored.channel.plan.fiscal_year}"
    return record_files.respond(stored, fallback_stem=stem)
