"""`haven check` reports reflection data files that Haven refuses to use."""

from __future__ import annotations

from typing import Any

from django.core import checks

from haven.reflection import content, engine


@checks.register("haven")
def reflection_data(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    for error in engine.discover().errors:
        problems.append(
            checks.Warning(
                str(error),
                hint="This instrument is not offered until the file is fixed.",
                id="reflection.W001",
            )
        )
    for load in (content.load_history, content.load_map):
        try:
            load()
        except content.ContentError as error:
            problems.append(checks.Error(str(error), id="reflection.E001"))
    return problems
