from django.core.management.base import BaseCommand

from journal.models import Entry
from journal.tagging import rescore_entries


class Command(BaseCommand):
    help = (
        "Re-score the open suggestions of saved entries against the interpretation library as "
        "it is now, in this process (a library change queues the same work for the task "
        "worker by itself). Tags a user accepted or added, and interpretations a user chose, "
        "are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only the entries of this username")

    def handle(self, *args, user: str | None, **options):
        entries = Entry.objects.all()
        if user is not None:
            entries = entries.filter(user__username=user)
            if not entries.exists():
                self.stdout.write(f"No entries for user '{user}'.")
                return
        scored = rescore_entries(entries)
        self.stdout.write(self.style.SUCCESS(f"Re-scored {scored} entries."))
