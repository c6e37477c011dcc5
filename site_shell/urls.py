from django.urls import path

from site_shell import agency_views, national_views, trail, views

app_name = "site_shell"

urlpatterns = [
    path("", views.home, name="home"),
    path("executive/brief/<int:pk>.pdf", views.executive_brief, name="executive_brief"),
    # The audit trail viewer scopes entries through the permission policy, so it is not in `audit` itself
    # (which records entries and imports no domain app).
    path("audit/", trail.event_list, name="trail"),
    # the national administrator (superuser) creates an agency; /a/ is the public index of agencies
    path("agencies/new/", agency_views.agency_new, name="agency_new"),
    path("agencies/units-template.xlsx", agency_views.agency_units_template, name="agency_units_template"),
    path("a/", agency_views.agency_index, name="agency_index"),
    # the supervising bodies' read-only roll-up of every agency they supervise
    path("national/", national_views.national_rollup, name="national_rollup"),
]
