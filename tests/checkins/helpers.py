"""Small builders shared by the check-in tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from haven.checkins import services
from haven.checkins.models import CheckIn, CheckInDetails


def check_in(author, percent: int, day: datetime.date | None = None, **extra) -> CheckIn:
    """A check-in through the service, as a person makes one (private)."""
    entry = services.Entry(percent=percent, **extra)
    return services.save_checkin(author=author, entry=entry, day=day or timezone.localdate())


def seed(author, values: dict[int, int], *, today: datetime.date | None = None, shared=False):
    """Check-ins `days_ago -> percent`, written in bulk (fast, for long histories)."""
    today = today or timezone.localdate()
    visibility = "shared" if shared else "private"
    checkins = CheckIn.objects.bulk_create(
        CheckIn(
            author=author,
            day=today - datetime.timedelta(days=ago),
            percent=percent,
            visibility=visibility,
        )
        for ago, percent in values.items()
    )
    CheckInDetails.objects.bulk_create(
        CheckInDetails(author=author, checkin=checkin, note="") for checkin in checkins
    )
    return checkins
