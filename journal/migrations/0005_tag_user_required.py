import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    # Its own migration: on PostgreSQL a table cannot be altered in the transaction that
    # just updated its foreign keys (their checks are still pending).
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
