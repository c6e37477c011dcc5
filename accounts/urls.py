from django.contrib.auth import views as django_auth_views
from django.urls import path

from accounts import auth_views, supervision_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", django_auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/roles/<int:assignment_id>/revoke/", views.role_revoke_view, name="role_revoke"),
    path("role-proposals/", views.proposals, name="proposals"),
    path("role-proposals/<int:proposal_id>/decide/", views.proposal_decide, name="proposal_decide"),
    path("tokens/", views.token_list, name="tokens"),
    # supervising bodies above the agencies (the national administrator only)
    path("supervisions/", supervision_views.supervision_list, name="supervisions"),
    path("supervisions/<int:pk>/revoke/", supervision_views.supervision_revoke, name="supervision_revoke"),
    path("supervisions/new-account/", supervision_views.supervision_account_create,
         name="supervision_account_create"),
]
