"""Match dreams against the interpretation library, as the journal does, and print why.

echo "my legs were like concrete" | python manage.py match_dream --json
python manage.py match_dream --file dream.txt
python manage.py match_dream --jsonl < dreams.jsonl       # {"id", "text", "body"} per line
python manage.py match_dream --evaluate interpretations/labelled/*.jsonl --half test
python manage.py match_dream --agreement interpretations/labelled/dreambank-labels.jsonl \
    interpretations/labelled/second-reading.jsonl
"""

import json
import statistics
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from interpretations.evaluation import (
    LabelledSet,
    Library,
    agreement,
    latency_ms,
    report,
    throughput,
)
from interpretations.labelled_sets import LabelError, read_labels
from interpretations.library import current_matcher
from interpretations.matching import Matcher, MatchResult, TagMatch

CATALOG_DIR = Path(__file__).resolve().parents[2] / "catalog"
SEED_MAP = Path(__file__).resolve().parents[2] / "labelled" / "seed-map.json"
SHARED_DIR = settings.BASE_DIR.parent / "shared"


def result_as_dict(matcher: Matcher, result: MatchResult) -> dict:
    """The result in the command's JSON shape, best first."""
    found = result.interpretation
    return {
        "interpretation": {
            "source": found.interpretation.source,
            "title": found.interpretation.title,
            "score": found.score,
        }
        if found
        else None,
        "scenarios": [_tag_as_dict(matcher, match) for match in result.scenarios],
        "markers": [_tag_as_dict(matcher, match) for match in result.markers],
    }


def _tag_as_dict(matcher: Matcher, match: TagMatch) -> dict:
    return {
        "label": match.tag.label,
        "meaning": match.tag.meaning,
        "interpretation_source": matcher.interpretations[match.tag.interpretation_key].source,
        "score": match.score,
        "matched": list(match.matched),
    }


