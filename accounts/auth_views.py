"""Signing in and setting a password by e-mail: Django's views, with the project's forms and two additions.

Every page here is sent with `Cache-Control: no-store, private` (a shared office computer must not show the
last person's reset link or form from its cache), and a password set through the e-mailed link lifts the
login lock of that account.
"""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from accounts import services
from accounts.forms import ThaiAuthenticationForm, ThaiPasswordResetForm, ThaiSetPasswordForm


class LoginView(auth_views.LoginView):
    authentication_form = ThaiAuthenticationForm
    redirect_authenticated_user = True


@method_decorator(never_cache, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThaiPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


@method_decorator(never_cache, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ThaiSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_finished(user=form.user)
        return response


@method_decorator(never_cache, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass
