from django.urls import path

from smart.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("keluar/", views.sign_out, name="logout"),
    # The second factor (TOTP + backup codes): mandatory for administrative roles.
    path("kode/", views.otp_verify, name="otp_verify"),
    path("kode/daftar/", views.otp_setup, name="otp_setup"),
    path("kode/cadangan/", views.backup_codes, name="backup_codes"),
    path("keamanan/", views.security, name="security"),
    path("kata-sandi/", views.PasswordChange.as_view(), name="password_change"),
    path("lupa-kata-sandi/", views.password_reset_request, name="password_reset"),
    path("atur-sandi/<uidb64>/<token>/", views.PasswordResetConfirm.as_view(),
         name="password_reset_confirm"),
]
