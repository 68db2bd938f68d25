from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("journal", "0010_entry_form")]

    operations = []
