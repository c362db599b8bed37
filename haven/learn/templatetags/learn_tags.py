"""The home page's "continue where you left off" card."""

from __future__ import annotations

from django import template
from django.utils import translation

from haven.learn import selectors
from haven.learn.loading import ContentError, language_of

register = template.Library()


@register.inclusion_tag("learn/_home_continue.html", takes_context=True)
def learn_continue(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    language = language_of(translation.get_language())
    try:
        path = selectors.path_for(user, language)
    except ContentError:
        # Broken content must not take the home page down; the content tests catch it.
        return {"show": False}
    return {"show": True, "path": path}
