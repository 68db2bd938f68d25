from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = "Journal"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from interpretations.models import library_change
        from journal.search import ensure_search_index_after_migrate
        from journal.tasks import rescore_after_library_change

        library_change.connect(rescore_after_library_change, dispatch_uid="journal_rescore")
        post_migrate.connect(
            ensure_search_index_after_migrate, sender=self, dispatch_uid="journal_search_index"
        )
