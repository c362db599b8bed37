"""Progress through the learning path, the choice to share it, reflections and script drafts.

Which modules someone reads, and which scripts they work on, can say as much
as what they write (trauma, addiction, a possible dealbreaker): those keys are
encrypted like the text, and looked up in Python (a person has few rows).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haven.checkins.models import PrivateOnly
from haven.core.fields import EncryptedCharField, EncryptedTextField
from haven.core.models import ContentItem


class ModuleProgress(ContentItem):
    """One person's progress through one module: opened, and perhaps done.

    Its visibility follows the author's PathSharing (haven.learn.services):
    shared means the partner may see that the module is done, nothing more.
    """

    slug = EncryptedCharField(_("module"), max_length=80, editable=False)
    started_at = models.DateTimeField(_("opened"), default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")

    def __str__(self) -> str:
        return str(_("Module progress"))

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class PathSharing(models.Model):
    """Whether a person shows their partner which modules they finished.

    A preference, not content (like checkins.Reminder): one per person. The
    foreign key is called `author` so the export finds it. The partner never
    reads this row: what they may see follows from the progress rows'
    visibility, which the services keep equal to this choice.
    """

    author = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    shared = models.BooleanField(_("show my partner which modules I finished"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sharing of the learning path")
        verbose_name_plural = _("sharing of the learning path")

    def __str__(self) -> str:
        return str(_("Sharing of the learning path"))


class ModuleReflection(ContentItem):
    """A private written reflection on a module; the author may share it, like a journal item."""

    slug = EncryptedCharField(_("module"), max_length=80, editable=False)
    text = EncryptedTextField(_("your reflection"), max_length=10000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reflection on a module")
        verbose_name_plural = _("reflections on modules")

    def __str__(self) -> str:
        return str(_("Reflection on a module"))


class ScriptDraft(PrivateOnly):
    """A person's own version of a script for a hard conversation. Never shared:
    it is a rehearsal, meant to be said in person, not sent."""

    script_key = EncryptedCharField(_("script"), max_length=64, editable=False)
    text = EncryptedTextField(_("your version"), max_length=5000)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("script draft")
        verbose_name_plural = _("script drafts")

    def __str__(self) -> str:
        return str(_("Script draft"))
