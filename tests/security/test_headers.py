"""Requirement 12: check --deploy passes with production settings; every
response carries CSP (scripts only with a nonce), frame-ancestors 'none',
nosniff, Referrer-Policy, COOP; cookies Secure, HttpOnly, SameSite; HSTS over
HTTPS. Requirement 16 (part): content pages are no-store."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from haven.journal import services as journal
from tests.conftest import PASSWORD


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "HAVEN_DATA_DIR": str(tmp_path),
        "HAVEN_HTTPS": "true",
        "ALLOWED_HOSTS": "haven.example.org",
        "DEBUG": "false",
    }
    env.pop("DATABASE_URL", None)
    # Set by the browser tests' fixture in this test process; never in deployment.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "haven", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _pages(cast) -> list[str]:
    item = journal.create_reflection(author=cast.partner_a, body="page")
    return [
        reverse("home"),
        reverse("journal:list"),
        reverse("journal:detail", args=[item.pk]),
        reverse("practise:page"),
        reverse("profile"),
        reverse("safety:help"),
        reverse("account_change_password"),
        reverse("usersessions_list"),
    ]


def test_every_page_carries_the_security_headers(cast, client_a):
    for url in _pages(cast):
        response = client_a.get(url)
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp, url
        assert "default-src 'self'" in csp, url
        script_src = re.search(r"script-src ([^;]+)", csp).group(1)
        assert "'unsafe-inline'" not in script_src and "'nonce-" in script_src, url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "no-store" in response["Cache-Control"], url


def test_anonymous_pages_carry_the_headers_too(client, db):
    for url in (reverse("home"), reverse("account_login"), reverse("account_signup")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert "'nonce-" in response["Content-Security-Policy"]
        assert "no-store" in response["Cache-Control"]


def test_every_script_tag_carries_this_responses_nonce(cast, client_a):
    for url in _pages(cast):
        response = client_a.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        html = response.content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts, url
        for tag in scripts:
            assert f'nonce="{nonce}"' in tag, (url, tag)
        assert " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


def test_cookies_are_httponly_samesite_and_secure_over_https(settings, db):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    from tests.conftest import make_user

    make_user("cookie@example.org", "Cory")
    client = Client()
    client.get(reverse("account_login"))
    response = client.post(
        reverse("account_login"), {"login": "cookie@example.org", "password": PASSWORD}
    )
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies.get(name) or client.cookies[name]
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name
        assert cookie["secure"], name


@pytest.mark.parametrize("https", [True, False])
def test_hsts_only_over_https(tmp_path, https):
    env = {**os.environ, "HAVEN_DATA_DIR": str(tmp_path), "HAVEN_HTTPS": str(https).lower()}
    env.pop("DATABASE_URL", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_HSTS_SECONDS if hasattr(settings, 'SECURE_HSTS_SECONDS') else 0, "
        "settings.SESSION_COOKIE_SECURE)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "haven.settings"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    ).stdout.split()
    assert (int(out[0]) >= 31536000) is https
    assert (out[1] == "True") is https
