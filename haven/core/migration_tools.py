"""Helpers for migrations that move plain text columns to encrypted ones."""

from __future__ import annotations

from collections.abc import Callable

from haven.core import crypto


def encrypt_columns(app_label: str, model_name: str, columns: list[str]) -> Callable:
    """A RunPython function that encrypts existing plain values in place."""

    def forwards(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            for column in columns:
                quoted = schema_editor.quote_name(column)
                cursor.execute(f"SELECT id, {quoted} FROM {table}")
                for pk, value in cursor.fetchall():
                    if value and not crypto.is_encrypted(value):
                        cursor.execute(
                            f"UPDATE {table} SET {quoted} = %s WHERE id = %s",
                            [crypto.encrypt(value), pk],
                        )

    return forwards
