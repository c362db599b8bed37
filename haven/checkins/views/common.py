"""Small helpers shared by the check-in views."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation

from haven.checkins import selectors
from haven.needs.catalogue import language_of
from haven.safety.selectors import individual_path


def language() -> str:
    return language_of(translation.get_language())


def base_context(request: HttpRequest) -> dict:
    """The partner (if any), whether to suggest anything joint, and which wording to use."""
    partner = selectors.partner_of(request.user)
    return {
        "partner": partner,
        "individual_path": individual_path(request.user),
        "mode": selectors.mode_for(request.user, partner),
    }
