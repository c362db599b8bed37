"""Benchmark the progress page's server time (not a test; run it by hand).

    .venv/bin/python bench/progress.py [--runs 200] [--years 5] [--json]

Builds a throw-away SQLite database in a temporary data folder (never the one
`haven serve` uses, never PostgreSQL), gives one person five years of daily
check-ins, a partner who shared every other day and a monthly reflection for
every month, then requests the progress page `--runs` times per period
through Django's full request handling (sessions, middleware, policy, trend,
SVG, template) and reports p50 / p95 / max in milliseconds (wall clock, and
the CPU time of this process, which other programs on the machine disturb
less) and the number of database queries of one request. Network and the
browser are not included: this is the server's part. Target: p95 under
50 ms for every period. Run it on an otherwise quiet machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
RANGES = ("90", "30", "365", "all")  # "90" is what the page shows without ?range=


def _setup(data_dir: str) -> None:
    os.environ["HAVEN_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # SQLite only
    os.environ["DJANGO_SETTINGS_MODULE"] = "haven.settings"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # As a `haven serve` worker does at start (haven/wsgi.py).
    from haven.core.runtime import prepare_process

    prepare_process()


def _person(email: str, name: str):
    from django.contrib.auth import get_user_model

    from haven.accounts.consent import give_consent

    user = get_user_model().objects.create_user(username=email, email=email)
    give_consent(user)
    profile = user.profile
    profile.display_name = name
    profile.language = "en"
    profile.save()
    return user


def _seed(years: int) -> tuple[object, int]:
    """A linked couple; Anna has a check-in every day for `years` years."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from haven.checkins.models import CheckIn, CheckInDetails, MonthlyMeasure
    from haven.couples import services as couples

    anna, bram = _person("anna@bench.invalid", "Anna"), _person("bram@bench.invalid", "Bram")
    issued = couples.create_invitation(inviter=anna)
    couples.accept_invitation(invitation_id=issued.invitation.pk, user=bram)
    today = timezone.localdate()
    days = years * 365 + years // 4
    rng = random.Random(7)
    with transaction.atomic():
        for author, every, shared in ((anna, 1, False), (bram, 2, True)):
            checkins = CheckIn.objects.bulk_create(
                CheckIn(
                    author=author,
                    day=today - datetime.timedelta(days=ago),
                    # A slow rise with waves and noise: peaks and valleys to find.
                    percent=max(
                        0, min(100, round(20 + 40 * (days - ago) / days + rng.gauss(0, 15)))
                    ),
                    visibility="shared" if shared and ago % 3 else "private",
                )
                for ago in range(0, days, every)
            )
            CheckInDetails.objects.bulk_create(
                CheckInDetails(author=author, checkin=c, emotions=["hopeful"], note="a line")
                for c in checkins
            )
        month = today.replace(day=1)
        for n in range(years * 12):
            MonthlyMeasure.objects.create(
                author=anna,
                month=month,
                instrument="haven-satisfaction",
                answers={},
                scores={"means": {"satisfaction": 3 + (n % 7) / 2}, "region": None},
            )
            month = (month - datetime.timedelta(days=1)).replace(day=1)
    return anna, CheckIn.objects.filter(author=anna).count()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def run(runs: int, years: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    anna, count = _seed(years)
    client = Client(SERVER_NAME="localhost")
    client.force_login(anna)
    url = reverse("checkins:progress")
    results = {}
    for key in RANGES:
        for _ in range(5):  # warm caches (templates, data files, instruments)
            client.get(url, {"range": key})
        queries: list[str] = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response = client.get(url, {"range": key})
        assert response.status_code == 200, response.status_code
        times, cpu = [], []
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, {"range": key})
            cpu.append((time.process_time() - began_cpu) * 1000)
            times.append((time.perf_counter() - began) * 1000)
        results[key] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2),
            "max_ms": round(max(times), 2),
            # CPU time of this process alone: steadier than the wall clock
            # when other programs share the machine.
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(_percentile(cpu, 0.95), 2),
            "queries": len(queries),
            "bytes": len(response.content),
        }
    return {
        "database": connection.vendor,
        "check_ins": count,
        "years": years,
        "runs": runs,
        "target_p95_ms": TARGET_MS,
        "ranges": results,
        "ok": all(r["p95_ms"] < TARGET_MS for r in results.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="requests per period (200)")
    parser.add_argument("--years", type=int, default=5, help="years of daily check-ins (5)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="haven-bench-") as data_dir:
        _setup(data_dir)
        report = run(args.runs, args.years)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"progress page, {report['check_ins']} daily check-ins ({args.years} years), "
            f"{report['database']}, {args.runs} runs per period"
        )
        print(
            f"{'period':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
            f"{'cpu p50':>8} {'cpu p95':>8} {'queries':>8}"
        )
        for key, row in report["ranges"].items():
            print(
                f"{key:>8} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['max_ms']:>8.1f} "
                f"{row['cpu_p50_ms']:>8.1f} {row['cpu_p95_ms']:>8.1f} {row['queries']:>8}"
            )
        verdict = "within" if report["ok"] else "OVER"
        print(f"target: p95 < {TARGET_MS:g} ms for every period: {verdict}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
