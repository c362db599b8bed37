"""A couple is two people who both chose to link their accounts.

A person is in at most one active couple. Unlinking ends the couple for both
(`ended_at`); the rows stay so the policy can tell an ex-partner from a
stranger, and a new link always starts a new couple with fresh consent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from haven.core.fields import EncryptedCharField


class Couple(models.Model):
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"couple {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Membership(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_memberships"
    )
    # Denormalised from the couple so the database itself can guarantee one
    # active couple per person.
    active = models.BooleanField(default=True)
    consented_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(active=True), name="one_active_couple_per_user"
            ),
            models.UniqueConstraint(fields=["couple", "user"], name="unique_member_per_couple"),
        ]

    def __str__(self) -> str:
        return f"member {self.user_id} of couple {self.couple_id}"


class Invitation(models.Model):
    """A single-use, expiring invitation to link, as a link and as a short code."""

    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64, unique=True)
    # The link's token and the code, encrypted, so the inviter can see and
    # copy them again while the invitation is open; lookups use the hashes.
    token_sealed = EncryptedCharField(blank=True, default="", editable=False)
    code_sealed = EncryptedCharField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.cancelled_at is None and now < self.expires_at
