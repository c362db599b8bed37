"""Scoring: item means per subscale after reverse-keying, read against bands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from haven.reflection.engine.model import ANXIETY, AVOIDANCE, Band, Instrument


class AnswerError(ValueError):
    """Answers that cannot be scored: missing, unknown or out of the scale."""


@dataclass(frozen=True)
class Score:
    """Exact subscale means (fractions) and, for a plane, the region they fall in."""

    means: dict[str, Fraction]
    region: str | None

    def as_data(self) -> dict[str, Any]:
        """For storage: means as floats (rounded to 4 places), region key."""
        return {
            "means": {key: round(float(mean), 4) for key, mean in self.means.items()},
            "region": self.region,
        }


def check_answer(instrument: Instrument, item_key: str, value: Any) -> int:
    """The answer as an int, or AnswerError for an unknown item or a value off the scale."""
    if instrument.item(item_key) is None:
        raise AnswerError(f"{instrument.key}: no item '{item_key}'")
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(f"{instrument.key}: answer to '{item_key}' is not a whole number")
    if value not in instrument.scale.points:
        scale = instrument.scale
        raise AnswerError(
            f"{instrument.key}: answer {value} to '{item_key}' is outside {scale.min}..{scale.max}"
        )
    return value


def missing(instrument: Instrument, answers: Mapping[str, Any]) -> list[str]:
    """Item keys without an answer, in the instrument's order."""
    return [item.key for item in instrument.items if answers.get(item.key) is None]


def keyed(instrument: Instrument, item_key: str, value: int) -> int:
    """The value that counts for scoring: reversed for reverse-keyed items."""
    item = instrument.item(item_key)
    if item is None:
        raise AnswerError(f"{instrument.key}: no item '{item_key}'")
    return instrument.scale.reverse(value) if item.reverse else value


def score(instrument: Instrument, answers: Mapping[str, Any]) -> Score:
    """Score a complete set of answers; AnswerError when any is missing or invalid."""
    for key, value in answers.items():
        check_answer(instrument, key, value)
    absent = missing(instrument, answers)
    if absent:
        raise AnswerError(f"{instrument.key}: no answer yet for {', '.join(absent)}")
    means = {}
    for subscale in instrument.subscales:
        items = instrument.items_of(subscale.key)
        total = sum(keyed(instrument, item.key, answers[item.key]) for item in items)
        means[subscale.key] = Fraction(total, len(items))
    region = None
    if instrument.regions is not None:
        region = instrument.regions.key_for(means[ANXIETY], means[AVOIDANCE])
    return Score(means, region)


def band_for(instrument: Instrument, subscale: str, mean: Fraction | float) -> Band | None:
    """The band a subscale mean falls in (exact for stored, rounded means too)."""
    value = Fraction(str(mean)) if isinstance(mean, float) else Fraction(mean)
    bands = instrument.bands_of(subscale)
    for index, band in enumerate(bands):
        if band.holds(value, lowest=index == 0):
            return band
    return None


def region_for(instrument: Instrument, means: Mapping[str, float]) -> str | None:
    if instrument.regions is None:
        return None
    anxiety, avoidance = Fraction(str(means[ANXIETY])), Fraction(str(means[AVOIDANCE]))
    return instrument.regions.key_for(anxiety, avoidance)
