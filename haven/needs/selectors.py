"""Read-only questions about needs, always answered through haven.core.policy.

`shared_needs_for` is the entry point for other pages (e.g. "our map").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from haven.core import policy
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
class PartnerNeed:
    need: Need
    sentence: str
    my_answer: Acknowledgement | None


def partner_needs(viewer, partner, language: str) -> list[PartnerNeed]:
    """The partner's shared needs, each with the answer `viewer` wrote, for the home page."""
    if partner is None:
        return []
    needs = shared_needs_for(viewer, partner)
    if not needs:
        return []
    # The lists only say whether an answer exists and was sent: its text stays unread.
    answers = policy.visible(viewer, Acknowledgement).filter(
        author_id=viewer.pk, need_id__in=[need.pk for need in needs]
    )
    mine = {
        answer.need_id: answer
        for answer in answers.only("id", "author_id", "visibility", "need_id", "created_at")
    }
    return [PartnerNeed(need, need.display_sentence(language), mine.get(need.pk)) for need in needs]


def notes_for(viewer) -> tuple[list[FeltSenseNote], list[FeltSenseNote]]:
    """(the viewer's own felt-sense notes, the ones their partner shared with them)."""
    notes = list(policy.visible(viewer, FeltSenseNote))
    mine = [note for note in notes if note.author_id == viewer.pk]
    theirs = [note for note in notes if note.author_id != viewer.pk]
    return mine, theirs
