"""analyze() returns the documented shape; tone is derived from the codes."""

import json

import pytest

from haven.coach import CODES, Analysis, TextTooLong, analyze
from haven.coach.model import MAX_CHARS, tone_of


def test_to_dict_has_exactly_the_documented_keys():
    data = analyze("You never listen. I feel alone.", "en").to_dict()
    assert list(data) == [
        "language",
        "tone",
        "findings",
        "suggestion",
        "safety",
        "codes",
        "safety_kind",
        "safety_evidence",
    ]
    for finding in data["findings"]:
        assert list(finding) == ["code", "start", "end", "evidence", "explanation", "source"]
        assert finding["source"] == "rule"
    json.dumps(data)


def test_codes_are_the_sorted_unique_codes_of_the_findings():
    data = analyze("You never help and you never listen, you're so lazy.", "en").to_dict()
    assert data["codes"] == sorted({f["code"] for f in data["findings"]})
    assert len(data["codes"]) == len(set(data["codes"]))


def test_only_the_public_codes_are_reported():
    analysis = analyze("I need a break, I'll be back in ten minutes. You never stop!", "en")
    assert set(analysis.codes) <= set(CODES)


@pytest.mark.parametrize(
    ("codes", "tone"),
    [
        ({"feeling", "criticism"}, "protective"),
        ({"feeling", "need"}, "vulnerable"),
        (set(), "neutral"),
    ],
)
def test_tone_is_derived_from_the_codes(codes, tone):
    assert tone_of(codes) == tone


def test_analysis_tone_matches_its_codes():
    for text in ["You're so lazy.", "I miss you.", "Bins go out tonight."]:
        analysis = analyze(text, "en")
        assert analysis.tone == tone_of(set(analysis.codes))


def test_explanations_are_in_the_message_language():
    en = analyze("You never listen.", "en").findings[0].explanation
    nl = analyze("Je luistert nooit.", "nl").findings[0].explanation
    assert "partner" in en and "je partner" in nl


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "🙄"[:0]])
def test_empty_text_is_neutral(text):
    analysis = analyze(text)
    assert (analysis.tone, analysis.findings, analysis.suggestion) == ("neutral", (), None)


def test_text_over_the_limit_is_refused_with_the_limit_in_the_message():
    with pytest.raises(TextTooLong, match=str(MAX_CHARS)):
        analyze("a" * (MAX_CHARS + 1))


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        analyze("hallo", "de")


def test_non_text_is_refused():
    with pytest.raises(TypeError):
        analyze(None)  # type: ignore[arg-type]


def test_analysis_is_immutable():
    analysis = analyze("You never listen.", "en")
    assert isinstance(analysis, Analysis)
    with pytest.raises(AttributeError):
        analysis.tone = "neutral"  # type: ignore[misc]
