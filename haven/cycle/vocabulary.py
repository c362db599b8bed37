"""The words of the negative cycle, read from haven/cycle/data/*.toml.

Content is data: the protective moves and their two families, the three
patterns, the feelings underneath, examples of longings, the prompts of each
step and the sentence templates of the narrative all live in TOML files in
English and Dutch. This module reads each file once, checks it completely
(a broken file fails loudly with the file and the entry named), and hands it
out in one language at a time. Keys never change; labels follow the language.

Surface emotions and body signals are not here: they come from the felt-sense
vocabulary (haven.needs.feltsense), so a person meets the same words everywhere.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.core.datafiles import read_toml
from haven.needs.catalogue import LANGUAGES, language_of

DATA = Path(__file__).with_name("data")
FAMILIES = ("pursue", "withdraw")
PATTERNS = ("pursue_withdraw", "attack_attack", "withdraw_withdraw")
REASONS = ("incomplete", "mixed")
MIN_MOVES_PER_FAMILY = 8
STEPS = ("trigger", "story", "surface", "moves", "underneath", "need", "longing", "spots")
SOLO_FIELDS = ("past_moves", "past_partner_moves", "past_underneath", "past_lesson")
# Template name -> the placeholders it must use, no more and no fewer.
NARRATIVE = {
    "loop": {"me", "you"},
    "only_me": {"me"},
    "only_you": {"you"},
    "none": set(),
    "solo": {"me"},
    "my_feelings": {"feelings"},
    "your_feelings": {"feelings"},
    "my_needs": {"needs"},
    "your_needs": {"needs"},
    "my_longing": {"longing"},
    "your_longing": {"longing"},
    "closing": set(),
    "and": set(),
}
KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


class VocabularyError(ValueError):
    """A cycle data file is missing, malformed or incomplete."""


# --- what the rest of Haven gets ----------------------------------------------


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    text: str


@dataclass(frozen=True)
class Move:
    """One protective move in one language.

    `me` and `you` are the verb phrases for the narrative ("The more I {me}",
    "the more you {you}"): Dutch conjugates them differently.
    """

    key: str
    family: str
    label: str
    text: str
    me: str = ""
    you: str = ""


@dataclass(frozen=True)
class Pattern:
    key: str
    name: str
    nickname: str
    meaning: str
    way_out: str


@dataclass(frozen=True)
class Term:
    key: str
    label: str


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    prompt: str
    help: str


# --- reading and checking -------------------------------------------------------


def read(name: str, directory: Path = DATA) -> dict[str, Any]:
    return read_toml(directory / name, VocabularyError)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"{where}: missing or empty")
    return value.strip()


def _per_language(value: Any, where: str, fields: tuple[str, ...] | None = None) -> dict:
    """{language: text} or, with fields, {language: {field: text}}."""
    if not isinstance(value, dict):
        raise VocabularyError(f"{where}: expected texts in {', '.join(LANGUAGES)}")
    result: dict[str, Any] = {}
    for language in LANGUAGES:
        if fields is None:
            result[language] = _text(value.get(language), f"{where}: the {language!r} text")
            continue
        table = value.get(language)
        if not isinstance(table, dict):
            raise VocabularyError(f"{where}: the {language!r} table is missing")
        result[language] = {
            name: _text(table.get(name), f"{where}: {language}.{name}") for name in fields
        }
    return result


def _keyed(raw: Any, section: str) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(raw, list) or not raw:
        raise VocabularyError(f"[[{section}]] is missing")
    seen: set[str] = set()
    result = []
    for item in raw:
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not KEY.match(key) or key in seen:
            raise VocabularyError(f"[[{section}]] key {key!r} is missing, malformed or used twice")
        seen.add(key)
        result.append((key, item))
    return result


@dataclass(frozen=True)
class MoveData:
    families: dict[str, dict[str, dict[str, str]]]  # family -> language -> name/text
    moves: tuple[tuple[str, str, dict[str, dict[str, str]]], ...]  # key, family, texts


def validate_moves(data: dict[str, Any]) -> MoveData:
    raw_families = data.get("families")
    if not isinstance(raw_families, dict) or set(raw_families) != set(FAMILIES):
        raise VocabularyError(f"[families] must hold exactly {', '.join(FAMILIES)}")
    families = {
        key: _per_language(raw_families[key], f"family {key!r}", ("name", "text"))
        for key in FAMILIES
    }
    moves = []
    for key, item in _keyed(data.get("moves"), "moves"):
        family = item.get("family")
        if family not in FAMILIES:
            raise VocabularyError(f"move {key!r}: family must be one of {FAMILIES}, not {family!r}")
        texts = _per_language(item, f"move {key!r}", ("label", "text", "me", "you"))
        moves.append((key, family, texts))
    for family in FAMILIES:
        count = sum(1 for move in moves if move[1] == family)
        if count < MIN_MOVES_PER_FAMILY:
            raise VocabularyError(
                f"family {family!r} has {count} moves; at least {MIN_MOVES_PER_FAMILY} are needed"
            )
    return MoveData(families=families, moves=tuple(moves))


@dataclass(frozen=True)
class PatternData:
    patterns: dict[str, dict[str, dict[str, str]]]
    reasons: dict[str, dict[str, str]]
    texts: dict[str, dict[str, str]]


def validate_patterns(data: dict[str, Any]) -> PatternData:
    found = {
        key: _per_language(item, f"pattern {key!r}", ("name", "nickname", "meaning", "way_out"))
        for key, item in _keyed(data.get("patterns"), "patterns")
    }
    if set(found) != set(PATTERNS):
        raise VocabularyError(f"[[patterns]] must be exactly {', '.join(PATTERNS)}")
    reasons = data.get("reasons")
    if not isinstance(reasons, dict):
        raise VocabularyError("[reasons] is missing")
    texts = data.get("texts")
    if not isinstance(texts, dict):
        raise VocabularyError("[texts] is missing")
    return PatternData(
        patterns={key: found[key] for key in PATTERNS},
        reasons={k: _per_language(reasons.get(k), f"[reasons.{k}]") for k in REASONS},
        texts={k: _per_language(texts.get(k), f"[texts.{k}]") for k in ("also_called", "enemy")},
    )


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def validate_narrative(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    result = {}
    for language in LANGUAGES:
        table = data.get(language)
        if not isinstance(table, dict):
            raise VocabularyError(f"narrative: the [{language}] table is missing")
        templates = {}
        for name, wanted in NARRATIVE.items():
            text = _text(table.get(name), f"narrative {language}.{name}")
            try:
                used = _placeholders(text)
            except ValueError as problem:
                raise VocabularyError(f"narrative {language}.{name}: {problem}") from None
            if used != wanted:
                raise VocabularyError(
                    f"narrative {language}.{name}: uses {sorted(used)}, must use {sorted(wanted)}"
                )
            templates[name] = text
        result[language] = templates
    return result


def validate_terms(data: dict[str, Any], section: str) -> tuple[tuple[str, dict[str, str]], ...]:
    return tuple(
        (key, _per_language(item, f"{section} {key!r}"))
        for key, item in _keyed(data.get(section), section)
    )


@dataclass(frozen=True)
class PromptData:
    intro: dict[str, str]
    solo_intro: dict[str, str]
    share: dict[str, str]
    name: dict[str, str]
    steps: dict[str, dict[str, dict[str, str]]]
    solo: dict[str, dict[str, dict[str, str]]]


def validate_prompts(data: dict[str, Any]) -> PromptData:
    def table(name: str, keys: tuple[str, ...]) -> dict[str, dict[str, dict[str, str]]]:
        raw = data.get(name)
        if not isinstance(raw, dict):
            raise VocabularyError(f"prompts: [{name}] is missing")
        extra = set(raw) - set(keys)
        if extra:
            raise VocabularyError(f"prompts: [{name}] has unknown entries {sorted(extra)}")
        return {
            key: _per_language(raw.get(key), f"prompts {name}.{key}", ("title", "prompt", "help"))
            for key in keys
        }

    return PromptData(
        intro=_per_language(data.get("intro"), "prompts [intro]"),
        solo_intro=_per_language(data.get("solo_intro"), "prompts [solo_intro]"),
        share=_per_language(data.get("share"), "prompts [share]"),
        name=_per_language(data.get("name"), "prompts [name]"),
        steps=table("steps", STEPS),
        solo=table("solo", SOLO_FIELDS),
    )


# --- cached loaders ---------------------------------------------------------------


@cache
def _moves() -> MoveData:
    return validate_moves(read("moves.toml"))


@cache
def _patterns() -> PatternData:
    return validate_patterns(read("patterns.toml"))


@cache
def _narrative() -> dict[str, dict[str, str]]:
    return validate_narrative(read("narrative.toml"))


@cache
def _feelings() -> tuple[tuple[str, dict[str, str]], ...]:
    return validate_terms(read("feelings_underneath.toml"), "feelings")


@cache
def _longings() -> tuple[tuple[str, dict[str, str]], ...]:
    return validate_terms(read("longings.toml"), "longings")


@cache
def _prompts() -> PromptData:
    return validate_prompts(read("prompts.toml"))


def check_all() -> None:
    """Load every file once: raises VocabularyError for the first problem found."""
    _moves(), _patterns(), _narrative(), _feelings(), _longings(), _prompts()


# --- the API ----------------------------------------------------------------------


def families(lang: str) -> list[Family]:
    language = language_of(lang)
    data = _moves().families
    return [
        Family(key, data[key][language]["name"], data[key][language]["text"]) for key in FAMILIES
    ]


def family(key: str, lang: str) -> Family | None:
    return next((f for f in families(lang) if f.key == key), None)


def _move(raw: tuple[str, str, dict[str, dict[str, str]]], language: str) -> Move:
    key, family_key, texts = raw
    words = texts[language]
    return Move(key, family_key, words["label"], words["text"], words["me"], words["you"])


def moves(lang: str, family: str | None = None) -> list[Move]:
    """Every move in file order, or only those of one family."""
    language = language_of(lang)
    return [_move(raw, language) for raw in _moves().moves if family in (None, raw[1])]


def move(key: str, lang: str) -> Move | None:
    language = language_of(lang)
    raw = next((raw for raw in _moves().moves if raw[0] == key), None)
    return _move(raw, language) if raw is not None else None


def move_keys() -> frozenset[str]:
    return frozenset(raw[0] for raw in _moves().moves)


def family_of(key: str) -> str | None:
    return next((raw[1] for raw in _moves().moves if raw[0] == key), None)


def patterns(lang: str) -> list[Pattern]:
    language = language_of(lang)
    data = _patterns().patterns
    return [Pattern(key, **data[key][language]) for key in PATTERNS]


def pattern(key: str, lang: str) -> Pattern | None:
    return next((p for p in patterns(lang) if p.key == key), None)


def reason(key: str, lang: str) -> str:
    return _patterns().reasons[key][language_of(lang)]


def pattern_text(key: str, lang: str) -> str:
    return _patterns().texts[key][language_of(lang)]


def underneath_feelings(lang: str) -> list[Term]:
    language = language_of(lang)
    return [Term(key, texts[language]) for key, texts in _feelings()]


def feeling(key: str, lang: str) -> Term | None:
    return next((t for t in underneath_feelings(lang) if t.key == key), None)


def feeling_keys() -> frozenset[str]:
    return frozenset(key for key, _ in _feelings())


def longings(lang: str) -> list[Term]:
    language = language_of(lang)
    return [Term(key, texts[language]) for key, texts in _longings()]


def narrative_templates(lang: str) -> dict[str, str]:
    return _narrative()[language_of(lang)]


def steps(lang: str) -> list[Step]:
    language = language_of(lang)
    data = _prompts().steps
    return [Step(key, **data[key][language]) for key in STEPS]


def step(key: str, lang: str) -> Step:
    return next(s for s in steps(lang) if s.key == key)


def solo_prompts(lang: str) -> list[Step]:
    language = language_of(lang)
    data = _prompts().solo
    return [Step(key, **data[key][language]) for key in SOLO_FIELDS]


def prompt_text(name: str, lang: str) -> str:
    """One of the single texts of prompts.toml: intro, solo_intro, share, name."""
    if name not in ("intro", "solo_intro", "share", "name"):
        raise KeyError(name)
    return getattr(_prompts(), name)[language_of(lang)]
