"""Requirement 18: losing the database mid-request leaves no partial records,
returns a clear error page, and Haven recovers without a restart.

The first tests make the database fail inside one request (any database,
in-process). test_postgresql_restart_... really stops and starts PostgreSQL
under a running `haven serve` while requests are saving reflections; it runs
only when the suite runs on a local PostgreSQL that this user may restart.
What the restart test does is described in docs/backup.md.
"""

from __future__ import annotations

import html
import json
import logging
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.urls import reverse

from haven.journal import services
from haven.journal.models import Reflection
from tests.conftest import PASSWORD
from tests.serving import (
    Browser,
    admin,
    cluster,
    cluster_is_up,
    free_port,
    haven_env,
    local_postgres,
    shell,
    wait_until,
)

CANARY = "canary-db-away-73ad"
REPO = Path(__file__).resolve().parents[2]


def _unreachable(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


# --- One request, database failing (SQLite or PostgreSQL) -------------------------


def test_database_error_while_saving_gives_503_with_the_text_back(cast, monkeypatch, caplog):
    monkeypatch.setattr(services, "create_reflection", _unreachable)
    client = Client()
    client.force_login(cast.partner_a)
    body = f"<script>alert(1)</script> {CANARY}\nsecond line"
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            reverse("journal:new"),
            {
                "title": f"Title {CANARY}",
                "body": body,
                "password": f"pw-{CANARY}",
                "code": f"recovery-{CANARY}",
            },
        )
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "can't reach its database" in html.unescape(page)
    assert "Nothing you typed was saved halfway" in page
    # The text comes back, escaped, in a field that can be copied or sent again.
    assert f"{html.escape(body)}</textarea>" in page
    assert "<script>alert(1)</script>" not in page
    assert f'value="Title {CANARY}"' not in page and f">Title {CANARY}</textarea>" in page
    # Secrets are never shown back.
    assert f"pw-{CANARY}" not in page and f"recovery-{CANARY}" not in page
    assert 'name="csrfmiddlewaretoken"' in page
    # Logged: that it happened, never what was typed.
    assert "OperationalError" in caplog.text
    assert CANARY not in caplog.text
    # A page with someone's words is never cached, and keeps the strict policy.
    assert "no-store" in response["Cache-Control"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_database_error_outside_the_view_also_gives_the_503_page(cast, monkeypatch):
    # The consent check runs in a middleware before the view: Django turns its
    # error into a 500 there, which the middleware replaces.
    from haven.accounts import consent

    monkeypatch.setattr(consent, "has_consented", _unreachable)
    client = Client(raise_request_exception=False)
    client.force_login(cast.partner_a)
    response = client.post(reverse("journal:new"), {"title": "t", "body": f"words {CANARY}"})
    assert response.status_code == 503
    assert f"words {CANARY}</textarea>" in response.content.decode()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_page_load_without_database_offers_to_try_again(cast, monkeypatch):
    from haven.core import policy

    monkeypatch.setattr(policy, "visible", _unreachable)
    client = Client()
    client.force_login(cast.partner_a)
    response = client.get(reverse("journal:list"))
    page = response.content.decode()
    assert response.status_code == 503
    assert "<textarea" not in page
    assert f'href="{reverse("journal:list")}"' in page


def test_quick_exit_still_leaves_when_the_database_is_away(cast, monkeypatch, settings):
    from haven.core import views

    monkeypatch.setattr(views, "logout", _unreachable)
    client = Client()
    client.force_login(cast.partner_a)
    response = client.post(reverse("quick_exit"))
    assert response.status_code == 303
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "cache" in response["Clear-Site-Data"]
    assert response.cookies["sessionid"]["max-age"] == 0


def test_other_errors_show_the_friendly_500_page_without_the_text(cast, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "create_reflection", broken)
    client = Client(raise_request_exception=False)
    client.force_login(cast.partner_a)
    response = client.post(reverse("journal:new"), {"title": "t", "body": f"words {CANARY}"})
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert CANARY not in page
    assert "Traceback" not in page


# --- A real PostgreSQL restart under `haven serve` ------------------------------------

TEST_DATABASE = "haven_restart_test"
WORKERS = 2
SENDERS = 3


@dataclass
class Outcome:
    title: str
    body: str
    status: int | None
    page: str = ""
    retry_after: str | None = None
    error: str = ""
    after_restart: bool = False


# make_user records consent (haven.accounts.consent.give_consent) too.
CREATE_USER = f"""
from haven.accounts.consent import has_consented
from tests.conftest import make_user
user = make_user("restart@example.org", "Rosa")
assert has_consented(user.pk) and user.check_password({PASSWORD!r})
"""

DUMP_REFLECTIONS = """
import json
from haven.journal.models import Reflection
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM journal_reflection WHERE title = '' OR body = ''")
    empty = cursor.fetchone()[0]
rows = [[r.title, r.body] for r in Reflection.objects.all()]
print("ROWS " + json.dumps({"rows": rows, "empty_columns": empty}))
"""


def _send(browser: Browser, token: str, label: str, after_restart: bool) -> Outcome:
    unique = uuid.uuid4().hex
    title = f"Title {label} {unique}"
    # Long, multi-line, with characters that need escaping on the 503 page.
    body = f'Body {unique} <&> "quoted" 🌊\n' + "words " * 200 + unique
    try:
        status, page, headers = browser.request(
            reverse("journal:new"),
            {"csrfmiddlewaretoken": token, "title": title, "body": body},
        )
    except OSError as exc:
        return Outcome(title, body, None, error=repr(exc), after_restart=after_restart)
    return Outcome(
        title, body, status, page, headers.get("Retry-After"), after_restart=after_restart
    )


@pytest.mark.skipif(
    sys.platform != "linux", reason="restarts a Debian PostgreSQL cluster with pg_ctlcluster"
)
def test_postgresql_restart_mid_request_loses_nothing_and_recovers(tmp_path):
    server = local_postgres()
    admin(server, f"DROP DATABASE IF EXISTS {TEST_DATABASE} WITH (FORCE)")
    admin(server, f"CREATE DATABASE {TEST_DATABASE}")
    env = haven_env(server, tmp_path, TEST_DATABASE, WORKERS)
    port = free_port()
    # To a file, not a pipe: while the database is away every failed request
    # logs a traceback, and a pipe nobody reads yet would fill up and block
    # the workers.
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log_file:
        serve = subprocess.Popen(
            [sys.executable, "-m", "haven", "serve", "--port", str(port)],
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    outcomes: list[Outcome] = []
    threads: list[threading.Thread] = []
    restarted = threading.Event()
    stop = threading.Event()
    served_throughout = False
    try:
        browser = Browser(f"http://127.0.0.1:{port}")

        def answering() -> bool:
            if serve.poll() is not None:
                raise AssertionError(log_path.read_text())
            try:
                return browser.request("/")[0] == 200
            except OSError:
                return False

        wait_until(answering, "haven serve to answer")
        shell(env, CREATE_USER)
        token = browser.csrf_token(reverse("account_login"))
        status, page, _headers = browser.request(
            reverse("account_login"),
            {"csrfmiddlewaretoken": token, "login": "restart@example.org", "password": PASSWORD},
        )
        assert status == 302, page[:1000]
        token = browser.csrf_token(reverse("journal:new"))

        lock = threading.Lock()

        def sender(number: int) -> None:
            count = 0
            while not stop.is_set():
                count += 1
                outcome = _send(browser, token, f"{number}-{count}", restarted.is_set())
                with lock:
                    outcomes.append(outcome)
                time.sleep(0.02)

        threads.extend(threading.Thread(target=sender, args=(n,)) for n in range(SENDERS))
        for thread in threads:
            thread.start()

        def count(predicate) -> int:
            with lock:
                return sum(1 for o in outcomes if predicate(o))

        def report() -> str:
            with lock:
                seen = Counter((o.after_restart, o.status, o.error[:80]) for o in outcomes)
            return f"(after restart?, status, error): {dict(seen)}"

        wait_until(lambda: count(lambda o: o.status == 302) >= 10, "saves before", report=report)
        # The restart, in two steps so that requests surely arrive while the
        # database is away: stop (fast mode ends the connections of requests in
        # flight), wait until several saves were refused, start again.
        cluster(server, "stop")
        wait_until(
            lambda: count(lambda o: o.status == 503) >= 5, "saves refused while down", report=report
        )
        cluster(server, "start")
        wait_until(lambda: cluster_is_up(server), "PostgreSQL to accept connections")
        restarted.set()
        wait_until(
            lambda: count(lambda o: o.after_restart and o.status == 302) >= 10,
            "saves after the restart, without restarting haven serve",
            report=report,
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        served_throughout = serve.poll() is None
        if not cluster_is_up(server):
            cluster(server, "start")
            wait_until(lambda: cluster_is_up(server), "PostgreSQL back after the test")
        serve.terminate()
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
        server_log = log_path.read_text()
        print(server_log[-20000:])  # shown by pytest when the test fails
        # The suite's own connection died with the restart: open a new one later.
        connections.close_all()

    try:
        # The same haven serve process answered before, during and after.
        assert served_throughout, server_log[-3000:]
        statuses = Counter(o.status for o in outcomes)
        assert set(statuses) <= {302, 503}, (statuses, [o.error for o in outcomes if o.error])
        assert statuses[503] >= 5 and statuses[302] >= 20

        refused = [o for o in outcomes if o.status == 503]
        for outcome in refused:
            assert outcome.retry_after and outcome.retry_after.isdigit()
            assert "Nothing you typed was saved halfway" in outcome.page
            # Nothing typed is lost: it is on the page, escaped.
            assert f"{html.escape(outcome.body)}</textarea>" in outcome.page
            assert f">{html.escape(outcome.title)}</textarea>" in outcome.page

        stored = json.loads(shell(env, DUMP_REFLECTIONS).split("ROWS ", 1)[1].splitlines()[0])
        assert stored["empty_columns"] == 0
        rows = [tuple(row) for row in stored["rows"]]  # decrypted by Haven itself
        sent = {(o.title, o.body): o for o in outcomes}
        assert len(rows) == len(set(rows)), "a reflection was stored twice"
        # Every stored reflection is one that was sent, whole: no partial rows.
        assert all(row in sent for row in rows), [r for r in rows if r not in sent][:3]
        # Every save that was confirmed is there.
        saved = {(o.title, o.body) for o in outcomes if o.status == 302}
        assert saved <= set(rows), len(saved - set(rows))
        # The server's log names what happened, never what was typed.
        assert "OperationalError" in server_log
        assert not any(o.title.split()[-1] in server_log for o in outcomes)
    finally:
        admin(server, f"DROP DATABASE IF EXISTS {TEST_DATABASE} WITH (FORCE)")


@pytest.mark.django_db
def test_the_suite_database_works_after_the_restart(solo_user):
    # Runs after the restart test (file order): the suite's own connection was
    # reopened, so later tests are unaffected.
    services.create_reflection(author=solo_user, title="after", body="the restart")
    assert Reflection.objects.get(author=solo_user).body == "the restart"
