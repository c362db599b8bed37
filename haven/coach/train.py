"""`haven coach-train`: fit the safety layer's linear model from Haven's own corpus.

Deterministic: the same data and seed give the same weights, byte for byte.
Training data is the safety corpus's dev split (the test split is never used)
plus the coach corpus's dev messages without the `threat` code, as more examples
of ordinary, non-dangerous text. Logistic regression per head (danger and one
per kind) with AdaGrad and L2, in plain Python: small data, no dependencies.

The model and the safety rules decide together: a message is a safety case
when the danger probability reaches `threshold`, or when a rule fires and the
probability is at least `veto` (a rule hit the model finds very unlikely, such
as a fear of losing the partner read as a fear of the partner, is let go).
Both are chosen on out-of-fold probabilities. The corpus was written in
batches, and the rules were written from the first ones, so the folds are the
batches themselves (leave one batch out): each batch is scored by a model that
never saw it, as new text would be. `veto` lets go
at most `max_veto_loss` of the dangerous messages a rule finds (the lowest
such value); `threshold`
the lowest at which everything flagged out of fold (rules and model) stays
within `max_fpr` of the non-dangerous messages. Weights below `prune` are
dropped to keep the file small.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from haven.coach.learned import FORMAT, HEADS, MODEL_DIR, Model, features, model_from_dict

MAX_FPR = 0.10
"""Out-of-fold share of non-dangerous messages the layer may flag: a missed
danger costs far more than an extra help line (docs/coach-labelling.md)."""
MAX_VETO_LOSS = 0.01
"""Out-of-fold share of rule-found dangerous messages the model may let go."""

ORDINARY_BATCHES = frozenset({"g", "h", "j"})
"""Dev batches of ordinary app text (repair answers, check-ins, everyday
messages), all non-dangerous, not look-alikes written against the rules."""

_BATCH = re.compile(r"^[a-z]+-sdev-([a-z]*)\d")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    kind: str | None
    group: str = ""
    """The batch the message was written in; the folds of cross-validation."""


def batch_of(item_id: str) -> str:
    """The batch letter of a safety corpus id ("en-sdev-a0001" -> "a", "en-sdev-0001" -> "")."""
    match = _BATCH.match(item_id)
    return match.group(1) if match else ""


def training_examples(language: str) -> list[Example]:
    from haven.coach.evaluate import load_corpus
    from haven.coach.safety_eval import load_safety_corpus

    examples = [
        Example(item.text, item.kind, batch_of(item.id))
        for item in load_safety_corpus(language, "dev")
    ]
    # Only the coach corpus's dev split: its test split stays unseen by
    # anything that learns, like the safety corpus's.
    for item in load_corpus(language, "dev"):
        if "threat" not in item.codes:
            examples.append(Example(item.text, None, "coach"))
    return examples


def _targets(kind: str | None) -> tuple[int, ...]:
    return (int(kind is not None), *(int(kind == head) for head in HEADS[1:]))


def fit(
    examples: Sequence[Example],
    language: str,
    *,
    seed: int = 7,
    epochs: int = 8,
    rate: float = 0.3,
    l2: float = 1e-4,
) -> tuple[list[float], dict[str, list[float]]]:
    """Weights for every head; deterministic for a given order, seed and settings."""
    rows = [
        (sorted(features(example.text, language)), _targets(example.kind)) for example in examples
    ]
    heads = len(HEADS)
    bias = [0.0] * heads
    weights: dict[str, list[float]] = {}
    squares: dict[str, list[float]] = {}
    bias_squares = [1e-8] * heads
    order = list(range(len(rows)))
    shuffle = random.Random(seed)
    for _ in range(epochs):
        shuffle.shuffle(order)
        for index in order:
            found, target = rows[index]
            sums = list(bias)
            for feature in found:
                row = weights.get(feature)
                if row is not None:
                    for head in range(heads):
                        sums[head] += row[head]
            for head in range(heads):
                value = max(min(sums[head], 30.0), -30.0)
                gradient = 1.0 / (1.0 + math.exp(-value)) - target[head]
                if gradient == 0.0:
                    continue
                bias_squares[head] += gradient * gradient
                bias[head] -= rate * gradient / math.sqrt(bias_squares[head])
                for feature in found:
                    row = weights.setdefault(feature, [0.0] * heads)
                    square = squares.setdefault(feature, [1e-8] * heads)
                    step = gradient + l2 * row[head]
                    square[head] += step * step
                    row[head] -= rate * step / math.sqrt(square[head])
    return bias, weights


def _model(
    language: str, bias, weights, threshold: float, prune: float, veto: float = 0.0
) -> Model:
    kept = {
        feature: tuple(round(value, 4) for value in row)
        for feature, row in sorted(weights.items())
        if max(abs(value) for value in row) >= prune
    }
    return Model(language, tuple(round(value, 4) for value in bias), kept, threshold, veto)


@dataclass(frozen=True, slots=True)
class Scored:
    """One training message scored by a model that did not see it."""

    probability: float
    dangerous: bool
    rule_hit: bool
    kind: str | None = None
    group: str = ""

    def flagged(self, threshold: float, veto: float) -> bool:
        """Whether the layer flags this message with these settings."""
        return self.probability >= threshold or (self.rule_hit and self.probability >= veto)


def _folds(examples: Sequence[Example], folds: int, seed: int) -> list[list[int]]:
    """Leave one batch out when the data has batches, else `folds` random folds."""
    groups = sorted({example.group for example in examples})
    if len(groups) >= 3:
        return [[i for i, ex in enumerate(examples) if ex.group == group] for group in groups]
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    return [sorted(order[number::folds]) for number in range(folds)]


def out_of_fold(
    examples: Sequence[Example], language: str, *, folds: int = 3, seed: int = 7
) -> list[Scored]:
    from haven.coach.safety import rule_signals

    scored: list[Scored] = []
    for held in _folds(examples, folds, seed):
        held_set = set(held)
        train = [example for i, example in enumerate(examples) if i not in held_set]
        bias, weights = fit(train, language, seed=seed)
        model = _model(language, bias, weights, 0.5, 0.0)
        for index in held:
            example = examples[index]
            probability = model.probabilities(features(example.text, language))[0]
            hit = bool(rule_signals(example.text, language))
            scored.append(
                Scored(probability, example.kind is not None, hit, example.kind, example.group)
            )
    return scored


def choose_thresholds(
    scored: Sequence[Scored],
    *,
    max_fpr: float = MAX_FPR,
    max_veto_loss: float = MAX_VETO_LOSS,
) -> tuple[float, float]:
    """(threshold, veto) by the rule in the module docstring."""
    found = sorted(s.probability for s in scored if s.dangerous and s.rule_hit)
    lost = int(max_veto_loss * len(found))
    # Just above the highest probability among those let go: the lowest veto
    # that lets them go, so as few new messages as possible fall below it.
    veto = found[lost - 1] + 1e-6 if 0 < lost <= len(found) else 0.0
    veto = round(min(veto, 0.5), 6)
    negatives = [s for s in scored if not s.dangerous]
    by_rules = sum(1 for s in negatives if s.rule_hit and s.probability >= veto)
    allowed = int(max_fpr * len(negatives)) - by_rules
    rest = sorted(
        (s.probability for s in negatives if not (s.rule_hit and s.probability >= veto)),
        reverse=True,
    )
    threshold = rest[allowed] + 1e-6 if 0 <= allowed < len(rest) else 0.9999
    return round(min(max(threshold, 0.05), 0.9999), 4), veto


def to_dict(model: Model, data_size: int, seed: int) -> dict:
    return {
        "format": FORMAT,
        "language": model.language,
        "heads": list(HEADS),
        "features": (
            "binary words and word pairs of the folded text, "
            "concepts and concept pairs (concepts-{lang}.toml)"
        ),
        "trained_on": data_size,
        "seed": seed,
        "threshold": model.threshold,
        "veto": model.veto,
        "bias": list(model.bias),
        "weights": {feature: list(row) for feature, row in model.weights.items()},
    }


def train_language(
    language: str,
    *,
    seed: int = 7,
    prune: float = 0.05,
    examples: Sequence[Example] | None = None,
    folds: int = 3,
) -> dict:
    data = list(examples) if examples is not None else training_examples(language)
    threshold, veto = choose_thresholds(out_of_fold(data, language, folds=folds, seed=seed))
    bias, weights = fit(data, language, seed=seed)
    model = _model(language, bias, weights, threshold, prune, veto)
    result = to_dict(model, len(data), seed)
    model_from_dict(result)  # the scorer must read what we write
    return result


def write_model(data: dict, directory: Path = MODEL_DIR) -> Path:
    path = directory / f"model-{data['language']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path
