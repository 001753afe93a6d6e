from django.urls import path

from smart.changes import views

app_name = "changes"
urlpatterns = [
    path("saya/", views.mine, name="mine"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("antrean/", views.queue, name="queue"),
    path("antrean/validasi-massal/", views.batch_validate, name="batch_validate"),
    path("pemantauan/", views.oversight, name="oversight"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/langkah/", views.move, name="move"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    # proposals and direct corrections about one employee's record
    path("pegawai/<int:pk>/<slug:slug>/usul/", views.propose, name="propose"),
    path("pegawai/<int:pk>/<slug:slug>/<int:entry_pk>/usul/", views.propose,
         name="propose_entry"),
    path("pegawai/<int:pk>/<slug:slug>/koreksi/", views.direct_correction, name="direct"),
    path("pegawai/<int:pk>/<slug:slug>/<int:entry_pk>/koreksi/", views.direct_correction,
         name="direct_entry"),
]
