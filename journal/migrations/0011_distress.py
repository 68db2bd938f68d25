import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("journal", "0010_entry_form")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="distress",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[django.core.validators.MaxValueValidator(4)],
                verbose_name="how upsetting it was",
            ),
        ),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.CheckConstraint(
                condition=models.Q(distress__lte=4), name="distress_from_0_to_4"
            ),
        ),
    ]
