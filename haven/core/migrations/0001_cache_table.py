"""The shared cache's table (login and invitation throttles, see docs/security.md).

Haven's default cache is Django's database cache, so every counter is shared
by all workers and servers and survives a restart. With a Redis cache
configured instead (HAVEN_CACHE_URL) this creates nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
