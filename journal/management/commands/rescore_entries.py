from django.core.management.base import BaseCommand

from journal.models import Entry
from journal.tagging import rescore_entries


class Command(BaseCommand):
    help = (
        "Re-score the open suggestions of saved entries against the interpretation library as "
        "it is now. Tags a user accepted or added, and interpretations a user chose, are never "
        "touched. Also removes for good the entries deleted longer ago than the undo window."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only the entries of this username")

    def handle(self, *args, user: str | None, **options):
        purged = Entry.objects.purge_deleted()
        entries = Entry.objects.all()
        if user is not None:
            entries = entries.filter(user__username=user)
            if not entries.exists():
                self.stdout.write(f"No entries for user '{user}'.")
                return
        scored = rescore_entries(entries)
        self.stdout.write(
            self.style.SUCCESS(f"Re-scored {scored} entries; removed {purged} deleted for good.")
        )
