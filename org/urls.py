from django.urls import path

from org import views

app_name = "org"

urlpatterns = [
    path("", views.unit_list, name="units"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("<int:pk>/agency-settings/", views.agency_settings, name="agency_settings"),
    path("<int:pk>/emblem/", views.agency_emblem, name="agency_emblem"),
]
