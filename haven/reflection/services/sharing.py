from __future__ import annotations

from django.db import transaction

from haven.core.models import ContentItem, Visibility


@transaction.atomic
def set_visibility(*, item: ContentItem, shared: bool) -> ContentItem:
    """Share with the current partner, or make private again (takes effect at once)."""
    item.visibility = Visibility.SHARED if shared else Visibility.PRIVATE
    item.save(update_fields=["visibility", "updated_at"])
    return item
