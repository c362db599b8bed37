"""Path converters that keep topics out of the browser's history.

A module, script or exercise is named in its URL by an opaque token instead
of its slug ("/learn/module/3f9c0a7d21be/", not ".../infidelity-and-injuries/"),
so someone scrolling the history of a shared device learns nothing from it.
The token is an HMAC of the slug with this server's secret key: stable for
bookmarks on one install, different on another. Views and reverse() keep
working with slugs; the converter translates both ways, and an unknown token
is a 404.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings

TOKEN_LENGTH = 12


def token(kind: str, slug: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{kind}:{slug}".encode(), hashlib.sha256).hexdigest()[:TOKEN_LENGTH]


class OpaqueSlug:
    """Base converter; a subclass names its `kind` and lists its `slugs()`."""

    regex = f"[0-9a-f]{{{TOKEN_LENGTH}}}"
    kind = ""

    @staticmethod
    def slugs() -> Iterable[str]:
        raise NotImplementedError

    def to_python(self, value: str) -> str:
        slug = _table(type(self), settings.SECRET_KEY).get(value)
        if slug is None:
            raise ValueError(value)  # Django answers 404
        return slug

    def to_url(self, value: str) -> str:
        return token(self.kind, value)


def _table(converter: type[OpaqueSlug], secret: str) -> dict[str, str]:
    # Built per lookup (a few dozen HMACs): the slugs come from content that
    # is itself cached, and tests may swap that content.
    return {token(converter.kind, slug): slug for slug in converter.slugs()}
