"""The second half of 0004: the old models go, and so does Tag.former_id, once journal
0007 has moved the entry tags onto the new ids."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("interpretations", "0004_tag"),
        ("journal", "0007_entry_tag"),
    ]

    operations = [
        migrations.DeleteModel(name="Scenario"),
        migrations.DeleteModel(name="SomaticMarker"),
        migrations.RemoveField(model_name="tag", name="former_id"),
    ]
