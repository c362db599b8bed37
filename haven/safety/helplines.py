"""Help lines per country, from data/helplines.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

PATH = Path(__file__).with_name("data") / "helplines.toml"
REQUIRED_KINDS = ("emergency", "domestic_abuse", "crisis")
FALLBACK_COUNTRY = "NL"


@dataclass(frozen=True)
class HelpLine:
    kind: str
    name: str
    number: str
    note: str

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class CountryHelp:
    code: str
    name: str
    lines: tuple[HelpLine, ...]
    verified_on: date


@cache
def _data() -> dict:
    with PATH.open("rb") as handle:
        return tomllib.load(handle)


def countries() -> list[str]:
    return sorted(_data()["countries"])


def for_country(code: str, language: str) -> CountryHelp:
    data = _data()
    table = data["countries"].get(code) or data["countries"][FALLBACK_COUNTRY]
    lang = language if language in ("en", "nl") else "en"
    lines = tuple(
        HelpLine(
            kind=line["kind"],
            name=line["name"][lang],
            number=line["number"],
            note=line["note"][lang],
        )
        for line in table["lines"]
    )
    return CountryHelp(
        code=code if code in data["countries"] else FALLBACK_COUNTRY,
        name=table["name"][lang],
        lines=lines,
        verified_on=data["verified_on"],
    )


# Which lines fit which danger the coach found: a crisis line for self-harm,
# a domestic-abuse line for violence and control; the emergency number always.
KIND_LINES = {
    "self_harm": ("crisis", "emergency"),
    "violence": ("domestic_abuse", "emergency"),
    "coercion": ("domestic_abuse", "emergency"),
}


def for_safety_kind(code: str, language: str, kind: str | None) -> CountryHelp:
    """The country's lines that fit a safety kind, most fitting first; all lines for None."""
    help_ = for_country(code, language)
    wanted = KIND_LINES.get(kind or "")
    if not wanted:
        return help_
    lines = tuple(line for kind_ in wanted for line in help_.lines if line.kind == kind_)
    return CountryHelp(help_.code, help_.name, lines, help_.verified_on)
