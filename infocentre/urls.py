from django.urls import path

from infocentre import views

app_name = "infocentre"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("search/", views.catalogue, name="search"),
    path("doc/<int:pk>/", views.document, name="document"),
    path("doc/<int:pk>/file/<int:file_id>/", views.document_file, name="document_file"),
    path("request/", views.request_new, name="request_new"),
    path("request/receipt/<str:token>/", views.request_receipt, name="request_receipt"),
    path("request/status/", views.request_status, name="request_status"),
    path("participation/", views.participation_list, name="participation"),
    path("participation/<int:pk>/", views.consultation, name="consultation"),
    path("participation/<int:pk>/file/<int:file_id>/", views.consultation_file, name="consultation_file"),
    path("manage/", views.manage, name="manage"),
    path("manage/doc/<int:pk>/", views.document_decide, name="document_decide"),
    path("manage/requests/", views.requests, name="requests"),
    path("manage/requests/<int:pk>/", views.request_handle, name="request_handle"),
    path("manage/participation/new/", views.consultation_new, name="consultation_new"),
    path("manage/participation/<int:pk>/", views.consultation_manage, name="consultation_manage"),
]
