"""`haven coach-train`: fit the safety layer's linear model from Haven's own corpus.

Deterministic: the same data and seed give the same weights, byte for byte.
Training data is the safety corpus's dev split (the test split is never used)
plus the coach corpus's dev messages without the `threat` code, as more examples
of ordinary, non-dangerous text. Logistic regression per head (danger and one
per kind) with AdaGrad and L2, in plain Python: small data, no dependencies.

The threshold is chosen by k-fold cross-validation: the lowest probability at
which out-of-fold look-alikes and ordinary messages are flagged at most
`max_fpr` of the time. Weights below `prune` are dropped to keep the file small.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from haven.coach.learned import FORMAT, HEADS, MODEL_DIR, Model, features, model_from_dict


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    kind: str | None


def training_examples(language: str) -> list[Example]:
    from haven.coach.evaluate import load_corpus
    from haven.coach.safety_eval import load_safety_corpus

    examples = [Example(item.text, item.kind) for item in load_safety_corpus(language, "dev")]
    # Only the coach corpus's dev split: its test split stays unseen by
    # anything that learns, like the safety corpus's.
    for item in load_corpus(language, "dev"):
        if "threat" not in item.codes:
            examples.append(Example(item.text, None))
    return examples


def _targets(kind: str | None) -> tuple[int, ...]:
    return (int(kind is not None), *(int(kind == head) for head in HEADS[1:]))


def fit(
    examples: Sequence[Example],
    *,
    seed: int = 7,
    epochs: int = 8,
    rate: float = 0.3,
    l2: float = 1e-4,
) -> tuple[list[float], dict[str, list[float]]]:
    """Weights for every head; deterministic for a given order, seed and settings."""
    rows = [(sorted(features(example.text)), _targets(example.kind)) for example in examples]
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


def _model(language: str, bias, weights, threshold: float, prune: float) -> Model:
    kept = {
        feature: tuple(round(value, 4) for value in row)
        for feature, row in sorted(weights.items())
        if max(abs(value) for value in row) >= prune
    }
    return Model(language, tuple(round(value, 4) for value in bias), kept, threshold)


def choose_threshold(
    examples: Sequence[Example], *, folds: int = 3, seed: int = 7, max_fpr: float = 0.03
) -> float:
    """The lowest danger threshold whose out-of-fold false-positive rate is at most max_fpr."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    scored: list[tuple[float, bool]] = []
    for fold_number in range(folds):
        held = set(order[fold_number::folds])
        train = [examples[i] for i in order if i not in held]
        bias, weights = fit(train, seed=seed)
        model = _model("", bias, weights, 0.5, 0.0)
        for index in sorted(held):
            probability = model.probabilities(features(examples[index].text))[0]
            scored.append((probability, examples[index].kind is not None))
    negatives = sorted((p for p, dangerous in scored if not dangerous), reverse=True)
    allowed = int(max_fpr * len(negatives))
    threshold = negatives[allowed] + 1e-6 if allowed < len(negatives) else 0.5
    return round(min(max(threshold, 0.05), 0.995), 4)


def to_dict(model: Model, data_size: int, seed: int) -> dict:
    return {
        "format": FORMAT,
        "language": model.language,
        "heads": list(HEADS),
        "features": "binary words, word pairs and character 4-grams of the folded text",
        "trained_on": data_size,
        "seed": seed,
        "threshold": model.threshold,
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
    threshold = choose_threshold(data, folds=folds, seed=seed)
    bias, weights = fit(data, seed=seed)
    model = _model(language, bias, weights, threshold, prune)
    result = to_dict(model, len(data), seed)
    model_from_dict(result)  # the scorer must read what we write
    return result


def write_model(data: dict, directory: Path = MODEL_DIR) -> Path:
    path = directory / f"model-{data['language']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    return path
