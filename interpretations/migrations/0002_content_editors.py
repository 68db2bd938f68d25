from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Content editors"
LIBRARY_MODELS = [
    "interpretation",
    "scenario",
    "somaticmarker",
    "arrivalcondition",
    "faqentry",
    "nextstage",
    "bodysection",
]


def create_content_editors(apps, schema_editor):
    # Permissions are normally created after migrate; make sure ours exist now.
    app_config = apps.get_app_config("interpretations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="interpretations", content_type__model__in=LIBRARY_MODELS
        )
    )


def remove_content_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interpretations", "0001_library"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_content_editors, remove_content_editors)]
