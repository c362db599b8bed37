"""The learned part of the safety layer: a small linear model per language.

Rules name the phrasings we know; the model catches new phrasings of the same
ideas. It is trained by `haven coach-train` from Haven's own labelled safety
corpus (no download, no network) and shipped as a data file,
haven/coach/safety/model-{lang}.json. This module only scores: it reads the
weights once per process and needs nothing outside the standard library.

Features are binary: words and word pairs of the folded text, plus concepts
from a lexicon per language (haven/coach/safety/concepts-{lang}.toml): which
ideas the message holds (a harm verb, a wish not to live, a device, a
demand...) and which of them follow each other within a few words in one
sentence, so a new phrasing of a known idea scores like the ones the model was
trained on. Four one-vs-rest heads share them: "danger" (any kind) and one per
kind. The model and the rules decide together (haven.coach.safety.assess): a
message is a safety case when the danger probability reaches the model's
threshold, or when a rule fires and the probability is not below the model's
veto; both are chosen out of fold when training (haven.coach.train). Every
model finding keeps evidence: the word or word pair of the message with the
highest danger weight.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from haven.coach.codes import DataError, load_toml
from haven.coach.model import LANGUAGES, SAFETY_KINDS
from haven.coach.tokens import fold

MODEL_DIR = Path(__file__).resolve().parent / "safety"
HEADS: tuple[str, ...] = ("danger", *SAFETY_KINDS)
FORMAT = 2

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


CONCEPT_WINDOW = 6
"""Two concepts form a pair feature when they start at most this many words apart."""

_SENTENCE_END = re.compile(r"[.!?…;\n]")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Concepts of one language: whole words, word prefixes and phrases."""

    words: dict[str, tuple[str, ...]]
    prefixes: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    shortest_prefix: int

    def tag(self, words: list[str]) -> list[tuple[str, ...]]:
        """The concepts that start at each word (a phrase counts where it starts)."""
        tags: list[tuple[str, ...]] = []
        for index, word in enumerate(words):
            found = list(self.words.get(word, ()))
            for length in range(self.shortest_prefix, len(word) + 1):
                found.extend(self.prefixes.get(word[:length], ()))
            for phrase, concepts in self.phrases.get(word, ()):
                if _phrase_at(words, index, phrase):
                    found.extend(concepts)
            tags.append(tuple(dict.fromkeys(found)))
        return tags


def _phrase_at(words: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    """Whether `phrase` starts at words[index]; its last word may be a prefix ("word*")."""
    end = index + len(phrase)
    if end > len(words) or tuple(words[index : end - 1]) != phrase[:-1]:
        return False
    last = phrase[-1]
    if last.endswith("*"):
        return words[end - 1].startswith(last[:-1])
    return words[end - 1] == last


def lexicon_from_dict(data: dict, where: str = "lexicon") -> Lexicon:
    concepts = data.get("concepts")
    if not isinstance(concepts, dict) or not concepts:
        raise DataError(f"{where}: needs a [concepts] table")
    words: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for name, entries in concepts.items():
        if not re.fullmatch(r"[A-Z][A-Z_]*", name):
            raise DataError(f"{where}: concept {name!r} must be written in capitals")
        if not isinstance(entries, list) or not entries:
            raise DataError(f"{where}: concept {name} needs a list of entries")
        for entry in entries:
            if not isinstance(entry, str) or not entry.strip():
                raise DataError(f"{where}: concept {name} has an empty entry")
            parts = [fold(part) for part in entry.split()]
            if entry != entry.lower():
                raise DataError(f"{where}: {name} entry {entry!r} must be lower case")
            if len(parts) > 1:
                if any(part.endswith("*") for part in parts[:-1]):
                    raise DataError(
                        f"{where}: {name} phrase {entry!r}: only its last word may end in '*'"
                    )
                phrases.setdefault(parts[0], []).append((tuple(parts), (name,)))
            elif parts[0].endswith("*"):
                stem = parts[0][:-1]
                if len(stem) < 2:
                    raise DataError(f"{where}: {name} prefix {entry!r} is too short")
                prefixes.setdefault(stem, []).append(name)
            else:
                words.setdefault(parts[0], []).append(name)
    return Lexicon(
        {word: tuple(dict.fromkeys(names)) for word, names in words.items()},
        {stem: tuple(dict.fromkeys(names)) for stem, names in prefixes.items()},
        {first: tuple(found) for first, found in phrases.items()},
        min((len(stem) for stem in prefixes), default=99),
    )


@cache
def get_lexicon(language: str) -> Lexicon:
    """The concept lexicon of a language, read once per process."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    path = MODEL_DIR / f"concepts-{language}.toml"
    return lexicon_from_dict(load_toml(path), str(path))


def features(text: str, language: str) -> set[str]:
    """Binary features of one message: words, word pairs, concepts and concept pairs.

    Character n-grams were tried and left out: on batches the model had not
    seen they lowered recall at the same false-positive rate (docs/coach.md).
    """
    spans = words_with_spans(text)
    words = [word for word, _, _ in spans]
    found = {f"w:{word}" for word in words}
    found.update(f"b:{a}_{b}" for a, b in pairwise(words))
    tags = get_lexicon(language).tag(words)
    sentence = 0
    sentences: list[int] = []
    for index, (_, start, _) in enumerate(spans):
        if index and _SENTENCE_END.search(text, spans[index - 1][2], start):
            sentence += 1
        sentences.append(sentence)
    for index, concepts in enumerate(tags):
        if not concepts:
            continue
        found.update(f"k:{concept}" for concept in concepts)
        for later in range(index + 1, min(index + 1 + CONCEPT_WINDOW, len(tags))):
            if sentences[later] != sentences[index]:
                break
            for first in concepts:
                for second in tags[later]:
                    found.add(f"p:{first}>{second}")
    return found


class ModelError(ValueError):
    """A model file that is missing or not in the format this scorer reads."""


@dataclass(frozen=True, slots=True)
class Model:
    language: str
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float
    veto: float = 0.0
    """Below this danger probability a rule's hit is let go (see haven.coach.train)."""

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
        veto = float(data["veto"])
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"{where}: not a safety model ({error})") from None
    if len(bias) != len(HEADS) or any(len(row) != len(HEADS) for row in weights.values()):
        raise ModelError(f"{where}: every row needs {len(HEADS)} weights")
    if not 0.0 <= veto <= threshold <= 1.0:
        raise ModelError(f"{where}: needs 0 <= veto <= threshold <= 1")
    return Model(data["language"], bias, weights, threshold, veto)


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
    flagged: bool
    """The danger probability reaches the model's threshold."""
    vetoes_rules: bool
    """The danger probability is below the model's veto: a rule hit is let go."""
    evidence: tuple[int, int]


def judge(text: str, language: str) -> ModelVerdict | None:
    """The model's reading of a message, or None when no model is shipped."""
    model = get_model(language)
    if model is None:
        return None
    probabilities = model.probabilities(features(text, language))
    danger = probabilities[0]
    kind_index = max(range(1, len(HEADS)), key=lambda head: probabilities[head])
    flagged = danger >= model.threshold
    evidence = _evidence(text, model) if flagged else (0, 0)
    return ModelVerdict(danger, HEADS[kind_index], flagged, danger < model.veto, evidence)


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
