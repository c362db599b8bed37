"""`haven backup`: one archive with the SQLite database and its keys (docs/backup.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from haven.core import backup


class Command(BaseCommand):
    help = (
        "Back up the embedded SQLite database, safely while Haven runs, together with the "
        "keys that open its text, into one .tar.gz file (mode 0600). See docs/backup.md."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help=(
                "archive file to write, or an existing folder to write it in "
                "(default: haven-backup-<UTC time>.tar.gz in the current folder)"
            ),
        )
        parser.add_argument(
            "--without-keys",
            action="store_true",
            help=(
                "leave encryption_keys and secret_key out of the archive, for people who keep "
                "them apart; without those keys nobody can read the text in the backup"
            ),
        )

    def handle(self, *args, output: Path | None, without_keys: bool, **options) -> None:
        engine = settings.DATABASES["default"]["ENGINE"]
        if engine != "django.db.backends.sqlite3":
            raise CommandError(postgresql_advice(), returncode=2)
        folder = backup.DataFolder.from_settings()
        try:
            result = backup.create_backup(folder, output, include_keys=not without_keys)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None

        size = result.path.stat().st_size
        self.stdout.write(f"Backup written to {result.path} ({size:,} bytes, mode 0600).")
        self.stdout.write(f"  database         {folder.database} (integrity check ok)")
        for name, state in result.keys.items():
            self.stdout.write(f"  {name:<16} {_describe(name, state, folder)}")
        if without_keys:
            self.stderr.write(
                self.style.WARNING(
                    "\n!!! This archive does NOT contain the encryption keys. !!!\n"
                    "Without them nobody, you included, can read the text people wrote in Haven.\n"
                    f"Keep a copy of {folder.key_file(backup.ENCRYPTION_KEYS)} (and "
                    f"{folder.key_file(backup.SECRET_KEY)}) somewhere safe, apart from this "
                    "archive;\nyou need them to restore it.\n"
                )
            )
        elif result.keys[backup.ENCRYPTION_KEYS] == backup.INCLUDED:
            self.stdout.write(
                "This archive holds the keys that open everyone's text: keep it as private as "
                "the server itself."
            )
        if result.keys[backup.ENCRYPTION_KEYS] == backup.FROM_ENVIRONMENT:
            self.stderr.write(
                self.style.WARNING(
                    "The encryption keys come from HAVEN_ENCRYPTION_KEYS and are not in this "
                    "archive:\nkeep them safe apart from it, or the text in it cannot be read."
                )
            )


def _describe(name: str, state: str, folder: backup.DataFolder) -> str:
    return {
        backup.INCLUDED: "included",
        backup.LEFT_OUT: "LEFT OUT (--without-keys)",
        backup.FROM_ENVIRONMENT: f"not included: set through {folder.variable_for(name)}",
        backup.MISSING: f"not included: {folder.key_file(name)} does not exist",
    }[state]


def postgresql_advice() -> str:
    """What to do instead when Haven runs on PostgreSQL."""
    db = settings.DATABASES["default"]
    options = [
        f"--host={db.get('HOST') or 'localhost'}",
        f"--port={db.get('PORT') or 5432}",
    ]
    if db.get("USER"):
        options.append(f"--username={db['USER']}")
    stamp = backup.timestamp(datetime.now(UTC))
    keys = (
        "HAVEN_ENCRYPTION_KEYS (set in the environment)"
        if backup.ENCRYPTION_KEYS in backup.DataFolder.from_settings().keys_from_environment
        else str(Path(settings.DATA_DIR) / backup.ENCRYPTION_KEYS)
    )
    return (
        "Haven uses PostgreSQL here (DATABASE_URL); `haven backup` only backs up the "
        "embedded SQLite database.\n"
        "Use PostgreSQL's own tool, and keep the keys with the dump:\n"
        f"  pg_dump --format=custom {' '.join(options)} --file=haven-{stamp}.dump {db['NAME']}\n"
        f"  and a copy of {keys}: without it the text in the dump cannot be read.\n"
        "Restoring (pg_restore) is described in docs/backup.md."
    )
