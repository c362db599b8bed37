"""Several app processes, one PostgreSQL: the same person sees one truth.

Two `haven serve` processes on different ports share a database and a data
folder (secret key, encryption keys), as an organisation would run them
behind a load balancer. One browser alternates between them: it logs in on
one, writes on the other, reads back on the first, and a logout on either
ends the session on both. Runs when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import html
import re
import uuid

import pytest
from django.db import connections
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.serving import (
    Browser,
    admin,
    haven_env,
    postgres,
    serving,
    shell,
)

DATABASE = "haven_processes_test"

CREATE_USER = """
from tests.conftest import make_user
make_user("two@example.org", "Noor")
"""

COUNT = """
from haven.checkins.models import CheckIn
from haven.journal.models import Reflection
print("COUNTS", Reflection.objects.count(), CheckIn.objects.count())
"""


def _token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


@pytest.mark.django_db(transaction=True)
def test_two_app_processes_serve_one_logged_in_person_consistently(tmp_path):
    server = postgres()
    admin(server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    admin(server, f"CREATE DATABASE {DATABASE}")
    env = haven_env(server, tmp_path / "data", DATABASE, workers=1)
    with serving(env, tmp_path) as ports:
        shell(env, CREATE_USER)

        one = Browser(f"http://127.0.0.1:{ports[0]}")
        # The same cookie jar on both ports: cookies belong to the host, as
        # behind a load balancer.
        two = Browser(f"http://127.0.0.1:{ports[1]}", jar=one.jar)

        token = one.csrf_token(reverse("account_login"))
        status, page, _ = one.request(
            reverse("account_login"),
            {"csrfmiddlewaretoken": token, "login": "two@example.org", "password": PASSWORD},
        )
        assert status == 302, page[:1000]

        # Logged in on process two as well, with no second login.
        status, page, _ = two.request(reverse("home"))
        assert status == 200 and "Noor" in page

        # Write on one, read on the other, for several rounds.
        titles = []
        for round_ in range(6):
            writer, reader = (one, two) if round_ % 2 else (two, one)
            title = f"round {round_} {uuid.uuid4().hex[:8]}"
            token = writer.csrf_token(reverse("journal:new"))
            status, page, _ = writer.request(
                reverse("journal:new"),
                {"csrfmiddlewaretoken": token, "title": title, "body": f"body of {title}"},
            )
            assert status == 302, page[:500]
            titles.append(title)
            status, page, _ = reader.request(reverse("journal:list"))
            assert status == 200
            assert all(html.escape(t) in page for t in titles), (round_, titles)

        # A check-in saved through process one is today's check-in on process two:
        # editing it there changes the same row (one per day), not a second one.
        for browser, percent in ((one, "40"), (two, "70")):
            status, page, _ = browser.request(reverse("checkins:today"))
            revision = re.search(r'name="revision" value="(\d*)"', page)
            data = {"csrfmiddlewaretoken": _token(page), "percent": percent}
            data["revision"] = revision.group(1) if revision else ""
            status, page, _ = browser.request(reverse("checkins:today"), data)
            assert status == 302, page[:800]
        status, page, _ = one.request(reverse("checkins:today"))
        assert re.search(r'value="70"[^>]*checked|checked[^>]*value="70"', page), page[:2000]
        counts = shell(env, COUNT).split("COUNTS", 1)[1].split()
        assert counts == ["6", "1"]

        # Logging out on one process ends the session on the other.
        token = two.csrf_token(reverse("home"))
        status, _page, _ = two.request(reverse("account_logout"), {"csrfmiddlewaretoken": token})
        assert status == 302
        status, _page, headers = one.request(reverse("journal:list"))
        assert status == 302 and reverse("account_login") in headers["Location"]
        connections.close_all()
        admin(server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
