"""The shape of a series of daily percentages: a smoothed trend, peaks and valleys.

Pure functions on (date, value) pairs, no database and no Django, so they can
be tested on known series. Missing days are simply absent from the input:

- `smooth` weighs each check-in by its distance in *days* from the day being
  estimated (a tricube kernel, local linear fit), so a gap does not squeeze
  the days around it together. Where fewer than two check-ins fall inside the
  window the trend has no value (None) and the line breaks: it never invents
  days nobody noted.
- `turning_points` finds peaks and valleys on the trend with a zigzag rule: a
  peak is confirmed once the trend has fallen at least `threshold` points
  below it (a valley once it has risen as much), so day-to-day noise does not
  make a mountain range.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

Day = datetime.date
Series = Sequence[tuple[Day, float]]
Trend = list[tuple[Day, float | None]]

# How far a trend must turn (in percentage points) before a peak or valley counts.
TURN_THRESHOLD = 10.0
# Fewer check-ins than this in a window say nothing about a direction yet.
MIN_POINTS = 5


@dataclass(frozen=True)
class TurningPoint:
    day: Day
    value: float
    kind: Literal["peak", "valley"]


def _ordinal(day: Day) -> int:
    return day.toordinal()


def smooth(
    points: Series,
    *,
    bandwidth: int,
    step: int = 1,
    start: Day | None = None,
    end: Day | None = None,
    low: float = 0.0,
    high: float = 100.0,
) -> Trend:
    """The trend of `points` (sorted by day), every `step` days from start to end.

    `bandwidth` is the half-width of the window in days. Days before the first
    or after the last check-in get no value: a trend is never extrapolated.
    Values are kept within [low, high].
    """
    if bandwidth < 1 or step < 1:
        raise ValueError("bandwidth and step must be at least 1")
    if not points:
        return []
    days = [_ordinal(day) for day, _value in points]
    values = [float(value) for _day, value in points]
    if any(later < earlier for earlier, later in pairwise(days)):
        raise ValueError("points must be sorted by day")
    first = max(days[0], _ordinal(start)) if start else days[0]
    last = min(days[-1], _ordinal(end)) if end else days[-1]
    width = bandwidth + 1  # a check-in `bandwidth` days away still counts a little
    trend: Trend = []
    at = first
    while at <= last:
        trend.append((Day.fromordinal(at), _local_linear(days, values, at, width, low, high)))
        if at == last:
            break
        at = min(at + step, last)
    return trend


def _local_linear(
    days: list[int], values: list[float], at: int, width: int, low: float, high: float
) -> float | None:
    lo = bisect_left(days, at - width + 1)
    hi = bisect_right(days, at + width - 1)
    if hi - lo < 2:
        return None
    s0 = s1 = s2 = t0 = t1 = 0.0
    inverse = 1.0 / width
    # Written for speed (this loop is most of the progress page's arithmetic):
    # tricube weight w = (1 - |x/width|^3)^3, then the sums of a weighted
    # least-squares line.
    for day, y in zip(days[lo:hi], values[lo:hi], strict=True):
        x = day - at
        u = (x if x >= 0 else -x) * inverse
        w = 1.0 - u * u * u
        w = w * w * w
        wx = w * x
        s0 += w
        s1 += wx
        s2 += wx * x
        t0 += w * y
        t1 += wx * y
    denominator = s0 * s2 - s1 * s1
    # All check-ins on one side at nearly one distance: the slope is unknown,
    # so fall back to the weighted mean.
    estimate = (s2 * t0 - s1 * t1) / denominator if denominator > 1e-9 * s0 * s0 else t0 / s0
    return min(high, max(low, estimate))


def turning_points(trend: Trend, threshold: float = TURN_THRESHOLD) -> list[TurningPoint]:
    """Peaks and valleys of the trend, each with a rise and a fall of at least `threshold`."""
    known = [(day, value) for day, value in trend if value is not None]
    if len(known) < 3:
        return []
    found: list[TurningPoint] = []
    direction = 0  # +1 rising, -1 falling, 0 not yet decided
    highest = lowest = known[0]
    candidate = known[0]
    for day, value in known[1:]:
        if direction == 0:
            if value > highest[1]:
                highest = (day, value)
            if value < lowest[1]:
                lowest = (day, value)
            if highest[1] - lowest[1] >= threshold:
                # The first clear move sets the direction; its far end is the
                # first candidate. Where it began is the edge, not a turn.
                rising = highest[0] > lowest[0]
                direction = 1 if rising else -1
                candidate = highest if rising else lowest
            continue
        if direction > 0:
            if value > candidate[1]:
                candidate = (day, value)
            elif candidate[1] - value >= threshold:
                found.append(TurningPoint(candidate[0], candidate[1], "peak"))
                direction, candidate = -1, (day, value)
        else:
            if value < candidate[1]:
                candidate = (day, value)
            elif value - candidate[1] >= threshold:
                found.append(TurningPoint(candidate[0], candidate[1], "valley"))
                direction, candidate = 1, (day, value)
    return found


def ends(trend: Trend) -> tuple[float, float] | None:
    """The first and last known values of the trend, or None."""
    known = [value for _day, value in trend if value is not None]
    if not known:
        return None
    return known[0], known[-1]


@dataclass(frozen=True)
class Period:
    start: Day
    mean: float
    count: int


def week_start(day: Day) -> Day:
    return day - datetime.timedelta(days=day.weekday())


def month_start(day: Day) -> Day:
    return day.replace(day=1)


def means_by(points: Series, period: Literal["week", "month"]) -> list[Period]:
    """The mean of each week (from Monday) or calendar month that has check-ins."""
    start_of = week_start if period == "week" else month_start
    totals: dict[Day, list[float]] = {}
    for day, value in points:
        totals.setdefault(start_of(day), []).append(float(value))
    return [
        Period(start, sum(values) / len(values), len(values))
        for start, values in sorted(totals.items())
    ]


def mean(points: Series) -> float | None:
    if not points:
        return None
    return sum(float(value) for _day, value in points) / len(points)
