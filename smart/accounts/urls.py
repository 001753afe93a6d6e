from django.contrib.auth import views as auth_views
from django.urls import path

from smart.accounts import views
from smart.accounts.forms import SignInForm

app_name = "accounts"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=SignInForm,
        redirect_authenticated_user=True,
    ), name="login"),
    path("keluar/", views.sign_out, name="logout"),
]
