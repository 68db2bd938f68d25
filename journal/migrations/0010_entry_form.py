from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("journal", "0009_imports_and_exports")]

    operations = []
