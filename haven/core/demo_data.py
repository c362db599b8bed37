"""Loads the sample people and texts for `haven demo` from data/demo.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

_PATH = Path(__file__).with_name("data") / "demo.toml"


def load() -> list[dict]:
    with _PATH.open("rb") as handle:
        return tomllib.load(handle)["people"]


DEMO_PEOPLE = load()
