from django.urls import path

from registers.views import common, icontrol, manuals, publicity, sheets, workplace

app_name = "registers"

urlpatterns = [
    path("", common.home, name="home"),
    path("manuals/", manuals.manual_list, name="manuals"),
    path("manuals/processes/new/", manuals.process_edit, name="process_new"),
    path("manuals/processes/<int:pk>/", manuals.process_edit, name="process_edit"),
    path("manuals/processes/<int:process_id>/versions/new/", manuals.version_edit, name="version_new"),
    path("manuals/processes/<int:process_id>/versions/<int:pk>/", manuals.version_edit, name="version_edit"),
    path("manuals/processes/<int:process_id>/reviews/new/", manuals.review_new, name="review_new"),
    path("manuals/files/<int:pk>/", manuals.manual_file, name="manual_file"),
    path("manuals/compliance/", manuals.compliance_list, name="compliance"),
    path("manuals/compliance/new/", manuals.compliance_new, name="compliance_new"),
    path("manuals/compliance/files/<int:pk>/", manuals.compliance_file, name="compliance_file"),
    path("internal-control/", icontrol.round_list, name="icontrol"),
    path("internal-control/rounds/new/", icontrol.round_edit, name="icontrol_round_new"),
    path("internal-control/rounds/<int:pk>/", icontrol.round_detail, name="icontrol_round"),
    path("internal-control/rounds/<int:pk>/edit/", icontrol.round_edit, name="icontrol_round_edit"),
    path("internal-control/rounds/<int:round_id>/submit/", icontrol.submission_edit, name="submission_new"),
    path("internal-control/rounds/<int:round_id>/submissions/<int:pk>/", icontrol.submission_edit,
         name="submission_edit"),
    path("internal-control/files/<int:pk>/", icontrol.submission_file, name="ic_file"),
    path("healthy-workplace/", workplace.assessment_list, name="workplace"),
    path("healthy-workplace/new/", workplace.assessment_edit, name="assessment_new"),
    path("healthy-workplace/<int:pk>/", workplace.assessment_edit, name="assessment_edit"),
    path("healthy-workplace/<int:assessment_id>/awards/new/", workplace.award_new, name="award_new"),
    path("healthy-workplace/files/<int:pk>/", workplace.assessment_file, name="workplace_file"),
    path("publicity/", publicity.entry_list, name="publicity"),
    path("publicity/new/", publicity.entry_edit, name="publicity_new"),
    path("publicity/<int:pk>/", publicity.entry_edit, name="publicity_edit"),
    path("publicity/files/<int:pk>/", publicity.entry_file, name="publicity_file"),
    path("sheets/<slug:kind>/template.xlsx", sheets.template, name="template"),
    path("sheets/<slug:kind>/import/", sheets.import_sheet, name="import"),
    path("sheets/<slug:kind>/export.xlsx", sheets.export, name="export"),
    # public: published manuals and standards (ITA evidence)
    path("public/manuals/", manuals.public_manuals, name="public_manuals"),
    path("public/manuals/files/<int:pk>/", manuals.public_manual_file, name="public_manual_file"),
]
