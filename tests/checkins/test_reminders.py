"""Reminders: opt-in, at the person's time, in their language, saying nothing about
them, turned off with one link; sent by `haven worker`, never twice."""

from __future__ import annotations

import datetime
import email
import re
import socket
import threading
from email import policy as email_policy

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from haven.checkins import reminders
from haven.checkins.models import Reminder
from haven.core import worker
from tests.checkins.helpers import check_in
from tests.conftest import make_user

UTC = datetime.UTC
AMSTERDAM = "Europe/Amsterdam"
CANARY = "canary-reminder-7d2e"
# The partner may read the inbox: none of this may appear in a reminder.
SENSITIVE = re.compile(
    r"partner|relationship|relatie|couple|\bstel|feel|gevoel|check-in|safety|veilig|"
    r"attachment|hechting|love|liefde|need|behoefte",
    re.IGNORECASE,
)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


# --- when -----------------------------------------------------------------------


def test_next_due_is_today_if_the_time_is_still_ahead_else_tomorrow():
    eight = datetime.time(20, 0)
    # 18:00 in Amsterdam (CET, UTC+1) -> 20:00 the same day = 19:00 UTC.
    assert reminders.next_due(eight, AMSTERDAM, at("2025-01-10T17:00+00:00")) == at(
        "2025-01-10T19:00+00:00"
    )
    assert reminders.next_due(eight, AMSTERDAM, at("2025-01-10T19:00+00:00")) == at(
        "2025-01-11T19:00+00:00"
    )


def test_next_due_follows_daylight_saving_time():
    eight = datetime.time(20, 0)
    before = reminders.next_due(eight, AMSTERDAM, at("2025-03-29T19:30+00:00"))
    assert before == at("2025-03-30T18:00+00:00")  # summer time: UTC+2
    # 02:30 does not exist on the night the clocks go forward: the reminder still comes.
    skipped = reminders.next_due(datetime.time(2, 30), AMSTERDAM, at("2025-03-29T12:00+00:00"))
    assert skipped.date() == datetime.date(2025, 3, 30)


def test_other_time_zones():
    due = reminders.next_due(datetime.time(7, 30), "America/New_York", at("2025-06-01T12:00+00:00"))
    assert due == at("2025-06-02T11:30+00:00")


# --- the settings page ------------------------------------------------------------


def test_reminders_are_off_until_turned_on(client_a, partner_a):
    page = client_a.get(reverse("checkins:reminders")).content.decode()
    assert "Reminders are off." in page
    assert not Reminder.objects.exists()


def test_turning_reminders_on_and_off(client_a, partner_a):
    response = client_a.post(
        reverse("checkins:reminders"), {"enabled": "on", "time": "21:15", "timezone": AMSTERDAM}
    )
    assert response.status_code == 302
    reminder = Reminder.objects.get(author=partner_a)
    assert reminder.enabled and reminder.time == datetime.time(21, 15)
    assert reminder.next_due_at > timezone.now()
    assert reminder.site_url == "http://testserver/"
    page = client_a.get(reverse("checkins:reminders")).content.decode()
    assert "every day at 21:15 (Europe/Amsterdam)" in page

    client_a.post(reverse("checkins:reminders"), {"time": "21:15", "timezone": AMSTERDAM})
    reminder.refresh_from_db()
    assert not reminder.enabled and reminder.next_due_at is None


def test_a_bad_time_zone_or_time_is_refused(client_a):
    url = reverse("checkins:reminders")
    bad_zone = client_a.post(url, {"enabled": "on", "time": "21:15", "timezone": "Mars/Base"})
    bad_time = client_a.post(url, {"enabled": "on", "time": "25:99", "timezone": AMSTERDAM})
    assert bad_zone.status_code == bad_time.status_code == 400
    assert not Reminder.objects.exists()


