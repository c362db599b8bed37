"""Reading the learning path's data files: one error type, one language rule."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")
LANGUAGES = ("en", "nl")


class ContentError(ValueError):
    """A content or data file of the learning path is missing, malformed or incomplete."""


def language_of(language: str | None) -> str:
    """The content language for a Django language code ("nl-be" -> "nl")."""
    base = (language or "").split("-")[0].lower()
    return base if base in LANGUAGES else LANGUAGES[0]


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(f"{path}: not found") from None
    except tomllib.TOMLDecodeError as problem:
        raise ContentError(f"{path}: not valid TOML: {problem}") from None


def text_of(value: Any, where: str) -> dict[str, str]:
    """{language: text} from a table with a non-empty string per language."""
    if not isinstance(value, dict):
        raise ContentError(f"{where}: expected a text in {', '.join(LANGUAGES)}")
    found = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise ContentError(f"{where}: the {language!r} text is missing or empty")
        found[language] = text.strip()
    return found


@cache
def _texts() -> dict[str, dict[str, str]]:
    path = DATA / "texts.toml"
    return {
        name: text_of(value, f"{path.name} [{name}]") for name, value in read_toml(path).items()
    }


def text(name: str, language: str) -> str:
    """One of the texts around the modules (data/texts.toml) in `language`."""
    return _texts()[name][language_of(language)]
