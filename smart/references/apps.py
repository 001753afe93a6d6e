from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferencesConfig(AppConfig):
    name = "smart.references"
    verbose_name = _("Master data")

    def ready(self) -> None:
        from smart.references import held  # noqa: F401  (connects its signals)
