"""Shares are bound to the couple they were made in (haven.core.sharing)."""

import django.db.models.deletion
from django.db import migrations, models

from haven.core.migration_tools import bind_existing_shares


class Migration(migrations.Migration):
    dependencies = [
        ("couples", "0001_initial"),
        ("journal", "0002_encrypt_text_add_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="reflection",
            name="shared_couple",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="couples.couple",
            ),
        ),
        migrations.RunPython(
            bind_existing_shares("journal", ["reflection"]), migrations.RunPython.noop
        ),
    ]
