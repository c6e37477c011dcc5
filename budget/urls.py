from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("", views.home, name="home"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_view, name="import"),
    path("import/template.xlsx", views.template, name="template"),
    path("lines/", views.lines, name="lines"),
    path("targets/", views.targets, name="targets"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/files/<int:file_id>/", views.meeting_file, name="meeting_file"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/files/<int:file_id>/", views.review_file, name="review_file"),
    path("publications/", views.publications, name="publications"),
    path("publications/publish/", views.publication_publish, name="publication_publish"),
    path("publications/<int:pk>/withdraw/", views.publication_withdraw, name="publication_withdraw"),
]
