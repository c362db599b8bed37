"""Encryption at rest for everything people write.

Free text is stored as Fernet tokens (AES-128-CBC with HMAC-SHA256, from the
`cryptography` package). Keys come from settings.ENCRYPTION_KEYS: the first key
encrypts, every key decrypts, so a key can be rotated by putting a new one in
front and running `haven rotate-keys` (see docs/security.md).

A database dump without the key file shows no one's words.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Fernet tokens always start with the version byte 0x80, which base64 turns
# into "gAAAAA". Stored values carry our own prefix as well, so plain text that
# happens to look like a token is never mistaken for one.
PREFIX = "hv1:"


class DecryptionFailed(Exception):
    """A stored value could not be decrypted with any configured key."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("ENCRYPTION_KEYS is empty: Haven cannot store text")
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, UnicodeEncodeError) as exc:
        raise ImproperlyConfigured(
            "HAVEN_ENCRYPTION_KEYS holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes; see docs/configuration.md)"
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def encrypt(text: str) -> str:
    if text == "":
        return ""
    return PREFIX + fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if stored == "":
        return ""
    if not is_encrypted(stored):
        raise DecryptionFailed("stored value is not encrypted")
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise DecryptionFailed("no configured key opens this value") from None


def rotate(stored: str) -> str:
    """Re-encrypt a stored value with the current first key."""
    if stored == "":
        return ""
    return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")
