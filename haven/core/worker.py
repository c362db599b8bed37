"""`haven worker`: background jobs that run next to `haven serve`.

A job is a function without arguments that does what is due now and returns
how many things it did (e.g. reminder e-mails sent). Apps list theirs in a
`jobs.py` module as `JOBS = [...]`; the worker finds every installed Haven
app's module, so a new job needs no change here.

Jobs must be safe to run in several workers at once (claim work in a
transaction before doing it): one server may run more than one worker, and
a restarting worker may overlap with the old one.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

from django.apps import apps
from django.db import connections

logger = logging.getLogger(__name__)

Job = Callable[[], int]


def discover() -> list[Job]:
    """Every JOBS entry of every installed haven.* app that has a jobs module."""
    found: list[Job] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("haven."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.jobs")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.jobs":
                raise
            continue
        found.extend(getattr(module, "JOBS", []))
    return found


def _tidy_connections() -> None:
    """Drop broken or expired database connections between jobs, as Django does
    between requests; a connection inside a transaction (a caller's, or a test's)
    is left alone."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def run_once(jobs: list[Job]) -> dict[str, int]:
    """Run each job once; a failing job is logged (without details) and the rest still run."""
    done: dict[str, int] = {}
    for job in jobs:
        name = f"{job.__module__}.{job.__qualname__}"
        _tidy_connections()
        try:
            done[name] = job()
        except Exception:
            # The exception text can quote data; the log gets the job's name only.
            logger.error("job %s failed", name)
            done[name] = 0
        finally:
            _tidy_connections()
    return done


def run_forever(jobs: list[Job], interval: float, stop: threading.Event) -> None:
    """Run the jobs every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        run_once(jobs)
        stop.wait(interval)
