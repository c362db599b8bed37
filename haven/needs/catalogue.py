"""The catalogue of attachment needs and the sentence frames (data/needs.toml).

The file is content, reviewed like code: this module reads it once, checks
that it is complete in every language, and offers it in one language at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.core.datafiles import LANGUAGES, read_toml, texts_of

PATH = Path(__file__).with_name("data") / "needs.toml"
PLACEHOLDER = "{need}"
# The explanations the needs pages show; the file must have every one of them.
TEXTS = ("intro", "choose", "own", "rank", "sentence", "share", "answer")
KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


class CatalogueError(ValueError):
    """The needs file is missing, malformed or incomplete."""


@dataclass(frozen=True)
class CatalogueNeed:
    key: str
    group: str
    text: dict[str, str]  # language -> fragment that completes "I need ..."
    about: dict[str, str]  # language -> one-line explanation

    def fragment(self, language: str) -> str:
        return self.text[language_of(language)]

    def explanation(self, language: str) -> str:
        return self.about[language_of(language)]


@dataclass(frozen=True)
class Group:
    key: str
    name: dict[str, str]
    needs: tuple[CatalogueNeed, ...]

    def title(self, language: str) -> str:
        return self.name[language_of(language)]


@dataclass(frozen=True)
class Catalogue:
    frames: dict[str, tuple[str, ...]]
    groups: tuple[Group, ...]
    texts: dict[str, dict[str, str]]

    @property
    def needs(self) -> tuple[CatalogueNeed, ...]:
        return tuple(need for group in self.groups for need in group.needs)


def language_of(language: str | None) -> str:
    """The catalogue language for a Django language code ("nl-be" -> "nl")."""
    base = (language or "").split("-")[0].lower()
    return base if base in LANGUAGES else LANGUAGES[0]


# --- loading and checking -----------------------------------------------------


def _texts(value: Any, where: str) -> dict[str, str]:
    return texts_of(value, where, CatalogueError)


def _frames(data: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, dict):
        raise CatalogueError("[frames] is missing")
    frames: dict[str, tuple[str, ...]] = {}
    for language in LANGUAGES:
        listed = data.get(language)
        if not isinstance(listed, list) or not listed:
            raise CatalogueError(f"[frames] has no {language!r} sentences")
        for frame in listed:
            if not isinstance(frame, str) or frame.count(PLACEHOLDER) != 1:
                raise CatalogueError(f"[frames] {frame!r} must contain {PLACEHOLDER} once")
            if frame.replace(PLACEHOLDER, "").count("{"):
                raise CatalogueError(f"[frames] {frame!r} has a stray brace")
        frames[language] = tuple(listed)
    # The same variant is offered in every language, so one index names it.
    if len({len(listed) for listed in frames.values()}) != 1:
        raise CatalogueError("[frames] every language needs the same number of sentences")
    return frames


def _need(entry: Any, group: str, seen: set[str]) -> CatalogueNeed:
    if not isinstance(entry, dict):
        raise CatalogueError(f"group {group!r}: a need is not a table")
    key = entry.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        raise CatalogueError(f"group {group!r}: need key {key!r} is not a lowercase identifier")
    if key in seen:
        raise CatalogueError(f"need {key!r} appears twice")
    seen.add(key)
    text = _texts({language: entry.get(language) for language in LANGUAGES}, f"need {key!r}")
    for language, fragment in text.items():
        if fragment.endswith((".", "!", "?")):
            raise CatalogueError(
                f"need {key!r} ({language}): no closing punctuation, the frame adds it"
            )
    if text["nl"].endswith(" nodig"):
        raise CatalogueError(f"need {key!r} (nl): the frame already ends in 'nodig'")
    about = _texts(entry.get("about"), f"need {key!r} about")
    return CatalogueNeed(key=key, group=group, text=text, about=about)


def validate(data: dict[str, Any]) -> Catalogue:
    """Build the catalogue from parsed TOML, or raise CatalogueError naming the problem."""
    frames = _frames(data.get("frames"))
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        raise CatalogueError("no [[groups]]")
    seen_needs: set[str] = set()
    seen_groups: set[str] = set()
    groups = []
    for raw in raw_groups:
        key = raw.get("key") if isinstance(raw, dict) else None
        if not isinstance(key, str) or not KEY.match(key) or key in seen_groups:
            raise CatalogueError(f"group key {key!r} is missing, malformed or used twice")
        seen_groups.add(key)
        needs = raw.get("needs")
        if not isinstance(needs, list) or not needs:
            raise CatalogueError(f"group {key!r} has no needs")
        groups.append(
            Group(
                key=key,
                name=_texts(raw.get("name"), f"group {key!r} name"),
                needs=tuple(_need(entry, key, seen_needs) for entry in needs),
            )
        )
    raw_texts = data.get("texts")
    if not isinstance(raw_texts, dict):
        raise CatalogueError("[texts] is missing")
    texts = {name: _texts(raw_texts.get(name), f"[texts.{name}]") for name in TEXTS}
    return Catalogue(frames=frames, groups=tuple(groups), texts=texts)


def load(path: Path = PATH) -> Catalogue:
    data = read_toml(path, CatalogueError)
    return validate(data)


@cache
def catalogue() -> Catalogue:
    return load()


# --- asking it things ---------------------------------------------------------


def groups() -> tuple[Group, ...]:
    return catalogue().groups


def need(key: str) -> CatalogueNeed | None:
    return _by_key().get(key)


@cache
def _by_key() -> dict[str, CatalogueNeed]:
    return {item.key: item for item in catalogue().needs}


def frames(language: str) -> tuple[str, ...]:
    return catalogue().frames[language_of(language)]


def sentence(fragment: str, language: str, frame: int = 0) -> str:
    """'To feel close to you, I need {fragment}.' in `language`, variant `frame`."""
    available = frames(language)
    template = available[frame] if 0 <= frame < len(available) else available[0]
    return template.replace(PLACEHOLDER, fragment.strip().rstrip(".!?").strip())


def text(name: str, language: str) -> str:
    """One of the explanations from [texts], in `language`."""
    return catalogue().texts[name][language_of(language)]
