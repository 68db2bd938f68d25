import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to PATH with SQLite's online backup: consistent even "
        "while the app is running. On PostgreSQL, use pg_dump (see README)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="where to write the copy")
        parser.add_argument(
            "--overwrite", action="store_true", help="replace PATH if it already exists"
        )

    def handle(self, *args, path: Path, overwrite: bool, **options):
        if connection.vendor != "sqlite":
            raise CommandError(
                f"backup copies the embedded SQLite database; this one is {connection.vendor}. "
                "Use pg_dump --format=custom instead (see README, Backups)."
            )
        if path.exists() and not overwrite:
            raise CommandError(f"{path} already exists: choose another path or add --overwrite.")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a folder.")
        partial = path.with_name(f".{path.name}.partial")
        connection.ensure_connection()
        try:
            with sqlite3.connect(partial) as target:
                connection.connection.backup(target)
            target.close()
            self._check(partial)
            partial.replace(path)
        except (sqlite3.Error, OSError) as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Backup to {path} failed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {path}."))

    @staticmethod
    def _check(copy: Path) -> None:
        with sqlite3.connect(copy) as check:
            (result,) = check.execute("PRAGMA integrity_check").fetchone()
        check.close()
        if result != "ok":
            raise sqlite3.DatabaseError(f"the copy failed its integrity check: {result}")
