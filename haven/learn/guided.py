"""Guided exercises with a timer (data/exercises.toml), shown one step at a time."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.learn.loading import DATA, LANGUAGES, ContentError, language_of, read_toml

PATH = DATA / "exercises.toml"
TEXT_FIELDS = ("title", "intro", "closing")


@dataclass(frozen=True)
class Guided:
    key: str
    minutes: int
    seconds: int
    title: str
    intro: str
    steps: tuple[str, ...]
    closing: str
    # Seconds per step from the data file (`timers`), or empty: then the
    # exercise's time is shared out evenly over its steps.
    timers: tuple[int, ...] = ()
    joint: bool = False  # done with or towards the partner: not on the individual path

    @property
    def step_seconds(self) -> int:
        """The timer for one step when the data gives no `timers`: an even share."""
        return max(5, round(self.seconds / len(self.steps)))

    def timer_for(self, step: int) -> int:
        """The timer of step `step` (counted from 1)."""
        if self.timers:
            return self.timers[step - 1]
        return self.step_seconds


def _positive(entry: dict[str, Any], name: str, where: str) -> int:
    value = entry.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ContentError(f"{where}: `{name}` must be a positive whole number")
    return value


def _language(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ContentError(f"{where}: the table is missing")
    for name in TEXT_FIELDS:
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise ContentError(f"{where}: `{name}` is missing or empty")
    steps = entry.get("steps")
    if not isinstance(steps, list) or not steps:
        raise ContentError(f"{where}: `steps` must be a list of prompts")
    if not all(isinstance(step, str) and step.strip() for step in steps):
        raise ContentError(f"{where}: every step must be a non-empty text")
    return entry


def _timers(entry: dict[str, Any], seconds: int, where: str) -> tuple[int, ...]:
    """The optional `timers`: seconds per step, adding up to the exercise's `seconds`."""
    timers = entry.get("timers")
    if timers is None:
        return ()
    if (
        not isinstance(timers, list)
        or not timers
        or not all(isinstance(t, int) and not isinstance(t, bool) and t > 0 for t in timers)
    ):
        raise ContentError(f"{where}: `timers` must be a list of positive whole numbers")
    if sum(timers) != seconds:
        raise ContentError(
            f"{where}: `timers` add up to {sum(timers)} seconds, not the exercise's {seconds}"
        )
    return tuple(timers)


def load(path: Path = PATH) -> dict[str, dict[str, Guided]]:
    """{language: {key: exercise}}, or ContentError naming the problem."""
    raw = read_toml(path).get("exercise")
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{path.name}: no [[exercise]] entries")
    found: dict[str, dict[str, Guided]] = {language: {} for language in LANGUAGES}
    for entry in raw:
        key = entry.get("key") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not key or key in found["en"]:
            raise ContentError(f"{path.name}: exercise key {key!r} is missing or used twice")
        where = f"{path.name} exercise {key!r}"
        joint = entry.get("joint", False)
        if not isinstance(joint, bool):
            raise ContentError(f"{path.name}: `joint` of {key!r} must be true or false")
        minutes = _positive(entry, "minutes", where)
        seconds = _positive(entry, "seconds", where)
        timers = _timers(entry, seconds, where)
        for language in LANGUAGES:
            texts = _language(entry.get(language), f"{where} [{language}]")
            if timers and len(timers) != len(texts["steps"]):
                raise ContentError(
                    f"{where} [{language}]: {len(texts['steps'])} steps but "
                    f"{len(timers)} `timers`; give one timer per step"
                )
            found[language][key] = Guided(
                key=key,
                minutes=minutes,
                seconds=seconds,
                title=texts["title"].strip(),
                intro=texts["intro"].strip(),
                steps=tuple(step.strip() for step in texts["steps"]),
                closing=texts["closing"].strip(),
                timers=timers,
                joint=joint,
            )
    return found


@cache
def _all() -> dict[str, dict[str, Guided]]:
    return load()


def keys() -> frozenset[str]:
    return frozenset(_all()["en"])


def exercises(language: str) -> list[Guided]:
    return list(_all()[language_of(language)].values())


def get(key: str, language: str) -> Guided | None:
    return _all()[language_of(language)].get(key)
