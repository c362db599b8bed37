"""Scripts for hard conversations (data/scripts.toml): "instead of that, say this"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.learn.loading import DATA, LANGUAGES, ContentError, language_of, read_toml

PATH = DATA / "scripts.toml"
SLOTS = ("need", "feeling", "move", "longing", "time", "topic")
SLOT = re.compile(r"\{([a-z_]+)\}")
TEXT_FIELDS = ("title", "when", "instead", "say")


@dataclass(frozen=True)
class Script:
    key: str
    title: str
    when: str
    instead: str
    say: str  # with slots such as {need}
    tips: tuple[str, ...]
    joint: bool = False  # a conversation with the partner: not on the individual path

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(SLOT.findall(self.say)))


def _language(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ContentError(f"{where}: the table is missing")
    for name in TEXT_FIELDS:
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise ContentError(f"{where}: `{name}` is missing or empty")
    unknown = sorted(set(SLOT.findall(entry["say"])) - set(SLOTS))
    if unknown:
        raise ContentError(f"{where}: unknown slots {unknown} (known: {', '.join(SLOTS)})")
    stray = SLOT.sub("", entry["say"])
    if "{" in stray or "}" in stray:
        raise ContentError(f"{where}: a brace in `say` that is not a slot")
    tips = entry.get("tips", [])
    if not isinstance(tips, list) or not all(isinstance(tip, str) and tip.strip() for tip in tips):
        raise ContentError(f"{where}: `tips` must be a list of texts")
    return entry


def load(path: Path = PATH) -> dict[str, dict[str, Script]]:
    """{language: {key: script}}, or ContentError naming the problem."""
    raw = read_toml(path).get("script")
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{path.name}: no [[script]] entries")
    found: dict[str, dict[str, Script]] = {language: {} for language in LANGUAGES}
    for entry in raw:
        key = entry.get("key") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9-]+", key or ""):
            raise ContentError(f"{path.name}: script key {key!r} is missing or malformed")
        if key in found["en"]:
            raise ContentError(f"{path.name}: script key {key!r} is used twice")
        joint = entry.get("joint", False)
        if not isinstance(joint, bool):
            raise ContentError(f"{path.name}: `joint` of {key!r} must be true or false")
        for language in LANGUAGES:
            texts = _language(entry.get(language), f"{path.name} script {key!r} [{language}]")
            found[language][key] = Script(
                key=key,
                title=texts["title"].strip(),
                when=texts["when"].strip(),
                instead=texts["instead"].strip(),
                say=texts["say"].strip(),
                tips=tuple(tip.strip() for tip in texts.get("tips", [])),
                joint=joint,
            )
    return found


@cache
def _all() -> dict[str, dict[str, Script]]:
    return load()


def scripts(language: str) -> list[Script]:
    return list(_all()[language_of(language)].values())


def get(key: str, language: str) -> Script | None:
    return _all()[language_of(language)].get(key)
