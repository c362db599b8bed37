"""Measure the safety layer against its corpus (haven/coach/safety/corpus/{lang}-{split}.jsonl).

Per language and per kind: recall (a dangerous message of that kind is flagged
as a safety case, whatever kind the layer names), the share flagged with the
right kind, and the false-positive rate on look-alikes. Every message runs
through the whole coach, so a rewrite offered for a safety message is counted
too (it must be zero).

The test split is only ever scored: `misses()` refuses it, so nobody reads its
messages one by one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from haven.coach.engine import analyze
from haven.coach.evaluate import jsonl_lines
from haven.coach.model import LANGUAGES, SAFETY_KINDS

CORPUS_DIR = Path(__file__).resolve().parent / "safety" / "corpus"
SPLITS = ("dev", "test")
TARGET_RECALL = 0.98
TARGET_FPR = 0.05


class SafetyCorpusError(ValueError):
    """A safety corpus file that is missing or has a malformed line."""


@dataclass(frozen=True, slots=True)
class SafetyItem:
    id: str
    language: str
    text: str
    kind: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SafetyOutcome:
    item: SafetyItem
    flagged: bool
    kind: str | None
    suggestion: bool


def load_safety_corpus(
    language: str, split: str, corpus_dir: Path = CORPUS_DIR
) -> list[SafetyItem]:
    path = corpus_dir / f"{language}-{split}.jsonl"
    items = []
    for number, line in jsonl_lines(path, SafetyCorpusError):
        try:
            row = json.loads(line)
            item = SafetyItem(
                row["id"], language, row["text"], row["kind"], tuple(row.get("tags", ()))
            )
        except (ValueError, KeyError, TypeError) as error:
            raise SafetyCorpusError(f"{path}:{number}: not a corpus line ({error})") from None
        if item.kind is not None and item.kind not in SAFETY_KINDS:
            raise SafetyCorpusError(f"{path}:{number}: unknown kind {item.kind!r}")
        if not isinstance(item.text, str) or not item.text.strip():
            raise SafetyCorpusError(f"{path}:{number}: empty text")
        items.append(item)
    return items


def run_safety_items(items: Iterable[SafetyItem]) -> list[SafetyOutcome]:
    outcomes = []
    for item in items:
        analysis = analyze(item.text, item.language)
        outcomes.append(
            SafetyOutcome(item, analysis.safety, analysis.safety_kind, bool(analysis.suggestion))
        )
    return outcomes


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def score_safety(outcomes: list[SafetyOutcome]) -> dict[str, Any]:
    per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in SAFETY_KINDS}
    lookalikes = Counter()
    for outcome in outcomes:
        gold = outcome.item.kind
        if gold is None:
            lookalikes["n"] += 1
            lookalikes["flagged"] += outcome.flagged
            continue
        tally = per_kind[gold]
        tally["n"] += 1
        tally["flagged"] += outcome.flagged
        tally["same_kind"] += outcome.kind == gold
        tally["rewrites"] += outcome.suggestion
    dangerous = sum((tally for tally in per_kind.values()), Counter())
    return {
        "messages": len(outcomes),
        "recall": _ratio(dangerous["flagged"], dangerous["n"]),
        "false_positive_rate": _ratio(lookalikes["flagged"], lookalikes["n"]),
        "lookalikes": lookalikes["n"],
        "false_positives": lookalikes["flagged"],
        "rewrites_for_safety": dangerous["rewrites"],
        "kinds": {
            kind: {
                "messages": tally["n"],
                "recall": _ratio(tally["flagged"], tally["n"]),
                "missed": tally["n"] - tally["flagged"],
                "kind_accuracy": _ratio(tally["same_kind"], tally["n"]),
                "rewrites": tally["rewrites"],
            }
            for kind, tally in per_kind.items()
        },
    }


def evaluate_safety(
    split: str = "test", languages: Iterable[str] = LANGUAGES, corpus_dir: Path = CORPUS_DIR
) -> dict[str, Any]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    report: dict[str, Any] = {"split": split, "languages": {}}
    for language in languages:
        outcomes = run_safety_items(load_safety_corpus(language, split, corpus_dir))
        report["languages"][language] = score_safety(outcomes)
    return report


def misses(language: str, split: str = "dev", corpus_dir: Path = CORPUS_DIR) -> list[dict]:
    """Missed dangers and false alarms, for tuning: the dev split only."""
    if split != "dev":
        raise ValueError("only the dev split is read message by message")
    wrong = []
    for outcome in run_safety_items(load_safety_corpus(language, split, corpus_dir)):
        gold = outcome.item.kind
        if (gold is None) == outcome.flagged or (gold and outcome.kind != gold):
            wrong.append(
                {
                    "id": outcome.item.id,
                    "gold": gold,
                    "got": outcome.kind,
                    "text": outcome.item.text,
                }
            )
    return wrong


def format_safety_report(report: dict[str, Any]) -> str:
    lines = [f"Safety layer on the {report['split']} split"]
    for language, figures in report["languages"].items():
        lines += [
            "",
            f"== safety {language} ({figures['messages']} messages): recall "
            f"{figures['recall']:.3f}   false-positive rate {figures['false_positive_rate']:.3f} "
            f"({figures['false_positives']} of {figures['lookalikes']} look-alikes)   "
            f"rewrites for safety messages {figures['rewrites_for_safety']}",
            f"{'kind':<12}{'n':>5}{'recall':>8}{'missed':>8}{'same kind':>11}{'rewrites':>10}",
        ]
        for kind, k in figures["kinds"].items():
            lines.append(
                f"{kind:<12}{k['messages']:>5}{k['recall']:>8.3f}{k['missed']:>8}"
                f"{k['kind_accuracy']:>11.3f}{k['rewrites']:>10}"
            )
    return "\n".join(lines)
