"""The trend line and its peaks and valleys, on known series, with and without gaps."""

from __future__ import annotations

import datetime

import pytest

from haven.checkins import trend
from haven.checkins.trend import TurningPoint

START = datetime.date(2025, 3, 3)  # a Monday


def day(n: int) -> datetime.date:
    return START + datetime.timedelta(days=n)


def series(values: dict[int, float]) -> list[tuple[datetime.date, float]]:
    return [(day(n), v) for n, v in sorted(values.items())]


def known(line):
    return {(d - START).days: v for d, v in line if v is not None}


def test_a_straight_line_is_its_own_trend_also_at_the_edges():
    points = series({n: 10 + 2 * n for n in range(20)})
    line = trend.smooth(points, bandwidth=3)
    assert len(line) == 20
    for n, value in known(line).items():
        assert value == pytest.approx(10 + 2 * n)


def test_missing_days_do_not_bend_a_straight_line():
    # Every third day only, and a week missing in the middle: still the same line.
    present = [n for n in range(40) if n % 3 == 0 and not 15 <= n <= 21]
    points = series({n: 20 + n for n in present})
    line = known(trend.smooth(points, bandwidth=5))
    assert line, "expected a trend"
    for n, value in line.items():
        assert value == pytest.approx(20 + n)


def test_a_long_gap_breaks_the_line_instead_of_inventing_days():
    points = series({**{n: 50 for n in range(7)}, **{n: 70 for n in range(30, 37)}})
    line = dict(trend.smooth(points, bandwidth=3))
    assert line[day(3)] == pytest.approx(50)
    assert line[day(33)] == pytest.approx(70)
    assert all(line[day(n)] is None for n in range(11, 26))


def test_the_trend_is_not_extrapolated_and_stays_within_0_and_100():
    points = series({0: 0, 1: 0, 2: 100, 3: 100})
    line = trend.smooth(points, bandwidth=1, start=day(-5), end=day(10))
    assert [d for d, _v in line] == [day(n) for n in range(4)]
    assert all(0 <= v <= 100 for _d, v in line if v is not None)


def test_a_single_check_in_has_no_trend():
    assert [v for _d, v in trend.smooth(series({0: 40}), bandwidth=3)] == [None]
    assert trend.smooth([], bandwidth=3) == []


def test_noise_is_smoothed_towards_the_underlying_level():
    points = series({n: 60 if n % 2 else 40 for n in range(30)})  # 40, 60, 40, 60...
    values = [v for v in known(trend.smooth(points, bandwidth=5)).values()]
    inner = values[5:-5]
    assert all(abs(v - 50) < 5 for v in inner), inner


def test_step_estimates_every_few_days_and_always_the_last():
    points = series({n: 50 for n in range(10)})
    assert [d for d, _ in trend.smooth(points, bandwidth=3, step=4)] == [
        day(0),
        day(4),
        day(8),
        day(9),
    ]


def test_unsorted_points_are_refused():
    with pytest.raises(ValueError):
        trend.smooth([(day(2), 1), (day(1), 2)], bandwidth=3)


def line_of(values: list[float]):
    return [(day(n), v) for n, v in enumerate(values)]


def test_peaks_and_valleys_of_a_known_zigzag():
    # Up to 70, down to 30, up to 80, down to 60 (not yet a valley: no rise after).
    values = [40, 55, 70, 60, 45, 30, 50, 65, 80, 70, 60]
    found = trend.turning_points(line_of(values))
    assert found == [
        TurningPoint(day(2), 70, "peak"),
        TurningPoint(day(5), 30, "valley"),
        TurningPoint(day(8), 80, "peak"),
    ]


def test_small_wiggles_are_not_peaks():
    values = [50, 54, 49, 55, 50, 53, 48, 52]
    assert trend.turning_points(line_of(values)) == []


def test_the_start_is_an_edge_not_a_valley():
    values = [20, 30, 40, 50, 40, 30]
    assert trend.turning_points(line_of(values)) == [TurningPoint(day(3), 50, "peak")]


def test_a_first_move_downwards_gives_a_valley_first():
    values = [60, 50, 40, 45, 55, 65, 50]
    assert trend.turning_points(line_of(values)) == [
        TurningPoint(day(2), 40, "valley"),
        TurningPoint(day(5), 65, "peak"),
    ]


def test_turning_points_skip_gaps_in_the_trend():
    values: list[float | None] = [40, 60, 70, None, None, None, 50, 40, None, 55]
    found = trend.turning_points(line_of(values))
    assert found == [TurningPoint(day(2), 70, "peak"), TurningPoint(day(7), 40, "valley")]


def test_threshold_is_respected():
    values = [50, 58, 50]
    assert trend.turning_points(line_of(values), threshold=8) == [TurningPoint(day(1), 58, "peak")]
    assert trend.turning_points(line_of(values), threshold=9) == []


def test_smoothing_and_turning_points_together_on_a_realistic_series_with_gaps():
    # A slow start, a good stretch, a hard week, recovery: one peak and one valley,
    # with days skipped along the way. The start itself is an edge, not a valley.
    values = (
        {n: 40 for n in range(0, 4)}
        | {n: 70 for n in range(6, 12)}
        | {n: 30 for n in range(15, 21)}
        | {n: 75 for n in range(24, 35)}
    )
    for skipped in (1, 8, 17, 18, 27, 28, 29):
        values.pop(skipped)
    line = trend.smooth(series(values), bandwidth=3)
    found = trend.turning_points(line)
    assert [t.kind for t in found] == ["peak", "valley"]
    assert 6 <= (found[0].day - START).days <= 11 and found[0].value > 60
    assert 15 <= (found[1].day - START).days <= 20 and found[1].value < 40


def test_means_by_week_and_month():
    points = series({0: 10, 1: 20, 7: 30, 31: 50})
    weeks = trend.means_by(points, "week")
    assert [(p.start, p.mean, p.count) for p in weeks] == [
        (day(0), 15, 2),
        (day(7), 30, 1),
        (day(28), 50, 1),
    ]
    months = trend.means_by(points, "month")
    assert [(p.start, p.mean) for p in months] == [
        (datetime.date(2025, 3, 1), 20),
        (datetime.date(2025, 4, 1), 50),
    ]
