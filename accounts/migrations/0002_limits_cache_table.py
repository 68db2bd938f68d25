# The table of the "limits" cache (config/settings.py), so that `migrate` alone sets it up.
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_password_failures")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