def _due(user, minutes_ago: int = 1, language: str | None = None) -> Reminder:
    if language:
        user.profile.language = language
        user.profile.save()
    now = timezone.now()
    reminder = reminders.save_reminder(
        author=user,
        enabled=True,
        at=datetime.time(20, 0),
        zone=AMSTERDAM,
        site_url="http://haven.example/",
        now=now,
    )
    Reminder.objects.filter(pk=reminder.pk).update(
        next_due_at=now - datetime.timedelta(minutes=minutes_ago)
    )
    return reminder


# --- claiming: never twice ------------------------------------------------------------


@pytest.mark.django_db
def test_a_claimed_reminder_moves_to_the_next_day_and_is_not_claimed_again():
    user = make_user("one@example.org", "One")
    _due(user)
    now = timezone.now()
    first = reminders.claim_due(now)
    assert [c.author_id for c in first] == [user.pk]
    assert reminders.claim_due(now) == []
    reminder = Reminder.objects.get(author=user)
    assert reminder.next_due_at > now and reminder.last_sent_at == now


@pytest.mark.django_db
def test_turned_off_and_future_reminders_are_not_claimed():
    off, later = make_user("off@example.org", "Off"), make_user("later@example.org", "Later")
    _due(off)
    reminders.stop(author_id=off.pk)
    reminders.save_reminder(
        author=later, enabled=True, at=datetime.time(20), zone=AMSTERDAM, site_url=""
    )
    Reminder.objects.filter(author=later).update(
        next_due_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert reminders.claim_due(timezone.now()) == []


@pytest.mark.django_db
def test_a_worker_that_read_the_reminder_before_another_claimed_it_takes_nothing(monkeypatch):
    """The conditional UPDATE alone keeps a reminder from being sent twice, also on a
    database without row locks: a stale read (what a second worker saw before the
    first one wrote) claims nothing."""
    user = make_user("race@example.org", "Race")
    _due(user)
    now = timezone.now()
    stale = reminders._candidates(now, 10)
    assert [c.author_id for c in stale] == [user.pk]
    assert [c.author_id for c in reminders.claim_due(now)] == [user.pk]  # the first worker
    assert reminders.take(stale[0], now) is False
    monkeypatch.setattr(reminders, "_candidates", lambda now, limit: stale)
    assert reminders.claim_due(now) == []  # the second worker, with its stale read


@pytest.mark.django_db
def test_turning_reminders_off_between_read_and_claim_wins():
    user = make_user("late-off@example.org", "Off")
    _due(user)
    now = timezone.now()
    seen = reminders._candidates(now, 10)
    reminders.stop(author_id=user.pk)
    assert reminders.take(seen[0], now) is False


# The in-memory SQLite database of the test run is shared between threads with
# table locks that do not wait, unlike a real SQLite file; on SQLite the
# multi-process test below covers the same ground against a real file.
needs_row_locks = pytest.mark.skipif(
    "connection.vendor == 'sqlite'", reason="shared in-memory SQLite; see the process test"
)


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_several_workers_at_once_never_claim_the_same_reminder():
    people = [make_user(f"p{n}@example.org", f"P{n}") for n in range(24)]
    for person in people:
        _due(person)
    now = timezone.now()
    start = threading.Barrier(4)
    claimed: list[list[int]] = []
    problems: list[BaseException] = []

    def work() -> None:
        mine: list[int] = []
        try:
            start.wait()
            while True:
                batch = reminders.claim_due(now, limit=3)
                if not batch:
                    break
                mine.extend(c.reminder_id for c in batch)
        except BaseException as problem:  # reported below
            problems.append(problem)
        finally:
            claimed.append(mine)
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not problems, problems
    everything = [pk for batch in claimed for pk in batch]
    assert len(everything) == len(set(everything)) == len(people)
    assert len([batch for batch in claimed if batch]) >= 1


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_waits_or_skips_while_the_first_holds_its_claim():
    user = make_user("held@example.org", "Held")
    _due(user)
    now = timezone.now()
    inside, release = threading.Event(), threading.Event()
    second: list = []

    def slow_first_worker() -> None:
        # Claim the way claim_due does, but keep the transaction open for a moment.
        from django.db import transaction

        try:
            with transaction.atomic():
                rows = Reminder.objects.filter(enabled=True, next_due_at__lte=now)
                if connection.features.has_select_for_update_skip_locked:
                    rows = rows.select_for_update(skip_locked=True)
                reminder = rows.get()
                reminder.next_due_at = reminders.next_due(reminder.time, reminder.timezone, now)
                reminder.save()
                inside.set()
                release.wait(10)
        finally:
            connections.close_all()

    def second_worker() -> None:
        try:
            inside.wait(10)
            second.extend(reminders.claim_due(now))
        finally:
            connections.close_all()

    first = threading.Thread(target=slow_first_worker)
    other = threading.Thread(target=second_worker)
    first.start()
    other.start()
    inside.wait(10)
    release.set()
    first.join(20)
    other.join(20)
    assert second == []


# --- sending: through a real SMTP server --------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost (aiosmtpd); Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self) -> None:
            self.messages: list[tuple[list[str], bytes]] = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    handler = Collect()
    handler.port = port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield handler
    controller.stop()


def _parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email_policy.default)


