from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynchronisationConfig(AppConfig):
    name = "smart.synchronisation"
    verbose_name = _("Synchronisation with SIASN")