class Command(BaseCommand):
    help = (
        "Suggest the scenarios, somatic markers and interpretation for a dream read from "
        "stdin (or --file), or for each JSON line with --jsonl; --evaluate scores the matcher "
        "on a labelled JSON-lines set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")
        parser.add_argument("--file", type=Path, help="read the narrative from this file")
        parser.add_argument("--body", default="", help="how the body felt on waking")
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help='read {"id", "text", "body"} per line; print one JSON result per line',
        )
        parser.add_argument("--limit", type=int, default=5, help="suggestions per kind (5)")
        parser.add_argument(
            "--evaluate",
            type=Path,
            nargs="+",
            metavar="JSONL",
            help="measure the matcher and a TF-IDF baseline on labelled sets, with the bundled "
            "catalog and with the seed articles as the library",
        )
        parser.add_argument(
            "--half",
            choices=["dev", "test", "all"],
            default="dev",
            help="which half of each set to report (dev: the one to tune on)",
        )
        parser.add_argument("--dreambank", type=Path, default=SHARED_DIR / "data" / "dreambank")
        parser.add_argument("--seeds", type=Path, default=SHARED_DIR / "seeds")
        parser.add_argument(
            "--agreement",
            type=Path,
            nargs=2,
            metavar="JSONL",
            help="how two independent readings of the same reports agree",
        )

    def handle(
        self, *args, as_json, file, body, jsonl, limit, evaluate, half, dreambank, seeds,
        agreement, **options,
    ):  # fmt: skip
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        if evaluate:
            return self._evaluate(evaluate, half, dreambank, seeds)
        if agreement:
            return self._agreement(*agreement, dreambank)
        try:
            matcher = current_matcher()
        except DatabaseError as error:  # most often a fresh checkout, before `migrate`
            raise CommandError(
                f"The interpretation library cannot be read from the database ({error}). On a "
                "fresh checkout, run `python manage.py migrate` and `python manage.py "
                "import_interpretations` first."
            ) from error
        if not matcher.tags:
            raise CommandError(
                "The interpretation library is empty: run `python manage.py "
                "import_interpretations` first."
            )
        if jsonl:
            self._match_lines(matcher, file, limit)
        else:
            text = self._read_text(file)
            if not text.strip():
                raise CommandError("No narrative given: pipe a dream on stdin or use --file.")
            result = matcher.match(text, body, limit=limit)
            if as_json:
                self.stdout.write(json.dumps(result_as_dict(matcher, result), ensure_ascii=False))
            else:
                self._print_result(matcher, result)

    def _read_text(self, file: Path | None) -> str:
        if file is None:
            return sys.stdin.read()
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot be read ({error}).") from error

    def _match_lines(self, matcher: Matcher, file: Path | None, limit: int) -> None:
        try:
            stream = file.open(encoding="utf-8") if file else sys.stdin
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error}).") from error
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError('expected an object with a "text" string')
                body = item.get("body") or ""
                if not isinstance(body, str):
                    raise ValueError('"body" must be a string')
            except ValueError as error:  # JSONDecodeError is a ValueError
                self.stdout.write(json.dumps({"line": number, "error": str(error)}))
                self.stderr.write(f"line {number}: {error}")
                continue
            result = matcher.match(item["text"], body, limit=limit)
            self.stdout.write(
                json.dumps(
                    {"id": item.get("id")} | result_as_dict(matcher, result), ensure_ascii=False
                )
            )

    def _print_result(self, matcher: Matcher, result: MatchResult) -> None:
        found = result.interpretation
        if found:
            self.stdout.write(f"Interpretation: {found.interpretation.title} ({found.score:.2f})")
            self.stdout.write(f"  because: {', '.join(found.matched)}")
        else:
            self.stdout.write("Interpretation: none fits")
        for heading, matches in (("Scenarios", result.scenarios), ("Markers", result.markers)):
            self.stdout.write(f"{heading}:" if matches else f"{heading}: none")
            for match in matches:
                self.stdout.write(
                    f"  {match.score:.2f}  {match.tag.label}  [{', '.join(match.matched)}]"
                )

    def _evaluate(self, files: list[Path], half: str, dreambank: Path, seeds: Path) -> None:
        catalog = Library.from_folder("catalog", CATALOG_DIR)
        libraries = [catalog]
        if seeds.is_dir():
            libraries.append(Library.from_folder("seeds", seeds))
        else:
            self.stderr.write(f"{seeds}: no such folder, so the seed-only library is left out.")
        seed_map = json.loads(SEED_MAP.read_text(encoding="utf-8"))
        sets = []
        for path in files:
            dreams = self._labels(path, dreambank, libraries)
            names = {name for dream in dreams for name in dream.interpretations}
            named_in = "catalog" if names <= catalog.sources else "seeds"
            sets.append(LabelledSet(path.name, dreams, named_in))
        for line in report(sets, libraries, seed_map, half):
            self.stdout.write(line)
        real = [d.text for s in sets for d in s.dreams if d.is_real]
        typed = [d.text for s in sets for d in s.dreams if not d.is_real]
        self.stdout.write("")
        if real:
            words = statistics.median(len(text.split()) for text in real)
            self.stdout.write(
                f"Speed: {throughput(catalog, real):,.0f} DreamBank reports a second of CPU time "
                f"(median {words:.0f} words) in one process, with the catalog"
            )
        if typed:
            self.stdout.write(f"Speed: {latency_ms(catalog, typed):.2f} ms median per typed dream")

    def _labels(self, path: Path, dreambank: Path, libraries: list[Library]):
        files = set().union(*(library.sources for library in libraries))
        labels = [label for library in libraries for label in library.labels]
        try:
            return read_labels(path, dreambank=dreambank, catalog=files, labels=labels)
        except LabelError as error:
            raise CommandError(str(error)) from None

    def _agreement(self, first: Path, second: Path, dreambank: Path) -> None:
        try:
            figures = agreement(
                read_labels(first, dreambank=dreambank), read_labels(second, dreambank=dreambank)
            )
        except LabelError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Reports read twice: {figures['reports']}")
        for name, value in figures.items():
            if name != "reports":
                shown = f"{value:.2f}" if isinstance(value, float) else str(value)
                self.stdout.write(f"  {name.replace('_', ' ')}: {shown}")
