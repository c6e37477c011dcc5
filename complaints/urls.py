from django.urls import path

from complaints.views import public, reports, setup, staff

app_name = "complaints"

urlpatterns = [
    path("", staff.case_list, name="list"),
    path("new/", staff.case_new, name="new"),
    path("new/receipt/<str:token>/", staff.case_receipt, name="staff_receipt"),
    path("overdue/", staff.overdue, name="overdue"),
    path("<int:pk>/", staff.case_detail, name="detail"),
    path("<int:pk>/identity/", staff.identity, name="identity"),
    path("<int:pk>/files/<int:file_id>/", staff.attachment, name="attachment"),
    path("<int:pk>/<slug:action>/", staff.case_action, name="action"),
    path("reports/", reports.report_home, name="reports"),
    path("reports/<slug:kind>.<str:fmt>", reports.report_download, name="report_download"),
    path("reports/issue/<slug:kind>/", reports.report_issue_record, name="report_issue"),
    path("reports/issued/files/<int:pk>/", reports.report_issue_file, name="report_issue_file"),
    path("reviews/", setup.reviews, name="reviews"),
    path("reviews/<int:pk>.<slug:fmt>", setup.review_document, name="review_document"),
    path("settings/", setup.settings_home, name="settings"),
    path("settings/standards/new/", setup.standard_edit, name="standard_new"),
    path("settings/standards/<int:pk>/", setup.standard_edit, name="standard_edit"),
    path("settings/categories/new/", setup.category_edit, name="category_new"),
    path("settings/categories/<int:pk>/", setup.category_edit, name="category_edit"),
    path("settings/stages/new/", setup.stage_edit, name="stage_new"),
    path("settings/stages/<int:pk>/", setup.stage_edit, name="stage_edit"),
    path("settings/holidays/new/", setup.holiday_add, name="holiday_new"),
    path("settings/holidays/<int:pk>/delete/", setup.holiday_delete, name="holiday_delete"),
    # Public pages: no account needed.
    path("public/", public.home, name="public_home"),
    path("public/new/<slug:channel>/", public.new, name="public_new"),
    path("public/receipt/<str:token>/", public.receipt, name="public_receipt"),
    path("public/track/", public.track, name="public_track"),
    path("public/manual/", public.handling_manual, name="public_manual"),
    path("public/manual.pdf", public.handling_manual_pdf, name="public_manual_pdf"),
    path("public/statistics/", public.statistics, name="public_stats"),
]
