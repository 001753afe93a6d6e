from django.urls import path

from smart.synchronisation import views

app_name = "synchronisation"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("<int:pk>/", views.run_detail, name="run_detail"),
    path("<int:pk>/selisih/<int:difference_pk>/usul/", views.difference_propose,
         name="difference_propose"),
]
