"""The couple's cycle told as a few sentences, from the reader's side.

"I" is always the person reading, "you" their partner, so each partner reads
the same loop in their own voice. The sentence templates live in
data/narrative.toml (both languages); the move phrases in data/moves.toml.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from haven.cycle import pattern, vocabulary

# More than a few moves make the loop sentence unreadable; the rest stay on
# the side's own page.
MOVES_IN_LOOP = 3


@dataclass(frozen=True)
class SideWords:
    """What the narrative needs from one side (keys from the vocabulary, plus own words)."""

    moves: tuple[str, ...] = ()
    feelings: tuple[str, ...] = ()
    longing: str = ""
    needs: tuple[str, ...] = ()  # the person's saved need sentences, only those the reader may see


def join(words: Sequence[str], lang: str) -> str:
    """ "a", "a and b", "a, b and c" in the reader's language."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    conjunction = vocabulary.narrative_templates(lang)["and"]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def loop_moves(keys: Iterable[str], lang: str) -> list[vocabulary.Move]:
    """The side's moves for the loop, in vocabulary order.

    A side that leans to one family is told by that family's moves only (the
    loop reads as one movement); a mixed side by all of them.
    """
    chosen = set(keys)
    leaning = pattern.lean(chosen)
    found = [m for m in vocabulary.moves(lang) if m.key in chosen]
    if leaning in (pattern.PURSUE, pattern.WITHDRAW):
        found = [m for m in found if m.family == leaning]
    return found[:MOVES_IN_LOOP]


def _feelings(keys: Iterable[str], lang: str) -> str:
    labels = [term.label for key in keys if (term := vocabulary.feeling(key, lang)) is not None]
    return join(labels, lang)


def _quoted(sentences: Iterable[str]) -> str:
    return " ".join(f"\u201c{s.strip()}\u201d" for s in sentences if s.strip())


def loop_sentence(mine: SideWords, theirs: SideWords | None, lang: str) -> str:
    t = vocabulary.narrative_templates(lang)
    me = join([m.me for m in loop_moves(mine.moves, lang)], lang)
    if theirs is None:
        return t["solo"].format(me=me) if me else ""
    you = join([m.you for m in loop_moves(theirs.moves, lang)], lang)
    if me and you:
        return t["loop"].format(me=me, you=you)
    if me:
        return t["only_me"].format(me=me)
    if you:
        return t["only_you"].format(you=you)
    return t["none"]


def _underneath(side: SideWords, lang: str, whose: str) -> list[str]:
    t = vocabulary.narrative_templates(lang)
    lines = []
    feelings = _feelings(side.feelings, lang)
    if feelings:
        lines.append(t[f"{whose}_feelings"].format(feelings=feelings))
    needs = _quoted(side.needs)
    if needs:
        lines.append(t[f"{whose}_needs"].format(needs=needs))
    if side.longing.strip():
        lines.append(t[f"{whose}_longing"].format(longing=side.longing.strip()))
    return lines


def build(mine: SideWords, theirs: SideWords | None, lang: str) -> list[str]:
    """The narrative as paragraphs: the loop, then what is underneath on each side.

    Without `theirs` (a person on their own) only the reader's side is told.
    """
    paragraphs = [loop_sentence(mine, theirs, lang)]
    paragraphs.append(" ".join(_underneath(mine, lang, "my")))
    if theirs is not None:
        paragraphs.append(" ".join(_underneath(theirs, lang, "your")))
        paragraphs.append(vocabulary.narrative_templates(lang)["closing"])
    return [p for p in paragraphs if p]
