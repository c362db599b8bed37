"""User-facing names and explanations of the codes (haven/coach/data/codes.toml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from haven.coach.model import CODES, LANGUAGES, PROTECTIVE_CODES
from haven.core.datafiles import read_toml

DATA_DIR = Path(__file__).resolve().parent / "data"
CODE_FIELDS = ("name", "short", "why")


class DataError(ValueError):
    """A coach data file that is missing, malformed or incomplete."""


def load_toml(
    path: Path, error: type[ValueError] = DataError, what: str = "data file"
) -> dict[str, Any]:
    """Read a TOML data file; a missing or broken one raises `error` naming the file."""
    return read_toml(path, error, what)


def validate_codes(data: dict[str, Any], path: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Every code needs name, short and why in every language; nothing else is allowed."""
    missing = [code for code in CODES if code not in data]
    extra = [key for key in data if key not in CODES]
    if missing or extra:
        raise DataError(f"{path}: codes missing {missing}, unknown {extra}")
    for code in CODES:
        entry = data[code]
        family = "protective" if code in PROTECTIVE_CODES else "vulnerable"
        if not isinstance(entry, dict) or entry.get("family") != family:
            raise DataError(f"{path}: [{code}] needs family = {family!r}")
        for language in LANGUAGES:
            texts = entry.get(language)
            if not isinstance(texts, dict):
                raise DataError(f"{path}: [{code}.{language}] is missing")
            for field in CODE_FIELDS:
                value = texts.get(field)
                if not isinstance(value, str) or not value.strip():
                    raise DataError(f"{path}: [{code}.{language}] needs a non-empty {field!r}")
    return data


@cache
def codes_data() -> dict[str, dict[str, Any]]:
    path = DATA_DIR / "codes.toml"
    return validate_codes(load_toml(path), path)


def describe(code: str, language: str) -> dict[str, str]:
    """name, short and why for a code, in "en" or "nl"."""
    return dict(codes_data()[code][language])


def explanation(code: str, language: str) -> str:
    return codes_data()[code][language]["why"]
