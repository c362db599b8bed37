"""`haven worker`: run background jobs (daily reminder e-mails) until stopped."""

from __future__ import annotations

import signal
import threading

from django.core.management.base import BaseCommand, CommandParser

from haven.conf import env_int
from haven.core import worker
from haven.core.database import prepare_database


class Command(BaseCommand):
    help = (
        "Run Haven's background jobs (reminder e-mails) every --interval seconds until "
        "stopped. Run it next to `haven serve`; several workers at once are safe."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=int,
            default=env_int("HAVEN_WORKER_INTERVAL", 30, minimum=1),
            help="Seconds between rounds (default 30, or HAVEN_WORKER_INTERVAL).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Run every job once and exit (for cron)."
        )

    def handle(self, *args, interval: int, once: bool, **options) -> None:
        prepare_database(self.stdout)
        jobs = worker.discover()
        if once:
            for name, count in worker.run_once(jobs).items():
                self.stdout.write(f"{name}: {count}")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        names = ", ".join(f"{job.__module__}.{job.__qualname__}" for job in jobs) or "none"
        self.stdout.write(f"Haven worker: every {interval} s, jobs: {names}. Ctrl-C stops it.")
        self.stdout.flush()
        worker.run_forever(jobs, interval, stop)
        self.stdout.write("Haven worker stopped.")
