"""The learned part of the safety layer: a small linear model per language.

Rules name the phrasings we know; the model catches new phrasings of the same
ideas. It is trained by `haven coach-train` from Haven's own labelled safety
corpus (no download, no network) and shipped as a data file,
haven/coach/safety/model-{lang}.json. This module only scores: it reads the
weights once per process and needs nothing outside the standard library.

Features are binary: words, word pairs and character 4-grams of the folded
text. Four one-vs-rest heads share them: "danger" (any kind) and one per kind.
A message is a safety case when the rules fire or the danger head's
probability reaches the threshold stored with the weights (chosen by
cross-validation on the training data). Every model finding keeps evidence:
the words of the message that carry the highest weights.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from haven.coach.model import LANGUAGES, SAFETY_KINDS
from haven.coach.tokens import fold

MODEL_DIR = Path(__file__).resolve().parent / "safety"
HEADS: tuple[str, ...] = ("danger", *SAFETY_KINDS)
FORMAT = 1

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def features(text: str) -> set[str]:
    """Binary features of one message: words, word pairs, character 4-grams."""
    words = [word for word, _, _ in words_with_spans(text)]
    found = {f"w:{word}" for word in words}
    found.update(f"b:{a}_{b}" for a, b in pairwise(words))
    joined = f" {' '.join(words)} "
    found.update(f"c:{joined[i : i + 4]}" for i in range(len(joined) - 3))
    return found


class ModelError(ValueError):
    """A model file that is missing or not in the format this scorer reads."""


@dataclass(frozen=True, slots=True)
class Model:
    language: str
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    def probabilities(self, found: set[str]) -> tuple[float, ...]:
        sums = list(self.bias)
        weights = self.weights
        for feature in found:
            row = weights.get(feature)
            if row is not None:
                for head, value in enumerate(row):
                    sums[head] += value
        return tuple(1.0 / (1.0 + math.exp(-max(min(s, 30.0), -30.0))) for s in sums)


def model_from_dict(data: dict, where: str = "model") -> Model:
    try:
        if data["format"] != FORMAT or tuple(data["heads"]) != HEADS:
            raise ModelError(f"{where}: format {data.get('format')!r} or heads do not match")
        bias = tuple(float(value) for value in data["bias"])
        weights = {
            feature: tuple(float(value) for value in row)
            for feature, row in data["weights"].items()
        }
        threshold = float(data["threshold"])
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"{where}: not a safety model ({error})") from None
    if len(bias) != len(HEADS) or any(len(row) != len(HEADS) for row in weights.values()):
        raise ModelError(f"{where}: every row needs {len(HEADS)} weights")
    return Model(data["language"], bias, weights, threshold)


@cache
def get_model(language: str) -> Model | None:
    """The shipped model for a language, read once per process; None if none is shipped."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    path = MODEL_DIR / f"model-{language}.json"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return model_from_dict(json.load(handle), str(path))


@dataclass(frozen=True, slots=True)
class ModelVerdict:
    danger: float
    kind: str
    evidence: tuple[int, int]


def judge(text: str, language: str) -> ModelVerdict | None:
    """The model's verdict when it finds danger, else None."""
    model = get_model(language)
    if model is None:
        return None
    found = features(text)
    probabilities = model.probabilities(found)
    if probabilities[0] < model.threshold:
        return None
    kind_index = max(range(1, len(HEADS)), key=lambda head: probabilities[head])
    return ModelVerdict(probabilities[0], HEADS[kind_index], _evidence(text, model))


def _evidence(text: str, model: Model) -> tuple[int, int]:
    """The span of the word or word pair with the highest danger weight."""
    spans = words_with_spans(text)
    best = (-math.inf, 0, len(text))
    for index, (word, start, end) in enumerate(spans):
        row = model.weights.get(f"w:{word}")
        if row is not None and row[0] > best[0]:
            best = (row[0], start, end)
        if index + 1 < len(spans):
            following, _, pair_end = spans[index + 1]
            row = model.weights.get(f"b:{word}_{following}")
            if row is not None and row[0] > best[0]:
                best = (row[0], start, pair_end)
    return best[1], best[2]
