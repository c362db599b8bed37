"""What every cycle page needs."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation

from haven.couples.selectors import current_partner
from haven.cycle import vocabulary
from haven.safety.selectors import individual_path


def language() -> str:
    return vocabulary.language_of(translation.get_language())


def base_context(request: HttpRequest) -> dict:
    """The partner (if any), and whether to leave out every suggestion of doing
    something together (after a safety check that indicated danger)."""
    return {
        "partner": current_partner(request.user),
        "individual_path": individual_path(request.user),
        "lang": language(),
    }
