"""Consent to store what a person writes: recorded before the first item.

The text a person agrees to is versioned (settings.CONSENT_VERSION). Creating
any content item without consent to the current version is refused at the
model layer, so no form, import or command can skip it.
"""

from __future__ import annotations

from django.conf import settings


class ConsentRequired(Exception):
    """Content was about to be stored for someone who has not consented yet."""


def has_consented(user_id: int | None) -> bool:
    from haven.accounts.models import Consent

    if user_id is None:
        return False
    return Consent.objects.filter(user_id=user_id, version=settings.CONSENT_VERSION).exists()


def require_consent(user_id: int | None) -> None:
    if not has_consented(user_id):
        raise ConsentRequired(
            f"user {user_id} has not consented to version {settings.CONSENT_VERSION}"
        )


def give_consent(user) -> None:
    from haven.accounts.models import Consent

    Consent.objects.get_or_create(user=user, version=settings.CONSENT_VERSION)
