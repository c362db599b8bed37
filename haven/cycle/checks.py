"""`haven check` reports a cycle data file that Haven cannot use."""

from __future__ import annotations

from typing import Any

from django.core import checks

from haven.cycle import vocabulary


@checks.register("haven")
def cycle_data(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        vocabulary.check_all()
    except vocabulary.VocabularyError as error:
        return [checks.Error(str(error), id="cycle.E001")]
    return []
