"""Measure the coach against the labelled corpus (haven/coach/corpus/{lang}-{split}.jsonl).

Scores are message-level: a code counts as found when the engine reports it
anywhere in the message. Per language and overall we report tone accuracy,
precision / recall / F1 per code, micro-F1 over all codes, macro-F1 over the
codes present, how often each hard-case tag is handled right, and which
protective codes get mistaken for which.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from haven.coach.engine import analyze
from haven.coach.model import CODES, LANGUAGES, PROTECTIVE_CODES, TONES, tone_of

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SPLITS = ("dev", "test")


class CorpusError(ValueError):
    """A corpus file that is missing or has a malformed line."""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    language: str
    text: str
    codes: frozenset[str]
    tone: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    item: Item
    codes: frozenset[str]
    tone: str


def jsonl_lines(path: Path, error: type[ValueError]) -> Iterator[tuple[int, str]]:
    """(line number, line) for every non-blank line of a corpus file; `error` if missing."""
    if not path.exists():
        raise error(f"{path}: corpus file not found")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def load_corpus(language: str, split: str, corpus_dir: Path = CORPUS_DIR) -> list[Item]:
    path = corpus_dir / f"{language}-{split}.jsonl"
    items = []
    for number, line in jsonl_lines(path, CorpusError):
        try:
            row = json.loads(line)
            codes = frozenset(row["codes"])
            item = Item(
                row["id"], language, row["text"], codes, row["tone"], tuple(row.get("tags", ()))
            )
        except (ValueError, KeyError, TypeError) as error:
            raise CorpusError(f"{path}:{number}: not a corpus line ({error})") from None
        unknown = codes - set(CODES)
        if unknown or item.tone not in TONES or not isinstance(item.text, str):
            raise CorpusError(f"{path}:{number}: unknown codes {sorted(unknown)} or bad tone")
        items.append(item)
    return items


def run_items(items: Iterable[Item]) -> list[Outcome]:
    outcomes = []
    for item in items:
        analysis = analyze(item.text, item.language)
        outcomes.append(Outcome(item, frozenset(analysis.codes), analysis.tone))
    return outcomes


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score(outcomes: list[Outcome]) -> dict[str, Any]:
    """All the figures for a list of outcomes (one language or several)."""
    counts = {code: Counter() for code in CODES}
    confusion: Counter[tuple[str, str]] = Counter()
    cooccurrence: Counter[tuple[str, str]] = Counter()
    tags: dict[str, Counter[str]] = {}
    tone_right = 0
    exact = 0
    for outcome in outcomes:
        gold, predicted = outcome.item.codes, outcome.codes
        tone_ok = outcome.tone == outcome.item.tone
        tone_right += tone_ok
        exact += gold == predicted
        for code in CODES:
            if code in gold and code in predicted:
                counts[code]["tp"] += 1
            elif code in predicted:
                counts[code]["fp"] += 1
            elif code in gold:
                counts[code]["fn"] += 1
        gold_p = gold & set(PROTECTIVE_CODES)
        predicted_p = predicted & set(PROTECTIVE_CODES)
        for missed in gold_p - predicted_p:
            for extra in predicted_p - gold_p:
                confusion[(missed, extra)] += 1
        for g in gold_p:
            for p in predicted_p:
                cooccurrence[(g, p)] += 1
        for tag in outcome.item.tags:
            tally = tags.setdefault(tag, Counter())
            tally["n"] += 1
            tally["tone"] += tone_ok
            tally["exact"] += gold == predicted
    per_code = {code: _f1(c["tp"], c["fp"], c["fn"]) for code, c in counts.items()}
    total = Counter()
    for c in counts.values():
        total.update(c)
    present = [code for code in CODES if per_code[code]["support"]]
    n = len(outcomes)
    return {
        "messages": n,
        "tone_accuracy": round(_ratio(tone_right, n), 4),
        "exact_match": round(_ratio(exact, n), 4),
        "micro": _f1(total["tp"], total["fp"], total["fn"]),
        "macro_f1": round(_ratio(sum(per_code[c]["f1"] for c in present), len(present)), 4),
        "codes": per_code,
        "confused_pairs": [
            {"gold": gold, "predicted": predicted, "count": count}
            for (gold, predicted), count in confusion.most_common()
        ],
        "protective_matrix": {
            gold: {p: cooccurrence[(gold, p)] for p in PROTECTIVE_CODES if cooccurrence[(gold, p)]}
            for gold in PROTECTIVE_CODES
        },
        "tags": {
            tag: {
                "messages": t["n"],
                "tone_accuracy": round(_ratio(t["tone"], t["n"]), 4),
                "exact_match": round(_ratio(t["exact"], t["n"]), 4),
            }
            for tag, t in sorted(tags.items())
        },
    }


def evaluate(
    split: str = "test", languages: Iterable[str] = LANGUAGES, corpus_dir: Path = CORPUS_DIR
) -> dict[str, Any]:
    """Scores per language and overall for one split."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    report: dict[str, Any] = {"split": split, "languages": {}}
    everything: list[Outcome] = []
    for language in languages:
        outcomes = run_items(load_corpus(language, split, corpus_dir))
        everything += outcomes
        report["languages"][language] = score(outcomes)
    report["overall"] = score(everything)
    return report


def mistakes(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    """Messages where the engine and the labels disagree, for tuning on the dev split."""
    wrong = []
    for outcome in outcomes:
        if outcome.codes != outcome.item.codes:
            wrong.append(
                {
                    "id": outcome.item.id,
                    "text": outcome.item.text,
                    "missing": sorted(outcome.item.codes - outcome.codes),
                    "extra": sorted(outcome.codes - outcome.item.codes),
                    "tone_ok": outcome.tone == tone_of(outcome.item.codes),
                }
            )
    return wrong


def format_report(report: dict[str, Any]) -> str:
    """A readable summary of evaluate()'s result."""
    lines = [f"Coach evaluation on the {report['split']} split"]
    sections = [*report["languages"].items(), ("overall", report["overall"])]
    for name, figures in sections:
        micro = figures["micro"]
        lines += [
            "",
            f"== {name} ({figures['messages']} messages)",
            f"tone accuracy {figures['tone_accuracy']:.3f}   exact match "
            f"{figures['exact_match']:.3f}   micro P/R/F1 {micro['precision']:.3f} / "
            f"{micro['recall']:.3f} / {micro['f1']:.3f}   macro-F1 {figures['macro_f1']:.3f}",
            f"{'code':<16}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}{'fp':>5}{'fn':>5}",
        ]
        for code in CODES:
            c = figures["codes"][code]
            lines.append(
                f"{code:<16}{c['precision']:>7.3f}{c['recall']:>7.3f}{c['f1']:>7.3f}"
                f"{c['support']:>5}{c['fp']:>5}{c['fn']:>5}"
            )
        pairs = figures["confused_pairs"][:8]
        if pairs:
            lines.append("most confused protective codes (gold -> predicted instead):")
            lines += [f"  {p['gold']} -> {p['predicted']}: {p['count']}" for p in pairs]
        if figures["tags"]:
            lines.append("hard cases (tone accuracy / exact match):")
            lines += [
                f"  {tag:<17}{t['tone_accuracy']:.2f} / {t['exact_match']:.2f}  (n={t['messages']})"
                for tag, t in figures["tags"].items()
            ]
    return "\n".join(lines)
