from django.urls import path

from hongguanjia.urls import urlpatterns as project_urlpatterns
from tests.trust.probe_api import probe_api

urlpatterns = [path("api/probe/", probe_api.urls), *project_urlpatterns]

handler400 = "common.views.bad_request"
handler403 = "common.views.forbidden"
handler404 = "common.views.not_found"
handler500 = "common.views.server_error"


def boom(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("boom/", boom),
    path("api/boom/", boom),
    *urlpatterns,
]
