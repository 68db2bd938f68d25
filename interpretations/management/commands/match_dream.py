"""Match dreams against the interpretation library, as the journal does, and print why.

echo "my legs were like concrete" | python manage.py match_dream --json
python manage.py match_dream --file dream.txt
python manage.py match_dream --jsonl < dreams.jsonl       # {"id", "text", "body"} per line
python manage.py match_dream --evaluate ../shared/eval/dev-dreams.jsonl
"""

import json
import re
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interpretations.library import current_matcher
from interpretations.matching import Matcher, MatchResult, TagMatch

# How many suggestions of each kind count for hit@k in --evaluate.
HIT_AT = 3


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


def _label_key(label: str) -> str:
    """A label reduced to its words, so "Road extends…" in the set matches the library's."""
    return " ".join(re.findall(r"[^\W_]+", label.casefold().replace("’", "'")))


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
            metavar="JSONL",
            help="report top-1, scenario and marker hit@3 and unmatched share on a labelled set",
        )

    def handle(self, *args, as_json, file, body, jsonl, limit, evaluate, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        matcher = current_matcher()
        if not matcher.tags:
            raise CommandError(
                "The interpretation library is empty: run `python manage.py "
                "import_interpretations` first."
            )
        if evaluate:
            self._evaluate(matcher, self._read_lines(evaluate.open(encoding="utf-8"), evaluate))
        elif jsonl:
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

    def _read_lines(self, stream, name) -> list[dict]:
        items = []
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise CommandError(f"{name}, line {number}: not JSON ({error.msg}).") from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise CommandError(f'{name}, line {number}: expected an object with a "text".')
            items.append(item)
        return items

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

    def _evaluate(self, matcher: Matcher, items: list[dict]) -> None:
        counts = {name: [0, 0] for name in ("top1", "scenario", "marker", "unmatched")}
        started = time.perf_counter()
        results = [
            matcher.match(item["text"], item.get("body") or "", limit=HIT_AT) for item in items
        ]
        elapsed = time.perf_counter() - started
        for item, result in zip(items, results, strict=True):
            found = result.interpretation
            accepted = set(item.get("interpretations") or [])
            if accepted:
                counts["top1"][1] += 1
                counts["top1"][0] += bool(found and found.interpretation.source in accepted)
            else:
                counts["unmatched"][1] += 1
                counts["unmatched"][0] += found is None
            for kind, suggested in (("scenario", result.scenarios), ("marker", result.markers)):
                wanted = {_label_key(label) for label in item.get(kind + "s") or []}
                if wanted:
                    counts[kind][1] += 1
                    # The set may list a label shortened at its dash ("Woke up with the
                    # weight in the chest that is not fear exactly"), so a prefix counts.
                    counts[kind][0] += any(
                        _label_key(m.tag.label).startswith(key) for m in suggested for key in wanted
                    )
        figures = {
            name: {"hits": hits, "of": total, "share": round(hits / total, 3) if total else None}
            for name, (hits, total) in counts.items()
        }
        figures["dreams_per_second"] = round(len(items) / elapsed) if elapsed else None
        self.stdout.write(json.dumps(figures, indent=2))
