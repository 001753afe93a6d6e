from django.urls import path

from smart.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/buka/", views.notification_open, name="open"),
    path("tandai-dibaca/", views.notifications_mark_all, name="mark_all"),
]
