import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    # Its own migration, so its own transaction: on PostgreSQL, altering a table in the
    # transaction that has just updated it can fail with "pending trigger events" (Django's
    # RunPython documentation advises against mixing the two in one migration).
    dependencies = [("journal", "0004_tag_user")]

    operations = [
        *(
            migrations.AlterField(
                model_name=model_name,
                name="user",
                field=models.ForeignKey(
                    editable=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            )
            for model_name in ("entryscenario", "entrymarker")
        ),
    ]
