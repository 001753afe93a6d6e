from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Sign-in with NIP (employees) or login name (staff accounts)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        # One message for an unknown NIP and a wrong password alike.
        "invalid_login": _(
            "The NIP or user name and password do not match. Check them and try again."
        ),
    }

    username = forms.CharField(
        label=_("NIP or user name"), max_length=150,
        widget=forms.TextInput(attrs={
            "autofocus": True, "autocomplete": "username", "inputmode": "text",
            "autocapitalize": "none",
        }),
    )

    def clean_username(self) -> str:
        return compact_nip(self.cleaned_data["username"])


def compact_nip(value: str) -> str:
    """NIPs are printed with spaces (8-6-1-3); accept them as typed."""
    value = value.strip()
    compact = value.replace(" ", "")
    return compact if compact.isdigit() else value


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("Code"), max_length=16,
        widget=forms.TextInput(attrs={
            "autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric",
            "autocapitalize": "none", "spellcheck": "false",
        }),
        help_text=_("The 6-digit code from the authenticator app, or one backup code."),
    )


class ResetRequestForm(forms.Form):
    username = forms.CharField(label=_("NIP or user name"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username"}))

    def clean_username(self) -> str:
        return compact_nip(self.cleaned_data["username"])


class UserByLoginField(forms.CharField):
    """An active user named by NIP or login name."""

    def clean(self, value):
        username = compact_nip(super().clean(value))
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this login name."))
        return user
