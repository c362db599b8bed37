"""`haven restore ARCHIVE`: put a `haven backup` archive back into the data folder."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from haven.core import backup


class Command(BaseCommand):
    help = (
        "Restore a `haven backup` archive into HAVEN_DATA_DIR: checks it, refuses to replace "
        "an existing database without --force, then applies newer migrations."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the .tar.gz file made by `haven backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "replace the database that is already in the data folder (stop Haven first; "
                "a copy of the current one is kept beside it)"
            ),
        )

    def handle(self, *args, archive: Path, force: bool, **options) -> None:
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "Haven uses PostgreSQL here (DATABASE_URL); this archive format holds the "
                "embedded SQLite database.\nRestore a PostgreSQL dump with pg_restore as "
                "described in docs/backup.md.",
                returncode=2,
            )
        folder = backup.DataFolder.from_settings()
        # Nothing in this process may hold the database open while it is replaced.
        connections.close_all()
        try:
            result = backup.restore_backup(folder, archive, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None

        # Migrations that encrypt existing text must use the restored keys, not
        # the ones this process read at start-up (maybe just generated).
        settings.ENCRYPTION_KEYS = list(result.encryption_keys)
        if result.secret_key:
            settings.SECRET_KEY = result.secret_key
        connection = connections[DEFAULT_DB_ALIAS]
        connection.close()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        call_command("migrate", interactive=False, verbosity=0)
        connection.close()

        manifest = result.manifest
        self.stdout.write(
            f"Restored {archive} (made {manifest.get('created_at', '?')} "
            f"by Haven {manifest.get('haven_version', '?')}) into {folder.path}:"
        )
        self.stdout.write(
            f"  database         {result.database}: {result.accounts} accounts, "
            f"{result.rows} rows in {result.tables} tables, integrity check ok"
        )
        for name in backup.KEY_FILES:
            path = folder.key_file(name)
            state = "restored" if path in result.restored_files else "not in the backup"
            self.stdout.write(f"  {name:<16} {state}")
        if result.checked_values:
            self.stdout.write(
                f"  keys checked     they open the text in the backup "
                f"({result.checked_values} sampled columns)"
            )
        if pending:
            self.stdout.write(
                f"  migrations       {len(pending)} applied (the backup came from an older Haven)"
            )
        else:
            self.stdout.write("  migrations       none needed")
        for path in result.kept_aside:
            self.stdout.write(f"  kept aside       {path}")
        if result.kept_aside and result.database not in result.replaced:
            self.stdout.write(
                "Kept aside is what the data folder held before. This folder had no database, "
                "so those are keys Haven generated on its first start; they open nothing and "
                "can be deleted."
            )
        for note in result.notes:
            self.stdout.write(f"Note: {note}")
        self.stdout.write("Start Haven again (haven serve) to use the restored data.")
