from django.urls import path

from campaigns import public, views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/remind/", views.campaign_remind, name="remind"),
    path("<int:pk>/units/<int:unit_id>/", views.campaign_unit, name="unit"),
    path("<int:pk>/units/<int:unit_id>/qr/", views.campaign_qr, name="qr"),
    path("files/<int:file_id>/", views.file_download, name="file"),
    path("roster/", views.roster_list, name="roster"),
    path("roster/import/", views.roster_import_view, name="roster_import"),
    path("roster/template.xlsx", views.roster_template, name="roster_template"),
    path("ack/<str:token>/", public.acknowledge, name="acknowledge"),
]
