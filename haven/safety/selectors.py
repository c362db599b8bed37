"""Whether Haven should take a person along the individual path.

After a safety check whose answers point to danger, fear or control, Haven
suggests nothing that involves the partner: no joint exercises, no invitations
to do something together. Every feature that suggests joint work asks
`individual_path(user)` first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from haven.core.prepared import Prepared, Slot
from haven.safety.models import SafetyCheck

# Only the result is ever asked of it (on nearly every page): the answers stay
# encrypted in the database.
_LATEST = Prepared(
    lambda shape: (
        SafetyCheck.objects.filter(author_id=Slot("me"))
        .defer("answers")
        .order_by("-created_at", "-pk")[:1]
    )
)


def latest_check(user) -> SafetyCheck | None:
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_haven_latest_safety_check"):
        user._haven_latest_safety_check = _LATEST.first(me=user.pk)
    return user._haven_latest_safety_check


def individual_path(user) -> bool:
    check = latest_check(user)
    return check is not None and check.indicates_danger


T = TypeVar("T")


def offers_joint(user) -> bool:
    """Whether Haven may propose something to do with or towards the partner.

    The one check every page and content file uses (a `joint` flag in the
    learning data, the sharing buttons of the cycle...): never on the
    individual path, where the person's safety check indicated fear or
    violence. tests/security/test_individual_path_crawl.py walks every page.
    """
    return not individual_path(user)


def without_joint(user, items: Iterable[T]) -> list[T]:
    """`items` less those marked `joint`, when the person is on the individual path."""
    items = list(items)
    if offers_joint(user):
        return items
    return [item for item in items if not getattr(item, "joint", False)]
