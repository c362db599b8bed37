"""The small pattern language of the rules packs, compiled to regular expressions.

A pattern is a sequence of token tests separated by spaces:

    word        the word itself (folded: case and diacritics do not matter;
                an apostrophe is optional, so "don't" also matches "dont")
    word*       a word starting with "word"; *word ends with it; *word* contains it
    @lemma      any form whose lemma is "lemma" (gaf, geeft, gegeven -> @geven)
    $NAME       any entry of the pack's list NAME (entries are patterns too)
    ( a | b c ) alternatives; a trailing ? makes the previous item optional
    !word !( a | b )  the next token(s) are not these (consumes nothing)
    _ _{m,n}    one word (or m..n words) that is not a negation and not punctuation
    __{m,n}     the same, negations allowed
    ~{m,n}      any tokens within the sentence (commas too)
    ^ $         start / end of a sentence
    #name       a token class: #comma #colon #quote #dash #punct #q #excl #s
                #emoji #word #num
    🙄 \\:\\)      an emoji or emoticon (escape pattern characters with a backslash)

See docs/coach.md for the encoding these compile to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from haven.coach.tokens import fold, symbol_norm


class PatternError(ValueError):
    """A pattern that cannot be parsed; the message says where and why."""


# ---------------------------------------------------------------- syntax tree


@dataclass(frozen=True)
class Lit:
    words: frozenset[str]
    symbol: bool = False


@dataclass(frozen=True)
class Affix:
    text: str
    where: str  # "prefix", "suffix" or "infix"


@dataclass(frozen=True)
class Lemma:
    lemma: str


@dataclass(frozen=True)
class Gap:
    kind: str  # "_", "__" or "~"
    low: int
    high: int


@dataclass(frozen=True)
class Anchor:
    where: str  # "^" or "$"


@dataclass(frozen=True)
class Named:
    name: str


@dataclass(frozen=True)
class Seq:
    items: tuple[object, ...]


@dataclass(frozen=True)
class Alt:
    branches: tuple[Seq, ...]


@dataclass(frozen=True)
class Opt:
    item: object


@dataclass(frozen=True)
class Not:
    item: object


NAMED = {
    "comma": r" p,/[^ ]*+",
    "colon": r" p:/[^ ]*+",
    "quote": r' p"/[^ ]*+',
    "dash": r" p[-–—]/[^ ]*+",
    "punct": r" p[^ ]*+",
    "q": r" s[^ /]*\?[^ /]*/\|",
    "excl": r" s[^ /]*![^ /]*/\|",
    "s": r" s[^ ]*+",
    "emoji": r" e[^ ]*+",
    "word": r" w[^ ]*+",
    "num": r" n[^ ]*+",
}

_LEXEME_RE = re.compile(r"\s*(?:([()|?!])|((?:\\.|[^\s()|?!\\])+))")
_GAP_RE = re.compile(r"^(__|_|~)(?:\{(\d+)(?:,(\d+))?\})?$")
_LIST_RE = re.compile(r"^\$[A-Z][A-Z0-9_]*$")
_WORDISH_RE = re.compile(r"^[\w'’-]+$")
_SYMBOL_RE = re.compile(
    r"^(?:[\u2190-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff\ufe0f\u200d]+"
    r"|[:;=][-'^]?[()\[\]DPpOo3*|\\/]|<3|[xX]D)$"
)


def _lex(pattern: str) -> list[str]:
    lexemes: list[str] = []
    position = 0
    stripped = pattern.rstrip()
    while position < len(stripped):
        match = _LEXEME_RE.match(stripped, position)
        if not match:
            raise PatternError(f"cannot read {stripped[position:]!r}")
        lexeme = match.group(1) or match.group(2)
        glued = match.start() == match.end() - len(lexeme) and lexemes
        if glued and lexeme == "(" and lexemes[-1] not in "(|!":
            # "what('s| is)" reads as two tokens, not as one spelling: say it in full.
            raise PatternError(f"put a space before '(' after {lexemes[-1]!r}")
        if glued and match.group(2) and lexemes[-1] == ")":
            raise PatternError(f"put a space between ')' and {lexeme!r}")
        lexemes.append(lexeme)
        position = match.end()
    return lexemes


class _Parser:
    def __init__(self, pattern: str, lists: Mapping[str, list[str]], depth: int) -> None:
        self.pattern = pattern
        self.lexemes = _lex(pattern)
        self.position = 0
        self.lists = lists
        self.depth = depth

    def parse(self) -> Seq | Alt:
        node = self._alternatives()
        if self.position != len(self.lexemes):
            raise PatternError(f"unexpected {self.lexemes[self.position]!r}")
        return node

    def _peek(self) -> str | None:
        return self.lexemes[self.position] if self.position < len(self.lexemes) else None

    def _alternatives(self) -> Seq | Alt:
        branches = [self._sequence()]
        while self._peek() == "|":
            self.position += 1
            branches.append(self._sequence())
        return branches[0] if len(branches) == 1 else Alt(tuple(branches))

    def _sequence(self) -> Seq:
        items: list[object] = []
        while (lexeme := self._peek()) not in (None, "|", ")"):
            self.position += 1
            negate = lexeme == "!"
            if negate:
                lexeme = self._peek()
                if lexeme in (None, "|", ")", "?", "!"):
                    raise PatternError("'!' must be followed by a word or a group")
                self.position += 1
            if lexeme == "(":
                item: object = self._alternatives()
                if self._peek() != ")":
                    raise PatternError("missing ')'")
                self.position += 1
            elif lexeme == "?":
                if not items or isinstance(items[-1], Opt):
                    raise PatternError("'?' must follow an item")
                items[-1] = Opt(items[-1])
                continue
            else:
                item = self._atom(lexeme)
            items.append(Not(item) if negate else item)
        if not items:
            raise PatternError("empty alternative")
        return Seq(tuple(items))

    def _atom(self, lexeme: str) -> object:
        if lexeme in ("^", "$"):
            return Anchor(lexeme)
        if gap := _GAP_RE.match(lexeme):
            kind, low, high = gap.groups()
            if low is None:
                return Gap(kind, 1, 1)
            high_value = int(high) if high is not None else int(low)
            if int(low) > high_value or high_value > 20:
                raise PatternError(f"bad gap {lexeme!r} (at most 20 tokens)")
            return Gap(kind, int(low), high_value)
        if lexeme.startswith("#"):
            if lexeme[1:] not in NAMED:
                raise PatternError(f"unknown token class {lexeme!r}; known: {sorted(NAMED)}")
            return Named(lexeme[1:])
        if lexeme.startswith("$"):
            return self._list(lexeme)
        if lexeme.startswith("@"):
            if not _WORDISH_RE.match(lexeme[1:]):
                raise PatternError(f"bad lemma {lexeme!r}")
            return Lemma(fold(lexeme[1:]))
        text = re.sub(r"\\(.)", r"\1", lexeme)
        if "*" in text.strip("*"):
            raise PatternError(f"'*' only at the start or end of a word: {lexeme!r}")
        if text.startswith("*") or text.endswith("*"):
            core = text.strip("*")
            if not core or not _WORDISH_RE.match(core):
                raise PatternError(f"bad wildcard word {lexeme!r}")
            where = {(True, True): "infix", (True, False): "suffix", (False, True): "prefix"}[
                (text.startswith("*"), text.endswith("*"))
            ]
            return Affix(fold(core), where)
        if _WORDISH_RE.match(text):
            return Lit(frozenset({fold(text)}))
        if not _SYMBOL_RE.match(text):
            raise PatternError(f"{lexeme!r} is neither a word, an emoji nor an emoticon")
        return Lit(frozenset({symbol_norm(text)}), symbol=True)

    def _list(self, lexeme: str) -> Alt:
        if not _LIST_RE.match(lexeme):
            raise PatternError(f"bad list name {lexeme!r} (use capitals, e.g. $NEG)")
        name = lexeme[1:]
        if name not in self.lists:
            raise PatternError(f"unknown list {lexeme!r}")
        if self.depth > 4:
            raise PatternError(f"lists nested too deeply at {lexeme!r}")
        branches = []
        for entry in self.lists[name]:
            try:
                parsed = _Parser(entry, self.lists, self.depth + 1).parse()
            except PatternError as error:
                raise PatternError(f"in list {lexeme} entry {entry!r}: {error}") from None
            branches.extend(parsed.branches if isinstance(parsed, Alt) else [parsed])
        return _merge_literals(Alt(tuple(branches)))


def _merge_literals(alt: Alt) -> Alt:
    """Fold one-word branches into a single literal set: faster to match and to index."""
    words: set[str] = set()
    rest: list[Seq] = []
    for branch in alt.branches:
        only = branch.items[0] if len(branch.items) == 1 else None
        if isinstance(only, Lit) and not only.symbol:
            words |= only.words
        else:
            rest.append(branch)
    if words:
        rest.insert(0, Seq((Lit(frozenset(words)),)))
    return Alt(tuple(rest))


def parse(pattern: str, lists: Mapping[str, list[str]]) -> Seq | Alt:
    return _Parser(pattern, lists, 0).parse()


# --------------------------------------------------------------- compilation


def _word_re(word: str) -> str:
    return re.escape(word).replace("'", "'?")


class Compiler:
    """Turns syntax trees into regex source; `negations` are the words `_` will not skip."""

    def __init__(self, negations: frozenset[str]) -> None:
        alternatives = "|".join(sorted((_word_re(word) for word in negations), key=len))
        self._gap = {
            "_": rf"(?: (?!w(?:{alternatives})/)[wne][^ ]*+)" if negations else r"(?: [wne][^ ]*+)",
            "__": r"(?: [wne][^ ]*+)",
            "~": r"(?: [wnep][^ ]*+)",
        }

    def regex(self, node: object) -> str:
        if isinstance(node, Lit):
            words = sorted(node.words, key=lambda word: (-len(word), word))
            body = "|".join(re.escape(w) if node.symbol else _word_re(w) for w in words)
            kinds = "[eps]" if node.symbol else "[wn]"
            return f" {kinds}(?:{body})/[^ ]*+" if len(words) > 1 else f" {kinds}{body}/[^ ]*+"
        if isinstance(node, Affix):
            # In a wildcard word the apostrophe is required: "*'s" must not match "his".
            core = re.escape(node.text)
            return {
                "prefix": rf" [wn]{core}[^ /]*/[^ ]*+",
                "suffix": rf" [wn][^ /]*{core}/[^ ]*+",
                "infix": rf" [wn][^ /]*{core}[^ /]*/[^ ]*+",
            }[node.where]
        if isinstance(node, Lemma):
            return rf" [wn][^ /]*/{re.escape(node.lemma)}(?= |$)"
        if isinstance(node, Gap):
            return f"{self._gap[node.kind]}{{{node.low},{node.high}}}"
        if isinstance(node, Anchor):
            return r"(?<=\|)" if node.where == "^" else r"(?= s|$)"
        if isinstance(node, Named):
            return NAMED[node.name]
        if isinstance(node, Seq):
            return "".join(self.regex(item) for item in node.items)
        if isinstance(node, Alt):
            return "(?:" + "|".join(self.regex(branch) for branch in node.branches) + ")"
        if isinstance(node, Opt):
            return f"(?:{self.regex(node.item)})?"
        if isinstance(node, Not):
            return f"(?!{self.regex(node.item)})"
        raise TypeError(node)  # pragma: no cover - the parser builds only the nodes above


def min_tokens(node: object) -> int:
    """The fewest tokens a match can consume; a pattern must consume at least one."""
    if isinstance(node, Lit | Affix | Lemma):
        return 1
    if isinstance(node, Named):
        return 1
    if isinstance(node, Gap):
        return node.low
    if isinstance(node, Seq):
        return sum(min_tokens(item) for item in node.items)
    if isinstance(node, Alt):
        return min(min_tokens(branch) for branch in node.branches)
    return 0  # Anchor, Opt, Not


def uses_lemmas(node: object) -> bool:
    """Whether a pattern needs lemmas (an @lemma test anywhere in it)."""
    if isinstance(node, Lemma):
        return True
    if isinstance(node, Seq):
        return any(uses_lemmas(item) for item in node.items)
    if isinstance(node, Alt):
        return any(uses_lemmas(branch) for branch in node.branches)
    if isinstance(node, Opt | Not):
        return uses_lemmas(node.item)
    return False


def first_keys(node: object) -> frozenset[str] | None:
    """Keys one of which the first token of every match must have, or None.

    Lets the engine try a pattern only where it can start instead of scanning
    the whole message with it.
    """
    keys, _ = _first(node)
    return keys


def _first(node: object) -> tuple[frozenset[str] | None, bool]:
    """(keys of the first consumed token, whether the node can consume nothing)."""
    if isinstance(node, Lit | Lemma):
        return anchors(node), False
    if isinstance(node, Anchor | Not):
        return frozenset(), True
    if isinstance(node, Opt):
        keys, _ = _first(node.item)
        return keys, True
    if isinstance(node, Gap):
        return (None, node.low == 0) if node.high else (frozenset(), True)
    if isinstance(node, Seq):
        collected: set[str] = set()
        for item in node.items:
            keys, nullable = _first(item)
            if keys is None:
                return None, False
            collected |= keys
            if not nullable:
                return frozenset(collected), False
        return frozenset(collected), True
    if isinstance(node, Alt):
        collected = set()
        nullable = False
        for branch in node.branches:
            keys, empty = _first(branch)
            if keys is None:
                return None, False
            collected |= keys
            nullable = nullable or empty
        return frozenset(collected), nullable
    return None, False  # Affix, Named: any token could start the match


def anchors(node: object) -> frozenset[str] | None:
    """Keys of which a message must contain at least one for the pattern to match.

    Used to skip rules cheaply: a message's keys are its folded words plus
    "@lemma" for each lemma. None means "cannot tell, always try".
    """
    if isinstance(node, Lit):
        keys = set(node.words)
        keys |= {word.replace("'", "") for word in node.words}
        return frozenset(keys)
    if isinstance(node, Lemma):
        return frozenset({"@" + node.lemma})
    if isinstance(node, Seq):
        best: frozenset[str] | None = None
        for item in node.items:
            found = anchors(item)
            if found is not None and (best is None or len(found) < len(best)):
                best = found
        return best
    if isinstance(node, Alt):
        union: set[str] = set()
        for branch in node.branches:
            found = anchors(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    return None
