"""Language detection picks Dutch or English, and falls back to English."""

import pytest

from haven.coach import analyze
from haven.coach.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("You never listen to me.", "en"),
        ("Je luistert nooit naar me.", "nl"),
        ("ik ben er klaar mee", "nl"),
        ("whatever, I'm done", "en"),
        ("Sorry schat, ik ben laat", "nl"),
        ("ok ok sorry, whatever je wilt", "nl"),
        ("thanks a lot 🙄", "en"),
        ("Waarom doe je zo moeilijk?", "nl"),
        ("Why are you like this?", "en"),
        ("mis je ❤️", "nl"),
        ("miss you ❤️", "en"),
    ],
)
def test_detects_the_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["🙄🙄", "", "12:30", "مرحبا كيف حالك", "שלום"])
def test_no_clue_falls_back_to_english(text):
    assert detect_language(text) == "en"


def test_explicit_language_wins_over_detection():
    assert analyze("Je luistert nooit.", "en").language == "en"
    assert analyze("You never listen.", "nl").language == "nl"
