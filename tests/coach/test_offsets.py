"""Every finding points at the exact text it is about, whatever the input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haven.coach import MAX_CHARS, analyze
from haven.coach.evaluate import load_corpus

SAMPLES = [
    "You never listen to me!! 🙄",
    "I’m sorry… I should’ve called. ❤️",
    "Je luistert nooit, echt typisch jij 🙄",
    "\u202eRight-to-left mark, then: you're so lazy\u202c",
    "tabs\tand\nnew lines\r\nyou always do this",
]


def _assert_consistent(text, analysis):
    for finding in analysis.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.evidence
        assert finding.evidence == finding.evidence.strip()


@pytest.mark.parametrize("text", SAMPLES)
def test_evidence_is_the_text_between_the_offsets(text):
    _assert_consistent(text, analyze(text))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_offsets_hold_over_the_whole_dev_corpus(language):
    for item in load_corpus(language, "dev"):
        _assert_consistent(item.text, analyze(item.text, language))


# Words, punctuation and awkward characters the tokeniser must survive in any order.
VOCABULARY = [
    *("you", "never", "always", "je", "nooit", "altijd", "lazy", "lui", "sorry", "I"),
    *("feel", "ik", "voel", "me", "fine", "whatever", "because", "door", "jou"),
    *("🙄", "❤️", "'", '"', ".", ",", "!", "?", ":", "-", "é", "ï", "’", "'s", "'t"),
    *("\n", "\x00", "\u202e"),
]
WORDS = st.sampled_from(VOCABULARY)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40).map(" ".join), st.sampled_from([None, "en", "nl"]))
def test_random_word_salad_never_crashes_and_stays_consistent(text, language):
    _assert_consistent(text, analyze(text, language))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    analysis = analyze(text)
    _assert_consistent(text, analysis)
    assert analysis.language in ("en", "nl")


def test_text_at_the_limit_is_analysed():
    text = ("You never listen. " * 400)[:MAX_CHARS]
    _assert_consistent(text, analyze(text))
