import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("journal", "0009_imports_and_exports")]

    operations = [
        # Intensity unset means unset: no default of 3 for dreams nobody rated. Entries saved
        # before keep the value they have.
        migrations.AlterField(
            model_name="entry",
            name="intensity",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(5),
                ],
            ),
        ),
    ]
