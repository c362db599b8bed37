"""The safety layer's learned model: deterministic training, the shipped format, evidence."""

from __future__ import annotations

import json

import pytest

from haven.coach import analyze
from haven.coach.learned import HEADS, MODEL_DIR, ModelError, features, get_model, model_from_dict
from haven.coach.train import Example, fit, train_language, write_model

SLICE = [
    Example("i will hurt you if you leave", "violence"),
    Example("you will regret this, watch your back", "violence"),
    Example("i want to die, nobody would miss me", "self_harm"),
    Example("i have saved up all my pills", "self_harm"),
    Example("give me your phone password now", "coercion"),
    Example("you are not allowed to see your friends", "coercion"),
    Example("can you pick up bread on the way home", None),
    Example("this traffic is killing me haha", None),
    Example("i shared my location so you know when i'm close", None),
    Example("let's watch a film tonight", None),
    Example("thanks for cooking, it was lovely", None),
    Example("my phone died, can i borrow yours", None),
]


def test_training_is_deterministic():
    first = train_language("en", examples=SLICE, folds=2, seed=3)
    second = train_language("en", examples=SLICE, folds=2, seed=3)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_another_seed_gives_other_weights_on_the_same_data():
    bias_a, weights_a = fit(SLICE, seed=1)
    bias_b, weights_b = fit(SLICE, seed=2)
    assert weights_a.keys() == weights_b.keys()
    assert weights_a != weights_b or bias_a != bias_b


def test_a_small_model_learns_its_slice(tmp_path):
    data = train_language("en", examples=SLICE, folds=2, seed=3, prune=0.0)
    model = model_from_dict(data)
    danger = model.probabilities(features("i will hurt you if you leave"))[0]
    calm = model.probabilities(features("let's watch a film tonight"))[0]
    assert danger > calm
    path = write_model(data, tmp_path)
    assert model_from_dict(json.loads(path.read_text())).weights == model.weights


@pytest.mark.parametrize("language", ["en", "nl"])
def test_shipped_models_are_in_the_format_the_scorer_reads(language):
    path = MODEL_DIR / f"model-{language}.json"
    assert path.stat().st_size <= 3_000_000
    model = get_model(language)
    assert model is not None and model.language == language
    assert 0.0 < model.threshold < 1.0
    assert all(len(row) == len(HEADS) for row in model.weights.values())


def test_a_broken_model_file_is_refused_with_a_reason():
    with pytest.raises(ModelError):
        model_from_dict({"format": 99, "heads": list(HEADS)})
    with pytest.raises(ModelError):
        model_from_dict(
            {
                "format": 1,
                "heads": list(HEADS),
                "language": "en",
                "bias": [0.0],
                "weights": {},
                "threshold": 0.5,
            }
        )


def test_every_safety_signal_says_where_it_came_from():
    for text, language in [
        ("I'll hurt you if you go.", "en"),
        ("Ik wil niet meer leven.", "nl"),
    ]:
        data = analyze(text, language).to_dict()
        assert data["safety_evidence"]
        for signal in data["safety_evidence"]:
            assert signal["source"] in {"rule", "model"}
            assert text[signal["start"] : signal["end"]] == signal["evidence"]
