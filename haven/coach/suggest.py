"""Build a vulnerable rewrite for a protective message (haven/coach/data/suggestions.toml).

The suggestion follows the method: name the feeling, name the need ("To feel
close to you, I need ..."), ask for one small thing. What the engine cannot
know (what happened, what exactly you need) stays a clearly marked blank such
as "[what happened]". When the message already names the speaker's own
emotion, that word is kept. Before anything is returned the engine analyses
its own suggestion: it must contain no protective code and no safety signal.
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from haven.coach.codes import DATA_DIR, DataError, load_toml
from haven.coach.model import LANGUAGES, PROTECTIVE_CODES
from haven.coach.packs import get_pack
from haven.coach.tokens import WORD
from haven.coach.underneath import likely

if TYPE_CHECKING:
    from haven.coach.engine import Result

FILLED = ("feeling", "need")
_BLANK_RE = re.compile(r"\[[^\]]+\]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def validate_suggestions(data: dict[str, Any], path: object) -> dict[str, Any]:
    """Each language: an order over all protective codes, a default template and
    templates whose {placeholders} are all known."""
    for language in LANGUAGES:
        section = data.get(language)
        if not isinstance(section, dict):
            raise DataError(f"{path}: [{language}] is missing")
        if sorted(section.get("order", [])) != sorted(PROTECTIVE_CODES):
            raise DataError(f"{path}: [{language}] order must list every protective code once")
        for key in ("emotion_list", "feeling_blank", "need_blank", "or"):
            if not isinstance(section.get(key), str):
                raise DataError(f"{path}: [{language}] needs {key!r}")
        blanks = section.get("blanks", {})
        templates = section.get("templates", {})
        if "default" not in templates:
            raise DataError(f"{path}: [{language}.templates] needs a default")
        known = set(blanks) | set(FILLED)
        for name, template in templates.items():
            if name != "default" and name not in PROTECTIVE_CODES:
                raise DataError(f"{path}: [{language}.templates] unknown code {name!r}")
            unknown = _fields(template) - known
            if unknown:
                raise DataError(f"{path}: [{language}.templates] {name}: unknown {sorted(unknown)}")
    return data


@cache
def suggestions_data() -> dict[str, Any]:
    path = DATA_DIR / "suggestions.toml"
    return validate_suggestions(load_toml(path), path)


@lru_cache(maxsize=4096)
def is_clean(text: str, language: str) -> bool:
    """True when the engine finds no protective code and no safety signal in `text`."""
    from haven.coach.engine import run

    result = run(text, language)
    return not result.safety and not result.codes & set(PROTECTIVE_CODES)


def own_feeling(result: Result) -> str | None:
    """The emotion word the speaker already used ("lonely" in "I feel so lonely")."""
    section = suggestions_data()[result.language]
    emotions = {
        entry
        for entry in get_pack(result.language).lists.get(section["emotion_list"], ())
        if " " not in entry
    }
    for hit in result.hits:
        if hit.rule.code != "feeling":
            continue
        for token in reversed(result.tokens[hit.first : hit.last + 1]):
            if token.kind == WORD and token.norm in emotions:
                return token.text.lower()
    return None


def _fill(template: str, section: dict[str, Any], feeling: str, need: str) -> str:
    return template.format(feeling=feeling, need=need, **section["blanks"])


def build_suggestion(result: Result) -> str | None:
    """A rewrite for a protective message, or None when no clean one can be made."""
    section = suggestions_data()[result.language]
    found = [code for code in section["order"] if code in result.codes]
    if not found:
        return None
    choices = likely(set(found), result.language)
    feeling_examples = section["or"].join(c["label"] for c in choices["feelings"][:2])
    plain_feeling = section["feeling_blank"].format(examples=feeling_examples)
    need = section["need_blank"].format(examples=choices["needs"][0]["label"])
    templates = section["templates"]
    candidates = [
        _fill(
            templates.get(found[0], templates["default"]),
            section,
            own_feeling(result) or plain_feeling,
            need,
        ),
        _fill(templates["default"], section, plain_feeling, need),
    ]
    for candidate in candidates:
        if is_clean(candidate, result.language):
            return candidate
    return None


def blanks(suggestion: str) -> list[str]:
    """The fill-in blanks of a suggestion, e.g. ["[what happened]", ...]."""
    return _BLANK_RE.findall(suggestion)
