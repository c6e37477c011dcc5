from django.urls import path

from ita import views

app_name = "ita"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:fy>/", views.board, name="board"),
    path("<int:fy>/answer-sheet.xlsx", views.answer_sheet, name="answer_sheet"),
    path("<int:fy>/recheck/", views.recheck, name="recheck"),
    path("<int:fy>/calendar/", views.calendar, name="calendar"),
    path("<int:fy>/import/", views.catalogue_import, name="import"),
    path("<int:fy>/items/new/", views.item_new, name="item_new"),
    path("<int:fy>/submission/", views.submission, name="submission"),
    path("<int:fy>/submission/approve/", views.submission_approve, name="submission_approve"),
    path("<int:fy>/submission/memo.docx", views.memo_export, {"fmt": "docx"}, name="memo_docx"),
    path("<int:fy>/submission/memo.pdf", views.memo_export, {"fmt": "pdf"}, name="memo_pdf"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/tag/", views.item_tag, name="item_tag"),
    path("snapshots/<int:pk>/", views.snapshot_download, name="snapshot"),
]
