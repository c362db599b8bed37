"""Words for the felt sense, and the two one-minute exercises (data/feltsense.toml).

Later features (check-in, cycle) use this vocabulary too, so the API is small
and stable: `emotions(language, kind=...)`, `sensations(language, kind=...)`,
`emotion(key, language)`, `sensation(key, language)`, `exercise(key, language)`.
Keys never change; labels come back in the requested language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.core.datafiles import read_toml, texts_of
from haven.needs.catalogue import LANGUAGES, language_of

PATH = Path(__file__).with_name("data") / "feltsense.toml"
EMOTION_KINDS = ("surface", "primary", "met")
SENSATION_KINDS = ("unmet", "met")
TEXTS = ("intro", "exercises", "note", "daily", "individual", "solo")
KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


class FeltSenseError(ValueError):
    """The felt-sense file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Term:
    """One word of the vocabulary, in one language."""

    key: str
    kind: str
    label: str


@dataclass(frozen=True)
class Exercise:
    """A guided exercise, in one language."""

    key: str
    seconds: int
    notice: str  # the kind of body sensation this exercise brings up: "unmet" or "met"
    title: str
    intro: str
    after: str
    steps: tuple[str, ...]

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


@dataclass(frozen=True)
class _Entry:
    key: str
    kind: str
    text: dict[str, str]


@dataclass(frozen=True)
class Vocabulary:
    emotions: tuple[_Entry, ...]
    body: tuple[_Entry, ...]
    exercises: tuple[dict[str, Any], ...]
    texts: dict[str, dict[str, str]]


# --- loading and checking -----------------------------------------------------


def _texts(value: Any, where: str) -> dict[str, str]:
    return texts_of(value, where, FeltSenseError)


def _entries(raw: Any, section: str, kinds: tuple[str, ...]) -> tuple[_Entry, ...]:
    if not isinstance(raw, list) or not raw:
        raise FeltSenseError(f"[[{section}]] is missing")
    seen: set[str] = set()
    entries = []
    for item in raw:
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not KEY.match(key) or key in seen:
            raise FeltSenseError(f"[[{section}]] key {key!r} is missing, malformed or used twice")
        seen.add(key)
        if item.get("kind") not in kinds:
            raise FeltSenseError(f"[[{section}]] {key!r}: kind must be one of {kinds}")
        text = _texts(
            {language: item.get(language) for language in LANGUAGES}, f"{section} {key!r}"
        )
        entries.append(_Entry(key=key, kind=item["kind"], text=text))
    missing = set(kinds) - {entry.kind for entry in entries}
    if missing:
        raise FeltSenseError(f"[[{section}]] has no words of kind {sorted(missing)}")
    return tuple(entries)


