"""Scoring both shipped instruments with answer sets worked out by hand.

Scores are item means per subscale after reverse-keying (8 - answer on 1..7).
Each expected value below was computed on paper from the listed answers; the
comments show the sums so a reader can check them.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from haven.reflection import engine
from tests.reflection.helpers import HAVEN, TEST36, answer_set, uniform


@pytest.fixture
def haven():
    return engine.get(HAVEN)


@pytest.fixture
def test36():
    return engine.get(TEST36)


# --- Haven's own instrument (reverse: anx03 anx06 anx08 anx10, avo02 avo05 avo08 avo10) ---

HAVEN_ANXIETY = [7, 6, 2, 5, 6, 1, 7, 3, 6, 2]
HAVEN_AVOIDANCE = [2, 6, 1, 2, 7, 3, 1, 6, 2, 5]


def test_haven_instrument_reverse_keys_are_the_documented_ones(haven):
    reversed_items = [item.key for item in haven.items if item.reverse]
    assert reversed_items == [
        "anx03", "anx06", "anx08", "anx10", "avo02", "avo05", "avo08", "avo10",
    ]  # fmt: skip


def test_haven_known_answers(haven):
    # anxiety:   7 + 6 + (8-2) + 5 + 6 + (8-1) + 7 + (8-3) + 6 + (8-2) = 61 -> 6.1
    # avoidance: 2 + (8-6) + 1 + 2 + (8-7) + 3 + 1 + (8-6) + 2 + (8-5) = 19 -> 1.9
    result = engine.score(haven, answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE))
    assert result.means == {"anxiety": Fraction(61, 10), "avoidance": Fraction(19, 10)}
    assert result.region == "anxious"
    assert result.as_data() == {"means": {"anxiety": 6.1, "avoidance": 1.9}, "region": "anxious"}


def test_haven_without_reverse_keying_the_answers_would_mean_something_else(haven):
    # A plain mean of the anxiety answers is 45 / 10 = 4.5: reverse keying matters.
    assert sum(HAVEN_ANXIETY) / len(HAVEN_ANXIETY) == 4.5
    result = engine.score(haven, answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE))
    assert result.means["anxiety"] != Fraction(45, 10)


def test_haven_bands_for_the_known_answers(haven):
    result = engine.score(haven, answer_set(HAVEN_ANXIETY, HAVEN_AVOIDANCE))
    anxiety = engine.band_for(haven, "anxiety", result.means["anxiety"])
    avoidance = engine.band_for(haven, "avoidance", result.means["avoidance"])
    assert (anxiety.min, anxiety.max) == (5, 7)
    assert (avoidance.min, avoidance.max) == (1, 3)


def test_haven_all_answers_the_same(haven):
    # Answering 3 everywhere: 6 items count 3, 4 reversed count 8-3 = 5.
    # (6*3 + 4*5) / 10 = 38 / 10 = 3.8 on both subscales.
    result = engine.score(haven, uniform(HAVEN, 3))
    assert result.means == {"anxiety": Fraction(38, 10), "avoidance": Fraction(38, 10)}
    assert result.region == "secure"


def test_haven_cutoff_belongs_to_the_higher_side(haven):
    # Answering 4 everywhere: every item counts 4 (8-4 = 4), means exactly 4.0,
    # which is on the cut-off; the regions read ">= cutoff" as high.
    result = engine.score(haven, uniform(HAVEN, 4))
    assert result.means == {"anxiety": 4, "avoidance": 4}
    assert result.region == "fearful_avoidant"


def test_haven_band_boundary_belongs_to_the_lower_band(haven):
    # Plain items 3, reversed items 5 (8-5 = 3): every item counts 3, mean 3.0,
    # the top of the first band (min < m <= max, the lowest including min).
    answers = {item.key: (5 if item.reverse else 3) for item in haven.items}
    result = engine.score(haven, answers)
    assert result.means["anxiety"] == 3
    band = engine.band_for(haven, "anxiety", result.means["anxiety"])
    assert (band.min, band.max) == (1, 3)
    assert engine.band_for(haven, "anxiety", 3.0001).min == 3


# --- TEST 36 (reverse: A5 A9 A11 A17; V2 V4 V6 V8 V9 V10 V11 V13 V14 V16 V18) ---

T36_ANXIETY = [5, 6, 4, 7, 2, 5, 6, 3, 1, 5, 2, 6, 4, 5, 7, 6, 3, 5]
T36_AVOIDANCE = [3, 5, 2, 6, 1, 7, 2, 4, 6, 5, 7, 2, 6, 3, 2, 5, 1, 6]


def test_test36_reverse_keys_are_the_documented_ones(test36):
    anxiety = [i.key for i in test36.items_of("anxiety") if i.reverse]
    avoidance = [i.key for i in test36.items_of("avoidance") if i.reverse]
    assert anxiety == ["anx05", "anx09", "anx11", "anx17"]
    assert avoidance == [
        "avo02", "avo04", "avo06", "avo08", "avo09", "avo10", "avo11", "avo13", "avo14",
        "avo16", "avo18",
    ]  # fmt: skip
    assert len(test36.items_of("anxiety")) == len(test36.items_of("avoidance")) == 18


def test_test36_known_answers(test36):
    # anxiety, A1..A18 keyed: 5 6 4 7 (8-2=6) 5 6 3 (8-1=7) 5 (8-2=6) 6 4 5 7 6 (8-3=5) 5
    #   = 98 -> 98/18 = 49/9 (5.444...)
    # avoidance, V1..V18 keyed: 3 (8-5=3) 2 (8-6=2) 1 (8-7=1) 2 (8-4=4) (8-6=2) (8-5=3)
    #   (8-7=1) 2 (8-6=2) (8-3=5) 2 (8-5=3) 1 (8-6=2) = 41 -> 41/18 (2.277...)
    result = engine.score(test36, answer_set(T36_ANXIETY, T36_AVOIDANCE))
    assert result.means == {"anxiety": Fraction(49, 9), "avoidance": Fraction(41, 18)}
    assert result.region == "anxious"
    assert result.as_data()["means"] == {"anxiety": 5.4444, "avoidance": 2.2778}
    assert engine.band_for(test36, "anxiety", result.means["anxiety"]).min == 5
    assert engine.band_for(test36, "avoidance", result.means["avoidance"]).max == 3


def test_test36_all_sevens(test36):
    # anxiety: 14 plain items count 7, 4 reversed count 1 -> (98 + 4) / 18 = 17/3
    # avoidance: 7 plain count 7, 11 reversed count 1 -> (49 + 11) / 18 = 10/3
    result = engine.score(test36, uniform(TEST36, 7))
    assert result.means == {"anxiety": Fraction(17, 3), "avoidance": Fraction(10, 3)}
    assert result.region == "anxious"


def test_test36_all_ones(test36):
    # anxiety: 14 * 1 + 4 * 7 = 42 -> 7/3; avoidance: 7 * 1 + 11 * 7 = 84 -> 14/3
    result = engine.score(test36, uniform(TEST36, 1))
    assert result.means == {"anxiety": Fraction(7, 3), "avoidance": Fraction(14, 3)}
    assert result.region == "avoidant"


# --- answers that cannot be scored -------------------------------------------


def test_missing_answers_are_refused_and_named(haven):
    answers = uniform(HAVEN, 4)
    del answers["avo07"]
    assert engine.missing(haven, answers) == ["avo07"]
    with pytest.raises(engine.AnswerError, match="avo07"):
        engine.score(haven, answers)


@pytest.mark.parametrize("value", [0, 8, -1, "4", 4.5, True, None])
def test_answers_off_the_scale_are_refused(haven, value):
    with pytest.raises(engine.AnswerError):
        engine.check_answer(haven, "anx01", value)


def test_unknown_items_are_refused(haven):
    with pytest.raises(engine.AnswerError, match="anx99"):
        engine.score(haven, {**uniform(HAVEN, 4), "anx99": 4})


def test_keyed_value_reverses_on_the_instruments_own_scale(haven):
    assert engine.keyed(haven, "anx03", 2) == 6
    assert engine.keyed(haven, "anx01", 2) == 2
