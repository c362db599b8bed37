from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedTextField
from haven.core.models import ContentItem


class Reflection(ContentItem):
    """A free reflection: private notes a person may choose to share."""

    title = EncryptedCharField(_("title"), max_length=200, blank=True)
    body = EncryptedTextField(_("what is on your mind"), max_length=20000)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title or self.body[:40]
