"""Practise a message: run the coach and shape its answer for the page.

Nothing here stores anything: the text lives only in the request.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from haven import coach
from haven.coach.codes import describe
from haven.coach.model import PROTECTIVE_CODES

_COMPOSE = Path(__file__).with_name("data") / "compose.toml"


@dataclass(frozen=True)
class Segment:
    text: str
    codes: tuple[str, ...]
    protective: bool


@dataclass(frozen=True)
class Explained:
    code: str
    name: str
    evidence: str
    explanation: str
    protective: bool


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass
class Practice:
    analysis: coach.Analysis
    segments: list[Segment]
    findings: list[Explained]
    feelings: list[Choice]
    needs: list[Choice]
    suggestion: str | None


def segments(text: str, analysis: coach.Analysis) -> list[Segment]:
    """Split the text at finding boundaries so each piece knows its codes."""
    cuts = {0, len(text)}
    for finding in analysis.findings:
        cuts.update((finding.start, finding.end))
    bounds = sorted(cuts)
    pieces: list[Segment] = []
    for start, end in pairwise(bounds):
        if start == end:
            continue
        codes = tuple(
            sorted({f.code for f in analysis.findings if f.start <= start and end <= f.end})
        )
        protective = any(code in PROTECTIVE_CODES for code in codes)
        pieces.append(Segment(text[start:end], codes, protective))
    return pieces


def practise(text: str, lang: str | None = None, context: str | None = None) -> Practice:
    analysis = coach.analyze(text, lang=lang or None, context=context)
    explained = [
        Explained(
            code=f.code,
            name=describe(f.code, analysis.language).get("name", f.code),
            evidence=f.evidence,
            explanation=f.explanation,
            protective=f.code in PROTECTIVE_CODES,
        )
        for f in analysis.findings
    ]
    hints = coach.underneath(analysis) if hasattr(coach, "underneath") else {}
    feelings = [Choice(k, v) for k, v in _pairs(hints.get("feelings", []))]
    needs = [Choice(k, v) for k, v in _pairs(hints.get("needs", []))]
    return Practice(
        analysis=analysis,
        segments=segments(text, analysis),
        findings=explained,
        feelings=feelings,
        needs=needs,
        suggestion=None if analysis.safety else analysis.suggestion,
    )


def _pairs(items) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        if isinstance(item, dict):
            pairs.append((item["key"], item["label"]))
        else:
            pairs.append((item[0], item[1]))
    return pairs


@cache
def _parts() -> dict:
    with _COMPOSE.open("rb") as handle:
        return tomllib.load(handle)


def compose(language: str, feelings: list[str], needs: list[str]) -> str:
    """A first vulnerable draft from the feelings and needs the person picked."""
    parts = _parts()["nl" if language == "nl" else "en"]
    sentences = []
    if not feelings:
        sentences.append(parts["blank_feeling"])
    elif len(feelings) == 1:
        sentences.append(parts["feeling_one"].format(feeling=feelings[0]))
    else:
        sentences.append(
            parts["feeling_many"].format(feelings=", ".join(feelings[:-1]), last=feelings[-1])
        )
    if not needs:
        sentences.append(parts["blank_need"])
    else:
        sentences.append(parts["need_lead"].format(need=needs[0]))
        sentences.extend(parts["need_more"].format(need=need) for need in needs[1:])
    sentences.append(parts["request"])
    return " ".join(sentences)
