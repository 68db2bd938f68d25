import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from interpretations.library import current_matcher
from journal.date_words import counted
from journal.import_files import ImportFileError
from journal.import_json import EXPORT_FORMAT, EXPORT_VERSION
from journal.importing import IMPORT_FORMATS, import_dreams, read_import_file


class Command(BaseCommand):
    help = (
        "Import a dated dream series into a user's journal and match every dream against the "
        "interpretation library. FILE is a DreamBank-style TSV (columns n, date, dream; "
        "without a date column the date opens the text) or a Dream Journal JSON export: "
        f'{{"format": "{EXPORT_FORMAT}", "version": {EXPORT_VERSION}, "entries": [{{"night": '
        '"YYYY-MM-DD", "narrative": "...", "title", "waking_body", "emotions": [...], '
        '"intensity": 1-5, "lucid", "recurring", "waking_life", "interpretation": source or '
        'title, "interpretation_origin": "user" or "suggested", "scenarios": [labels or '
        '{"label", "origin"}], "markers": [...]}]} (see journal/import_json.py; version 1 '
        "files are read too). A dream that cannot be placed or stored (a date naming no "
        "single night, a last row the file stops in, a NUL character) is skipped and listed, "
        "never guessed. One transaction per file: a file that cannot be read writes nothing. "
        "Dreams already in the journal (same night and text) are not added twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", type=Path, help="a .tsv (DreamBank), .json (export) or .csv (date, text) file"
        )
        parser.add_argument("--user", required=True, help="username whose journal receives them")
        parser.add_argument(
            "--format",
            choices=["auto", *IMPORT_FORMATS],
            default="auto",
            dest="file_format",
            help="file format; by default from the extension, else from the content",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and match, but write nothing"
        )

    def handle(self, *args, file: Path, user: str, file_format: str, dry_run: bool, **options):
        started = time.perf_counter()
        try:
            owner = get_user_model().objects.get_by_natural_key(user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named '{user}'. Nothing was imported.") from None
        try:
            read = read_import_file(file, file_format)
        except ImportFileError as error:
            raise CommandError(f"{file}: {error}. Nothing was imported.") from error
        report = import_dreams(owner, read, current_matcher(), dry_run=dry_run)
        seconds = time.perf_counter() - started

        for skipped in report.skipped:
            self.stderr.write(f"  skipped #{skipped.number}: {skipped.problem}")
        for warning in report.warnings:
            self.stderr.write(f"  {warning}")
        verb = "Would import" if dry_run else "Imported"
        summary = (
            f"{verb} {report.imported:,} dreams into {owner.get_username()}'s journal from "
            f"{file.name} in {seconds:.1f} s; {report.interpreted:,} with an interpretation."
        )
        if report.skipped:
            summary += f" Skipped {len(report.skipped):,} (listed above)."
        if report.already_there:
            summary += f" {report.already_there:,} were already in the journal."
        if report.plans:
            summary += (
                f" {counted(report.plans, 'rehearsal plan')} {'to add' if dry_run else 'added'}."
            )
        self.stdout.write(self.style.SUCCESS(summary))
