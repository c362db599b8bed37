from pathlib import Path

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _owner_only_database(sender, connection, **kwargs) -> None:
    """A SQLite file SQLite itself just created gets the data folder's owner-only mode."""
    if connection.vendor != "sqlite":
        return
    from haven.conf import owner_only

    name = str(connection.settings_dict.get("NAME") or "")
    if name and not name.startswith(("file:", ":memory:")) and "mode=memory" not in name:
        for suffix in ("", "-wal", "-shm"):
            owner_only(Path(name + suffix))


class CoreConfig(AppConfig):
    name = "haven.core"
    label = "core"

    def ready(self) -> None:
        connection_created.connect(_owner_only_database, dispatch_uid="haven-owner-only-db")
