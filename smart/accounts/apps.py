from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "smart.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import signals

        from smart.accounts import signin_events

        signals.user_logged_in.connect(signin_events.on_signed_in,
                                       dispatch_uid="smart.signin.success")
        signals.user_login_failed.connect(signin_events.on_sign_in_failed,
                                          dispatch_uid="smart.signin.failure")
        signals.user_logged_out.connect(signin_events.on_signed_out,
                                        dispatch_uid="smart.signin.logout")
