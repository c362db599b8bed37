from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MomentsConfig(AppConfig):
    name = "haven.moments"
    label = "moments"
    verbose_name = _("Rocky moments, the pause and repair")

    def ready(self) -> None:
        from haven.checkins import weekly
        from haven.moments import (
            checks,  # noqa: F401  (registers the data-file check)
            selectors,
        )

        weekly.register(
            weekly.Counter(
                key="rocky_moments", label=_("Rocky moments"), count=selectors.moments_per_week
            )
        )
        weekly.register(
            weekly.Counter(key="repairs", label=_("Repairs"), count=selectors.repairs_per_week)
        )
