"""Rocky moments, the link between two views of one moment, repairs and pauses.

Everything a person types or picks about a moment is encrypted: the topic of a
fight says as much as the words. Dates stay plain so that weeks and repair
times can be counted in the database.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from haven.core.models import ContentItem, Visibility

MIN_PAUSE_MINUTES = 20


class Moment(ContentItem):
    """One person's own view of a fight or rupture. Private until they share it."""

    happened_at = models.DateTimeField(_("when it happened"))
    topic = EncryptedCharField(_("topic of the moment"), max_length=64, blank=True)
    what_happened = EncryptedTextField(_("what happened"), max_length=5000, blank=True)
    my_moves = EncryptedJSONField(_("how I protected myself"), default=list, blank=True)
    partner_moves = EncryptedJSONField(_("what I saw my partner do"), default=list, blank=True)
    ending = EncryptedCharField(_("how it ended"), max_length=64, blank=True)
    intensity = models.PositiveSmallIntegerField(
        _("how intense it was"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    sensations = EncryptedJSONField(_("what my body did"), default=list, blank=True)
    emotions = EncryptedJSONField(_("feelings"), default=list, blank=True)
    repaired_at = models.DateTimeField(_("repaired"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["author", "happened_at"], name="moment_author_time")]
        verbose_name = _("rocky moment")
        verbose_name_plural = _("rocky moments")

    def __str__(self) -> str:
        return str(_("Rocky moment"))

    @property
    def is_repaired(self) -> bool:
        return self.repaired_at is not None


class MomentLink(ContentItem):
    """Two views of the same moment, joined once both partners agree.

    The author proposes: their own (shared) moment and the partner's shared
    moment. Asking is sharing: services.propose_link creates it shared (a
    private link is one never sent, seen by its author alone). It becomes
    active only when the partner accepts. Either can undo it. The policy
    scopes it to the couple it was made in (COUPLE_SCOPE) and the partner rule
    to the owner of the other moment (PARTNER_SCOPE). Linking never opens a
    moment: each view stays readable only while its author shares it.
    """

    couple = models.ForeignKey(
        "couples.Couple", on_delete=models.CASCADE, related_name="+", editable=False
    )
    moment = models.ForeignKey(
        Moment, on_delete=models.CASCADE, related_name="links_made", editable=False
    )
    other = models.ForeignKey(
        Moment, on_delete=models.CASCADE, related_name="links_received", editable=False
    )
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("link between two views")
        verbose_name_plural = _("links between two views")
        constraints = [
            models.UniqueConstraint(fields=["moment", "other"], name="one_link_per_pair"),
        ]

    def __str__(self) -> str:
        return str(_("Link between two views"))

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None


class RepairMode(models.TextChoices):
    TOGETHER = "together", _("Together, in the same room")
    APART = "apart", _("Each on our own device")
    ALONE = "alone", _("On my own")


class Repair(ContentItem):
    """One person's side of the repair of their own moment. Private until shared."""

    moment = models.ForeignKey(
        Moment, on_delete=models.CASCADE, related_name="repairs", editable=False
    )
    mode = models.CharField(
        _("how you do this"), max_length=16, choices=RepairMode.choices, default=RepairMode.TOGETHER
    )
    felt = EncryptedTextField(_("what I felt underneath"), max_length=5000, blank=True)
    needed = EncryptedTextField(_("what I needed"), max_length=5000, blank=True)
    protected = EncryptedTextField(_("how I protected myself"), max_length=5000, blank=True)
    next_time = EncryptedTextField(_("what I want to try next time"), max_length=5000, blank=True)
    reflect_back = EncryptedTextField(_("what I heard from you"), max_length=5000, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("repair")
        verbose_name_plural = _("repairs")
        constraints = [
            models.UniqueConstraint(fields=["moment", "author"], name="one_repair_per_moment")
        ]

    def __str__(self) -> str:
        return str(_("Repair"))

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class Pause(ContentItem):
    """A break taken while flooding, with the time to come back. Only ever its author's."""

    started_at = models.DateTimeField(editable=False)
    return_at = models.DateTimeField(_("come back at"))
    message = EncryptedTextField(_("message to your partner"), max_length=1000, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["author", "done", "return_at"], name="pause_due")]
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")

    def __str__(self) -> str:
        return str(_("Pause"))

    def clean(self) -> None:
        if (
            self.started_at
            and self.return_at
            and (self.return_at - self.started_at).total_seconds() < MIN_PAUSE_MINUTES * 60
        ):
            raise ValidationError(_("A pause lasts at least 20 minutes."))

    def save(self, *args, **kwargs) -> None:
        # Nobody but the person pausing ever sees a pause.
        self.visibility = Visibility.PRIVATE
        fields = kwargs.get("update_fields")
        if fields is None or "return_at" in fields or "started_at" in fields:
            self.clean()
        super().save(*args, **kwargs)
