"""Small helpers shared by the reflection views."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from haven.reflection import engine
from haven.reflection.engine import Instrument


def is_fetch(request: HttpRequest) -> bool:
    """Sent by reflection.js (autosave), which wants JSON instead of a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"


def instrument_or_404(key: str) -> Instrument:
    instrument = engine.get(key)
    if instrument is None:
        raise Http404
    return instrument


def saved_message() -> str:
    now = formats.time_format(timezone.localtime(), "TIME_FORMAT")
    return _("Saved at %(time)s") % {"time": now}
