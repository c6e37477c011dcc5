"""The first-password e-mail of an account that someone else made (a supervising body's officer).

The link is the password-reset flow's own (accounts.auth_views): Django's token generator makes it, so it
works once, stops working when a password is set, and ends after PASSWORD_RESET_TIMEOUT like any reset link.
Sent after the account's transaction commits, by a task that carries the account's id only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User

SUBJECT_TEMPLATE = "registration/account_invitation_subject.txt"
BODY_TEMPLATE = "registration/account_invitation_email.txt"


def invite(user: User) -> None:
    from accounts.tasks import send_account_invitation

    transaction.on_commit(lambda: send_account_invitation.enqueue(user.pk))


def send_invitation(user_id: int) -> bool:
    """Send the link; nothing when the account is gone, suspended, has no e-mail or already set a password
    (so a second run after the person signed in sends nothing)."""
    from accounts.forms import ThaiPasswordResetForm

    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or user.has_usable_password():
        return False
    site = settings.SITE_URL.rstrip("/")
    link = reverse("accounts:password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)})
    context = {
        "user": user, "link": site + link, "login": site + reverse("accounts:login"),
        "scopes": [s.scope_label for s in user.supervisions.order_by("ministry")],
        "days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
    }
    # The reset form's own sender: the subject on one line, the body rendered from the template.
    ThaiPasswordResetForm().send_mail(SUBJECT_TEMPLATE, BODY_TEMPLATE, context, settings.DEFAULT_FROM_EMAIL,
                                      user.email)
    return True
