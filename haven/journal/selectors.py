"""Read-only questions about reflections, always answered through haven.core.policy."""

from __future__ import annotations

from haven.core import policy
from haven.core.prepared import Slot
from haven.journal.models import Reflection

_LATEST = policy.Visible(
    Reflection, lambda items, limit: items.filter(author_id=Slot("author"))[:limit]
)


def latest(viewer, author_id: int, limit: int) -> list[Reflection]:
    """The newest `limit` reflections by `author_id` that the viewer may see."""
    return _LATEST.objects(viewer, limit, author=author_id)
