"""Account-level actions: deleting an account with everything in it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction

from haven.couples import services as couples
from haven.couples.models import Couple


def _session_keys_of(user) -> set[str]:
    """Every stored session that belongs to `user`, found in the session table."""
    keys = set()
    for session in Session.objects.iterator():
        data = session.get_decoded()
        if str(data.get("_auth_user_id")) == str(user.pk):
            keys.add(session.session_key)
    try:
        from allauth.usersessions.models import UserSession

        keys.update(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    except LookupError:  # pragma: no cover - usersessions is installed
        pass
    return keys


@transaction.atomic
def delete_account(user) -> None:
    """Remove the person and everything they wrote; the partner is not told.

    Items the person once shared disappear for the partner as well (404), and
    a couple with no one left in it goes too.
    """
    couples.unlink(user=user)
    couple_ids = set(user.couple_memberships.values_list("couple_id", flat=True))
    Session.objects.filter(session_key__in=_session_keys_of(user)).delete()
    get_user_model().objects.filter(pk=user.pk).delete()
    Couple.objects.filter(pk__in=couple_ids, memberships__isnull=True).delete()
