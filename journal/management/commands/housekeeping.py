from django.core.management.base import BaseCommand

from journal.tasks import HOUSEKEEPING_EVERY, housekeeping, schedule_housekeeping


class Command(BaseCommand):
    help = (
        "Purge the entries deleted longer ago than the undo window and queue again any "
        "re-scoring whose worker stopped. With --schedule, queue instead the housekeeping "
        "task, which then runs on the task worker every "
        f"{HOUSEKEEPING_EVERY.seconds // 60} minutes (nothing is queued if it already is)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the periodic task on the database queue instead of working now",
        )

    def handle(self, *args, schedule: bool, **options):
        if schedule:
            if schedule_housekeeping():
                self.stdout.write("Housekeeping is queued; the task worker runs it from now on.")
            else:
                self.stdout.write("Housekeeping is already queued (or the queue cannot defer).")
            return
        done = housekeeping.call(reschedule=False)
        self.stdout.write(
            self.style.SUCCESS(
                f"Purged {done['purged']} deleted entries; "
                f"resumed {len(done['resumed_runs'])} stalled re-scoring runs."
            )
        )
