"""The places in Haven a module links to (data/tools.toml): key -> URL name and label.

Some keys may be *pending*: their pages arrive from another branch. A link to
a pending key whose URL does not resolve is shown as plain text; every other
key must resolve (tests/learn/test_real_content.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import NoReverseMatch, reverse

from haven.learn.loading import DATA, ContentError, language_of, read_toml, text_of

PATH = DATA / "tools.toml"


@dataclass(frozen=True)
class Tool:
    key: str
    url_name: str
    label: dict[str, str]
    pending: bool
    done_when: str = ""  # "app.Model" or "app.Model:field": see data/tools.toml

    def title(self, language: str) -> str:
        return self.label[language_of(language)]

    def url(self) -> str | None:
        """The tool's address, or None for a pending tool that is not there yet."""
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            if self.pending:
                return None
            raise


def load(path: Path = PATH) -> dict[str, Tool]:
    data = read_toml(path)
    pending = data.get("pending", [])
    if not isinstance(pending, list) or not all(isinstance(key, str) for key in pending):
        raise ContentError(f"{path.name}: `pending` must be a list of keys")
    raw = data.get("tools")
    if not isinstance(raw, dict) or not raw:
        raise ContentError(f"{path.name}: no [tools.KEY] tables")
    tools = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise ContentError(f"{path.name}: [tools.{key}] needs a `url` (a URL name)")
        done_when = entry.get("done_when", "")
        if not isinstance(done_when, str):
            raise ContentError(f"{path.name}: [tools.{key}] `done_when` must be a string")
        label = text_of(entry, f"[tools.{key}]")
        tools[key] = Tool(key, entry["url"], label, key in pending, done_when)
    unknown = sorted(set(pending) - tools.keys())
    if unknown:
        raise ContentError(f"{path.name}: `pending` names unknown keys {unknown}")
    return tools


@cache
def tools() -> dict[str, Tool]:
    return load()


def get(key: str) -> Tool | None:
    return tools().get(key)
