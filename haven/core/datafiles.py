"""Reading Haven's data files: TOML files whose texts come in every language.

Each feature keeps its own error class (so its messages say which data went
wrong); these helpers raise that class, naming the file or the place in it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "nl")


def read_toml(path: Path, error: type[Exception], what: str = "") -> dict[str, Any]:
    """The parsed file, or `error` saying it is missing or is not valid TOML.

    `what` names the kind of file in the "not found" message ("rules pack").
    """
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise error(f"{path}: {what + ' ' if what else ''}not found") from None
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path}: not valid TOML: {problem}") from None


def texts_of(value: Any, where: str, error: type[Exception]) -> dict[str, str]:
    """{language: text} from a table with a non-empty string for every language."""
    if not isinstance(value, dict):
        raise error(f"{where}: expected a text in {', '.join(LANGUAGES)}")
    found = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise error(f"{where}: the {language!r} text is missing or empty")
        found[language] = text.strip()
    return found
