"""A server process loads its long-lived parts up front and freezes them."""

from __future__ import annotations

import gc

from django.template import engines

from haven.core import runtime


def test_every_template_compiles_and_startup_objects_are_frozen():
    names = runtime._template_names()
    assert "base.html" in names and "core/home.html" in names
    try:
        frozen = runtime.prepare_process()
        # Frozen objects may still be freed afterwards, so only the size counts.
        assert frozen > 10_000 and gc.get_freeze_count() > 10_000
        # The cached loader now holds every compiled template: a request does
        # not compile one (and so never adds it to what the collector walks).
        loader = engines["django"].engine.template_loaders[0]
        assert all(name in loader.get_template_cache for name in names)
    finally:
        gc.unfreeze()
