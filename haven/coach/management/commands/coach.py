"""`haven coach`: analyse one message, or one message per line from stdin with "-"."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from haven.coach import cli


class Command(BaseCommand):
    help = cli.COACH_HELP
    requires_system_checks: list[str] = []
    requires_migrations_checks = False
    # call_command("coach", "--json", "-", stdin=io.StringIO(...)) for tests and scripts.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        cli.add_coach_arguments(parser)

    def handle(self, *args, **options):
        stdin = options.get("stdin")
        if stdin is None:
            stdin = cli.utf8_stdin()
        code = cli.run_coach(
            options["text"],
            lang=options["lang"],
            as_json=options["json"],
            stdin=stdin,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        if code:
            sys.exit(code)
