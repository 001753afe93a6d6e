from django.urls import path

from smart.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("keluar/", views.sign_out, name="logout"),
]
