"""Read-only questions about couples, used by the policy and the views."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from haven.accounts.models import Profile
from haven.core.prepared import Prepared, Slot
from haven.couples.models import Invitation, Membership


def current_partner_id(user) -> int | None:
    mine = Membership.objects.filter(user_id=user.pk, active=True).values("couple_id")
    return (
        Membership.objects.filter(couple_id__in=mine, active=True)
        .exclude(user_id=user.pk)
        .values_list("user_id", flat=True)
        .first()
    )


_USER_FIELDS = tuple(f.attname for f in get_user_model()._meta.concrete_fields)
_PROFILE_FIELDS = tuple(f.attname for f in Profile._meta.concrete_fields)
_PROFILE_NAMES = tuple(f.name for f in Profile._meta.concrete_fields)
# The members of the user's active couple (the user included), each as the
# couple's id, then the member's account and profile (see load_relations).
_COUPLE_MEMBERS = Prepared(
    lambda shape: (
        Membership.objects.filter(
            active=True,
            couple__memberships__user_id=Slot("me"),
            couple__memberships__active=True,
        )
        .order_by("pk")
        .values_list(
            "couple_id",
            *(f"user__{name}" for name in _USER_FIELDS),
            *(f"user__profile__{name}" for name in _PROFILE_NAMES),
        )
    )
)


def _person(values: tuple):
    """A user with their profile (which may be missing), from a row of _COUPLE_MEMBERS."""
    user = get_user_model().from_db("default", _USER_FIELDS, values[: len(_USER_FIELDS)])
    own = values[len(_USER_FIELDS) :]
    profile = Profile.from_db("default", _PROFILE_FIELDS, own) if own[0] is not None else None
    Profile._meta.get_field("user").remote_field.set_cached_value(user, profile)
    if profile is not None:
        Profile._meta.get_field("user").set_cached_value(profile, user)
    return user


def load_relations(user) -> None:
    """The user's current couple and partner (with profile), in one query.

    Kept on the user object for the request as `_haven_couple_id`,
    `_haven_partner_id` and `_haven_partner` (see haven.core.policy): the
    same answers as current_partner_id() and an active membership's couple,
    read together because nearly every page needs all three.
    """
    rows = _COUPLE_MEMBERS.rows(me=user.pk)
    partner = next((_person(row[1:]) for row in rows if row[1] != user.pk), None)
    user._haven_couple_id = rows[0][0] if rows else None
    user._haven_partner_id = partner.pk if partner is not None else None
    user._haven_partner = partner


def current_partner(user):
    """The current partner (with profile), or None; one query per request at most."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_haven_partner"):
        load_relations(user)
    return user._haven_partner


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


# The invitation a person followed while logged out, kept server-side in the
# session until they have an account, have consented and can say yes to it.
PENDING_INVITATION_KEY = "haven_pending_invitation"


def pending_invitation(request) -> tuple[Invitation, str] | None:
    """(invitation, token) the logged-in person followed earlier, while it is still usable."""
    token = request.session.get(PENDING_INVITATION_KEY)
    if not token:
        return None
    from haven.couples.services import find_invitation

    invitation = find_invitation(token=token)
    if (
        invitation is None
        or invitation.inviter_id == request.user.pk
        or current_partner_id(request.user) is not None
    ):
        request.session.pop(PENDING_INVITATION_KEY, None)
        return None
    return invitation, token
