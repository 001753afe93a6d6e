from django.urls import path

from smart.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    # Daftar Urut Kepangkatan: the page and its two files.
    path("duk/", views.duk, name="duk"),
    path("duk/excel/", views.duk_xlsx, name="duk_xlsx"),
    path("duk/pdf/", views.duk_pdf, name="duk_pdf"),
    path("statistik/", views.statistics, name="statistics"),
]