def test_the_reminder_arrives_through_smtp_in_each_persons_language(smtp_server, cast):
    anna, bram = cast.partner_a, cast.partner_b  # a linked couple
    # Anna writes something private today-1 so her account holds content to leak.
    check_in(anna, 30, day=timezone.localdate() - datetime.timedelta(days=1), note=CANARY)
    _due(anna, language="nl")
    _due(bram, language="en")

    assert reminders.send_due() == 2
    assert len(smtp_server.messages) == 2
    received = {tuple(to): _parsed(raw) for to, raw in smtp_server.messages}
    dutch = received[(anna.email,)]
    english = received[(bram.email,)]

    assert dutch["Subject"] == "Je dagelijkse herinnering"
    assert english["Subject"] == "Your daily reminder"
    dutch_body = dutch.get_content()
    english_body = english.get_content()
    assert "Hoi Anna," in dutch_body and "Zet ze hier uit" in dutch_body
    assert "Hi Bram," in english_body and "Turn them off here" in english_body
    for message, body in ((dutch, dutch_body), (english, english_body)):
        whole = message["Subject"] + body
        assert CANARY not in whole
        assert not SENSITIVE.search(whole), whole
        assert "http://haven.example/" in body
        stop_link = re.search(r"http://haven\.example(/checkin/reminders/stop/\?t=\S+)", body)
        assert stop_link and message["List-Unsubscribe"].strip() == f"<{stop_link.group(0)}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nobody_who_already_checked_in_today_is_reminded(smtp_server, db):
    done, not_yet = make_user("done@example.org", "Done"), make_user("nope@example.org", "Nope")
    check_in(done, 50)
    _due(done)
    _due(not_yet)
    assert reminders.send_due() == 1
    assert [to for to, _raw in smtp_server.messages] == [[not_yet.email]]
    # Neither is due again today.
    assert reminders.send_due() == 0


def test_an_unreachable_mail_server_skips_the_round_without_crashing(settings, db, caplog):
    user = make_user("x@example.org", "X")
    _due(user)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    assert reminders.send_due() == 0
    assert "x@example.org" not in caplog.text
    # At most once: the claim stands, so it is not sent twice later.
    assert Reminder.objects.get(author=user).next_due_at > timezone.now()


SEED = """
import datetime, django
django.setup()
from django.contrib.auth import get_user_model
from django.utils import timezone
from haven.checkins.models import Reminder
due = timezone.now() + datetime.timedelta(seconds=float(__import__("sys").argv[1]))
for n in range(int(__import__("sys").argv[2])):
    address = f"w{n}@example.org"
    user = get_user_model().objects.create_user(username=address, email=address)
    Reminder.objects.create(author=user, enabled=True, next_due_at=due, site_url="http://h/")
"""


