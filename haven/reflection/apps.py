from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionConfig(AppConfig):
    name = "haven.reflection"
    label = "reflection"
    verbose_name = _("Reflection")

    def ready(self) -> None:
        from haven.reflection import checks  # noqa: F401  (registers the data checks)
