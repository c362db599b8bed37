"""Requirement 17: a server error while saving content leaks no content to
logs or error mails."""

from __future__ import annotations

import io
import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from haven.journal import services

CANARY = "canary-crash-0b7e"


@pytest.fixture
def captured_log():
    """The text Haven's configured django.request handlers would write."""
    logger = logging.getLogger("django.request")
    streams = []
    for handler in logger.handlers:
        if isinstance(handler, logging.StreamHandler):
            stream = io.StringIO()
            streams.append((handler, handler.setStream(stream), stream))
    yield lambda: "".join(s.getvalue() for _h, _old, s in streams)
    for handler, old, _stream in streams:
        handler.setStream(old)


def test_a_crash_while_saving_leaks_no_content(settings, cast, monkeypatch, captured_log):
    settings.ADMINS = [("Admin", "admin@example.org")]

    def broken(*, author, body, title=""):
        local_copy = f"{title} {body}"  # a local variable holding the text
        raise ValueError(f"could not store {local_copy!r}")

    monkeypatch.setattr(services, "create_reflection", broken)
    client = Client(raise_request_exception=False)
    client.force_login(cast.partner_a)
    response = client.post(
        reverse("journal:new"), {"title": f"t {CANARY}", "body": f"body {CANARY}"}
    )
    assert response.status_code == 500
    assert CANARY not in response.content.decode()

    log = captured_log()
    assert "ValueError" in log  # the error itself is reported...
    assert CANARY not in log  # ...without what was typed

    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    everything = report.subject + report.body
    for alternative, _type in getattr(report, "alternatives", []):
        everything += alternative
    assert "ValueError" in everything
    assert CANARY not in everything
