"""Root URLconf: one include per app, every page behind login unless marked public."""

from django.urls import include, path

urlpatterns = [
    path("", include("smart.portal.urls")),
    path("akun/", include("smart.accounts.urls")),
    path("pegawai/", include("smart.people.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "smart.portal.views.bad_request"
handler403 = "smart.portal.views.permission_denied"
handler404 = "smart.portal.views.page_not_found"
handler500 = "smart.portal.views.server_error"
