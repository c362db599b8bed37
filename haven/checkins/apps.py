from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinsConfig(AppConfig):
    name = "haven.checkins"
    label = "checkins"
    verbose_name = _("Check-ins and progress")

    def ready(self) -> None:
        from haven.checkins import checks  # noqa: F401  (registers the data-file check)
