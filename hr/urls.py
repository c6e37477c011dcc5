from django.urls import path

from hr import views, views_io

app_name = "hr"

urlpatterns = [
    path("", views.home, name="home"),
    path("criteria/new/", views.step_new, name="step_new"),
    path("criteria/files/<int:pk>/", views.step_file, name="step_file"),
    path("job-lines/new/", views.job_line_new, name="job_line_new"),
    path("job-lines/<int:pk>/kpis/", views.job_line_kpis, name="job_line_kpis"),
    path("rounds/new/", views.round_new, name="round_new"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/units/", views.round_unit, name="round_unit"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("export.xlsx", views_io.export, name="export"),
    path("job-lines/import/", views_io.job_lines_import, name="job_lines_import"),
    path("job-lines/import/template.xlsx", views_io.job_lines_template, name="job_lines_template"),
    path("rounds/<int:pk>/import/", views_io.round_import, name="round_import"),
    path("rounds/<int:pk>/import/template.xlsx", views_io.round_template, name="round_template"),
]
