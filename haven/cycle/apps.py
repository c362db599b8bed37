from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "haven.cycle"
    label = "cycle"
    verbose_name = _("Cycle")

    def ready(self) -> None:
        from haven.cycle import checks  # noqa: F401  (registers the data check)
