"""Re-encrypt every stored text with the first key in HAVEN_ENCRYPTION_KEYS.

Put a new key in front of the old one, restart, run `haven rotate-keys`, then
the old key can be removed. See docs/security.md.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from haven.core import crypto
from haven.core.database import prepare_database
from haven.core.fields import EncryptedJSONField, EncryptedTextField


class Command(BaseCommand):
    help = "Re-encrypt all stored text with the newest encryption key."

    def handle(self, *args, **options) -> None:
        prepare_database(self.stdout)
        total = 0
        for model in apps.get_models():
            columns = [
                f.column
                for f in model._meta.concrete_fields
                if isinstance(f, EncryptedTextField | EncryptedJSONField)
            ]
            if not columns:
                continue
            total += self._rotate(model, columns)
        self.stdout.write(f"Re-encrypted {total} values.")

    @transaction.atomic
    def _rotate(self, model, columns: list[str]) -> int:
        from django.db import connection

        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        count = 0
        with connection.cursor() as cursor:
            for column in columns:
                quoted = connection.ops.quote_name(column)
                cursor.execute(f"SELECT {pk}, {quoted} FROM {table}")
                for row_id, value in cursor.fetchall():
                    if not value:
                        continue
                    cursor.execute(
                        f"UPDATE {table} SET {quoted} = %s WHERE {pk} = %s",
                        [crypto.rotate(value), row_id],
                    )
                    count += 1
        return count
