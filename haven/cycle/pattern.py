"""Which of the three typical cycles two maps resemble.

The rule, kept deliberately simple and explainable:

1. Each side leans towards the family most of its ticked moves belong to:
   more protest/pursue moves than defend/withdraw moves leans "pursue", more
   defend/withdraw moves leans "withdraw". Keys that are not in the
   vocabulary are ignored.
2. A side without any (known) move has no lean: the map is "incomplete" and
   no pattern is named.
3. A side with as many moves in one family as in the other is "mixed": Haven
   does not guess, and asks which move comes first instead.
4. Otherwise: pursue + withdraw (in either order) is pursue–withdraw, pursue +
   pursue is attack–attack, withdraw + withdraw is withdraw–withdraw.

Incomplete wins over mixed: if one side is empty, completing it comes first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from haven.cycle import vocabulary

PURSUE, WITHDRAW, MIXED, EMPTY = "pursue", "withdraw", "mixed", "empty"
INCOMPLETE = "incomplete"

_PATTERNS = {
    frozenset({PURSUE, WITHDRAW}): "pursue_withdraw",
    frozenset({PURSUE}): "attack_attack",
    frozenset({WITHDRAW}): "withdraw_withdraw",
}


@dataclass(frozen=True)
class PatternResult:
    key: str | None  # "pursue_withdraw", "attack_attack", "withdraw_withdraw", or None
    reason: str | None  # why there is no key: "incomplete" or "mixed"
    lean_a: str  # "pursue", "withdraw", "mixed" or "empty"
    lean_b: str

    @property
    def recognised(self) -> bool:
        return self.key is not None


def lean(moves: Iterable[str]) -> str:
    """The family a side's moves lean towards (rule 1-3 above)."""
    counts = {PURSUE: 0, WITHDRAW: 0}
    for key in set(moves):
        family = vocabulary.family_of(key)
        if family in counts:
            counts[family] += 1
    if counts[PURSUE] == counts[WITHDRAW]:
        return EMPTY if counts[PURSUE] == 0 else MIXED
    return PURSUE if counts[PURSUE] > counts[WITHDRAW] else WITHDRAW


def recognise(moves_a: set[str], moves_b: set[str]) -> PatternResult:
    a, b = lean(moves_a), lean(moves_b)
    if EMPTY in (a, b):
        return PatternResult(None, INCOMPLETE, a, b)
    if MIXED in (a, b):
        return PatternResult(None, MIXED, a, b)
    return PatternResult(_PATTERNS[frozenset({a, b})], None, a, b)
