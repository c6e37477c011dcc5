from django.urls import include, path

from api.api import api

urlpatterns = [
    path("", include("site_shell.urls")),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("units/", include("org.urls")),
    path("plans/", include("plans.urls")),
    path("reports/", include("reports.urls")),
    path("procurement/", include("procurement.urls")),
    path("complaints/", include("complaints.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("integrity/", include("integrity.urls")),
    path("registers/", include("registers.urls")),
    path("budget/", include("budget.urls")),
    path("surveys/", include("surveys.urls")),
    path("hr/", include("hr.urls")),
    path("ita/", include("ita.urls")),
    path("info/", include("infocentre.urls")),
    path("public/", include("portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
]

handler403 = "core.views.forbidden"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
