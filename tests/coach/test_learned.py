"""The safety layer's learned model: deterministic training, the shipped format, evidence."""

from __future__ import annotations

import json

import pytest

from haven.coach import analyze, learned
from haven.coach.codes import DataError
from haven.coach.learned import (
    HEADS,
    MODEL_DIR,
    Model,
    ModelError,
    features,
    get_lexicon,
    get_model,
    lexicon_from_dict,
    model_from_dict,
)
from haven.coach.safety import assess, rule_signals
from haven.coach.train import (
    Example,
    Scored,
    _folds,
    batch_of,
    choose_thresholds,
    fit,
    train_language,
    write_model,
)

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
    bias_a, weights_a = fit(SLICE, "en", seed=1)
    bias_b, weights_b = fit(SLICE, "en", seed=2)
    assert weights_a.keys() == weights_b.keys()
    assert weights_a != weights_b or bias_a != bias_b


def test_a_small_model_learns_its_slice(tmp_path):
    data = train_language("en", examples=SLICE, folds=2, seed=3, prune=0.0)
    model = model_from_dict(data)
    danger = model.probabilities(features("i will hurt you if you leave", "en"))[0]
    calm = model.probabilities(features("let's watch a film tonight", "en"))[0]
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
                "format": 2,
                "heads": list(HEADS),
                "language": "en",
                "bias": [0.0],
                "weights": {},
                "threshold": 0.5,
                "veto": 0.0,
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


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_language_has_a_concept_lexicon_the_scorer_reads(language):
    lexicon = get_lexicon(language)
    assert lexicon.words and lexicon.prefixes and lexicon.phrases


def test_concepts_follow_prefixes_and_phrases_in_any_word_order():
    english = get_lexicon("en").tag(["i", "keep", "stockpiling", "sleeping", "pills"])
    assert "MEANS" in english[2]  # "stockpil*"
    assert "MEANS" in english[3]  # the phrase "sleeping pills" counts where it starts
    dutch = features("morgen sla ik je", "nl")
    assert {"k:HARM", "p:HARM>SELF", "p:HARM>PARTNER"} <= dutch


def test_concept_pairs_stay_inside_a_sentence():
    together = features("I will hit you", "en")
    apart = features("I will. Hit you", "en")
    assert "p:FUTURE>HARM" in together
    assert "p:FUTURE>HARM" not in apart


def test_a_broken_lexicon_is_refused_with_a_reason():
    with pytest.raises(DataError, match="lower case"):
        lexicon_from_dict({"concepts": {"HARM": ["Hit"]}})
    with pytest.raises(DataError, match="last word"):
        lexicon_from_dict({"concepts": {"HARM": ["hit* you"]}})
    with pytest.raises(DataError, match="capitals"):
        lexicon_from_dict({"concepts": {"harm": ["hit"]}})


def test_folds_are_the_batches_the_corpus_was_written_in():
    examples = [Example(f"text {n}", None, group) for n, group in enumerate("aabbcc")]
    assert _folds(examples, 3, 7) == [[0, 1], [2, 3], [4, 5]]
    assert batch_of("en-sdev-e0012") == "e"
    assert batch_of("nl-sdev-0012") == ""


def test_thresholds_follow_the_stated_rule():
    scored = (
        # dangerous messages the rules find: one of them the model finds unlikely
        [Scored(0.9, True, True)] * 99
        + [Scored(0.001, True, True)]
        # dangerous messages only the model can find
        + [Scored(0.8, True, False)] * 50
        # look-alikes: five a rule hits, of which the model lets four go
        + [Scored(0.0005, False, True)] * 4
        + [Scored(0.5, False, True)]
        + [Scored(p / 100, False, False) for p in range(95)]
    )
    threshold, veto = choose_thresholds(scored, max_fpr=0.10, max_veto_loss=0.01)
    assert veto == pytest.approx(0.001, abs=1e-5)  # one in a hundred rule finds may go
    # Ten of the hundred look-alikes may be flagged: the rule hit that stays, and nine more.
    assert threshold == pytest.approx(0.85, abs=1e-3)


def test_a_rule_hit_the_model_finds_very_unlikely_is_let_go(monkeypatch):
    text = "I'll hurt you if you go."
    assert rule_signals(text, "en")
    calm = Model("en", (-9.0, -9.0, -9.0, -9.0), {}, threshold=0.9, veto=0.01)
    monkeypatch.setattr(learned, "get_model", lambda language: calm)
    assert not assess(text, "en").safety
    unsure = Model("en", (-3.0, -9.0, -9.0, -9.0), {}, threshold=0.9, veto=0.01)
    monkeypatch.setattr(learned, "get_model", lambda language: unsure)
    assert assess(text, "en").kind == "violence"
