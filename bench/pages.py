"""Server time of Haven's main pages next to a minimal view, in one run.

    HAVEN_DATA_DIR=/tmp/bench [DATABASE_URL=postgres://...] \
        .venv/bin/python bench/pages.py --user seed-0a@example.test --runs 200

Seed the database first (`haven seed --couples N --days 365`). Each page is
requested in-process through Django's test client, logged in as the given
person, after a warm-up; the figure is the wall time of the request as the
server handles it (routing, middleware, view, template, database), without a
network. The minimal view goes through the same middleware, so the ratio
page / bare is what the target (within 3x) is about. Query counts per page
are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haven.settings")

import django

django.setup()

from haven.core.runtime import prepare_process  # noqa: E402

prepare_process()  # as a `haven serve` worker does at start (haven/wsgi.py)

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import clear_url_caches, reverse  # noqa: E402

PAGES = [
    ("bare", "bench-bare", None),
    ("home", "home", None),
    ("progress", "checkins:progress", "haven.checkins"),
    ("cycle", "cycle:index", "haven.cycle"),
    ("moments", "moments:index", "haven.moments"),
    ("learn", "learn:path", "haven.learn"),
    ("practise", "practise:page", None),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default="seed-0a@example.test")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    settings.ROOT_URLCONF = "bench.bare_urls"
    settings.ALLOWED_HOSTS = ["*"]
    clear_url_caches()
    user = get_user_model().objects.get(email=args.user)
    client = Client()
    client.force_login(user)

    couples = apps.get_model("couples", "Couple").objects.count()
    pages = [
        (label, reverse(name))
        for label, name, app in PAGES
        if app is None or apps.is_installed(app)
    ]
    queries: dict[str, int] = {}
    for label, url in pages:
        for _ in range(args.warmup):
            assert client.get(url).status_code == 200, (label, url)
        seen: list[str] = []

        def count(execute, sql, params, many, context, seen=seen):
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        queries[label] = len(seen)
    # Round robin: every round requests each page once, so a burst of load
    # from elsewhere on the machine touches the bare view and the pages alike
    # and the ratios stay fair.
    times: dict[str, list[float]] = {label: [] for label, _ in pages}
    for _ in range(args.runs):
        for label, url in pages:
            started = time.perf_counter()
            response = client.get(url)
            times[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    results = [
        {
            "page": label,
            "url": url,
            "queries": queries[label],
            "p50_ms": round(statistics.median(times[label]), 2),
            "p95_ms": round(percentile(times[label], 0.95), 2),
        }
        for label, url in pages
    ]
    bare = results[0]["p50_ms"]
    for row in results:
        row["ratio_p50"] = round(row["p50_ms"] / bare, 2)
    meta = {
        "database": connection.vendor,
        "couples": couples,
        "user": args.user,
        "checkins_of_user": apps.get_model("checkins", "CheckIn")
        .objects.filter(author=user)
        .count(),
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps({"meta": meta, "pages": results}, indent=2))
        return 0
    print(
        f"{meta['database']}, {couples:,} couples, {meta['checkins_of_user']} check-ins "
        f"for {args.user}, {args.runs} runs per page"
    )
    print("| page | p50 ms | p95 ms | × bare (p50) | queries |")
    print("|---|---:|---:|---:|---:|")
    for row in results:
        print(
            f"| {row['page']} | {row['p50_ms']} | {row['p95_ms']} | {row['ratio_p50']} "
            f"| {row['queries']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
