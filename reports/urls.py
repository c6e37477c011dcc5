from django.urls import path

from reports.views import approval as approval_views
from reports.views import compile as compile_views
from reports.views import dashboard, files, relevance, report_form, review, rounds

app_name = "reports"

urlpatterns = [
    path("", rounds.home, name="home"),
    path("queue/", review.review_queue, name="queue"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/defaults/", rounds.round_create_defaults, name="round_defaults"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", rounds.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", rounds.round_close, name="round_close"),
    path("rounds/<int:pk>/dashboard/", dashboard.round_dashboard, name="dashboard"),
    path("dashboard/", dashboard.latest_dashboard, name="dashboard_latest"),
    path("rounds/<int:pk>/compile/", compile_views.compile_page, name="compile"),
    path("rounds/<int:pk>/compile/run/", compile_views.compile_run, name="compile_run"),
    *[
        path(f"rounds/<int:pk>/compiled.{fmt}", files.compiled_export, {"fmt": fmt}, name=f"compiled_{fmt}")
        for fmt in ("docx", "pdf", "xlsx")
    ],
    path("rounds/<int:pk>/compiled.pdf/status/", files.compiled_pdf_status, name="compiled_pdf_status"),
    *[
        path(f"rounds/<int:pk>/memo.{fmt}", files.memo_export, {"fmt": fmt}, name=f"memo_{fmt}")
        for fmt in ("docx", "pdf")
    ],
    # approval and the documents that leave the department
    path("rounds/<int:pk>/approval/", approval_views.approval_page, name="approval"),
    path("rounds/<int:pk>/approval/approve/", approval_views.approval_approve, name="approval_approve"),
    path("rounds/<int:pk>/approval/letter/", approval_views.approval_letter, name="approval_letter"),
    path("rounds/<int:pk>/approval/sent/", approval_views.approval_send, name="approval_send"),
    *[
        path(f"rounds/<int:pk>/{name}", approval_views.round_document, {"name": name},
             name=f"doc_{name.replace('.', '_').replace('-', '_')}")
        for name in ("summary.pdf", "summary.docx", "annex.pdf", "pacc-letter.pdf", "pacc-letter.docx",
                     "pacc-package.zip")
    ],
    path("rounds/<int:pk>/annex-status/", approval_views.annex_status, name="doc_annex_status"),
    path("rounds/<int:pk>/annex/<slug:unit_code>.pdf", approval_views.round_unit_annex,
         name="doc_annex_unit"),
    path("<int:pk>/", review.report_detail, name="report"),
    path("<int:pk>/edit/", report_form.report_edit, name="edit"),
    path("<int:pk>/relevance/", relevance.report_relevance, name="relevance"),
    path("<int:pk>/autosave/", report_form.report_autosave, name="autosave"),
    path("<int:pk>/stash/drop/", report_form.stash_drop, name="stash_drop"),
    path("<int:pk>/submit/", review.report_submit, name="submit"),
    path("<int:pk>/review/", review.report_review, name="review"),
    path("<int:pk>/endorse/", review.report_endorse, name="endorse"),
    path("<int:pk>/lock/", review.report_lock, name="lock"),
    path("<int:pk>/reopen/", review.report_reopen, name="reopen"),
    *[
        path(f"<int:pk>/report.{fmt}", files.report_export, {"fmt": fmt}, name=f"report_{fmt}")
        for fmt in ("docx", "pdf")
    ],
    path("evidence/<int:pk>/download/", files.evidence_download, name="evidence"),
]
