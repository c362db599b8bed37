"""A plain-language reading of the line, in the words of the method.

Which reading fits is decided here from the numbers (testable on known
series); the words come from data/checkins.toml in the person's language.
Method, section 8: a dip after progress is normal, partners grow at
different speeds, small gains count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from haven.checkins import content
from haven.checkins.trend import MIN_POINTS, TURN_THRESHOLD, Trend, TurningPoint, ends

# A change smaller than this (in points) reads as "steady".
STEADY_BAND = 5.0


@dataclass(frozen=True)
class Reading:
    key: str
    values: dict[str, int]


def classify(
    trend: Trend, turning: Sequence[TurningPoint], count: int, threshold: float = TURN_THRESHOLD
) -> Reading:
    """Which reading fits one person's line over the chosen period."""
    found = ends(trend)
    if count < MIN_POINTS or found is None:
        return Reading("early", {})
    start, end = found
    values = {"start": round(start), "end": round(end)}
    last = turning[-1] if turning else None
    if (
        last is not None
        and last.kind == "peak"
        and last.value - end >= threshold
        and last.value - start >= STEADY_BAND
    ):
        return Reading("dip_after_progress", {**values, "peak": round(last.value)})
    if end - start >= STEADY_BAND:
        return Reading("rising", values)
    if start - end >= STEADY_BAND:
        return Reading("falling", values)
    return Reading("steady", values)


def change(trend: Trend) -> float | None:
    found = ends(trend)
    return None if found is None else found[1] - found[0]


def signed(points: float) -> str:
    """+12 / −5 / 0, with a real minus sign."""
    value = round(points)
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


def compare(
    mine: Trend,
    my_count: int,
    theirs: Trend,
    their_count: int,
    threshold: float = TURN_THRESHOLD,
) -> Reading | None:
    """Whether two lines move at different speeds; None when either says too little yet."""
    if my_count < MIN_POINTS or their_count < MIN_POINTS:
        return None
    my_change, their_change = change(mine), change(theirs)
    if my_change is None or their_change is None:
        return None
    key = "different_speeds" if abs(my_change - their_change) >= threshold else "together"
    return Reading(key, {"mine": round(my_change), "theirs": round(their_change)})


def paragraphs(
    reading: Reading,
    turning: Sequence[TurningPoint],
    partner: Reading | None,
    partner_name: str,
    language: str,
) -> list[str]:
    """The reading as paragraphs of text, ready to show."""
    texts = [content.reading(reading.key, language, **reading.values)]
    if turning and reading.key != "early":
        texts.append(content.reading("peaks", language))
    if partner is not None:
        texts.append(
            content.reading(
                partner.key,
                language,
                name=partner_name,
                mine=signed(partner.values["mine"]),
                theirs=signed(partner.values["theirs"]),
            )
        )
    return texts
