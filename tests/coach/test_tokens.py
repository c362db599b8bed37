"""Tokenising keeps offsets exact and folds spelling variants together."""

import pytest

from haven.coach.tokens import BOUNDARY, EMOJI, PUNCT, WORD, Encoded, fold, tokenize


def test_every_token_points_at_its_own_text():
    text = "Wow… you’re ‘late’ again 🙄🏽!! Ik zeg ’t je: ideeën?"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Egoïstisch", "egoistisch"),
        ("ideeën", "ideeen"),
        ("WÉÉR", "weer"),
        ("you’re", "you're"),
        ("sooo", "so"),
        ("neverrrr", "never"),
        ("ideeen", "ideeen"),
    ],
)
def test_fold_removes_case_diacritics_and_stretching(raw, folded):
    assert fold(raw) == folded


def test_contractions_and_dutch_clitics_stay_one_word():
    norms = [t.norm for t in tokenize("I don't know, 's avonds zeg ik 't")]
    assert "don't" in norms and "'s" in norms and "'t" in norms


def test_emoji_with_skin_tone_and_variation_selector_is_one_token():
    tokens = tokenize("ok 👍🏽 ❤️")
    emoji = [t for t in tokens if t.kind == EMOJI]
    assert [t.norm for t in emoji] == ["👍", "❤"]


def test_sentence_boundaries_and_punctuation_kinds():
    kinds = [t.kind for t in tokenize("Hi. You?! Fine, ok\nbye")]
    assert kinds.count(BOUNDARY) == 3
    assert PUNCT in kinds and WORD in kinds


def test_control_and_bidi_characters_are_skipped():
    text = "a\x00b \u202eabc\u202c"
    assert [t.text for t in tokenize(text)] == ["a", "b", "abc"]


def test_encoding_maps_string_positions_back_to_tokens():
    encoded = Encoded(tokenize("You never listen. I know."))
    start = encoded.string.index(" wnever")
    assert encoded.token_span(start, start + len(" wnever/never")) == (1, 1)
    assert encoded.sentence_of == [0, 0, 0, 0, 1, 1, 1]
