from django.urls import path

from smart.records import views

app_name = "records"
urlpatterns = [
    path("<int:pk>/", views.profile, name="profile"),
    # everything under /pegawai/<pk>/riwayat/<kind>/
    path("<int:pk>/riwayat/<slug:slug>/", views.entry_list, name="entry_list"),
    path("<int:pk>/riwayat/<slug:slug>/tambah/", views.entry_form, name="entry_add"),
    path("<int:pk>/riwayat/<slug:slug>/<int:entry_pk>/", views.entry_detail,
         name="entry_detail"),
    path("<int:pk>/riwayat/<slug:slug>/<int:entry_pk>/ubah/", views.entry_form,
         name="entry_edit"),
]
