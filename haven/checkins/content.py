"""The texts of check-ins, progress and reminders (data/checkins.toml).

The file is content, reviewed like code. This module reads it once, refuses
it when a text is missing in a language or uses a placeholder it will not be
given, and hands out one language at a time.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.core.datafiles import read_toml, texts_of
from haven.needs.catalogue import language_of

PATH = Path(__file__).with_name("data") / "checkins.toml"

TEXTS = (
    "intro_couple",
    "intro_solo",
    "missing",
    "sharing",
    "progress",
    "measure",
    "attachment_again",
    "reminders",
)
QUESTION_MODES = ("couple", "solo")
QUESTIONS = ("percent", "body", "feelings", "needs", "reached", "turned", "note")
# Reading key -> the placeholders it is given (a text may use any of them).
READINGS: dict[str, frozenset[str]] = {
    "early": frozenset(),
    "rising": frozenset({"start", "end"}),
    "dip_after_progress": frozenset({"start", "end", "peak"}),
    "falling": frozenset({"start", "end"}),
    "steady": frozenset({"start", "end"}),
    "peaks": frozenset(),
    "different_speeds": frozenset({"name", "mine", "theirs"}),
    "together": frozenset({"name"}),
}
EMAIL: dict[str, frozenset[str]] = {
    "subject": frozenset(),
    "body": frozenset({"name", "url", "stop_url"}),
}


class ContentError(ValueError):
    """The check-ins file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Questions:
    """The check-in's questions in one language, for a couple or for one person."""

    percent: str
    body: str
    feelings: str
    needs: str
    reached: str
    turned: str
    note: str


@dataclass(frozen=True)
class Content:
    measures: dict[str, str]  # mode -> instrument key
    attachment_every_days: int
    texts: dict[str, dict[str, str]]
    questions: dict[str, dict[str, dict[str, str]]]  # mode -> question -> language -> text
    readings: dict[str, dict[str, str]]
    email: dict[str, dict[str, str]]


# --- loading and checking -----------------------------------------------------


def _placeholders(text: str, where: str) -> set[str]:
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError:
        raise ContentError(f"{where}: unmatched '{{' or '}}'") from None


def _texts(value: Any, where: str, allowed: frozenset[str] = frozenset()) -> dict[str, str]:
    result = texts_of(value, where, ContentError)
    for language, text in result.items():
        unknown = _placeholders(text, where) - allowed
        if unknown:
            raise ContentError(f"{where} ({language}): unknown placeholder(s) {sorted(unknown)}")
    return result


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise ContentError(f"[{name}] is missing")
    return value


def validate(data: dict[str, Any]) -> Content:
    """Build the content from parsed TOML, or raise ContentError naming the problem."""
    measures = _table(data, "measures")
    keys = {}
    for mode in QUESTION_MODES:
        key = measures.get(mode)
        if not isinstance(key, str) or not key:
            raise ContentError(f"[measures] {mode!r} must name an instrument")
        keys[mode] = key
    every = measures.get("attachment_every_days")
    if isinstance(every, bool) or not isinstance(every, int) or not 7 <= every <= 730:
        raise ContentError("[measures] attachment_every_days must be a whole number, 7 to 730")
    texts = _table(data, "texts")
    questions = _table(data, "questions")
    readings = _table(data, "reading")
    email = _table(data, "email")
    return Content(
        measures=keys,
        attachment_every_days=every,
        texts={name: _texts(texts.get(name), f"[texts.{name}]") for name in TEXTS},
        questions={
            mode: {
                name: _texts(_table(questions, mode).get(name), f"[questions.{mode}] {name}")
                for name in QUESTIONS
            }
            for mode in QUESTION_MODES
        },
        readings={
            name: _texts(readings.get(name), f"[reading.{name}]", allowed)
            for name, allowed in READINGS.items()
        },
        email={
            name: _texts(email.get(name), f"[email.{name}]", allowed)
            for name, allowed in EMAIL.items()
        },
    )


def load(path: Path = PATH) -> Content:
    data = read_toml(path, ContentError)
    return validate(data)


@cache
def content() -> Content:
    return load()


# --- asking it things -----------------------------------------------------------


def text(name: str, language: str) -> str:
    return content().texts[name][language_of(language)]


def questions(mode: str, language: str) -> Questions:
    """The check-in's questions; `mode` is "couple" or "solo"."""
    lang = language_of(language)
    chosen = content().questions[mode if mode in QUESTION_MODES else "solo"]
    return Questions(**{name: chosen[name][lang] for name in QUESTIONS})


def reading(key: str, language: str, /, **values: Any) -> str:
    """One reading of the line, its placeholders filled in from `values`."""
    template = content().readings[key][language_of(language)]
    given = {name: values.get(name, "") for name in READINGS[key]}
    return template.format(**given)


def email(language: str, /, **values: Any) -> tuple[str, str]:
    """(subject, body) of the reminder e-mail in `language`."""
    lang = language_of(language)
    texts = content().email
    body = texts["body"][lang].format(**{key: values.get(key, "") for key in EMAIL["body"]})
    return texts["subject"][lang], body + "\n"


def measure_key(mode: str) -> str:
    """The instrument key of the monthly reflection for "couple" or "solo"."""
    return content().measures[mode if mode in QUESTION_MODES else "solo"]


def attachment_every_days() -> int:
    return content().attachment_every_days
