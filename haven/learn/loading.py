"""Reading the learning path's data files: one error type, one language rule."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from haven.core import datafiles
from haven.core.datafiles import LANGUAGES

DATA = Path(__file__).with_name("data")


class ContentError(ValueError):
    """A content or data file of the learning path is missing, malformed or incomplete."""


def language_of(language: str | None) -> str:
    """The content language for a Django language code ("nl-be" -> "nl")."""
    base = (language or "").split("-")[0].lower()
    return base if base in LANGUAGES else LANGUAGES[0]


def read_toml(path: Path) -> dict[str, Any]:
    return datafiles.read_toml(path, ContentError)


def text_of(value: Any, where: str) -> dict[str, str]:
    """{language: text} from a table with a non-empty string per language."""
    return datafiles.texts_of(value, where, ContentError)


@cache
def _texts() -> dict[str, dict[str, str]]:
    path = DATA / "texts.toml"
    return {
        name: text_of(value, f"{path.name} [{name}]") for name, value in read_toml(path).items()
    }


def text(name: str, language: str) -> str:
    """One of the texts around the modules (data/texts.toml) in `language`."""
    return _texts()[name][language_of(language)]
