"""Daily reminder e-mails: opt-in, at the person's time, saying nothing about them.

The partner may read the inbox, so the e-mail names no relationship, no
feeling and nothing the person wrote (texts in data/checkins.toml), and a
link in every e-mail turns reminders off without logging in.

Sending is done by `haven worker` (haven.core.worker), which calls
`send_due()` every half minute. Several workers may run at once (more than
one server, or a restart overlapping the old process): `claim_due` moves a
reminder's `next_due_at` forward before anything is sent, with a
conditional UPDATE that only matches the value it read (works on SQLite and
PostgreSQL alike), after reading with `SELECT ... FOR UPDATE SKIP LOCKED` on
PostgreSQL. A reminder is therefore claimed by exactly one worker. If
sending then fails, that day's reminder is skipped rather than risk sending
it twice.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from haven.accounts.models import display_name
from haven.checkins import content
from haven.checkins.models import CheckIn, Reminder
from haven.conf import env_int

logger = logging.getLogger(__name__)
SALT = "haven.checkins.reminder-stop"
# Reminders claimed (and then sent) per transaction; several workers share the rest.
BATCH = env_int("HAVEN_REMINDER_BATCH", 100, minimum=1)


@cache
def zones() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def next_due(at: datetime.time, zone: str, after: datetime.datetime) -> datetime.datetime:
    """The first moment after `after` when the clock in `zone` shows `at`."""
    tz = zoneinfo.ZoneInfo(zone)
    local = after.astimezone(tz)
    day = local.date()
    while True:
        candidate = datetime.datetime.combine(day, at, tzinfo=tz)
        # A time skipped by a daylight-saving change is read as the time after it.
        candidate = candidate.astimezone(datetime.UTC)
        if candidate > after:
            return candidate
        day += datetime.timedelta(days=1)


# --- the person's preference ----------------------------------------------------


def reminder_for(author) -> Reminder:
    """The person's reminder preference (off until they turn it on); not saved."""
    found = Reminder.objects.filter(author=author).first()
    return found or Reminder(author=author)


@transaction.atomic
def save_reminder(
    *,
    author,
    enabled: bool,
    at: datetime.time,
    zone: str,
    site_url: str,
    now: datetime.datetime | None = None,
) -> Reminder:
    if zone not in zones():
        raise ValueError(f"unknown time zone {zone!r}")
    now = now or timezone.now()
    reminder, _created = Reminder.objects.select_for_update().get_or_create(author=author)
    reminder.enabled = enabled
    reminder.time = at
    reminder.timezone = zone
    reminder.site_url = site_url[:200]
    reminder.next_due_at = next_due(at, zone, now) if enabled else None
    reminder.save()
    return reminder


def stop(*, author_id: int) -> bool:
    """Turn the person's reminders off; True if they were on."""
    return bool(
        Reminder.objects.filter(author_id=author_id, enabled=True).update(
            enabled=False, next_due_at=None
        )
    )


def stop_token(author_id: int) -> str:
    return signing.dumps(author_id, salt=SALT)


def author_for_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


# --- the worker's part ----------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    reminder_id: int
    author_id: int


@dataclass(frozen=True)
class Candidate:
    """A reminder that looked due, as it was read: `seen` is its next_due_at then."""

    reminder_id: int
    author_id: int
    time: datetime.time
    zone: str
    seen: datetime.datetime


def _candidates(now: datetime.datetime, limit: int) -> list[Candidate]:
    due = Reminder.objects.filter(enabled=True, next_due_at__lte=now).order_by("next_due_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        # PostgreSQL: lock the rows read; rows another worker holds are skipped
        # instead of waited for, so several workers share the work.
        due = due.select_for_update(skip_locked=True)
    fields = ("pk", "author_id", "time", "timezone", "next_due_at")
    return [Candidate(*row) for row in due.values_list(*fields)[:limit]]


def take(candidate: Candidate, now: datetime.datetime) -> bool:
    """Claim one reminder with a conditional UPDATE; False if someone else was first.

    The UPDATE only matches while the row still shows the `next_due_at` that
    was read. The first worker to write moves it to the next day, so any
    other worker that read the same value updates nothing and sends nothing.
    This holds on every database, with or without row locks.
    """
    following = next_due(candidate.time, candidate.zone, now)
    return bool(
        Reminder.objects.filter(
            pk=candidate.reminder_id, enabled=True, next_due_at=candidate.seen
        ).update(next_due_at=following, last_sent_at=now)
    )


def claim_due(now: datetime.datetime, limit: int | None = None) -> list[Claimed]:
    """Take the reminders due at `now` and move each to its next day.

    Whatever this returns, no other worker gets. Two guards: on PostgreSQL
    the rows are read with `FOR UPDATE SKIP LOCKED`, so workers take
    different rows without waiting; and on every database (SQLite too) each
    row is claimed by a conditional UPDATE (`take`) that only one worker can
    win.
    """
    with transaction.atomic():
        return [
            Claimed(candidate.reminder_id, candidate.author_id)
            for candidate in _candidates(now, limit or BATCH)
            if take(candidate, now)
        ]


def message_for(reminder: Reminder) -> EmailMessage:
    """The reminder e-mail, in the person's language, with nothing about them in it."""
    user = reminder.author
    base = reminder.site_url.rstrip("/")
    stop_url = f"{base}{reverse('checkins:reminders_stop')}?t={stop_token(user.pk)}"
    language = getattr(getattr(user, "profile", None), "language", "") or settings.LANGUAGE_CODE
    subject, body = content.email(
        language, name=display_name(user), url=f"{base}/", stop_url=stop_url
    )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            # One-click unsubscribe (RFC 8058): mail programs offer "turn off".
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def send_due(now: datetime.datetime | None = None) -> int:
    """Send every reminder due now; the number sent. The worker's job."""
    now = now or timezone.now()
    sent = 0
    while True:
        claimed = claim_due(now)
        if not claimed:
            return sent
        sent += _send(claimed, now)
        if len(claimed) < BATCH:
            return sent


def _send(claimed: list[Claimed], now: datetime.datetime) -> int:
    # Who checked in today already needs no nudge.
    done = set(
        CheckIn.objects.filter(
            author_id__in=[c.author_id for c in claimed], day=timezone.localdate(now)
        ).values_list("author_id", flat=True)
    )
    reminders = Reminder.objects.filter(pk__in=[c.reminder_id for c in claimed]).select_related(
        "author__profile"
    )
    mail = get_connection()
    try:
        mail.open()
    except OSError:
        logger.warning("the mail server cannot be reached; %d reminders skipped", len(claimed))
        return 0
    sent = 0
    try:
        for reminder in reminders:
            if reminder.author_id in done or not reminder.author.email:
                continue
            try:
                mail.send_messages([message_for(reminder)])
            except Exception:
                # One failed address must not stop the others. Logged without
                # the address or the text: only which reminder.
                logger.warning("reminder %s could not be sent", reminder.pk)
                continue
            sent += 1
    finally:
        mail.close()
    return sent
