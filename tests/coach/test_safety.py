"""Threats of harm, violence and self-harm raise the safety flag; figures of speech do not."""

import pytest

from haven.coach import analyze


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'll hurt you if you go.", "en"),
        ("I swear I'll smash your phone against the wall.", "en"),
        ("I don't want to be here anymore.", "en"),
        ("Sometimes I think you'd all be better off without me.", "en"),
        ("I'm scared of what you'll do when you're drunk.", "en"),
        ("He said he'll kill me if I tell anyone.", "en"),
        ("Ik vermoord je.", "nl"),
        ("Ik wil niet meer leven.", "nl"),
        ("Ik ben bang voor je als je gedronken hebt.", "nl"),
        ("Je duwde me tegen de kast.", "nl"),
    ],
)
def test_harm_violence_and_self_harm_are_safety_cases(text, language):
    assert analyze(text, language).safety is True


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I would never hurt you.", "en"),
        ("This traffic is killing me, running late.", "en"),
        ("I'm dying to see you tonight.", "en"),
        ("I could murder a curry right now.", "en"),
        ("Ik zou je nooit pijn doen.", "nl"),
        ("Ik ga dood van het lachen om die film.", "nl"),
        ("Ik ben doodmoe, ik ga vroeg slapen.", "nl"),
    ],
)
def test_figures_of_speech_and_promises_are_not_safety_cases(text, language):
    assert analyze(text, language).safety is False


def test_safety_threat_is_also_the_threat_code():
    analysis = analyze("If you leave me I'll kill myself.", "en")
    assert "threat" in analysis.codes
    assert analysis.tone == "protective"


def test_safety_is_flagged_even_inside_quotes():
    assert analyze('He texted me "I will hurt you" last night.', "en").safety is True
