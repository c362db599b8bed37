"""The reflection texts that are not instruments: history prompts and "our map".

Both files are read once and checked: every text in every language, known
keys only, and the spot prompts matching the fields of a sensitive spot. A
broken file raises ContentError naming the file and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations_with_replacement
from pathlib import Path
from typing import Any

from haven.core.datafiles import read_toml
from haven.reflection.engine import REGION_KEYS, Text
from haven.reflection.engine.loader import default_languages

DATA_DIR = Path(__file__).resolve().parent / "data"
HISTORY_FILE = DATA_DIR / "history.toml"
MAP_FILE = DATA_DIR / "map.toml"
# The prompts of [spots] in history.toml are the fields of a SensitiveSpot.
SPOT_FIELDS = ("name", "origin", "touched_today", "signs", "need_when_touched")


class ContentError(ValueError):
    """A reflection data file that is missing, malformed or incomplete."""


@dataclass(frozen=True)
class Prompt:
    key: str
    text: Text
    hint: Text | None = None
    # Suggests doing something with the partner: hidden on the individual path.
    joint: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    intro: Text
    prompts: tuple[Prompt, ...]

    def prompt(self, key: str) -> Prompt | None:
        return next((p for p in self.prompts if p.key == key), None)

    def prompts_for(self, *, individual: bool) -> tuple[Prompt, ...]:
        return tuple(p for p in self.prompts if not (individual and p.joint))


@dataclass(frozen=True)
class History:
    care: Text
    sections: tuple[Section, ...]
    spots: Section

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Pair:
    text: Text
    together: Text


@dataclass(frozen=True)
class MapTexts:
    intro: Text
    privacy: Text
    solo_intro: Text
    no_pair: Text
    no_solo_result: Text
    pairs: dict[tuple[str, str], Pair]
    solo: dict[str, Text]

    def pair(self, first: str, second: str) -> Pair:
        return self.pairs[pair_key(first, second)]


def pair_key(first: str, second: str) -> tuple[str, str]:
    """The same key for (a, b) and (b, a), in the order of REGION_KEYS."""
    a, b = sorted((first, second), key=REGION_KEYS.index)
    return a, b


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.languages = default_languages()

    def fail(self, where: str, what: str) -> ContentError:
        return ContentError(f"{self.path}: {where}: {what}")

    def text(self, value: Any, where: str) -> Text:
        if not isinstance(value, dict):
            raise self.fail(where, "missing, or not a table of texts per language")
        for language in self.languages:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                raise self.fail(where, f"missing text for language '{language}'")
        return Text({k: v for k, v in value.items() if isinstance(v, str)})

    def optional_text(self, value: Any, where: str) -> Text | None:
        return None if value is None else self.text(value, where)

    def prompts(self, entries: Any, where: str) -> tuple[Prompt, ...]:
        if not isinstance(entries, list) or not entries:
            raise self.fail(where, "needs at least one [[...prompts]] entry")
        found, seen = [], set()
        for index, entry in enumerate(entries):
            spot = f"{where}[{index}]"
            key = entry.get("key")
            if not isinstance(key, str) or not key:
                raise self.fail(spot, "needs a key")
            if key in seen:
                raise self.fail(spot, f"duplicate prompt key '{key}'")
            seen.add(key)
            unknown = set(entry) - {"key", "hint", "joint", *self.languages}
            if unknown:
                raise self.fail(spot, f"unknown fields {sorted(unknown)}")
            found.append(
                Prompt(
                    key=key,
                    text=self.text(entry, spot),
                    hint=self.optional_text(entry.get("hint"), f"{spot}.hint"),
                    joint=bool(entry.get("joint", False)),
                )
            )
        return tuple(found)

    def section(self, entry: Any, where: str, key: str | None = None) -> Section:
        if not isinstance(entry, dict):
            raise self.fail(where, "missing")
        key = key or entry.get("key")
        if not isinstance(key, str) or not key:
            raise self.fail(where, "needs a key")
        return Section(
            key=key,
            title=self.text(entry.get("title"), f"{where}.title"),
            intro=self.text(entry.get("intro"), f"{where}.intro"),
            prompts=self.prompts(entry.get("prompts"), f"{where}.prompts"),
        )


def _read(path: Path) -> dict[str, Any]:
    return read_toml(path, ContentError)


def load_history(path: Path = HISTORY_FILE) -> History:
    data = _read(path)
    check = _Checker(path)
    care = check.text(data.get("care"), "care")
    entries = data.get("sections")
    if not isinstance(entries, list) or not entries:
        raise check.fail("sections", "needs at least one [[sections]] entry")
    sections = tuple(check.section(e, f"sections[{i}]") for i, e in enumerate(entries))
    keys = [section.key for section in sections]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise check.fail("sections", f"duplicate section keys {duplicates}")
    spots = check.section(data.get("spots"), "spots", key="spots")
    spot_keys = tuple(prompt.key for prompt in spots.prompts)
    if spot_keys != SPOT_FIELDS:
        raise check.fail("spots.prompts", f"keys must be {list(SPOT_FIELDS)}, got {spot_keys}")
    return History(care=care, sections=sections, spots=spots)


def load_map(path: Path = MAP_FILE) -> MapTexts:
    data = _read(path)
    check = _Checker(path)
    pairs: dict[tuple[str, str], Pair] = {}
    for index, entry in enumerate(data.get("pairs", [])):
        where = f"pairs[{index}]"
        regions = entry.get("regions")
        if (
            not isinstance(regions, list)
            or len(regions) != 2
            or not all(region in REGION_KEYS for region in regions)
        ):
            raise check.fail(where, f"regions must be two of {list(REGION_KEYS)}")
        key = pair_key(*regions)
        if key in pairs:
            raise check.fail(where, f"the pair {list(key)} is listed twice")
        pairs[key] = Pair(
            text=check.text(entry, where),
            together=check.text(entry.get("together"), f"{where}.together"),
        )
    for key in combinations_with_replacement(REGION_KEYS, 2):
        if key not in pairs:
            raise check.fail("pairs", f"no entry for the pair {list(key)}")
    solo = data.get("solo", {})
    return MapTexts(
        intro=check.text(data.get("intro"), "intro"),
        privacy=check.text(data.get("privacy"), "privacy"),
        solo_intro=check.text(data.get("solo_intro"), "solo_intro"),
        no_pair=check.text(data.get("no_pair"), "no_pair"),
        no_solo_result=check.text(data.get("no_solo_result"), "no_solo_result"),
        pairs=pairs,
        solo={key: check.text(solo.get(key), f"solo.{key}") for key in REGION_KEYS},
    )


@cache
def history() -> History:
    return load_history()


@cache
def map_texts() -> MapTexts:
    return load_map()
