"""`haven coach-eval`: score the coach on the labelled corpus."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from haven.coach import cli


class Command(BaseCommand):
    help = cli.EVAL_HELP
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        cli.add_eval_arguments(parser)

    def handle(self, *args, **options):
        code = cli.run_eval(
            split=options["split"],
            lang=options["lang"],
            as_json=options["json"],
            mistakes=options["mistakes"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
        if code:
            sys.exit(code)
