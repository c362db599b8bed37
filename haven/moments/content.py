"""The words of the moments feature, read from data/*.toml and checked on load.

- topics.toml: the topic of the moment (keys, money, ...)
- endings.toml: how a moment ended
- repair.toml: the repair steps, their reflect-back prompts, closing reassurances
- pause.toml: the pause: explanations, breathing guide, return messages

Keys never change; texts come back in the requested language ("en" or "nl").
`load()` raises ContentError naming the file and the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.core.datafiles import read_toml, texts_of
from haven.needs.catalogue import LANGUAGES, language_of

DATA = Path(__file__).with_name("data")
KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
STEP_KEYS = ("felt", "needed", "protected", "next_time")
STEP_FIELDS = ("title", "prompt", "hint", "reflect")
REPAIR_TEXTS = (
    "intro",
    "together",
    "apart",
    "alone",
    "reflect",
    "reflect_waiting",
    "coach",
    "share",
    "next",
)
PAUSE_TEXTS = ("intro", "during", "promise", "back")
TIME_SLOT = "{time}"


class ContentError(ValueError):
    """A moments data file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Term:
    key: str
    label: str


@dataclass(frozen=True)
class Ending:
    key: str
    label: str
    connected: bool


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    prompt: str
    hint: str
    reflect: str


@dataclass(frozen=True)
class Message:
    key: str
    template: str

    def filled(self, time: str) -> str:
        return self.template.replace(TIME_SLOT, time)


@dataclass(frozen=True)
class Content:
    """Everything, in both languages: {key: {language: text}} and the like."""

    topics: tuple[tuple[str, dict[str, str]], ...]
    endings: tuple[tuple[str, bool, dict[str, str]], ...]
    steps: tuple[tuple[str, dict[str, dict[str, str]]], ...]
    closing: tuple[dict[str, str], ...]
    repair_texts: dict[str, dict[str, str]]
    breathing: tuple[dict[str, str], ...]
    messages: tuple[tuple[str, dict[str, str]], ...]
    pause_texts: dict[str, dict[str, str]]
    rhythm: tuple[int, int]


# --- loading and checking -----------------------------------------------------


def _read(name: str, folder: Path) -> dict[str, Any]:
    return read_toml(folder / name, ContentError)


def _texts(value: Any, where: str) -> dict[str, str]:
    return texts_of(value, where, ContentError)


