"""Known answer sets and small builders shared by the reflection tests."""

from __future__ import annotations

from django.utils import timezone

from haven.reflection import engine
from haven.reflection.models import InstrumentResponse

HAVEN = "haven-attachment"
TEST36 = "test-36"


def keys(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{n:02d}" for n in range(1, count + 1)]


def answer_set(anxiety: list[int], avoidance: list[int]) -> dict[str, int]:
    return {
        **dict(zip(keys("anx", len(anxiety)), anxiety, strict=True)),
        **dict(zip(keys("avo", len(avoidance)), avoidance, strict=True)),
    }


def uniform(instrument_key: str, value: int) -> dict[str, int]:
    return {item.key: value for item in engine.get(instrument_key).items}


def completed(
    author,
    answers: dict[str, int],
    *,
    instrument: str = HAVEN,
    target: str = "partner",
    visibility: str = "private",
    when=None,
) -> InstrumentResponse:
    """A finished response, scored by the engine, completed at `when`."""
    found = engine.get(instrument)
    return InstrumentResponse.objects.create(
        author=author,
        instrument=instrument,
        instrument_version=found.version,
        target=target,
        answers=answers,
        scores=engine.score(found, answers).as_data(),
        completed_at=when or timezone.now(),
        visibility=visibility,
    )
