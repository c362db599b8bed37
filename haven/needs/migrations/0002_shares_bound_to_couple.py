"""Shares are bound to the couple they were made in (haven.core.sharing)."""

import django.db.models.deletion
from django.db import migrations, models

from haven.core.migration_tools import bind_existing_shares


class Migration(migrations.Migration):
    dependencies = [
        ("couples", "0001_initial"),
        ("needs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="acknowledgement",
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
        migrations.AddField(
            model_name="feltsensenote",
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
        migrations.AddField(
            model_name="need",
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
            bind_existing_shares("needs", ["acknowledgement", "feltsensenote", "need"]),
            migrations.RunPython.noop,
        ),
    ]
