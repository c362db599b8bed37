"""Guess whether a message is Dutch or English from telling words (data/language.toml)."""

from __future__ import annotations

import re
from functools import cache

from haven.coach.codes import DATA_DIR, DataError, load_toml
from haven.coach.model import LANGUAGES
from haven.coach.tokens import fold

DEFAULT_LANGUAGE = "en"
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Letter groups that are frequent in one language and rare in the other, used
# only to break a tie between the word counts ("ok", "sorry", names...).
_HINTS = {
    "nl": re.compile(r"ij|oe|ui|aa|uu|sch|cht|eu"),
    "en": re.compile(r"th|wh|sh|ing\b|ght|ea|ow"),
}


@cache
def _markers() -> dict[str, frozenset[str]]:
    path = DATA_DIR / "language.toml"
    data = load_toml(path)
    markers = {}
    for language in LANGUAGES:
        words = data.get(language, {}).get("words")
        if not isinstance(words, list) or not words:
            raise DataError(f"{path}: [{language}] needs a non-empty 'words' list")
        markers[language] = frozenset(fold(word) for word in words)
    return markers


def detect_language(text: str) -> str:
    """ "nl" or "en"; English when there is nothing to go on (emoji, other scripts)."""
    words = [fold(word) for word in _WORD_RE.findall(text[:2000])]
    markers = _markers()
    scores = {language: sum(word in markers[language] for word in words) for language in LANGUAGES}
    if scores["nl"] != scores["en"]:
        return "nl" if scores["nl"] > scores["en"] else "en"
    joined = " ".join(words)
    hints = {language: len(_HINTS[language].findall(joined)) for language in LANGUAGES}
    if hints["nl"] > hints["en"]:
        return "nl"
    return DEFAULT_LANGUAGE
