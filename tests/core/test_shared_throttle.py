"""The login and invitation-code throttles hold across two server processes.

Before, the counters lived in each worker's memory: with two processes a
guesser got twice the tries (and a restart gave them all back). The counters
now live in the shared cache (the database by default), so two `haven serve`
processes on one database count together. Runs on the suite's database: the
SQLite default in a fresh data folder, or a fresh PostgreSQL database; and
once more with the counters in a real Redis server (HAVEN_CACHE_URL) when
`redis-server` is installed (always in CI, where `.ci/run` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD, in_ci
from tests.serving import (
    REPO,
    Browser,
    admin,
    free_port,
    haven_env,
    postgres,
    serving,
    shell,
)

DATABASE = "haven_throttle_test"

CREATE_USERS = """
from tests.conftest import make_user
from haven.couples import services
make_user("owner@example.org", "Olga")
make_user("guesser@example.org", "Gus")
services.create_invitation(inviter=make_user("ivo@example.org", "Ivo"))
"""


def _env(tmp_path) -> dict[str, str]:
    if urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "")).scheme.startswith("postgres"):
        server = postgres()
        admin(server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin(server, f"CREATE DATABASE {DATABASE}")
        return haven_env(server, tmp_path / "data", DATABASE, workers=1)
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(
        {"HAVEN_DATA_DIR": str(tmp_path / "data"), "HAVEN_WORKERS": "1", "PYTHONPATH": str(REPO)}
    )
    return env


def _login(browser: Browser, email: str, password: str) -> tuple[int, str]:
    token = browser.csrf_token(reverse("account_login"))
    status, page, _ = browser.request(
        reverse("account_login"),
        {"csrfmiddlewaretoken": token, "login": email, "password": password},
    )
    return status, page


@pytest.fixture(params=["database", "redis"])
def cache_url(request, tmp_path) -> Iterator[str]:
    """'' for the database cache, or the URL of a Redis server started for the test."""
    if request.param == "database":
        yield ""
        return
    binary = shutil.which("redis-server")
    if binary is None:
        if in_ci():
            pytest.fail("redis-server is missing: .ci/run installs it")
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import socket

        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("redis-server did not start") from None
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_throttles_count_across_two_server_processes(tmp_path, cache_url):
    env = _env(tmp_path)
    if cache_url:
        env["HAVEN_CACHE_URL"] = cache_url
    with serving(env, tmp_path) as ports:
        shell(env, CREATE_USERS)
        one = Browser(f"http://127.0.0.1:{ports[0]}")
        two = Browser(f"http://127.0.0.1:{ports[1]}", jar=one.jar)

        # Six wrong passwords, split over the two processes (3 + 3): the
        # account's limit (5 in 5 minutes) is reached on both; alone, neither
        # process would have counted enough.
        for n in range(6):
            status, page = _login((one, two)[n % 2], "owner@example.org", "wrong guess")
            assert status == 200
            assert n == 5 or "Too many" not in page, n
        for browser in (one, two):
            status, page = _login(browser, "owner@example.org", PASSWORD)
            assert status == 200 and "Too many failed login attempts" in page

        # Invitation codes: ten wrong ones over both processes, then even the
        # right one waits, on either process.
        guesser = Browser(f"http://127.0.0.1:{ports[0]}")
        guesser_two = Browser(f"http://127.0.0.1:{ports[1]}", jar=guesser.jar)
        assert _login(guesser, "guesser@example.org", PASSWORD)[0] == 302
        path = reverse("couples:enter_code")
        for n in range(10):
            browser = (guesser, guesser_two)[n % 2]
            token = browser.csrf_token(path)
            status, _page, _ = browser.request(
                path, {"csrfmiddlewaretoken": token, "code": f"WXYZ-{n:04d}"}
            )
            assert status == 400, n
        for browser in (guesser, guesser_two):
            token = browser.csrf_token(path)
            status, page, _ = browser.request(
                path, {"csrfmiddlewaretoken": token, "code": "WXYZ-9999"}
            )
            assert status == 429 and "Ivo" not in page
        # The counters are where the setting says, nowhere else.
        rows = (
            shell(
                env,
                "from django.db import connection\n"
                "rows = 0\n"
                "if 'haven_cache' in connection.introspection.table_names():\n"
                "    with connection.cursor() as c:\n"
                "        c.execute('SELECT COUNT(*) FROM haven_cache')\n"
                "        rows = c.fetchone()[0]\n"
                "print('ROWS', rows)",
            )
            .split("ROWS", 1)[1]
            .split()[0]
        )
        assert (int(rows) == 0) is bool(cache_url), rows
