from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("website/", views.embed, name="website"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.xlsx", views.results_export, name="results_export"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/import/", views.import_responses, name="import"),
    path("<int:pk>/import-template.xlsx", views.import_template, name="import_template"),
]
