"""Suggestions: method phrasing, same language, never protective, never for safety cases."""

import pytest

from haven.coach import PROTECTIVE_CODES, analyze
from haven.coach.evaluate import load_corpus
from haven.coach.suggest import blanks


def _protective(text, language):
    return set(analyze(text, language).codes) & set(PROTECTIVE_CODES)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_dev_suggestion_is_free_of_protective_codes(language):
    made = 0
    for item in load_corpus(language, "dev"):
        analysis = analyze(item.text, language)
        if analysis.suggestion is None:
            continue
        made += 1
        assert not _protective(analysis.suggestion, language), item.id
        assert not analyze(analysis.suggestion, language).safety, item.id
    assert made > 50


@pytest.mark.parametrize("language", ["en", "nl"])
def test_protective_non_safety_messages_get_a_suggestion(language):
    for item in load_corpus(language, "dev"):
        analysis = analyze(item.text, language)
        if analysis.tone == "protective" and not analysis.safety:
            assert analysis.suggestion, item.id


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Thank you for tonight, it meant a lot.", "en"),
        ("Can you get milk?", "en"),
        ("Ik mis je.", "nl"),
        ("Hoe laat ben je thuis?", "nl"),
    ],
)
def test_nothing_to_change_means_no_suggestion(text, language):
    assert analyze(text, language).suggestion is None


def test_suggestion_follows_the_method_phrase_in_english():
    suggestion = analyze("You never help with the bins.", "en").suggestion
    assert "To feel close to you, I need" in suggestion
    assert "[what happened]" in blanks(suggestion)


def test_suggestion_follows_the_method_phrase_in_dutch_with_informal_je():
    suggestion = analyze("Je helpt ook nooit met de kliko.", "nl").suggestion
    assert "Om me dicht bij je te kunnen voelen, heb ik" in suggestion
    assert " u " not in f" {suggestion} "


def test_suggestion_keeps_the_speakers_own_feeling_word():
    suggestion = analyze("I feel so lonely because you never listen.", "en").suggestion
    assert "I felt lonely." in suggestion


def test_withdrawal_gets_a_pause_with_a_promise():
    analysis = analyze("Forget it, I'm done talking.", "en")
    assert "withdrawal" in analysis.codes
    assert "repair_pause" in analyze(analysis.suggestion, "en").codes


def test_dutch_message_gets_a_dutch_suggestion():
    analysis = analyze("Je overdrijft echt.")
    assert analysis.language == "nl"
    assert analysis.suggestion.startswith("Ik snap")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("If you leave me I'll kill myself.", "en"),
        ("Say that again and I'll hit you.", "en"),
        ("You pushed me against the door last night.", "en"),
        ("Als je weggaat, doe ik mezelf wat aan.", "nl"),
        ("Nog één keer en ik sla je in elkaar.", "nl"),
    ],
)
def test_safety_cases_never_get_a_softer_rewrite(text, language):
    analysis = analyze(text, language)
    assert analysis.safety is True
    assert analysis.suggestion is None
