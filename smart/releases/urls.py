from django.urls import path

from smart.releases import views

app_name = "releases"
urlpatterns = [
    path("", views.release_list, name="list"),
    path("minta/<str:token>/", views.release_new, name="request"),
    path("<int:pk>/", views.release_detail, name="detail"),
    path("<int:pk>/langkah/", views.release_move_view, name="move"),
]
