"""`haven seed`: synthetic couples that behave like real ones."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from haven.checkins.models import CheckIn, CheckInDetails
from haven.core import policy
from haven.couples.selectors import current_partner
from haven.journal.models import Reflection
from haven.needs.models import Need
from tests import serving

pytestmark = pytest.mark.django_db


def _seed(couples: int = 3, days: int = 40, prefix: str = "seed", jobs: int = 1) -> str:
    out = StringIO()
    call_command(
        "seed",
        couples=couples,
        days=days,
        prefix=prefix,
        password="pw-seed-1",
        jobs=jobs,
        stdout=out,
        stderr=StringIO(),
    )
    return out.getvalue()


def _broken_references() -> tuple[int, dict[str, int]]:
    """(how many references were checked, the ones pointing at no row)."""
    checked, broken = 0, {}
    for model in apps.get_models():
        for fld in model._meta.concrete_fields:
            if not fld.is_relation or fld.related_model is None:
                continue
            target = fld.related_model._default_manager.values(fld.target_field.attname)
            rows = model._default_manager.exclude(**{f"{fld.attname}__isnull": True})
            missing = rows.exclude(**{f"{fld.attname}__in": target}).count()
            checked += 1
            if missing:
                broken[f"{model._meta.label}.{fld.name}"] = missing
    return checked, broken


def test_seed_makes_linked_couples_who_can_log_in():
    report = _seed(couples=3, days=40)
    assert "Seeded 3 couples (6 people) with 40 days" in report
    User = get_user_model()
    people = list(User.objects.filter(email__startswith="seed-").order_by("email"))
    assert len(people) == 6
    a, b = people[0], people[1]
    assert current_partner(a) == b and current_partner(b) == a
    client = Client()
    response = client.post(reverse("account_login"), {"login": a.email, "password": "pw-seed-1"})
    assert response.status_code == 302
    # Consent is on record, so the person goes straight in, and their pages work.
    for name in ("home", "checkins:progress", "needs:overview", "journal:list"):
        assert client.get(reverse(name)).status_code == 200, name


def test_seed_writes_a_history_with_gaps_within_the_days_asked():
    _seed(couples=2, days=60)
    person = get_user_model().objects.get(email="seed-0a@example.test")
    days = list(CheckIn.objects.filter(author=person).values_list("day", flat=True))
    assert 10 < len(days) < 60  # most days, not every day
    assert len(set(days)) == len(days)
    assert (max(days) - min(days)).days < 60
    assert all(0 <= p <= 100 for p in CheckIn.objects.values_list("percent", flat=True))
    # Every check-in has its details row, as the app keeps it.
    assert CheckInDetails.objects.count() == CheckIn.objects.count()
    assert Need.objects.exists()
    assert Reflection.objects.filter(author=person).count() == 2


def test_seeded_text_is_encrypted_at_rest_and_readable_through_haven():
    _seed(couples=2, days=30)
    need = Need.objects.first()
    assert need.sentence  # decrypted by the field
    with connection.cursor() as cursor:
        cursor.execute("SELECT sentence FROM needs_need")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all(value.startswith("hv1:") for value in stored)
    assert need.sentence not in stored


def test_seeded_sharing_follows_the_policy():
    _seed(couples=2, days=30)
    a = get_user_model().objects.get(email="seed-0a@example.test")
    b = current_partner(a)
    seen = policy.visible(b, CheckIn).filter(author=a)
    assert all(c.visibility == "shared" for c in seen)
    assert not policy.visible(b, CheckInDetails).filter(author=a).exists()


def test_seeding_twice_adds_new_people_instead_of_colliding():
    _seed(couples=2, days=10)
    _seed(couples=2, days=10)
    assert get_user_model().objects.filter(email__startswith="seed-").count() == 8


def test_every_reference_in_a_seeded_database_holds():
    # On PostgreSQL the seeder skips the per-row foreign-key triggers (as a
    # superuser may): it must then make every referenced row itself.
    _seed(couples=3, days=30)
    assert CheckIn.objects.exists() and CheckInDetails.objects.exists()
    checked, broken = _broken_references()
    assert checked > 20
    assert broken == {}


def test_the_check_for_references_finds_a_broken_one():
    _seed(couples=1, days=5)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    else:
        connection.disable_constraint_checking()
    missing = get_user_model().objects.order_by("-id").values_list("id", flat=True)[0] + 1000
    Reflection.objects.filter(pk=Reflection.objects.first().pk).update(author_id=missing)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
    else:
        connection.enable_constraint_checking()
    assert _broken_references()[1] == {"journal.Reflection.author": 1}
    Reflection.objects.filter(author_id=missing).delete()


JOBS_DATABASE = "haven_seed_jobs_test"

JOBS_CHECK = """
from django.contrib.auth import get_user_model
from haven.couples.selectors import current_partner
from tests.core.test_seed import _broken_references
User = get_user_model()
print("EMAILS", " ".join(sorted(User.objects.values_list("email", flat=True))))
pairs = [f"{u.email}>{current_partner(u).email}" for u in User.objects.all()]
print("PARTNERS", " ".join(sorted(pairs)))
print("BROKEN", _broken_references()[1])
"""


def test_seeding_with_several_processes_writes_each_couple_once(tmp_path):
    # The real command in a process of its own, as an operator runs it: its
    # workers are forked from a plain Haven process, not from this test run.
    server = serving.postgres()
    serving.admin(server, f"DROP DATABASE IF EXISTS {JOBS_DATABASE} WITH (FORCE)")
    serving.admin(server, f"CREATE DATABASE {JOBS_DATABASE}")
    env = serving.haven_env(server, tmp_path / "data", JOBS_DATABASE)

    def haven(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "haven", *args],
            env=env,
            cwd=serving.REPO,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    try:
        haven("migrate", "-v0")
        haven("seed", "--couples", "2", "--days", "10", "--prefix", "par")  # couples 0 and 1
        report = haven("seed", "--couples", "5", "--days", "20", "--prefix", "par", "--jobs", "2")
        assert "Seeded 5 couples (10 people) with 20 days" in report
        found = dict(
            line.split(" ", 1)
            for line in serving.shell(env, JOBS_CHECK).splitlines()
            if " " in line
        )
    finally:
        serving.admin(server, f"DROP DATABASE IF EXISTS {JOBS_DATABASE} WITH (FORCE)")
    people = [f"par-{n}{side}@example.test" for n in range(7) for side in "ab"]
    assert found["EMAILS"].split() == sorted(people)
    pairs = {f"par-{n}a@example.test>par-{n}b@example.test" for n in range(7)}
    pairs |= {f"par-{n}b@example.test>par-{n}a@example.test" for n in range(7)}
    assert set(found["PARTNERS"].split()) == pairs
    assert found["BROKEN"] == "{}"


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite's message"
)
def test_several_processes_on_sqlite_are_refused_with_a_reason():
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        _seed(couples=2, days=5, jobs=2)
    assert not get_user_model().objects.filter(email__startswith="seed-").exists()


def test_seed_refuses_nonsense_numbers():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed", couples=0, stdout=StringIO())
