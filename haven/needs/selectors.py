"""Read-only questions about needs, always answered through haven.core.policy.

`shared_needs_for` is the entry point for other pages (e.g. "our map").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from haven.core import policy
from haven.core.models import Visibility
from haven.core.prepared import Slot
from haven.needs.models import Acknowledgement, FeltSenseNote, Need


def shared_needs_for(viewer, owner) -> list[Need]:
    """The owner's needs that `viewer` may see, most important first.

    The owner sees all of their own; the current partner sees the shared ones;
    anyone else sees none. `owner` may be a user or a user id.
    """
    owner_id = getattr(owner, "pk", owner)
    if owner_id is None:
        return []
    return list(policy.visible(viewer, Need).filter(author_id=owner_id))


def answers_for(viewer, needs: Iterable[Need]) -> dict[int, list[Acknowledgement]]:
    """Answers to `needs` that `viewer` may read, by need id."""
    ids = [need.pk for need in needs]
    found: dict[int, list[Acknowledgement]] = defaultdict(list)
    if not ids:
        return found
    answers = policy.visible(viewer, Acknowledgement).filter(need_id__in=ids)
    for answer in answers.select_related("author__profile"):
        found[answer.need_id].append(answer)
    return found


def own_answer(viewer, need: Need) -> Acknowledgement | None:
    """The answer `viewer` wrote to `need`, if any."""
    return policy.visible(viewer, Acknowledgement).filter(need=need, author_id=viewer.pk).first()


@dataclass(frozen=True)
class AnswerState:
    """Whether the viewer answered a need and sent the answer; its text stays unread."""

    is_shared: bool


@dataclass(frozen=True)
class PartnerNeed:
    need: Need
    sentence: str
    my_answer: AnswerState | None


# The partner's shared needs with the viewer's latest answer to each. The
# viewer's own answers are always theirs to see (the author row of the policy),
# so a subquery on their author id is enough.
_PARTNER_NEEDS = policy.Visible(
    Need,
    lambda needs, _: needs.filter(author_id=Slot("partner_author")).annotate(
        my_answer_visibility=Subquery(
            Acknowledgement.objects.filter(need_id=OuterRef("pk"), author_id=Slot("me"))
            .order_by("-created_at")
            .values("visibility")[:1]
        )
    ),
)


def partner_needs(viewer, partner, language: str) -> list[PartnerNeed]:
    """The partner's shared needs, each with whether `viewer` answered it, in one query."""
    if partner is None:
        return []
    result = []
    for need in _PARTNER_NEEDS.objects(viewer, partner_author=partner.pk):
        state = need.my_answer_visibility
        answer = None if state is None else AnswerState(state == Visibility.SHARED)
        result.append(PartnerNeed(need, need.display_sentence(language), answer))
    return result


def notes_for(viewer) -> tuple[list[FeltSenseNote], list[FeltSenseNote]]:
    """(the viewer's own felt-sense notes, the ones their partner shared with them)."""
    notes = list(policy.visible(viewer, FeltSenseNote))
    mine = [note for note in notes if note.author_id == viewer.pk]
    theirs = [note for note in notes if note.author_id != viewer.pk]
    return mine, theirs
