"""`haven seed`: synthetic couples with a history, for benchmarks and load runs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from haven.core.database import prepare_database
from haven.core.seed import Seeder, SeedReport, run_parallel


class Command(BaseCommand):
    help = (
        "Create N synthetic couples, each with D days of history (check-ins, needs, "
        "reflections, measures). Everyone gets the same password. Not for real data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--couples", type=int, required=True)
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--prefix", default="seed", help="e-mail prefix: <prefix>-<n>a@...")
        parser.add_argument("--password", default="seed-password-123")
        parser.add_argument("--batch", type=int, default=500, help="couples per transaction")
        parser.add_argument("--random-seed", type=int, default=1)
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="processes writing at once (PostgreSQL only; about one per core)",
        )

    def handle(self, *args, couples, days, prefix, password, batch, random_seed, jobs, **options):
        if couples < 1 or days < 1 or batch < 1 or jobs < 1:
            raise CommandError("--couples, --days, --batch and --jobs must be at least 1.")
        if jobs > 1 and connection.vendor != "postgresql":
            raise CommandError(
                "--jobs needs PostgreSQL: SQLite writes one transaction at a time. "
                "Leave out --jobs to seed SQLite."
            )
        prepare_database(self.stdout)

        def progress(report: SeedReport) -> None:
            rate = report.total_rows / report.seconds if report.seconds else 0
            self.stderr.write(
                f"\r{report.couples}/{couples} couples, {report.total_rows} rows, "
                f"{rate:,.0f} rows/s",
                ending="",
            )

        if jobs > 1:
            try:
                report = run_parallel(
                    couples=couples,
                    jobs=jobs,
                    days=days,
                    prefix=prefix,
                    password=password,
                    rng_seed=random_seed,
                    batch=batch,
                    progress=progress,
                )
            except RuntimeError as exc:
                raise CommandError(f"Seeding stopped: {exc}") from None
        else:
            seeder = Seeder(days=days, prefix=prefix, password=password, rng_seed=random_seed)
            report = seeder.run(couples, batch=batch, progress=progress)
        self.stderr.write("")
        self.stdout.write(
            f"Seeded {report.couples} couples ({report.people} people) with {days} days: "
            f"{report.total_rows:,} rows in {report.seconds:.1f} s "
            f"({report.total_rows / max(report.seconds, 1e-9):,.0f} rows/s, "
            f"{report.couples / max(report.seconds, 1e-9):,.1f} couples/s)."
        )
        for label, n in sorted(report.rows.items()):
            self.stdout.write(f"  {label}: {n:,}")
        self.stdout.write(f"Log in as {prefix}-0a@example.test with the password given.")
