"""The rules' pattern language: what each construct matches, and clear errors."""

import re

import pytest

from haven.coach.patterns import Compiler, PatternError, anchors, min_tokens, parse
from haven.coach.tokens import Encoded, tokenize

LISTS = {"NEG": ["not", "never", "don't"], "YOU": ["you", "u"], "TWO": ["so very", "really"]}
COMPILER = Compiler(frozenset(LISTS["NEG"]))


def matches(pattern: str, text: str) -> bool:
    regex = re.compile(COMPILER.regex(parse(pattern, LISTS)))
    return bool(regex.search(Encoded(tokenize(text)).string))


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("you never", "YOU NEVER", True),
        ("don't", "dont", True),
        ("egoïstisch", "egoistisch", True),
        ("listen*", "listening", True),
        ("*opmerking", "rotopmerking", True),
        ("*'s wife", "his wife", False),
        ("*'s wife", "Dev's wife", True),
        ("$YOU _{0,1} lazy", "you are so lazy", False),
        ("$YOU _{0,3} lazy", "you are so lazy", True),
        ("$YOU _{0,3} lazy", "you are not lazy", False),
        ("$YOU __{0,3} lazy", "you are not lazy", True),
        ("$YOU ~{0,3} lazy", "you, honestly, lazy", True),
        ("$YOU _{0,3} lazy", "you, honestly, lazy", False),
        ("$TWO", "so very", True),
        ("(a | b c)", "b c", True),
        ("a b?", "a", True),
        ("^ fine", "ok. Fine", True),
        ("^ fine", "ok fine", False),
        ("fine $", "fine, thanks", False),
        ("fine $", "it is fine.", True),
        ("thanks !(for)", "thanks for", False),
        ("thanks !(for)", "thanks a lot", True),
        ("🙄", "ok 🙄🏼", True),
        ("#q", "really?", True),
        ("@geven", "hij gaf niks", False),
    ],
)
def test_constructs(pattern, text, expected):
    assert matches(pattern, text) is expected


def test_lemma_matching_uses_the_lemmatiser():
    encoded = Encoded(tokenize("hij gaf niks", lambda word: {"gaf": "geven"}.get(word, word)))
    regex = re.compile(COMPILER.regex(parse("@geven", LISTS)))
    assert regex.search(encoded.string)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("what('s| is)", "space before '('"),
        ("(a|b", "missing ')'"),
        ("$NOPE", "unknown list"),
        ("#nope", "unknown token class"),
        ("a ~{0,99}", "at most"),
        ("24/7", "neither a word"),
        ("? a", "must follow"),
        ("li*st", "only at the start or end"),
    ],
)
def test_bad_patterns_say_what_is_wrong(pattern, message):
    with pytest.raises(PatternError, match=re.escape(message)):
        parse(pattern, LISTS)


def test_anchor_keys_let_the_engine_skip_rules_cheaply():
    assert anchors(parse("you (never|always) _", LISTS)) == frozenset({"you"})
    assert anchors(parse("(don't|never) care", LISTS)) == frozenset({"care"})
    assert anchors(parse("_ lazy*", LISTS)) is None


def test_min_tokens_counts_what_must_be_consumed():
    assert min_tokens(parse("a b? _{2,3}", LISTS)) == 3
    assert min_tokens(parse("^ a? $", LISTS)) == 0