def _keyed(raw: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    """[[section]] entries with a unique, well-formed key each."""
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{where}: the list is missing or empty")
    seen: set[str] = set()
    entries = []
    for item in raw:
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not KEY.match(key) or key in seen:
            raise ContentError(f"{where}: key {key!r} is missing, malformed or used twice")
        seen.add(key)
        entries.append((key, item))
    return entries


def _named(raw: Any, names: tuple[str, ...], where: str) -> dict[str, dict[str, str]]:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: [texts] is missing")
    return {name: _texts(raw.get(name), f"{where} [texts.{name}]") for name in names}


def _topics(data: dict[str, Any]) -> tuple[tuple[str, dict[str, str]], ...]:
    entries = _keyed(data.get("topics"), "topics.toml [[topics]]")
    if entries[-1][0] != "other":
        raise ContentError('topics.toml: the last topic must be "other"')
    return tuple((key, _texts(item, f"topics.toml {key!r}")) for key, item in entries)


def _endings(data: dict[str, Any]) -> tuple[tuple[str, bool, dict[str, str]], ...]:
    result = []
    for key, item in _keyed(data.get("endings"), "endings.toml [[endings]]"):
        if not isinstance(item.get("connected"), bool):
            raise ContentError(f"endings.toml {key!r}: connected must be true or false")
        result.append((key, item["connected"], _texts(item, f"endings.toml {key!r}")))
    return tuple(result)


def _steps(data: dict[str, Any]) -> tuple[tuple[str, dict[str, dict[str, str]]], ...]:
    entries = _keyed(data.get("steps"), "repair.toml [[steps]]")
    keys = tuple(key for key, _ in entries)
    if keys != STEP_KEYS:
        raise ContentError(f"repair.toml: the steps must be {STEP_KEYS} in this order, not {keys}")
    result = []
    for key, item in entries:
        fields = {}
        for name in STEP_FIELDS:
            value = {lang: (item.get(lang) or {}).get(name) for lang in LANGUAGES}
            fields[name] = _texts(value, f"repair.toml step {key!r} {name}")
        result.append((key, fields))
    return tuple(result)


def _list(raw: Any, where: str) -> tuple[dict[str, str], ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{where}: the list is missing or empty")
    return tuple(_texts(item, f"{where} #{n}") for n, item in enumerate(raw, start=1))


def _messages(data: dict[str, Any]) -> tuple[tuple[str, dict[str, str]], ...]:
    result = []
    for key, item in _keyed(data.get("messages"), "pause.toml [[messages]]"):
        texts = _texts(item, f"pause.toml message {key!r}")
        for language, text in texts.items():
            if text.count(TIME_SLOT) != 1:
                raise ContentError(
                    f"pause.toml message {key!r} ({language}): needs {TIME_SLOT} exactly once"
                )
        result.append((key, texts))
    return tuple(result)


def _rhythm(data: dict[str, Any]) -> tuple[int, int]:
    raw = data.get("rhythm")
    values = (raw.get("in"), raw.get("out")) if isinstance(raw, dict) else (None, None)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 2 <= v <= 12 for v in values):
        raise ContentError("pause.toml [rhythm]: in and out must be whole seconds, 2 to 12")
    return values  # type: ignore[return-value]


def load(folder: Path = DATA) -> Content:
    topics, endings = _read("topics.toml", folder), _read("endings.toml", folder)
    repair, pause = _read("repair.toml", folder), _read("pause.toml", folder)
    return Content(
        topics=_topics(topics),
        endings=_endings(endings),
        steps=_steps(repair),
        closing=_list(repair.get("closing"), "repair.toml [[closing]]"),
        repair_texts=_named(repair.get("texts"), REPAIR_TEXTS, "repair.toml"),
        breathing=_list(pause.get("breathing"), "pause.toml [[breathing]]"),
        messages=_messages(pause),
        pause_texts=_named(pause.get("texts"), PAUSE_TEXTS, "pause.toml"),
        rhythm=_rhythm(pause),
    )


@cache
def content() -> Content:
    return load()


# --- the API ------------------------------------------------------------------


def topics(language: str) -> list[Term]:
    lang = language_of(language)
    return [Term(key, texts[lang]) for key, texts in content().topics]


def topic(key: str, language: str) -> Term | None:
    return next((t for t in topics(language) if t.key == key), None)


def endings(language: str) -> list[Ending]:
    lang = language_of(language)
    return [
        Ending(key=key, label=texts[lang], connected=connected)
        for key, connected, texts in content().endings
    ]


def ending(key: str, language: str) -> Ending | None:
    return next((e for e in endings(language) if e.key == key), None)


def topic_keys() -> frozenset[str]:
    return frozenset(key for key, _ in content().topics)


def ending_keys() -> frozenset[str]:
    return frozenset(key for key, _, _ in content().endings)


def steps(language: str) -> list[Step]:
    lang = language_of(language)
    return [
        Step(key, **{name: fields[name][lang] for name in STEP_FIELDS})
        for key, fields in content().steps
    ]


def closing(language: str, seed: int = 0) -> str:
    """One reassurance for the end of a repair; `seed` picks which, so a page is stable."""
    texts = content().closing
    return texts[seed % len(texts)][language_of(language)]


def repair_text(name: str, language: str) -> str:
    return content().repair_texts[name][language_of(language)]


def pause_text(name: str, language: str) -> str:
    return content().pause_texts[name][language_of(language)]


def breathing(language: str) -> list[str]:
    lang = language_of(language)
    return [step[lang] for step in content().breathing]


def rhythm() -> tuple[int, int]:
    """(seconds breathing in, seconds breathing out)."""
    return content().rhythm


def messages(language: str) -> list[Message]:
    lang = language_of(language)
    return [Message(key, texts[lang]) for key, texts in content().messages]


def message(key: str, language: str) -> Message | None:
    return next((m for m in messages(language) if m.key == key), None)
