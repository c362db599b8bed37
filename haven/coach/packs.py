"""Load, validate and compile a language's rules pack (haven/coach/rules/{lang}.toml).

A broken pack fails loudly with a PackError naming the file, the entry and the
problem, so a typo in a rule never silently switches that rule off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from haven.coach.codes import load_toml
from haven.coach.model import CODES, LANGUAGES
from haven.coach.patterns import (
    Compiler,
    PatternError,
    anchors,
    first_keys,
    min_tokens,
    parse,
    uses_lemmas,
)

RULES_DIR = Path(__file__).resolve().parent / "rules"

_MARKER_RE = re.compile(r"^_[a-z][a-z_]*$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_EXTENTS = ("match", "clause", "sentence")

_RULE_KEYS = {
    "id": str,
    "code": str,
    "patterns": list,
    "not_after": list,
    "not_before": list,
    "unless_clause": list,
    "unless_sentence": list,
    "unless_message": list,
    "requires_message": list,
    "requires_sentence": list,
    "requires_clause": list,
    "in_scopes": bool,
    "safety": bool,
    "guards": bool,
    "examples": list,
    "counter_examples": list,
    "note": str,
}
_SCOPE_KEYS = {
    "id": str,
    "patterns": list,
    "extent": str,
    "codes": list,
    "examples": list,
    "note": str,
}
_GUARD_KEYS = {"id": str, "codes": list, "not_after": list, "not_before": list, "note": str}


class PackError(ValueError):
    """A rules pack that cannot be used, with the reason and where it is."""


@dataclass(frozen=True, slots=True)
class Pattern:
    source: str
    regex: re.Pattern[str]
    anchors: frozenset[str] | None
    first: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    code: str
    patterns: tuple[Pattern, ...]
    not_after: tuple[re.Pattern[str], ...]
    not_before: tuple[re.Pattern[str], ...]
    unless_clause: frozenset[str]
    unless_sentence: frozenset[str]
    unless_message: frozenset[str]
    requires_message: frozenset[str]
    requires_sentence: frozenset[str]
    requires_clause: frozenset[str]
    in_scopes: bool
    safety: bool
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scope:
    id: str
    patterns: tuple[Pattern, ...]
    extent: str
    codes: frozenset[str] | None
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pack:
    language: str
    path: Path
    rules: tuple[Rule, ...]
    scopes: tuple[Scope, ...]
    clause_words: frozenset[str]
    # None when no pattern tests a lemma: then simplemma is never loaded.
    lemmatize: Callable[[str], str] | None
    lists: dict[str, tuple[str, ...]]
    # Every (rule, pattern) pair, with an index from anchor key to pair numbers,
    # so a message only meets the patterns whose anchor words it contains.
    pairs: tuple[tuple[Rule, Pattern], ...] = ()
    index: dict[str, tuple[int, ...]] | None = None
    always: tuple[int, ...] = ()

    @property
    def markers(self) -> frozenset[str]:
        return frozenset(rule.code for rule in self.rules if rule.code.startswith("_"))


def _check_keys(entry: Any, allowed: dict[str, type], where: str, path: Path) -> None:
    where = f"{path}: {where}"
    if not isinstance(entry, dict):
        raise PackError(f"{where}: expected a table")
    for key, value in entry.items():
        if key not in allowed:
            raise PackError(f"{where}: unknown key {key!r}; allowed: {sorted(allowed)}")
        if not isinstance(value, allowed[key]):
            raise PackError(f"{where}: {key!r} must be a {allowed[key].__name__}")
        if allowed[key] is list and not all(isinstance(item, str) for item in value):
            raise PackError(f"{where}: every item of {key!r} must be a string")


def make_lemmatizer(language: str) -> Callable[[str], str]:
    """simplemma lemmas with a bounded cache; simplemma is imported on first use only."""
    memo: dict[str, str] = {}

    def lemmatize(word: str) -> str:
        found = memo.get(word)
        if found is None:
            import simplemma

            try:
                found = simplemma.lemmatize(word, lang=language).casefold()
            except Exception:  # an odd token must never break an analysis
                found = word
            if len(memo) > 100_000:
                memo.clear()
            memo[word] = found
        return found

    return lemmatize


class _Builder:
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        lists = data.get("lists", {})
        if not isinstance(lists, dict) or not all(
            isinstance(v, list) and all(isinstance(i, str) for i in v) for v in lists.values()
        ):
            raise PackError(f"{path}: [lists] must map NAMES to lists of strings")
        self.lists: dict[str, list[str]] = lists
        if "NEG" not in lists or "CLAUSE" not in lists:
            raise PackError(f"{path}: [lists] needs NEG (negations) and CLAUSE (clause starters)")
        for name in ("NEG", "CLAUSE"):
            if any(" " in word.strip() for word in lists[name]):
                raise PackError(f"{path}: list {name} takes single words only")
        self.compiler = Compiler(frozenset(w.casefold() for w in lists["NEG"]))
        self.needs_lemmas = False

    def pattern(self, source: str, where: str) -> Pattern:
        try:
            tree = parse(source, self.lists)
            self.needs_lemmas = self.needs_lemmas or uses_lemmas(tree)
            if min_tokens(tree) < 1:
                raise PatternError("the pattern can match without consuming a word")
            regex = re.compile(self.compiler.regex(tree))
        except (PatternError, re.error) as error:
            raise PackError(f"{self.path}: {where}: pattern {source!r}: {error}") from None
        return Pattern(source, regex, anchors(tree), first_keys(tree))

    def guard(self, source: str, where: str, after: bool) -> re.Pattern[str]:
        try:
            tree = parse(source, self.lists)
            self.needs_lemmas = self.needs_lemmas or uses_lemmas(tree)
            body = self.compiler.regex(tree)
            return re.compile(f"(?:{body})\\Z" if after else body)
        except (PatternError, re.error) as error:
            raise PackError(f"{self.path}: {where}: guard {source!r}: {error}") from None


def build_pack(path: Path, language: str) -> Pack:
    """Read and compile one pack; raises PackError on any problem."""
    data = load_toml(path, PackError, "rules pack")
    header = data.get("pack", {})
    if not isinstance(header, dict) or header.get("language") != language:
        raise PackError(f"{path}: [pack] language must be {language!r}")
    unknown = set(data) - {"pack", "lists", "guard", "scope", "rule"}
    if unknown:
        raise PackError(f"{path}: unknown top-level tables {sorted(unknown)}")
    builder = _Builder(path, data)

    raw_rules = data.get("rule", [])
    if not raw_rules:
        raise PackError(f"{path}: no [[rule]] entries")
    produced = {entry.get("code") for entry in raw_rules if isinstance(entry, dict)}
    known = set(CODES) | {code for code in produced if isinstance(code, str)}

    def codes(values: list[str], where: str) -> frozenset[str]:
        for value in values:
            if value not in known:
                raise PackError(f"{path}: {where}: unknown code {value!r}")
        return frozenset(values)

    guards: list[tuple[frozenset[str], list[re.Pattern[str]], list[re.Pattern[str]]]] = []
    for number, entry in enumerate(data.get("guard", []), start=1):
        where = f"guard #{number}"
        _check_keys(entry, _GUARD_KEYS, where, path)
        guards.append(
            (
                codes(entry.get("codes", []), where),
                [builder.guard(s, where, True) for s in entry.get("not_after", [])],
                [builder.guard(s, where, False) for s in entry.get("not_before", [])],
            )
        )

    rules: list[Rule] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw_rules, start=1):
        where = f"rule #{number} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        _check_keys(entry, _RULE_KEYS, where, path)
        for required in ("id", "code", "patterns"):
            if required not in entry:
                raise PackError(f"{path}: {where}: missing {required!r}")
        rule_id, code = entry["id"], entry["code"]
        if not _ID_RE.match(rule_id) or rule_id in seen:
            raise PackError(f"{path}: {where}: id must be unique lower-case text")
        seen.add(rule_id)
        if code not in CODES and not _MARKER_RE.match(code):
            raise PackError(
                f"{path}: {where}: unknown code {code!r}; use one of {list(CODES)} "
                "or an internal marker starting with '_'"
            )
        if not entry["patterns"]:
            raise PackError(f"{path}: {where}: 'patterns' is empty")
        patterns = tuple(builder.pattern(s, where) for s in entry["patterns"])
        not_after = [builder.guard(s, where, True) for s in entry.get("not_after", [])]
        not_before = [builder.guard(s, where, False) for s in entry.get("not_before", [])]
        if entry.get("guards", True):
            for guard_codes, after, before in guards:
                if code in guard_codes:
                    not_after += after
                    not_before += before
        rules.append(
            Rule(
                id=rule_id,
                code=code,
                patterns=patterns,
                not_after=tuple(not_after),
                not_before=tuple(not_before),
                unless_clause=codes(entry.get("unless_clause", []), where),
                unless_sentence=codes(entry.get("unless_sentence", []), where),
                unless_message=codes(entry.get("unless_message", []), where),
                requires_message=codes(entry.get("requires_message", []), where),
                requires_sentence=codes(entry.get("requires_sentence", []), where),
                requires_clause=codes(entry.get("requires_clause", []), where),
                in_scopes=entry.get("in_scopes", False),
                safety=entry.get("safety", False),
                examples=tuple(entry.get("examples", [])),
                counter_examples=tuple(entry.get("counter_examples", [])),
            )
        )

    scopes: list[Scope] = []
    for number, entry in enumerate(data.get("scope", []), start=1):
        where = f"scope #{number} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        _check_keys(entry, _SCOPE_KEYS, where, path)
        if "id" not in entry or "patterns" not in entry:
            raise PackError(f"{path}: {where}: needs 'id' and 'patterns'")
        extent = entry.get("extent", "match")
        if extent not in _EXTENTS:
            raise PackError(f"{path}: {where}: extent must be one of {_EXTENTS}")
        scope_codes = codes(entry["codes"], where) if "codes" in entry else None
        scopes.append(
            Scope(
                id=entry["id"],
                patterns=tuple(builder.pattern(s, where) for s in entry["patterns"]),
                extent=extent,
                codes=scope_codes,
                examples=tuple(entry.get("examples", [])),
            )
        )

    # A marker nobody reads is a rule that silently does nothing; safety markers
    # are read by the engine itself.
    markers = {rule.code for rule in rules if rule.code.startswith("_") and not rule.safety}
    used = set()
    for rule in rules:
        used |= rule.unless_clause | rule.unless_sentence | rule.unless_message
        used |= rule.requires_message | rule.requires_sentence | rule.requires_clause
    unused = markers - used
    if unused:
        raise PackError(f"{path}: markers produced but never used: {sorted(unused)}")

    pairs = tuple((rule, pattern) for rule in rules for pattern in rule.patterns)
    index: dict[str, list[int]] = {}
    always = []
    for number, (_, pattern) in enumerate(pairs):
        if pattern.anchors is None:
            always.append(number)
        for key in pattern.anchors or ():
            index.setdefault(key, []).append(number)

    return Pack(
        language=language,
        path=path,
        rules=tuple(rules),
        scopes=tuple(scopes),
        clause_words=frozenset(word.casefold() for word in builder.lists["CLAUSE"]),
        lemmatize=make_lemmatizer(language) if builder.needs_lemmas else None,
        lists={name: tuple(entries) for name, entries in builder.lists.items()},
        pairs=pairs,
        index={key: tuple(numbers) for key, numbers in index.items()},
        always=tuple(always),
    )


@cache
def get_pack(language: str) -> Pack:
    """The compiled pack for a language, built once per process on first use."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    return build_pack(RULES_DIR / f"{language}.toml", language)
