"""The coach's vocabulary and result types. Cheap to import: no data is read here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PROTECTIVE_CODES: tuple[str, ...] = (
    "criticism",
    "blame",
    "contempt",
    "defensiveness",
    "generalization",
    "comparison",
    "mind_reading",
    "invalidation",
    "placating",
    "withdrawal",
    "threat",
)
VULNERABLE_CODES: tuple[str, ...] = (
    "feeling",
    "need",
    "validation",
    "responsibility",
    "appreciation",
    "reassurance",
    "curiosity",
    "repair_pause",
)
CODES: tuple[str, ...] = PROTECTIVE_CODES + VULNERABLE_CODES
LANGUAGES: tuple[str, ...] = ("en", "nl")
SAFETY_KINDS: tuple[str, ...] = ("self_harm", "violence", "coercion")
"""What a safety case is about, most urgent first (see haven/coach/safety.py)."""
TONES: tuple[str, ...] = ("protective", "vulnerable", "neutral")

MAX_CHARS = 5000
"""Longest message the coach analyses; longer text is refused, never cut silently."""


class TextTooLong(ValueError):
    """The message is longer than MAX_CHARS characters."""

    def __init__(self, length: int) -> None:
        super().__init__(
            f"message is {length} characters long; the coach reads at most {MAX_CHARS}"
        )
        self.length = length


def tone_of(codes: set[str] | frozenset[str] | list[str]) -> str:
    """Tone is derived, never chosen: any protective code wins, then any vulnerable one."""
    found = set(codes)
    if found & set(PROTECTIVE_CODES):
        return "protective"
    if found & set(VULNERABLE_CODES):
        return "vulnerable"
    return "neutral"


@dataclass(frozen=True, slots=True)
class Finding:
    """One code found in the message; `text[start:end] == evidence` always holds."""

    code: str
    start: int
    end: int
    evidence: str
    explanation: str
    rule: str = field(default="", compare=False)
    source: str = field(default="rule", compare=False)
    """What found it: "rule" for a rule's match."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "explanation": self.explanation,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the coach found in one message."""

    language: str
    tone: str
    findings: tuple[Finding, ...]
    suggestion: str | None
    safety: bool
    safety_kind: str | None = None
    """One of SAFETY_KINDS when `safety` is set, else None."""
    safety_signals: tuple[Any, ...] = ()
    """The safety layer's evidence (haven.coach.safety.Signal), in text order."""

    @property
    def codes(self) -> list[str]:
        """Sorted unique codes found."""
        return sorted({finding.code for finding in self.findings})

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "tone": self.tone,
            "findings": [finding.to_dict() for finding in self.findings],
            "suggestion": self.suggestion,
            "safety": self.safety,
            "codes": self.codes,
            "safety_kind": self.safety_kind,
            "safety_evidence": [signal.to_dict() for signal in self.safety_signals],
        }
