from django.urls import path

from integrity.views import extra
from integrity.views.registers import urls as register_urls
from integrity.views.specs import REGISTERS

app_name = "integrity"

urlpatterns: list = [
    path("", extra.home, name="home"),
    path("discipline/counts/", extra.discipline_counts, name="discipline_counts"),
    path(
        "discipline/from-complaint/<int:complaint_id>/", extra.case_from_complaint, name="case_from_complaint"
    ),
    path("discipline/<int:pk>/update/", extra.case_update, name="case_update"),
    path("issuances/<int:pk>/review/", extra.issuance_review, name="issuance_review"),
    path("declarations/<int:pk>/decide/", extra.declaration_decide, name="declaration_decide"),
    path("gifts/rules/", extra.gift_rules, name="gift_rules"),
    path("coi-reports/", extra.coi_reports, name="coi_reports"),
    path("coi-reports/<int:fy>/", extra.coi_report, name="coi_report"),
    path("coi-reports/<int:fy>.<slug:fmt>", extra.coi_report_document, name="coi_report_document"),
]
for _register in REGISTERS:
    urlpatterns += register_urls(_register)
