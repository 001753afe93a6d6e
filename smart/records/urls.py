from django.urls import path

from smart.records import views

app_name = "records"
urlpatterns = [
    path("saya/data/", views.my_data, name="my_data"),
    path("saya/data/unduh/", views.my_data_download, name="my_data_download"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/drh.pdf", views.drh, name="drh"),
    path("<int:pk>/drh-lengkap.pdf", views.drh_full, name="drh_full"),
    # everything under /pegawai/<pk>/riwayat/<kind>/
    path("<int:pk>/riwayat/<slug:slug>/", views.entry_list, name="entry_list"),
    path("<int:pk>/riwayat/<slug:slug>/<int:entry_pk>/", views.entry_detail,
         name="entry_detail"),
]
