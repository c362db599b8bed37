"""Reading sides of the cycle and the couple's cycle, always through the policy.

Nothing here filters by hand: every item comes from `policy.visible()`, so a
partner's side is only ever seen once shared, and a linked need or spot only
if the reader may see that need or spot on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import get_language

from haven.core import policy
from haven.core.models import Visibility
from haven.cycle import diagram, narrative, pattern, vocabulary
from haven.cycle.models import CycleName, CycleSide
from haven.needs import feltsense
from haven.needs.models import Need
from haven.reflection.models import SensitiveSpot


def _lang(lang: str | None) -> str:
    return vocabulary.language_of(lang or get_language())


def own_side(user) -> CycleSide | None:
    """The person's own side (private or shared), or None before they start."""
    if not user.is_authenticated:
        return None
    return policy.visible(user, CycleSide).filter(author_id=user.pk).first()


def partner_side(user) -> CycleSide | None:
    """The current partner's side, only if they shared it."""
    partner = policy.partner_id(user)
    if partner is None:
        return None
    return policy.visible(user, CycleSide).filter(author_id=partner).first()


def linked_needs(side: CycleSide, viewer) -> list[Need]:
    """The side's linked needs that `viewer` may see, in the author's order."""
    ids = [i for i in side.need_ids if isinstance(i, int)]
    if not ids:
        return []
    found = policy.visible(viewer, Need).filter(author_id=side.author_id, pk__in=ids)
    return sorted(found, key=lambda need: (need.rank, need.pk))


def linked_spots(side: CycleSide, viewer) -> list[SensitiveSpot]:
    ids = [i for i in side.spot_ids if isinstance(i, int)]
    if not ids:
        return []
    return list(policy.visible(viewer, SensitiveSpot).filter(author_id=side.author_id, pk__in=ids))


def side_words(side: CycleSide, viewer, lang: str | None = None) -> narrative.SideWords:
    language = _lang(lang)
    return narrative.SideWords(
        moves=tuple(k for k in side.moves if isinstance(k, str)),
        feelings=tuple(k for k in side.underneath if isinstance(k, str)),
        longing=side.longing or "",
        needs=tuple(need.display_sentence(language) for need in linked_needs(side, viewer)),
    )


@dataclass(frozen=True)
class SideSummary:
    """One side in words, in one language, for pages (only what the viewer may see)."""

    side: CycleSide
    surface: list[str]
    body: list[str]
    moves: list[vocabulary.Move]
    underneath: list[str]
    needs: list[Need]
    need_sentences: list[str]
    spots: list[SensitiveSpot]


def summary(side: CycleSide, viewer, lang: str | None = None) -> SideSummary:
    language = _lang(lang)
    chosen = set(side.moves)
    needs = linked_needs(side, viewer)
    return SideSummary(
        side=side,
        surface=[t.label for k in side.surface_emotions if (t := feltsense.emotion(k, language))],
        body=[t.label for k in side.body_signals if (t := feltsense.sensation(k, language))],
        moves=[m for m in vocabulary.moves(language) if m.key in chosen],
        underneath=[
            t.label for k in side.underneath if (t := vocabulary.feeling(k, language)) is not None
        ],
        needs=needs,
        need_sentences=[need.display_sentence(language) for need in needs],
        spots=linked_spots(side, viewer),
    )


@dataclass(frozen=True)
class Underneath:
    """What is underneath the person's own protection, for moments and scripts.

    Empty lists and strings when they have not mapped their side yet.
    """

    feelings: list[str] = field(default_factory=list)  # labels, e.g. "lonely"
    feelings_own_words: str = ""
    needs: list[str] = field(default_factory=list)  # their need sentences
    longing: str = ""
    moves: list[str] = field(default_factory=list)  # labels, e.g. "Go quiet"
    # The same moves as the verb phrase after "I" ("go quiet" / "stil word"),
    # for sentences such as the scripts' "When I {move}, ...".
    move_phrases: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.feelings or self.feelings_own_words or self.needs or self.longing)


def underneath_for(user, lang: str | None = None) -> Underneath:
    """The author's own side only: never the partner's."""
    side = own_side(user)
    if side is None:
        return Underneath()
    words = summary(side, user, lang)
    return Underneath(
        feelings=words.underneath,
        feelings_own_words=side.underneath_own_words or "",
        needs=words.need_sentences,
        longing=side.longing or "",
        moves=[m.label for m in words.moves],
        move_phrases=[m.me or m.label for m in words.moves],
    )


def cycle_name(user) -> CycleName | None:
    """The name the current couple gave their cycle (gone for both after unlinking)."""
    return policy.visible(user, CycleName).filter(visibility=Visibility.SHARED).first()


@dataclass
class CoupleCycle:
    mine: CycleSide
    theirs: CycleSide
    pattern: pattern.PatternResult
    narrative: list[str]
    diagram: diagram.Diagram
    name: CycleName | None
    lang: str

    @property
    def pattern_info(self) -> vocabulary.Pattern | None:
        if self.pattern.key is None:
            return None
        return vocabulary.pattern(self.pattern.key, self.lang)

    @property
    def reason_text(self) -> str:
        return vocabulary.reason(self.pattern.reason, self.lang) if self.pattern.reason else ""


_READ = object()


def couple_cycle(
    user, lang: str | None = None, *, mine: object = _READ, theirs: object = _READ
) -> CoupleCycle | None:
    """The couple's cycle, only when both sides are shared and the two are linked now.

    `mine` and `theirs`: own_side(user) and partner_side(user) when the caller
    has just read them (which saves reading them again); left out, read here.
    """
    if mine is _READ:
        mine = own_side(user)
    if mine is None or not mine.is_shared:
        return None
    if theirs is _READ:
        theirs = partner_side(user)  # None unless linked and shared
    if theirs is None:
        return None
    language = _lang(lang)
    my_words = side_words(mine, user, language)
    their_words = side_words(theirs, user, language)
    return CoupleCycle(
        mine=mine,
        theirs=theirs,
        pattern=pattern.recognise(set(my_words.moves), set(their_words.moves)),
        narrative=narrative.build(my_words, their_words, language),
        diagram=diagram.draw(my_words, their_words, language),
        name=cycle_name(user),
        lang=language,
    )
