from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """Sign-in with NIP (employees) or login name (staff accounts)."""

    username = forms.CharField(
        label=_("NIP or user name"), max_length=150,
        widget=forms.TextInput(attrs={
            "autofocus": True, "autocomplete": "username", "inputmode": "text",
            "autocapitalize": "none",
        }),
    )

    def clean_username(self) -> str:
        # NIPs are printed with spaces (8-6-1-3); accept them as typed.
        value = self.cleaned_data["username"].strip()
        compact = value.replace(" ", "")
        return compact if compact.isdigit() else value
