"""`haven seed` writes rocky moments that look lived-in: some shared, some repaired."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from haven.core import policy
from haven.couples.selectors import current_partner
from haven.moments import content
from haven.moments.models import Moment, Pause, Repair

pytestmark = pytest.mark.django_db


def _seed(couples: int = 3, days: int = 120) -> None:
    call_command(
        "seed",
        couples=couples,
        days=days,
        prefix="seedm",
        password="pw-seed-1",
        stdout=StringIO(),
        stderr=StringIO(),
    )


def test_seeded_moments_come_every_one_to_three_weeks_and_some_are_repaired():
    _seed(couples=3, days=120)
    people = list(get_user_model().objects.filter(email__startswith="seedm-"))
    assert len(people) == 6
    for person in people:
        mine = list(Moment.objects.filter(author=person).order_by("happened_at"))
        assert 4 <= len(mine) <= 18, len(mine)  # 120 days at one per 1-3 weeks
        assert all(m.topic in content.topic_keys() for m in mine)
        assert all(m.ending in content.ending_keys() for m in mine)
        assert all(1 <= m.intensity <= 10 and m.what_happened for m in mine)
    moments = Moment.objects.all()
    repaired = moments.filter(repaired_at__isnull=False)
    assert 0 < repaired.count() < moments.count()
    assert all(m.repaired_at > m.happened_at for m in repaired)
    # Every repaired moment has its finished repair; pauses are private and done.
    assert Repair.objects.count() == repaired.count()
    assert all(
        r.finished_at == r.moment.repaired_at for r in Repair.objects.select_related("moment")
    )
    assert all(p.visibility == "private" and p.done for p in Pause.objects.all())


def test_seeded_moments_are_encrypted_and_follow_the_policy():
    _seed(couples=2, days=90)
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened, topic FROM moments_moment")
        stored = cursor.fetchall()
    assert stored and all(
        text.startswith("hv1:") and topic.startswith("hv1:") for text, topic in stored
    )
    person = get_user_model().objects.filter(email__startswith="seedm-").first()
    partner = current_partner(person)
    seen = policy.visible(partner, Moment).filter(author=person)
    assert all(m.visibility == "shared" for m in seen)
    assert not policy.visible(partner, Pause).filter(author=person).exists()
