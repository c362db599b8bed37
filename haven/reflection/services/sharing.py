from __future__ import annotations

from django.db import transaction

from haven.core import sharing
from haven.core.models import ContentItem


@transaction.atomic
def set_visibility(*, item: ContentItem, shared: bool) -> ContentItem:
    """Share with the current partner, or make private again (takes effect at once)."""
    sharing.set_shared(item, shared)
    item.save(update_fields=["visibility", "updated_at"])
    return item