def test_several_worker_processes_send_each_reminder_exactly_once(tmp_path, smtp_server):
    """Three `haven worker` processes on one SQLite file, small batches, a slow mail
    server so they overlap: every reminder arrives once, none twice."""
    import asyncio
    import os
    import signal
    import subprocess
    import sys
    import time

    original = type(smtp_server).handle_DATA

    async def slow(self, server, session, envelope):
        await asyncio.sleep(0.05)
        return await original(self, server, session, envelope)

    type(smtp_server).handle_DATA = slow
    env = {
        **os.environ,
        "HAVEN_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "haven.settings",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "false",
        "HAVEN_REMINDER_BATCH": "2",
    }
    python = sys.executable
    count = 30
    subprocess.run([python, "-m", "haven.cli", "migrate", "-v", "0"], env=env, check=True)
    # Due a few seconds from now, when all three workers are up and polling.
    subprocess.run([python, "-c", SEED, "6", str(count)], env=env, check=True)
    workers = [
        subprocess.Popen(
            [python, "-m", "haven.cli", "worker", "--interval", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(smtp_server.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2.5)  # time for a duplicate to show up, if there were one
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        outputs = [process.communicate(timeout=30) for process in workers]
    type(smtp_server).handle_DATA = original
    for process, (out, err) in zip(workers, outputs, strict=True):
        assert process.returncode == 0, err.decode()
        assert b"Haven worker stopped." in out
    recipients = [to[0] for to, _raw in smtp_server.messages]
    assert len(recipients) == count
    assert sorted(recipients) == sorted(f"w{n}@example.org" for n in range(count))


# --- the link in the e-mail -----------------------------------------------------


def _stop_url(user) -> str:
    return f"{reverse('checkins:reminders_stop')}?t={reminders.stop_token(user.pk)}"


def test_the_link_in_the_email_asks_first_and_turns_off_on_post(db):
    user = make_user("zeb@example.org", "Zebulon")
    _due(user)
    anonymous = Client()
    page = anonymous.get(_stop_url(user))
    assert page.status_code == 200 and "Turn reminders off" in page.content.decode()
    assert "zeb@example.org" not in page.content.decode()
    assert "Zebulon" not in page.content.decode()
    assert Reminder.objects.get(author=user).enabled, "GET changes nothing (mail scanners)"
    token = reminders.stop_token(user.pk)
    done = anonymous.post(reverse("checkins:reminders_stop"), {"t": token})
    assert done.status_code == 200 and "Reminders are off" in done.content.decode()
    assert not Reminder.objects.get(author=user).enabled


def test_one_click_unsubscribe_from_a_mail_program(db):
    user = make_user("oneclick@example.org", "One")
    _due(user)
    client = Client(enforce_csrf_checks=True)
    response = client.post(_stop_url(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Reminder.objects.get(author=user).enabled


def test_a_forged_link_does_nothing(db):
    user = make_user("forged@example.org", "F")
    _due(user)
    client = Client()
    assert client.get(reverse("checkins:reminders_stop") + "?t=1:abc").status_code == 200
    assert client.post(reverse("checkins:reminders_stop"), {"t": "1:abc"}).status_code == 400
    assert Reminder.objects.get(author=user).enabled


# --- the worker --------------------------------------------------------------------


def test_the_worker_finds_the_reminder_job():
    assert reminders.send_due in worker.discover()


def test_haven_worker_once_sends_what_is_due(db, capsys):
    user = make_user("worker@example.org", "W")
    _due(user)
    call_command("worker", "--once")
    assert "send_due: 1" in capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [["worker@example.org"]]


def test_a_failing_job_does_not_stop_the_others(db, caplog):
    def broken() -> int:
        raise RuntimeError("secret text from a row")

    def fine() -> int:
        return 3

    done = worker.run_once([broken, fine])
    assert list(done.values()) == [0, 3]
    assert "secret text" not in caplog.text


def test_the_worker_loop_stops_when_asked(db):
    stop = threading.Event()
    rounds: list[int] = []

    def job() -> int:
        rounds.append(1)
        stop.set()
        return 0

    worker.run_forever([job], 0.01, stop)
    assert rounds == [1]
