"""Root URLconf: one include per app, every page behind login unless marked public."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("smart.portal.urls")),
    path("akun/", include("smart.accounts.urls")),
    path("pegawai/", include("smart.people.urls")),
    path("pegawai/", include("smart.records.urls")),
    path("usulan/", include("smart.changes.urls")),
    path("dokumen/", include("smart.documents.urls")),
    path("notifikasi/", include("smart.notifications.urls")),
    path("rilis-data/", include("smart.releases.urls")),
    path("api/v1/", include("smart.api.urls")),
    path("laporan/", include("smart.reports.urls")),
    path("tugas/", include("smart.jobs.urls")),
    path("", include("smart.operations.urls")),
    # Public: the language switch is on the sign-in page too.
    path("bahasa/", login_not_required(set_language), name="set_language"),
]

handler400 = "smart.portal.views.bad_request"
handler403 = "smart.portal.views.permission_denied"
handler404 = "smart.portal.views.page_not_found"
handler500 = "smart.portal.views.server_error"
