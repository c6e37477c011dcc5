from django.urls import path

from site_shell import views

app_name = "site_shell"

urlpatterns = [path("", views.home, name="home")]
