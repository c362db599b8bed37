"""A load run against `haven serve`, from a second process on loopback.

    # a seeded PostgreSQL database (haven seed --couples 1000 --days 365), then:
    DATABASE_URL=postgres://... HAVEN_DATA_DIR=/tmp/bench \
        .venv/bin/python bench/load.py --serve --workers 4 --users 100 --seconds 60

With --serve the script starts `haven serve` itself (several gunicorn
workers) on a free port and stops it afterwards; with --url it uses a running
server. Each simulated person is a thread with their own cookies: they log in
as a seeded person, then loop through a realistic mix (home, check in, read
progress, practise a message, write a reflection, log a rocky moment when
that app is there) with a short think time. The run is bounded by --seconds
and --max-requests. Afterwards a login burst sends --burst logins at once,
because Argon2 hashing is what costs memory.

It prints throughput, p50/p95 per action, the count of 5xx and 4xx answers
and errors, and the peak resident memory of the server's processes (sampled
from /proc every 0.2 s).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d*)"')

MESSAGES = [
    "You never listen to me when I talk about work.",
    "I felt alone at the party and I wish you had stayed near me.",
    "Whatever. Do what you want.",
    "Ik mis je als je de hele avond op je telefoon zit.",
    "Jij bent altijd te laat en het kan je niks schelen.",
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0

    def record(self, action: str, seconds: float, status: int | None, error: str = "") -> None:
        with self.lock:
            self.requests += 1
            self.times[action].append(seconds * 1000)
            if status is not None:
                self.statuses[status] += 1
            if error:
                self.errors.append(f"{action}: {error}")


class Person:
    def __init__(self, base: str, email: str, password: str, stats: Stats) -> None:
        self.base, self.email, self.password, self.stats = base, email, password, stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )

    def request(self, action: str, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                status, page = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, page = error.code, error.read().decode()
        except OSError as error:
            self.stats.record(action, time.perf_counter() - started, None, repr(error))
            return 0, ""
        self.stats.record(action, time.perf_counter() - started, status)
        return status, page

    def post_form(self, action: str, path: str, fields: dict) -> int:
        status, page = self.request(f"{action} (form)", path)
        token = TOKEN.search(page)
        if status != 200 or token is None:
            return status
        data = {"csrfmiddlewaretoken": token.group(1), **fields}
        revision = REVISION.search(page)
        if revision is not None:
            data["revision"] = revision.group(1)
        return self.request(action, path, data)[0]

    def log_in(self) -> bool:
        status = self.post_form(
            "log in",
            "/accounts/login/",
            {
                "login": self.email,
                "password": self.password,
            },
        )
        return status == 302

    def step(self, rng: random.Random, paths: dict[str, str]) -> None:
        choice = rng.random()
        if choice < 0.25:
            self.request("home", "/")
        elif choice < 0.45:
            self.request("progress", paths["progress"])
        elif choice < 0.60:
            self.post_form(
                "check in", paths["checkin"], {"percent": str(rng.randrange(0, 101, 10))}
            )
        elif choice < 0.80:
            _status, page = self.request("practise (page)", paths["practise"])
            token = TOKEN.search(page)
            if token:
                self.request(
                    "practise",
                    paths["practise"],
                    {"csrfmiddlewaretoken": token.group(1), "message": rng.choice(MESSAGES)},
                )
        elif choice < 0.90 or "moment" not in paths:
            self.post_form(
                "write a reflection",
                paths["journal"],
                {"title": "", "body": "A quiet evening, we talked a little. " * 3},
            )
        else:
            self.post_form(
                "log a moment",
                paths["moment"],
                {
                    "happened_date": time.strftime("%Y-%m-%d"),
                    "what_happened": "We snapped at each other about the dishes.",
                    "intensity": "3",
                },
            )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_tree_rss(root: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                parent = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children[parent].append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class MemoryWatch(threading.Thread):
    def __init__(self, pid: int | None) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while self.pid and not self.stop.is_set():
            self.peak = max(self.peak, process_tree_rss(self.pid))
            time.sleep(0.2)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def summary(stats: Stats, seconds: float) -> dict:
    every = [t for times in stats.times.values() for t in times]
    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    # Every step of the mix is something a person can do: a refused form
    # (400) means the mix or the page is wrong, and must be looked at.
    refused = sum(n for status, n in stats.statuses.items() if 400 <= status < 500)
    return {
        "requests": stats.requests,
        "seconds": round(seconds, 1),
        "throughput_rps": round(stats.requests / seconds, 1) if seconds else 0,
        "p50_ms": round(statistics.median(every), 1) if every else 0,
        "p95_ms": round(percentile(every, 0.95), 1),
        "5xx": server_errors,
        "4xx": refused,
        "errors": len(stats.errors),
        "statuses": dict(sorted(stats.statuses.items())),
        "actions": {
            action: {
                "n": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
            }
            for action, times in sorted(stats.times.items())
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running Haven, e.g. http://127.0.0.1:8000")
    target.add_argument("--serve", action="store_true", help="start haven serve for the run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between steps (s)")
    parser.add_argument("--burst", type=int, default=50, help="simultaneous logins afterwards")
    parser.add_argument("--prefix", default="seed")
    parser.add_argument("--password", default="seed-password-123")
    parser.add_argument("--moments", action="store_true", help="include logging rocky moments")
    args = parser.parse_args()

    server = None
    if args.serve:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "HAVEN_WORKERS": str(args.workers)}
        log = open(Path(os.environ.get("HAVEN_DATA_DIR", "/tmp")) / "load-serve.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [sys.executable, "-m", "haven", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("haven serve did not start; see load-serve.log") from None
                time.sleep(0.5)
    else:
        base = args.url.rstrip("/")

    paths = {
        "progress": "/checkin/progress/",
        "checkin": "/checkin/",
        "practise": "/practise/",
        "journal": "/reflections/new/",
    }
    if args.moments:
        paths["moment"] = "/moments/new/"
    watch = MemoryWatch(server.pid if server else None)
    watch.start()
    stats = Stats()
    stop = threading.Event()
    started_at = time.perf_counter()

    def simulate(n: int) -> None:
        rng = random.Random(n)
        person = Person(base, f"{args.prefix}-{n}{'ab'[n % 2]}@example.test", args.password, stats)
        if not person.log_in():
            stats.errors.append(f"log in failed for person {n}")
            return
        while not stop.is_set() and stats.requests < args.max_requests:
            person.step(rng, paths)
            time.sleep(rng.expovariate(1 / args.think) if args.think else 0)

    threads = [threading.Thread(target=simulate, args=(n,)) for n in range(args.users)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)  # a ramp of one second per hundred people
    while time.perf_counter() - started_at < args.seconds and stats.requests < args.max_requests:
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    mix = summary(stats, time.perf_counter() - started_at)
    mix["peak_rss_mib"] = round(watch.peak / 2**20, 1)

    # The login burst: everyone at once, fresh cookies.
    watch.peak = 0
    burst = Stats()
    people = [
        Person(base, f"{args.prefix}-{n}a@example.test", args.password, burst)
        for n in range(args.burst)
    ]
    for person in people:  # fetch the forms first; the burst is the POSTs
        person.request("form", "/accounts/login/")
    gate = threading.Barrier(len(people))
    burst_started = time.perf_counter()

    def burst_login(person: Person) -> None:
        _status, page = person.request("form again", "/accounts/login/")
        token = TOKEN.search(page)
        gate.wait()
        if token:
            person.request(
                "log in",
                "/accounts/login/",
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "login": person.email,
                    "password": args.password,
                },
            )

    burst_threads = [threading.Thread(target=burst_login, args=(p,)) for p in people]
    for thread in burst_threads:
        thread.start()
    for thread in burst_threads:
        thread.join(timeout=300)
    logins = burst.times.get("log in", [])
    burst_summary = {
        "logins": len(logins),
        "ok": burst.statuses.get(302, 0),
        "seconds": round(time.perf_counter() - burst_started, 1),
        "p50_ms": round(statistics.median(logins), 1) if logins else 0,
        "p95_ms": round(percentile(logins, 0.95), 1),
        "5xx": sum(n for s, n in burst.statuses.items() if s >= 500),
        "peak_rss_mib": round(watch.peak / 2**20, 1),
    }
    watch.stop.set()
    if server is not None:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    print(
        json.dumps(
            {"mix": mix, "login_burst": burst_summary, "errors_sample": stats.errors[:5]}, indent=2
        )
    )
    return 1 if mix["5xx"] or mix["4xx"] or burst_summary["5xx"] else 0


if __name__ == "__main__":
    sys.exit(main())
