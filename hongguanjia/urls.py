from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from common import views as common_views
from hongguanjia.api import api

urlpatterns = [
    path("", common_views.home, name="home"),
    path("console/", common_views.console, name="console"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("accounts/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("places/", include("places.urls")),
    path("organizations/", include("organizations.urls")),
    path("campaign/", include("campaign.urls")),
    path("serviceweek/", include("serviceweek.urls")),
    path("complaints/", include("complaints.urls")),
    path("showcase/", include("showcase.urls")),
    path("indicators/", include("indicators.urls")),
    path("common/", include("common.urls")),
]

handler400 = "common.views.bad_request"
handler403 = "common.views.forbidden"
handler404 = "common.views.not_found"
handler500 = "common.views.server_error"
