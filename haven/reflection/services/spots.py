from __future__ import annotations

from django.db import transaction

from haven.reflection.models import SensitiveSpot


@transaction.atomic
def create_spot(
    *,
    author,
    name: str,
    origin: str = "",
    touched_today: str = "",
    signs: str = "",
    need_when_touched: str = "",
) -> SensitiveSpot:
    """A new sensitive spot is private; share it with set_visibility."""
    return SensitiveSpot.objects.create(
        author=author,
        name=name,
        origin=origin,
        touched_today=touched_today,
        signs=signs,
        need_when_touched=need_when_touched,
    )
