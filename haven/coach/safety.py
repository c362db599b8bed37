"""The safety layer: runs before the rest of the coach and decides `safety`.

A message that threatens violence, speaks of self-harm or exerts coercive
control must never get a softer rewrite. This layer is built for recall: its
own rules pack per language (haven/coach/safety/{lang}.toml) matches the idea
of danger broadly (a harm word aimed at a person, a wish not to live, a demand
for a partner's phone) and lets through only look-alikes it can name (figures
of speech, jokes, medicine as prescribed, sharing by choice).

Each rule's code is the kind it signals (`_violence`, `_self_harm`,
`_coercion`); other markers (`_figure`, `_joke`...) only cancel rules through
their `unless_*` conditions. When several kinds are found, the most urgent one
is the message's kind: self-harm, then violence, then coercion.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from haven.coach.codes import DataError, load_toml
from haven.coach.model import LANGUAGES, SAFETY_KINDS
from haven.coach.packs import Pack, build_pack

SAFETY_DIR = Path(__file__).resolve().parent / "safety"
NOTES_PATH = Path(__file__).resolve().parent / "data" / "safety.toml"

_KIND_OF_CODE = {f"_{kind}": kind for kind in SAFETY_KINDS}


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence for a safety kind; `text[start:end] == evidence`."""

    kind: str
    start: int
    end: int
    evidence: str
    rule: str
    source: str = "rule"
    """"rule" for a rule's match, "model" for the learned model's finding."""

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """The safety layer's verdict on one message."""

    kind: str | None
    signals: tuple[Signal, ...]

    @property
    def safety(self) -> bool:
        return self.kind is not None

    @property
    def kinds(self) -> tuple[str, ...]:
        found = {signal.kind for signal in self.signals}
        return tuple(kind for kind in SAFETY_KINDS if kind in found)


NO_DANGER = Assessment(None, ())


@cache
def get_safety_pack(language: str) -> Pack:
    """The compiled safety pack for a language, built once per process."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    return build_pack(SAFETY_DIR / f"{language}.toml", language)


def rule_signals(text: str, language: str) -> list[Signal]:
    """What the safety rules find in a message, in text order."""
    # Imported here so the engine and this layer can share the matcher without
    # a circular import (the engine calls assess()).
    from haven.coach.engine import match_pack

    tokens, hits = match_pack(text, get_safety_pack(language))
    signals: list[Signal] = []
    seen: set[tuple[str, int, int]] = set()
    for hit in hits:
        kind = _KIND_OF_CODE.get(hit.rule.code)
        if kind is None:
            continue
        start, end = tokens[hit.first].start, tokens[hit.last].end
        if (kind, start, end) in seen:
            continue
        seen.add((kind, start, end))
        signals.append(Signal(kind, start, end, text[start:end], hit.rule.id))
    signals.sort(key=lambda signal: (signal.start, signal.end, signal.kind))
    return signals


def assess(text: str, language: str) -> Assessment:
    """Which kind of danger, if any, the message speaks of, with the evidence.

    The rules and the learned model decide together: the model flags new
    phrasings on its own, and a rule's hit stands unless the model finds the
    message very unlikely to be dangerous (below its `veto`).
    """
    from haven.coach.learned import judge

    signals = rule_signals(text, language)
    verdict = judge(text, language)
    if signals:
        if verdict is not None and verdict.vetoes_rules:
            return NO_DANGER
        found = {signal.kind for signal in signals}
        kind = next(kind for kind in SAFETY_KINDS if kind in found)
        return Assessment(kind, tuple(signals))
    if verdict is None or not verdict.flagged:
        return NO_DANGER
    start, end = verdict.evidence
    signal = Signal(verdict.kind, start, end, text[start:end], "model", "model")
    return Assessment(verdict.kind, (signal,))


@cache
def _notes() -> dict[str, dict[str, dict[str, str]]]:
    data = load_toml(NOTES_PATH)
    for kind in SAFETY_KINDS:
        for language in LANGUAGES:
            entry = data.get(kind, {}).get(language, {})
            for field in ("title", "why"):
                if not isinstance(entry.get(field), str) or not entry[field].strip():
                    raise DataError(
                        f"{NOTES_PATH}: [{kind}.{language}] needs a non-empty {field!r}"
                    )
    return data


def safety_note(kind: str, language: str) -> dict[str, str]:
    """title and why for a safety kind, in "en" or "nl": why the coach stops."""
    if kind not in SAFETY_KINDS:
        raise ValueError(f"unknown safety kind {kind!r}")
    return dict(_notes()[kind][language if language in LANGUAGES else "en"])