def _exercises(raw: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(raw, list) or not raw:
        raise FeltSenseError("[[exercises]] is missing")
    seen: set[str] = set()
    result = []
    for item in raw:
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not KEY.match(key) or key in seen:
            raise FeltSenseError(f"exercise key {key!r} is missing, malformed or used twice")
        seen.add(key)
        seconds = item.get("seconds")
        if not isinstance(seconds, int) or not 10 <= seconds <= 600:
            raise FeltSenseError(f"exercise {key!r}: seconds must be a whole number, 10 to 600")
        if item.get("notice") not in SENSATION_KINDS:
            raise FeltSenseError(f"exercise {key!r}: notice must be one of {SENSATION_KINDS}")
        steps = item.get("steps")
        if not isinstance(steps, list) or not steps:
            raise FeltSenseError(f"exercise {key!r} has no steps")
        result.append(
            {
                "key": key,
                "seconds": seconds,
                "notice": item["notice"],
                "title": _texts(item.get("title"), f"exercise {key!r} title"),
                "intro": _texts(item.get("intro"), f"exercise {key!r} intro"),
                "after": _texts(item.get("after"), f"exercise {key!r} after"),
                "steps": tuple(
                    _texts(step, f"exercise {key!r} step {number}")
                    for number, step in enumerate(steps, start=1)
                ),
            }
        )
    return tuple(result)


def validate(data: dict[str, Any]) -> Vocabulary:
    """Build the vocabulary from parsed TOML, or raise FeltSenseError naming the problem."""
    raw_texts = data.get("texts")
    if not isinstance(raw_texts, dict):
        raise FeltSenseError("[texts] is missing")
    return Vocabulary(
        emotions=_entries(data.get("emotions"), "emotions", EMOTION_KINDS),
        body=_entries(data.get("body"), "body", SENSATION_KINDS),
        exercises=_exercises(data.get("exercises")),
        texts={name: _texts(raw_texts.get(name), f"[texts.{name}]") for name in TEXTS},
    )


def load(path: Path = PATH) -> Vocabulary:
    data = read_toml(path, FeltSenseError)
    return validate(data)


@cache
def vocabulary() -> Vocabulary:
    return load()


# --- the API ------------------------------------------------------------------


def _terms(entries: tuple[_Entry, ...], language: str, kind: str | None) -> list[Term]:
    lang = language_of(language)
    return [Term(e.key, e.kind, e.text[lang]) for e in entries if kind is None or e.kind == kind]


def emotions(language: str, kind: str | None = None) -> list[Term]:
    """Emotion words; kind is "surface", "primary" (underneath) or "met"."""
    if kind is not None and kind not in EMOTION_KINDS:
        raise ValueError(f"unknown emotion kind {kind!r}")
    return _terms(vocabulary().emotions, language, kind)


def sensations(language: str, kind: str | None = None) -> list[Term]:
    """Body sensations; kind is "unmet" (the body's alarm) or "met" (settling)."""
    if kind is not None and kind not in SENSATION_KINDS:
        raise ValueError(f"unknown sensation kind {kind!r}")
    return _terms(vocabulary().body, language, kind)


@cache
def _index() -> dict[str, dict[str, _Entry]]:
    words = vocabulary()
    return {
        "emotions": {e.key: e for e in words.emotions},
        "body": {e.key: e for e in words.body},
    }


def _lookup(section: str, key: str, language: str) -> Term | None:
    entry = _index()[section].get(key)
    if entry is None:
        return None
    return Term(entry.key, entry.kind, entry.text[language_of(language)])


def emotion(key: str, language: str) -> Term | None:
    return _lookup("emotions", key, language)


def sensation(key: str, language: str) -> Term | None:
    return _lookup("body", key, language)


def emotion_keys() -> frozenset[str]:
    return frozenset(_index()["emotions"])


def sensation_keys() -> frozenset[str]:
    return frozenset(_index()["body"])


def _exercise(raw: dict[str, Any], language: str) -> Exercise:
    lang = language_of(language)
    return Exercise(
        key=raw["key"],
        seconds=raw["seconds"],
        notice=raw["notice"],
        title=raw["title"][lang],
        intro=raw["intro"][lang],
        after=raw["after"][lang],
        steps=tuple(step[lang] for step in raw["steps"]),
    )


def exercises(language: str) -> list[Exercise]:
    """The exercises in the order they are meant to be done."""
    return [_exercise(raw, language) for raw in vocabulary().exercises]


def exercise(key: str, language: str) -> Exercise | None:
    for raw in vocabulary().exercises:
        if raw["key"] == key:
            return _exercise(raw, language)
    return None


def next_exercise(key: str, language: str) -> Exercise | None:
    """The exercise that follows `key`: nobody should be left in the hard one."""
    keys = [raw["key"] for raw in vocabulary().exercises]
    if key not in keys or keys.index(key) + 1 >= len(keys):
        return None
    return exercise(keys[keys.index(key) + 1], language)


def text(name: str, language: str) -> str:
    return vocabulary().texts[name][language_of(language)]
