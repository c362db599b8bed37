from django.db import transaction

from haven.core.models import Visibility
from haven.journal.models import Reflection


@transaction.atomic
def create_reflection(
    *, author, body: str, title: str = "", visibility: str = Visibility.PRIVATE
) -> Reflection:
    return Reflection.objects.create(author=author, title=title, body=body, visibility=visibility)


@transaction.atomic
def set_visibility(*, reflection: Reflection, shared: bool) -> Reflection:
    reflection.visibility = Visibility.SHARED if shared else Visibility.PRIVATE
    reflection.save(update_fields=["visibility", "updated_at"])
    return reflection
