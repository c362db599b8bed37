"""The felt-sense vocabulary and exercises (haven/needs/data/feltsense.toml)."""

from __future__ import annotations

import copy
import tomllib

import pytest

from haven.needs import feltsense
from haven.needs.feltsense import FeltSenseError


@pytest.fixture(scope="module")
def raw() -> dict:
    with feltsense.PATH.open("rb") as handle:
        return tomllib.load(handle)


def test_the_file_is_valid_and_complete_in_both_languages():
    words = feltsense.load()
    for entry in (*words.emotions, *words.body):
        assert entry.text["en"] and entry.text["nl"], entry.key
    for name in feltsense.TEXTS:
        assert feltsense.text(name, "en") and feltsense.text(name, "nl")


def test_emotions_by_kind_and_language():
    primary = feltsense.emotions("nl", kind="primary")
    assert primary and all(term.kind == "primary" for term in primary)
    assert "eenzaam" in [term.label for term in primary]
    everything = feltsense.emotions("en")
    assert {term.kind for term in everything} == set(feltsense.EMOTION_KINDS)


def test_sensations_for_unmet_and_met_needs():
    unmet = feltsense.sensations("en", kind="unmet")
    met = feltsense.sensations("en", kind="met")
    assert "a tight chest" in [term.label for term in unmet]
    assert "warmth in my chest" in [term.label for term in met]
    assert not {t.key for t in unmet} & {t.key for t in met}


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        feltsense.sensations("en", kind="surface")
    with pytest.raises(ValueError, match="kind"):
        feltsense.emotions("en", kind="unmet")


def test_lookup_by_key():
    assert feltsense.emotion("lonely", "nl").label == "eenzaam"
    assert feltsense.sensation("tight_chest", "en").kind == "unmet"
    assert feltsense.sensation("no_such_word", "en") is None
    assert feltsense.emotion("tight_chest", "en") is None  # a sensation, not an emotion


def test_exercises_come_in_order_with_a_minute_each():
    exercises = feltsense.exercises("nl")
    assert [e.key for e in exercises] == ["rupture", "secure"]
    assert all(e.seconds == 60 and e.minutes == 1 for e in exercises)
    assert exercises[0].steps and exercises[0].title == "Een breuk voelen"
    assert [e.notice for e in exercises] == ["unmet", "met"]
    # Nobody is left in the hard exercise: the secure one follows it.
    assert feltsense.next_exercise("rupture", "en").key == "secure"
    assert feltsense.next_exercise("secure", "en") is None
    assert feltsense.exercise("nope", "en") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["emotions"][0].pop("nl"), "'nl' text"),
        (lambda d: d["emotions"][0].update(kind="loud"), "kind must be"),
        (lambda d: d["body"].append(dict(d["body"][0])), "used twice"),
        (lambda d: d["exercises"][0].update(seconds=5), "seconds"),
        (lambda d: d["exercises"][0].update(notice="surface"), "notice must be"),
        (lambda d: d["exercises"][1]["steps"][0].pop("en"), "step 1"),
        (lambda d: d["exercises"][0]["title"].pop("nl"), "title"),
        (lambda d: d["texts"].pop("solo"), "texts.solo"),
        (
            lambda d: d.update(body=[b for b in d["body"] if b["kind"] != "met"]),
            "no words of kind",
        ),
    ],
)
def test_validator_names_what_is_wrong(raw, change, message):
    data = copy.deepcopy(raw)
    change(data)
    with pytest.raises(FeltSenseError, match=message.replace("[", r"\[")):
        feltsense.validate(data)
