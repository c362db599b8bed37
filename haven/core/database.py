"""Bringing the database up to date before a command that needs it.

`haven serve` migrates before it starts; the other commands that read or
write the database (`haven demo`, `haven seed`, `haven worker`, `haven
rotate-keys`) do the same on a fresh data folder, so a newcomer's first
command works instead of stopping at "no such table".
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> int:
    """How many migrations the database has not applied yet."""
    executor = MigrationExecutor(connections[alias])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def apply_pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> int:
    """Apply what is pending (quietly); returns how many migrations ran."""
    count = pending_migrations(alias)
    if count:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    return count


def prepare_database(stdout: OutputWrapper, alias: str = DEFAULT_DB_ALIAS) -> None:
    """For a command's start: apply what is pending and say so when anything ran."""
    if apply_pending_migrations(alias):
        stdout.write("Prepared the database for its first use.")
