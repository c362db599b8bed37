from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation

from haven.couples.selectors import current_partner
from haven.needs.catalogue import language_of
from haven.safety.selectors import individual_path


def language() -> str:
    return language_of(translation.get_language())


def base_context(request: HttpRequest) -> dict:
    """What almost every needs page shows: the partner (if any), and whether to
    leave out every suggestion of doing something together."""
    return {
        "partner": current_partner(request.user),
        "individual_path": individual_path(request.user),
    }
