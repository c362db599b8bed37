"""The in-app reminder to come back after a pause, on every page.

One query for a logged-in person, none at all for anyone else. Nothing here
ever reaches the partner: the reminder is the author's alone.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def pause_reminder(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from haven.moments.selectors import due_pause

    # Lazy: only a page that shows the banner (base.html) pays for the query.
    return {"due_pause": SimpleLazyObject(lambda: due_pause(user))}
