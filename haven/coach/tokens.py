"""Split a message into tokens and encode them for the pattern matcher.

Every token keeps its character offsets into the original text, so findings can
always point at the exact words the person typed. Matching happens on a folded
form (lower case, no diacritics, curly quotes straightened, stretched letters
shortened) so "Egoïstisch", "egoistisch" and "EGOISTISCH" look the same to the
rules, and on a lemma so "gaf" / "geeft" / "gegeven" can share one rule.

The matcher does not walk tokens in Python: it runs compiled regular
expressions over one string that encodes the whole message, one item per token:

    " " + kind + norm + "/" + lemma

`kind` is one letter (w word, n number, e emoji, p punctuation, s sentence
boundary). Sentence boundaries carry "|" as their lemma and the string starts
with "|", so "start of a sentence" is a fixed-width look-behind for "|".
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from haven.coach.packs import Pattern

WORD, NUMBER, EMOJI, PUNCT, BOUNDARY = "w", "n", "e", "p", "s"

_EMOJI_CHAR = (
    "\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f"
    "\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_EMOJI_MOD = "\ufe0f\U0001f3fb-\U0001f3ff"
_IGNORED = "\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"

_TOKEN_RE = re.compile(
    rf"""
    (?P<emoticon>(?<![^\s(])(?:[:;=][-'^]?[()\[\]DPpOo3*|\\/]|<3|[xX]D)(?![^\W_]))
  | (?P<num>\d+(?:[.,:]\d+)*)
  | (?P<word>['’](?:t|s|n|k|m)(?![^\W_])
      | [^\W_](?:[^\W_]|['’](?=[^\W_])|[-‐](?=[^\W_]))*)
  | (?P<emoji>[{_EMOJI_CHAR}][{_EMOJI_MOD}]*(?:\u200d[{_EMOJI_CHAR}][{_EMOJI_MOD}]*)*)
  | (?P<boundary>[.!?…;]+|[\n\r\u2028\u2029]+)
  | (?P<punct>[^\s\w{_IGNORED}{_EMOJI_MOD}\u200d])
    """,
    re.VERBOSE,
)

_QUOTES = frozenset("\"“”„‟«»‹›'‘’‚`´")
_STRETCH_RE = re.compile(r"([^e\W\d])\1{2,}|(e)\2{3,}")


_FOLDED: dict[str, str] = {}


def fold(word: str) -> str:
    """Lower-case, strip diacritics, straighten apostrophes, shorten "sooo" to "so"."""
    found = _FOLDED.get(word)
    if found is not None:
        return found
    if len(_FOLDED) > 100_000:
        _FOLDED.clear()
    _FOLDED[word] = folded = _fold(word)
    return folded


def _fold(word: str) -> str:
    lowered = word.casefold().replace("’", "'").replace("‘", "'")
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFD", lowered)
        lowered = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if len(lowered) > 2:
        lowered = _STRETCH_RE.sub(lambda m: m.group(1) or m.group(2), lowered)
    return lowered


def emoji_norm(symbol: str) -> str:
    """Drop variation selectors and skin tones: "❤️" and "❤" are one emoji."""
    return "".join(ch for ch in symbol if ch != "\ufe0f" and not "\U0001f3fb" <= ch <= "\U0001f3ff")


_EMOJI_CHAR_RE = re.compile(f"[{_EMOJI_CHAR}]")


def symbol_norm(symbol: str) -> str:
    """The folded form of an emoji or emoticon, as the rules see it."""
    return emoji_norm(symbol) if _EMOJI_CHAR_RE.search(symbol) else symbol.upper()


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: str
    norm: str
    lemma: str


def _clean(value: str) -> str:
    # Spaces and slashes are the encoding's separators; they may never appear inside.
    return value.replace(" ", "").replace("/", "∕") or "∅"


def tokenize(text: str, lemmatize: Callable[[str], str] | None = None) -> list[Token]:
    """Split `text` into tokens; `lemmatize` maps a lower-cased word to its lemma."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        kind_name = match.lastgroup
        raw = match.group()
        if kind_name == "word":
            norm = fold(raw)
            lemma = fold(lemmatize(raw.casefold().replace("’", "'"))) if lemmatize else norm
            kind = WORD
        elif kind_name == "num":
            norm = lemma = raw
            kind = NUMBER
        elif kind_name in ("emoji", "emoticon"):
            norm = lemma = symbol_norm(raw)
            kind = EMOJI
        elif kind_name == "boundary":
            norm = "\n" if raw[0] in "\n\r\u2028\u2029" else raw
            norm, lemma, kind = ("nl" if norm == "\n" else norm), "|", BOUNDARY
        else:
            norm = '"' if raw in _QUOTES else raw
            lemma, kind = norm, PUNCT
        tokens.append(Token(raw, match.start(), match.end(), kind, _clean(norm), _clean(lemma)))
    return tokens


class Encoded:
    """The encoded token string plus the maps back from string positions to tokens."""

    __slots__ = (
        "item_starts",
        "keys",
        "positions",
        "sentence_of",
        "sentence_starts",
        "string",
        "tokens",
    )

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        parts = ["|"]
        starts: list[int] = []
        sentence_of: list[int] = []
        sentence_starts = [1]
        position = 1
        sentence = 0
        positions: dict[str, list[int]] = {}
        for token in tokens:
            item = f" {token.kind}{token.norm}/{token.lemma}"
            starts.append(position)
            parts.append(item)
            positions.setdefault(token.norm, []).append(position)
            if token.kind == WORD:
                positions.setdefault("@" + token.lemma, []).append(position)
            position += len(item)
            sentence_of.append(sentence)
            if token.kind == BOUNDARY:
                sentence += 1
                sentence_starts.append(position)
        self.string = "".join(parts)
        self.item_starts = starts
        self.sentence_of = sentence_of
        self.sentence_starts = sentence_starts
        self.positions = positions
        self.keys = positions.keys()

    def matches(self, pattern: Pattern) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right, tried only where the pattern can start."""
        if pattern.first is None:
            yield from pattern.regex.finditer(self.string)
            return
        lists = [self.positions[key] for key in pattern.first if key in self.positions]
        if not lists:
            return
        starts = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
        reached = 0
        match_at = pattern.regex.match
        for start in starts:
            if start < reached:
                continue
            found = match_at(self.string, start)
            if found:
                reached = found.end()
                yield found

    def token_span(self, begin: int, end: int) -> tuple[int, int] | None:
        """Token indices [first, last] covered by the string slice [begin, end)."""
        first = bisect_left(self.item_starts, begin)
        last = bisect_right(self.item_starts, end - 1) - 1
        if first >= len(self.tokens) or last < first:
            return None
        return first, last

    def sentence_start_at(self, position: int) -> int:
        """String position where the sentence containing `position` begins."""
        index = bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[max(index, 0)]
