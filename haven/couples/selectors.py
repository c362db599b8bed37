"""Read-only questions about couples, used by the policy and the views."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from haven.couples.models import Invitation, Membership


def current_partner_id(user) -> int | None:
    mine = Membership.objects.filter(user_id=user.pk, active=True).values("couple_id")
    return (
        Membership.objects.filter(couple_id__in=mine, active=True)
        .exclude(user_id=user.pk)
        .values_list("user_id", flat=True)
        .first()
    )


def current_partner(user):
    from haven.core import policy

    pid = policy.partner_id(user)  # cached on the user for the request
    if pid is None:
        return None
    return get_user_model().objects.select_related("profile").filter(pk=pid).first()


def were_partners(user_id: int, other_id: int) -> bool:
    """True when the two were ever linked (now or before)."""
    theirs = Membership.objects.filter(user_id=other_id).values("couple_id")
    return Membership.objects.filter(user_id=user_id, couple_id__in=theirs).exists()


def open_invitation(user) -> Invitation | None:
    return (
        Invitation.objects.filter(
            inviter=user, used_at=None, cancelled_at=None, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )
