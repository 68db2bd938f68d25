from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = "Journal"

    def ready(self) -> None:
        from interpretations.models import library_change
        from journal.tagging import rescore_after_library_change

        library_change.connect(rescore_after_library_change, dispatch_uid="journal_rescore")
