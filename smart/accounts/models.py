"""User accounts. Employees sign in with their NIP; staff accounts with a login name."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in to SMART.

    ``username`` is the NIP for employees (the ``people.Employee`` row links
    back to this account) and a chosen login name for staff accounts.
    """

    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username
