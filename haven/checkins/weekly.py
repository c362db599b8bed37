"""Extension point: counts per week from other features, shown on the progress page.

Rocky moments and repairs (issue 6, the negative cycle) do not exist yet.
When they do, that app registers one counter per thing it counts, in its
AppConfig.ready():

    from haven.checkins import weekly

    weekly.register(weekly.Counter(
        key="rocky_moments",
        label=gettext_lazy("Rocky moments"),
        count=lambda viewer, start, end: {...},  # {Monday: number} of the viewer's own items
    ))

`count` gets the viewer and a date range and returns a number per week
(keyed by the week's Monday), counted in one query through
haven.core.policy.visible() so only the viewer's own items are counted and
the page keeps a fixed number of queries. Nothing is shown until a counter
is registered: the progress page never shows made-up numbers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from haven.checkins.trend import week_start

CountPerWeek = Callable[[Any, datetime.date, datetime.date], dict[datetime.date, int]]


@dataclass(frozen=True)
class Counter:
    key: str
    label: Any  # a (lazy) translated string
    count: CountPerWeek


_counters: dict[str, Counter] = {}


def register(counter: Counter) -> None:
    _counters[counter.key] = counter


def unregister(key: str) -> None:
    _counters.pop(key, None)


def counters() -> list[Counter]:
    return list(_counters.values())


@dataclass(frozen=True)
class WeekRow:
    start: datetime.date
    counts: tuple[int, ...]


def rows(viewer, start: datetime.date, end: datetime.date) -> tuple[list[Counter], list[WeekRow]]:
    """(the registered counters, one row per week from start to end with their counts)."""
    found = counters()
    if not found:
        return [], []
    per_counter = [counter.count(viewer, start, end) for counter in found]
    weeks = []
    monday = week_start(start)
    while monday <= end:
        weeks.append(WeekRow(monday, tuple(counts.get(monday, 0) for counts in per_counter)))
        monday += datetime.timedelta(weeks=1)
    return found, weeks
