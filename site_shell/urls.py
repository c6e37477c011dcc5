from django.urls import path

from site_shell import trail, views

app_name = "site_shell"

urlpatterns = [
    path("", views.home, name="home"),
    path("executive/brief/<int:pk>.pdf", views.executive_brief, name="executive_brief"),
    # The audit trail viewer scopes entries through the permission policy, so it is not in `audit` itself
    # (which records entries and imports no domain app).
    path("audit/", trail.event_list, name="trail"),
]
