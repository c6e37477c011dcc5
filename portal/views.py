from django.shortcuts import render

from plans.models import Plan


def home(request):
    """The public face: what anyone may read without an account."""
    plans = Plan.objects.filter(status=Plan.Status.APPROVED).select_related("agency")
    return render(request, "portal/home.html", {"plans": plans})
