"""Which plain-language reading fits a line: tested on known trends."""

from __future__ import annotations

import datetime

from haven.checkins import reading, trend

D0 = datetime.date(2025, 1, 6)


def line(values: list[float | None]) -> trend.Trend:
    return [(D0 + datetime.timedelta(days=n), v) for n, v in enumerate(values)]


def classify(values: list[float | None], count: int = 20) -> reading.Reading:
    t = line(values)
    return reading.classify(t, trend.turning_points(t), count)


def test_too_few_check_ins_say_nothing_yet():
    assert classify([10, 20, 30], count=3).key == "early"
    assert reading.classify([], [], 0).key == "early"


def test_ten_to_twenty_percent_reads_as_growth():
    result = classify([10, 12, 14, 16, 18, 20])
    assert result == reading.Reading("rising", {"start": 10, "end": 20})


def test_a_dip_after_progress_is_named_as_normal():
    result = classify([20, 35, 50, 60, 50, 40, 38])
    assert result.key == "dip_after_progress"
    assert result.values == {"start": 20, "end": 38, "peak": 60}


def test_falling_and_steady():
    assert classify([60, 55, 50, 45, 40]).key == "falling"
    assert classify([50, 52, 49, 51, 53]).key == "steady"


def test_partners_at_different_speeds():
    mine, theirs = line([10, 15, 20, 30]), line([40, 41, 42, 43])
    result = reading.compare(mine, 10, theirs, 10)
    assert result == reading.Reading("different_speeds", {"mine": 20, "theirs": 3})
    assert reading.compare(mine, 10, line([5, 15, 25, 28]), 10).key == "together"
    assert reading.compare(mine, 10, theirs, 2) is None


def test_signed_changes_use_a_real_minus():
    assert [reading.signed(v) for v in (12.4, -5, 0.2)] == ["+12", "\u22125", "0"]


def test_paragraphs_in_dutch():
    found = reading.paragraphs(
        reading.Reading("rising", {"start": 10, "end": 20}),
        [trend.TurningPoint(D0, 30, "peak")],
        reading.Reading("different_speeds", {"mine": 10, "theirs": -4}),
        "Bram",
        "nl",
    )
    assert found[0].startswith("Je lijn ging van ongeveer 10% naar ongeveer 20%")
    assert "pieken en dalen" in found[1]
    assert "Bram" in found[2] and "+10" in found[2] and "\u22124" in found[2]
