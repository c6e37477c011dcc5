from django.shortcuts import render

from plans.selectors import plans_public


def home(request):
    """The public face: what anyone may read without an account (through the apps' selectors only)."""
    return render(request, "portal/home.html", {"plans": plans_public()})
