"""Linking and unlinking: the only code that changes couples."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haven.core import sharing
from haven.couples.models import Couple, Invitation, Membership

INVITATION_LIFETIME = timedelta(days=3)
# No 0/O, 1/I/L: the code is read aloud or typed from another screen.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


class LinkError(Exception):
    """A linking step that cannot go ahead; the message is shown to the person."""


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # only ever shown to the inviter, stored as a hash
    code: str


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def is_linked(user) -> bool:
    return Membership.objects.filter(user=user, active=True).exists()


@transaction.atomic
def create_invitation(*, inviter) -> IssuedInvitation:
    """A new invitation; creating it is the inviter's consent to link."""
    if is_linked(inviter):
        raise LinkError(_("You are already linked with a partner."))
    now = timezone.now()
    Invitation.objects.filter(inviter=inviter, used_at=None, cancelled_at=None).update(
        cancelled_at=now, token_sealed="", code_sealed=""
    )
    token = secrets.token_urlsafe(32)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invitation = Invitation.objects.create(
        inviter=inviter,
        token_hash=_digest(token),
        code_hash=_digest(code),
        token_sealed=token,
        code_sealed=code,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    return IssuedInvitation(invitation=invitation, token=token, code=format_code(code))


def find_invitation(*, token: str | None = None, code: str | None = None) -> Invitation | None:
    if token:
        lookup = {"token_hash": _digest(token)}
    elif code:
        lookup = {"code_hash": _digest(normalise_code(code))}
    else:
        return None
    invitation = Invitation.objects.select_related("inviter").filter(**lookup).first()
    if invitation is None or not invitation.is_usable():
        return None
    return invitation


def reissued(invitation: Invitation) -> IssuedInvitation | None:
    """The open invitation's link token and code again, for its inviter to pass on."""
    if not invitation.token_sealed or not invitation.code_sealed:
        return None  # made before they were kept
    return IssuedInvitation(
        invitation=invitation,
        token=invitation.token_sealed,
        code=format_code(invitation.code_sealed),
    )


@transaction.atomic
def cancel_invitation(*, inviter) -> int:
    return Invitation.objects.filter(inviter=inviter, used_at=None, cancelled_at=None).update(
        cancelled_at=timezone.now(), token_sealed="", code_sealed=""
    )


@transaction.atomic
def accept_invitation(*, invitation_id: int, user) -> Couple:
    """Link `user` with the inviter. `user` consents by calling this."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if not invitation.is_usable():
        raise LinkError(_("This invitation has expired or was already used."))
    if invitation.inviter_id == user.pk:
        raise LinkError(_("This is your own invitation: send it to your partner."))
    if is_linked(user):
        raise LinkError(_("You are already linked with a partner."))
    if is_linked(invitation.inviter):
        raise LinkError(_("This invitation is no longer valid."))
    now = timezone.now()
    couple = Couple.objects.create(created_at=now)
    try:
        with transaction.atomic():
            Membership.objects.create(
                couple=couple, user_id=invitation.inviter_id, consented_at=invitation.created_at
            )
            Membership.objects.create(couple=couple, user=user, consented_at=now)
    except IntegrityError:
        raise LinkError(_("One of you is already linked with a partner.")) from None
    sharing.bind_pending(couple_id=couple.pk, user_ids=[invitation.inviter_id, user.pk])
    invitation.used_at = now
    invitation.token_sealed = invitation.code_sealed = ""
    invitation.save(update_fields=["used_at", "token_sealed", "code_sealed"])
    Invitation.objects.filter(inviter=user, used_at=None, cancelled_at=None).update(
        cancelled_at=now, token_sealed="", code_sealed=""
    )
    return couple


@transaction.atomic
def unlink(*, user) -> bool:
    """End the user's couple. Either partner may do this alone; nobody is told."""
    membership = Membership.objects.select_for_update().filter(user=user, active=True).first()
    if membership is None:
        return False
    now = timezone.now()
    members = list(
        Membership.objects.filter(couple_id=membership.couple_id).values_list("user_id", flat=True)
    )
    Couple.objects.filter(pk=membership.couple_id).update(ended_at=now)
    Membership.objects.filter(couple_id=membership.couple_id).update(active=False)
    sharing.release(couple_id=membership.couple_id, user_ids=members)
    return True
