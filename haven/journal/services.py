from django.db import transaction

from haven.core import sharing
from haven.journal.models import Reflection


@transaction.atomic
def create_reflection(*, author, body: str, title: str = "") -> Reflection:
    """A new reflection is private; share it with set_visibility."""
    return Reflection.objects.create(author=author, title=title, body=body)


@transaction.atomic
def set_visibility(*, reflection: Reflection, shared: bool) -> Reflection:
    sharing.set_shared(reflection, shared)
    reflection.save(update_fields=["visibility", "updated_at"])
    return reflection
