"""Getting a server process ready before its first request.

A web worker lives for days and keeps what it loaded at start (Django, the
URL patterns, the compiled templates) until it ends. Python's garbage
collector would still walk all of that on every full collection, which on the
progress page with years of history turned a 14 ms request into one of
35–70 ms now and then (docs/performance.md). `prepare_process()` loads the
long-lived parts up front and then freezes them (gc.freeze), so a full
collection only walks what requests create.

Nothing personal is loaded here: only code, URL patterns and templates.
"""

from __future__ import annotations

import gc
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver


def _template_names() -> list[str]:
    names = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        root = Path(folder)
        names += sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return names


def prepare_process() -> int:
    """Load URL patterns and Haven's templates, then freeze what is loaded.

    Answers how many objects the collector no longer walks.
    """
    get_resolver().url_patterns  # noqa: B018 (reading it loads every URL module)
    for name in _template_names():
        get_template(name)  # compiled once, kept by the cached loader
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
