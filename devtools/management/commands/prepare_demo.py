from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from interpretations.models import Interpretation

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "sleep-well-demo"  # noqa: S105 - a published demo login, for DEBUG only


class Command(BaseCommand):
    help = (
        "Get a development copy ready: load the bundled catalog into an empty library and "
        "create the demo login if there is none. DEBUG only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "prepare_demo creates a login with a published password: DEBUG only."
            )
        if not Interpretation.objects.exists():
            call_command("import_interpretations", stdout=self.stdout, stderr=self.stderr)
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEMO_USERNAME).exists():
            user_model.objects.create_user(DEMO_USERNAME, password=DEMO_PASSWORD)
            self.stdout.write("Created the demo login.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo login: username '{DEMO_USERNAME}', password '{DEMO_PASSWORD}' "
                "at http://127.0.0.1:8000/"
            )
        )
