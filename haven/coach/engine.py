"""The analysis pipeline: tokens -> scopes -> rule matches -> filters -> findings.

1. Tokenise (tokens.py) and encode the message as one string.
2. Mark scopes where words are not addressed to the partner: text inside quote
   marks, reported speech and generic "you" (the pack's [[scope]] entries).
3. Run every rule whose anchor words occur in the message; each regex match is
   a candidate, dropped when it starts inside a scope or when a guard pattern
   sits right before it (negation frames such as "I don't think") or right
   after it (a cancelling "but").
4. Apply the rules' conditions on other findings (e.g. "always" is not a
   generalisation in a clause that is appreciation; a pause without a promise
   to return is withdrawal). Internal markers (codes starting with "_") take
   part here and are then dropped.
5. Keep one finding per code per stretch of text and derive the tone.
6. The safety layer (safety.py) decides `safety` and its kind with its own
   pack, run first; a safety case never gets a suggestion.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from haven.coach.codes import explanation
from haven.coach.language import detect_language
from haven.coach.model import (
    LANGUAGES,
    MAX_CHARS,
    PROTECTIVE_CODES,
    Analysis,
    Finding,
    TextTooLong,
    tone_of,
)
from haven.coach.packs import Pack, Rule, get_pack
from haven.coach.safety import NO_DANGER, Assessment, assess
from haven.coach.tokens import BOUNDARY, PUNCT, WORD, Encoded, Token, tokenize

_CLAUSE_PUNCT = frozenset({",", "-", "–", "—", "(", ")"})
_OPEN_BEFORE = frozenset(" \t\n\r([{:—–-")


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule match that survived scopes and guards, in token indices."""

    rule: Rule
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Result:
    """Everything the pipeline learned about one message, before it becomes an Analysis."""

    language: str
    tokens: tuple[Token, ...]
    hits: tuple[Hit, ...]
    findings: tuple[Finding, ...]
    assessment: Assessment

    @property
    def safety(self) -> bool:
        return self.assessment.safety

    @property
    def codes(self) -> set[str]:
        return {finding.code for finding in self.findings}


def _clauses(tokens: list[Token], clause_words: frozenset[str]) -> list[int]:
    ids: list[int] = []
    current = 0
    for index, token in enumerate(tokens):
        if index and token.kind == WORD and token.norm in clause_words:
            current += 1
        ids.append(current)
        if token.kind == BOUNDARY or (token.kind == PUNCT and token.norm in _CLAUSE_PUNCT):
            current += 1
    return ids


def _quoted(text: str, tokens: list[Token]) -> list[bool]:
    """True for tokens between an opening and a closing quote mark."""
    flags = [False] * len(tokens)
    opened: int | None = None
    for index, token in enumerate(tokens):
        if token.kind != PUNCT or token.norm != '"':
            continue
        before = text[token.start - 1] if token.start else " "
        after = text[token.end] if token.end < len(text) else " "
        if opened is None:
            if before in _OPEN_BEFORE and not after.isspace():
                opened = index
        elif not before.isspace():
            for inside in range(opened, index + 1):
                flags[inside] = True
            opened = None
    return flags


def _scope_spans(
    pack: Pack, encoded: Encoded, clause_of: list[int]
) -> list[tuple[int, int, frozenset[str] | None]]:
    spans = []
    tokens = encoded.tokens
    for scope in pack.scopes:
        for pattern in scope.patterns:
            if pattern.anchors is not None and pattern.anchors.isdisjoint(encoded.keys):
                continue
            for match in encoded.matches(pattern):
                span = encoded.token_span(*match.span())
                if span is None:
                    continue
                first, last = span
                if scope.extent != "match":
                    if scope.extent == "clause":
                        limit = clause_of[last]
                        while last + 1 < len(tokens) and clause_of[last + 1] == limit:
                            last += 1
                    else:
                        limit = encoded.sentence_of[last]
                        while last + 1 < len(tokens) and encoded.sentence_of[last + 1] == limit:
                            last += 1
                spans.append((first, last, scope.codes))
    return spans


def _guarded(rule: Rule, encoded: Encoded, begin: int, end: int) -> bool:
    if rule.not_after:
        starts = encoded.sentence_starts
        # Look back over this sentence and the one before, so a guard can span "#s".
        origin = starts[max(bisect_right(starts, begin) - 2, 0)]
        for guard in rule.not_after:
            if guard.search(encoded.string, origin, begin):
                return True
    return any(guard.match(encoded.string, end) for guard in rule.not_before)


