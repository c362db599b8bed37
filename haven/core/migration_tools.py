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


def bind_existing_shares(app_label: str, model_names: list[str]) -> Callable:
    """A RunPython function that binds shares made before they were bound to a couple.

    Conservative on purpose: a shared item is bound to its author's current
    couple only when it was written after that couple was formed. One written
    earlier may have been shared with a former partner, so it goes back to
    private; so does anything shared by someone who is now on their own after
    a couple. A person who was never linked keeps their shares unbound (they
    are bound when that person links). Joint items take their own couple.
    """

    def forwards(apps, schema_editor) -> None:
        membership = apps.get_model("couples", "Membership")
        for name in model_names:
            model = apps.get_model(app_label, name)
            joint = any(f.name == "couple" for f in model._meta.concrete_fields)
            for item in model.objects.filter(visibility="shared").iterator():
                if joint:
                    item.shared_couple_id = item.couple_id
                else:
                    current = (
                        membership.objects.filter(user_id=item.author_id, active=True)
                        .select_related("couple")
                        .first()
                    )
                    if current is not None and item.created_at >= current.couple.created_at:
                        item.shared_couple_id = current.couple_id
                    elif membership.objects.filter(user_id=item.author_id).exists():
                        item.visibility = "private"
                        item.shared_couple_id = None
                    else:
                        continue
                model.objects.filter(pk=item.pk).update(
                    visibility=item.visibility, shared_couple_id=item.shared_couple_id
                )

    return forwards
