import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interpretations.article import ArticleError, ParsedArticle
from interpretations.models import Interpretation, library_changed
from interpretations.parsing import decode_article, parse_article

BUNDLED_CATALOG = Path(__file__).resolve().parents[2] / "catalog"


def article_files(paths: list[Path]) -> list[Path]:
    """Each given file, and the .txt files in each given folder, in name order."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return files


def read_article(path: Path) -> ParsedArticle:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"cannot be read: {error.strerror or error}") from error
    return parse_article(decode_article(data), source=path.name)


class Command(BaseCommand):
    help = (
        "Import interpretation articles (plain text in the house style) into the library. "
        "Re-importing a document updates it in place, matched by file name. With no path, "
        "imports the bundled catalog."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="files or folders of .txt articles")
        parser.add_argument("--dry-run", action="store_true", help="parse only; write nothing")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the parse as JSON"
        )

    def handle(
        self, *args, paths: list[Path], dry_run: bool, as_json: bool, verbosity: int, **options
    ):
        files = article_files(paths or [BUNDLED_CATALOG])
        if not files:
            raise CommandError(f"No .txt articles found in {', '.join(map(str, paths))}.")
        parsed, failures, imported = [], [], []
        for path in files:
            try:
                article = read_article(path)
                if not dry_run:
                    interpretation, created = Interpretation.objects.import_article(article)
                    imported.append(interpretation.pk)
                    verb = "Imported" if created else "Updated"
                    if not as_json and verbosity >= 1:
                        self.stdout.write(f"{verb} {path.name}: {interpretation.title}")
                parsed.append(article)
            except ArticleError as error:
                failures.append(f"{path}: {error}")
                self.stderr.write(self.style.ERROR(f"{path}: {error}"))
        if imported:
            library_changed(imported)
        if as_json:
            self.stdout.write(
                json.dumps([a.as_dict() for a in parsed], ensure_ascii=False, indent=2)
            )
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} documents could not be imported.")