def _hits(text: str, pack: Pack, encoded: Encoded) -> list[Hit]:
    tokens = encoded.tokens
    clause_of = _clauses(tokens, pack.clause_words)
    quoted = _quoted(text, tokens)
    scopes = _scope_spans(pack, encoded, clause_of)

    numbers = set(pack.always)
    index = pack.index or {}
    for key in encoded.keys:
        found = index.get(key)
        if found:
            numbers.update(found)

    candidates: list[Hit] = []
    for number in sorted(numbers):
        rule, pattern = pack.pairs[number]
        for match in encoded.matches(pattern):
            begin, end = match.span()
            span = encoded.token_span(begin, end)
            if span is None:
                continue
            first, last = span
            if not rule.in_scopes:
                if quoted[first]:
                    continue
                if any(
                    low <= first <= high and (codes is None or rule.code in codes)
                    for low, high, codes in scopes
                ):
                    continue
            if (rule.not_after or rule.not_before) and _guarded(rule, encoded, begin, end):
                continue
            candidates.append(Hit(rule, first, last))

    in_message = {hit.rule.code for hit in candidates}
    in_sentence: dict[int, set[str]] = defaultdict(set)
    in_clause: dict[int, set[str]] = defaultdict(set)
    for hit in candidates:
        for index in range(hit.first, hit.last + 1):
            in_sentence[encoded.sentence_of[index]].add(hit.rule.code)
            in_clause[clause_of[index]].add(hit.rule.code)

    kept: list[Hit] = []
    for hit in candidates:
        rule = hit.rule
        if rule.requires_message and not rule.requires_message & in_message:
            continue
        if rule.unless_message & in_message:
            continue
        span = range(hit.first, hit.last + 1)
        if rule.requires_sentence and not any(
            rule.requires_sentence & in_sentence[encoded.sentence_of[i]] for i in span
        ):
            continue
        # Clause conditions look at the clause where the match starts: a trailing
        # gap that runs into the next clause must not borrow its codes.
        if rule.requires_clause and not rule.requires_clause & in_clause[clause_of[hit.first]]:
            continue
        if rule.unless_sentence and any(
            rule.unless_sentence & in_sentence[encoded.sentence_of[i]] for i in span
        ):
            continue
        if rule.unless_clause & in_clause[clause_of[hit.first]]:
            continue
        kept.append(hit)
    return kept


def _findings(text: str, language: str, tokens: list[Token], hits: list[Hit]) -> list[Finding]:
    by_code: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        if not hit.rule.code.startswith("_"):
            by_code[hit.rule.code].append(hit)
    findings: list[Finding] = []
    for code, group in by_code.items():
        group.sort(key=lambda hit: (hit.first, -hit.last))
        reach = -1
        for hit in group:
            if hit.first <= reach:
                continue
            reach = hit.last
            start, end = tokens[hit.first].start, tokens[hit.last].end
            findings.append(
                Finding(code, start, end, text[start:end], explanation(code, language), hit.rule.id)
            )
    findings.sort(key=lambda finding: (finding.start, finding.end, finding.code))
    return findings


def match_pack(text: str, pack: Pack) -> tuple[list[Token], list[Hit]]:
    """Tokenise `text` for `pack` and return the tokens and the pack's surviving hits."""
    tokens = tokenize(text, pack.lemmatize)
    if not tokens:
        return tokens, []
    return tokens, _hits(text, pack, Encoded(tokens))


def run(text: str, language: str) -> Result:
    """The full pipeline without a suggestion; also used to check suggestions."""
    assessment = assess(text, language)
    tokens, hits = match_pack(text, get_pack(language))
    if not tokens:
        return Result(language, (), (), (), NO_DANGER)
    findings = _findings(text, language, tokens, hits)
    return Result(language, tuple(tokens), tuple(hits), tuple(findings), assessment)


CONTEXTS = ("reflect",)
"""Where Haven itself asks a person to say back or quote what the partner said."""


def analyze(text: str, lang: str | None = None, context: str | None = None) -> Analysis:
    """Analyse one message. `lang` is "en" or "nl"; None detects it.

    `context="reflect"`: the text says back what the partner said (repair's
    "what I heard is ..."). Those are the partner's words, not the writer's
    move, so no protective code is reported; vulnerable codes and the safety
    layer still are.

    Raises TextTooLong above MAX_CHARS characters and ValueError for an unknown
    language; any other text (empty, emoji only, other scripts) gets an answer.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise TextTooLong(len(text))
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {LANGUAGES}")
    if context is not None and context not in CONTEXTS:
        raise ValueError(f"unknown context {context!r}; use one of {CONTEXTS}")
    language = lang or detect_language(text)
    result = run(text, language)
    if context == "reflect":
        kept = tuple(f for f in result.findings if f.code not in PROTECTIVE_CODES)
        result = Result(result.language, result.tokens, result.hits, kept, result.assessment)
    tone = tone_of(result.codes)
    suggestion = None
    if tone == "protective" and not result.safety:
        from haven.coach.suggest import build_suggestion

        suggestion = build_suggestion(result)
    assessment = result.assessment
    return Analysis(
        language,
        tone,
        result.findings,
        suggestion,
        assessment.safety,
        assessment.kind,
        assessment.signals,
    )
