"""Filling a script's slots ({need}, {feeling}, ...) from the person's own saved data.

- {need}: their top-ranked saved need, as the fragment that completes "I need ...".
- {feeling}, {move}, {longing}: their side of the cycle, when Haven has the
  cycle part (haven.cycle, optional) and they filled it in.
- {time}, {topic} and anything not known: the suggestion or the visible blank
  from data/slots.toml, which the person edits.
Only the person's own items are read, through the policy.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps

from haven.core import policy
from haven.core.policy import Action
from haven.learn.loading import DATA, LANGUAGES, ContentError, language_of, read_toml
from haven.learn.scripts import SLOT, SLOTS
from haven.needs.models import Need

PATH = DATA / "slots.toml"


@dataclass(frozen=True)
class Filled:
    text: str
    sources: dict[str, str]  # slot -> "need", "cycle", "suggestion" or "blank"

    @property
    def from_own_data(self) -> bool:
        return any(source in ("need", "cycle") for source in self.sources.values())


@cache
def _slot_texts() -> dict[str, dict[str, dict[str, str]]]:
    data = read_toml(PATH)
    found: dict[str, dict[str, dict[str, str]]] = {}
    for slot in SLOTS:
        found[slot] = {}
        for language in LANGUAGES:
            entry = data.get(slot, {}).get(language)
            if not isinstance(entry, dict) or not str(entry.get("blank", "")).strip():
                raise ContentError(f"{PATH.name}: [{slot}.{language}] needs a `blank`")
            found[slot][language] = {k: str(v).strip() for k, v in entry.items()}
    return found


def blank(slot: str, language: str) -> str:
    return _slot_texts()[slot][language_of(language)]["blank"]


def suggestion(slot: str, language: str) -> str | None:
    return _slot_texts()[slot][language_of(language)].get("fallback")


def top_need(user, language: str) -> str | None:
    """The fragment of the person's own top-ranked need, in their language."""
    needs = policy.visible(user, Need, Action.CHANGE).filter(author_id=user.pk)
    first = needs.order_by("rank", "created_at", "pk").first()
    if first is None:
        return None
    fragment = first.fragment(language_of(language)).strip().rstrip(".!?").strip()
    return fragment or None


def _first_label(value: Any) -> str | None:
    """A label from a string, or the first usable one of a list (of strings or objects)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, tuple)):
        for item in value:
            label = _first_label(item if isinstance(item, str) else getattr(item, "label", None))
            if label:
                return label
    return None


def _underneath_reader() -> Callable[..., Any] | None:
    if not apps.is_installed("haven.cycle"):
        return None
    try:
        return import_module("haven.cycle.selectors").underneath_for
    except (ImportError, AttributeError):
        return None


def from_cycle(user, language: str) -> dict[str, str]:
    """{feeling, move, longing} from the person's side of the cycle, where known."""
    reader = _underneath_reader()
    if reader is None:
        return {}
    parameters = inspect.signature(reader).parameters
    extra = {name: language_of(language) for name in ("language", "lang") if name in parameters}
    found = reader(user, **extra)
    if found is None:
        return {}
    values = {
        "feeling": _first_label(getattr(found, "feelings", None)),
        "move": _first_label(getattr(found, "move_phrases", None) or getattr(found, "moves", None)),
        "longing": _first_label(getattr(found, "longing", None)),
    }
    return {slot: value for slot, value in values.items() if value}


def fill(say: str, user, language: str) -> Filled:
    """`say` with every slot replaced: own data first, then a suggestion, then a blank."""
    known: dict[str, tuple[str, str]] = {}
    need = top_need(user, language)
    if need:
        known["need"] = (need, "need")
    for slot, value in from_cycle(user, language).items():
        known[slot] = (value, "cycle")
    sources: dict[str, str] = {}

    def replace(match) -> str:
        slot = match.group(1)
        if slot in known:
            value, source = known[slot]
        elif suggestion(slot, language):
            value, source = suggestion(slot, language), "suggestion"
        else:
            value, source = blank(slot, language), "blank"
        sources[slot] = source
        return value

    return Filled(SLOT.sub(replace, say), sources)
