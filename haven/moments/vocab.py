"""The protective moves, from the cycle map's vocabulary (haven.cycle.vocabulary).

Imported on use, so the moments app never loads the cycle's data before it is
needed; keys are stable, labels come back in the requested language.
"""

from __future__ import annotations

from typing import Any


def moves(language: str) -> list[Any]:
    from haven.cycle import vocabulary

    return list(vocabulary.moves(language))


def move_keys() -> frozenset[str]:
    return frozenset(m.key for m in moves("en"))


def move_labels(keys: list[str], language: str) -> list[str]:
    labels = {m.key: m.label for m in moves(language)}
    return [labels[key] for key in keys or [] if key in labels]


def families(language: str) -> list[tuple[Any, list[Any]]]:
    """The moves grouped by family, in the vocabulary's order: [(Family, [Move, ...]), ...]."""
    from haven.cycle import vocabulary

    found = moves(language)
    return [
        (family, [m for m in found if m.family == family.key])
        for family in vocabulary.families(language)
    ]
