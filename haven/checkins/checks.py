"""`haven check` reports a broken check-ins data file or a missing monthly instrument."""

from __future__ import annotations

from typing import Any

from django.core import checks

from haven.checkins import content
from haven.reflection import engine


@checks.register("haven")
def checkins_data(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        loaded = content.load()
    except content.ContentError as error:
        return [checks.Error(str(error), id="checkins.E001")]
    problems: list[checks.CheckMessage] = []
    found = engine.discover()
    for mode, key in loaded.measures.items():
        instrument = found.instruments.get(key)
        if instrument is None or instrument.purpose != "satisfaction":
            problems.append(
                checks.Error(
                    f"the monthly reflection for {mode!r} names {key!r}, which is not an "
                    'instrument with purpose = "satisfaction"',
                    id="checkins.E002",
                )
            )
    return problems
