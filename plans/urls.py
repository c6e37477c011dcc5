from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("my-work/", views.my_work, name="my_work"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/approve/", views.plan_approve_view, name="approve"),
    path("<int:pk>/reopen/", views.plan_reopen_view, name="reopen"),
    path("<int:pk>/export.xlsx", views.plan_export, name="export"),
    path("<int:pk>/import/", views.plan_import_view, name="import"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/indicators/new/", views.indicator_new, name="indicator_new"),
]
