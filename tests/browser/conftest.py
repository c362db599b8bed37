"""Playwright with the system Chromium; never a downloaded browser."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import in_ci

CHROMIUM = os.environ.get("HAVEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if in_ci():
            pytest.fail(f"CI must run browser tests, but no Chromium at {CHROMIUM}")
        pytest.skip(f"no system Chromium at {CHROMIUM} (install the Debian package 'chromium')")
    # The sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, so Django's async guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield instance
        instance.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture(autouse=True)
def _fresh_rate_limits(transactional_db):
    """Each browser test starts with allauth's rate-limit counters empty.

    All tests log in from 127.0.0.1 within a minute or two, which reaches
    allauth's per-address login limit once the pages are fast enough. The
    limits themselves are tested in tests/security/test_sessions_and_login.py.
    """
    from django.core.cache import cache

    cache.clear()
    yield
