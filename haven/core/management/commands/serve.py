"""`haven serve`: prepare the data folder and run Haven under gunicorn."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from haven.conf import env_int, env_str


class Command(BaseCommand):
    help = "Apply migrations, collect static files and serve Haven with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env_str("HAVEN_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("HAVEN_PORT", 8000, minimum=1))
        parser.add_argument("--workers", type=int, default=env_int("HAVEN_WORKERS", 2, minimum=1))
        parser.add_argument(
            "--no-migrate", action="store_true", help="Do not apply migrations first."
        )

    def handle(self, *args, host: str, port: int, workers: int, no_migrate: bool, **options):
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
            # Also after switching a deployment's cache back to the database.
            call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self.stdout.write(f"Haven is starting on http://{bind}/ (data in {settings.DATA_DIR})")
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "haven.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
        ]
        os.execv(sys.executable, argv)
