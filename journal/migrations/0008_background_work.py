from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("journal", "0007_entry_tag")]

    operations = []
