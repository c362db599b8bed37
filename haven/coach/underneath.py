"""What might be underneath a protective message (haven/coach/data/underneath.toml).

Behind a protective move there is usually a softer feeling and an unmet
attachment need. `underneath(analysis)` turns the protective codes found into
choices the web page can offer. It is deliberately not part of Analysis.to_dict:
it is a suggestion for reflection, not a finding about the message.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from haven.coach.codes import DATA_DIR, DataError, load_toml
from haven.coach.model import LANGUAGES, PROTECTIVE_CODES, Analysis

MAX_CHOICES = 6


def validate_underneath(data: dict[str, Any], path: object) -> dict[str, Any]:
    """Every label in both languages; every protective code mapped to known keys."""
    for kind in ("feelings", "needs"):
        table = data.get(kind)
        if not isinstance(table, dict) or not table:
            raise DataError(f"{path}: [{kind}] is missing")
        for key, labels in table.items():
            if not isinstance(labels, dict) or any(
                not isinstance(labels.get(lang), str) or not labels[lang].strip()
                for lang in LANGUAGES
            ):
                raise DataError(f"{path}: {kind}.{key} needs a label for {list(LANGUAGES)}")
    codes = data.get("codes", {})
    for code in PROTECTIVE_CODES:
        entry = codes.get(code)
        if not isinstance(entry, dict):
            raise DataError(f"{path}: [codes.{code}] is missing")
        for kind in ("feelings", "needs"):
            keys = entry.get(kind)
            if not isinstance(keys, list) or not keys:
                raise DataError(f"{path}: [codes.{code}] needs a non-empty {kind} list")
            unknown = [key for key in keys if key not in data[kind]]
            if unknown:
                raise DataError(f"{path}: [codes.{code}] {kind} has unknown keys {unknown}")
    extra = set(codes) - set(PROTECTIVE_CODES)
    if extra:
        raise DataError(f"{path}: [codes] has entries for non-protective codes {sorted(extra)}")
    return data


@cache
def underneath_data() -> dict[str, Any]:
    path = DATA_DIR / "underneath.toml"
    return validate_underneath(load_toml(path), path)


def likely(codes: list[str] | set[str], language: str) -> dict[str, list[dict[str, str]]]:
    """Feelings and needs for the given protective codes, most likely first."""
    data = underneath_data()
    result: dict[str, list[dict[str, str]]] = {}
    for kind in ("feelings", "needs"):
        votes: Counter[str] = Counter()
        order: dict[str, int] = {}
        for code in PROTECTIVE_CODES:
            if code not in codes:
                continue
            keys = data["codes"][code][kind]
            for rank, key in enumerate(keys):
                # Earlier in a code's list weighs more; ties keep first appearance.
                votes[key] += len(keys) - rank
                order.setdefault(key, len(order))
        ranked = sorted(votes, key=lambda key: (-votes[key], order[key]))[:MAX_CHOICES]
        result[kind] = [{"key": key, "label": data[kind][key][language]} for key in ranked]
    return result


def underneath(analysis: Analysis) -> dict[str, list[dict[str, str]]]:
    """For the protective codes in `analysis`: {"feelings": [...], "needs": [...]}.

    Each choice is {"key": ..., "label": ...} with the label in the message's
    language. Both lists are empty when nothing protective was found.
    """
    return likely(set(analysis.codes), analysis.language)
