from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("journal", "0008_background_work")]

    operations = []
