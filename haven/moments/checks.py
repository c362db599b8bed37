"""`haven check` reports a broken moments data file."""

from __future__ import annotations

from typing import Any

from django.core import checks

from haven.moments import content


@checks.register("haven")
def moments_data(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        content.load()
    except content.ContentError as error:
        return [checks.Error(str(error), id="moments.E001")]
    return []
