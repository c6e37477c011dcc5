from django.urls import path

from org import views

app_name = "org"

urlpatterns = [
    path("", views.unit_list, name="units"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit_edit"),
]
