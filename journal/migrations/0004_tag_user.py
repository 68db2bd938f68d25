import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_entry_owners(apps, schema_editor):
    Entry = apps.get_model("journal", "Entry")
    owner = Subquery(Entry.objects.filter(pk=OuterRef("entry_id")).values("user_id")[:1])
    for name in ("EntryScenario", "EntryMarker"):
        apps.get_model("journal", name).objects.update(user_id=owner)


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0003_profile_journal_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="user",
                field=models.ForeignKey(
                    editable=False,
                    null=True,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                ),
            )
            for model_name in ("entryscenario", "entrymarker")
        ),
        migrations.RunPython(copy_entry_owners, migrations.RunPython.noop),
    ]
