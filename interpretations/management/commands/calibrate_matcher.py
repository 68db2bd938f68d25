"""Refit the model that decides whether a dream gets an interpretation (interpretations/
calibration.json), on the whole development pool: every labelled set that has been reported
before, both halves of those that have them (TRAINING_SETS). The newest held-out sets are
never read here, so that their one run still measures the matcher on unseen dreams.

python manage.py calibrate_matcher            # the bundled sets, catalog and seed libraries
python manage.py calibrate_matcher --dry-run  # print the fitted weights, write nothing
python manage.py calibrate_matcher --word-frequencies  # first count words in DreamBank
python manage.py calibrate_matcher --cross-validate  # how a change does on unfitted dreams

Every (dream, interpretation) pair that the dream shows anything of is one example: does the
interpretation fit that dream (by the labels) or not? Both libraries contribute, so that the
weights hold for a library's figures in general rather than for one library's words.
"""

import csv
import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interpretations.attaching import CALIBRATION_FILE, FEATURES, fit_model
from interpretations.evaluation import FIGURES, Library, leave_one_set_out, seed_articles
from interpretations.features import features_of
from interpretations.labelled_sets import (
    LabelError,
    dreambank_series,
    read_dreambank_texts,
    read_labels,
)
from interpretations.rarity import WORD_FREQUENCY_FILE
from interpretations.reading import tokenize

LABELLED_DIR = Path(__file__).resolve().parents[2] / "labelled"
CATALOG_DIR = Path(__file__).resolve().parents[2] / "catalog"
SHARED_DIR = settings.BASE_DIR.parent / "shared"
# The development pool: every set already reported on, both halves. A set held out for a
# final run is added here only after that run.
TRAINING_SETS = (
    "dreambank-labels.jsonl",
    "dreambank-fresh.jsonl",
    "dreambank-fresh2.jsonl",
    "dreambank-fresh3.jsonl",
    "dreambank-fresh4.jsonl",
    "dreambank-fresh5.jsonl",
    "dreambank-fresh6.jsonl",
    "dreambank-fresh7.jsonl",
    "dreambank-fresh8.jsonl",
    "dreambank-fresh9.jsonl",
    "dreambank-fresh10.jsonl",
    "dreambank-fresh11.jsonl",
    "dreambank-fresh12.jsonl",
    "dreambank-fresh13.jsonl",
    "dreambank-fresh14.jsonl",
    "dreambank-fresh15.jsonl",
    "dreambank-fresh16.jsonl",
    "dreambank-fresh17.jsonl",
    "dreambank-fresh18.jsonl",
    "dreambank-fresh19.jsonl",
    "dreambank-fresh20.jsonl",
    "dreambank-fresh21.jsonl",
    "dreambank-fresh22.jsonl",
    "dreambank-fresh23.jsonl",
    "dreambank-fresh24.jsonl",
    "dreambank-fresh25.jsonl",
    "dreambank-fresh26.jsonl",
    "dreambank-fresh27.jsonl",
    "dreambank-fresh28.jsonl",
    "dreambank-fresh29.jsonl",
    "dreambank-fresh30.jsonl",
    "dreambank-fresh31.jsonl",
    "dreambank-fresh32.jsonl",
    "dreambank-fresh33.jsonl",
    "dreambank-fresh34.jsonl",
    "dreambank-fresh35.jsonl",
    "dreambank-fresh36.jsonl",
    "dreambank-fresh37.jsonl",
    "dreambank-fresh38.jsonl",
    "dreambank-fresh39.jsonl",
    "dreambank-fresh40.jsonl",
    "written-dreams.jsonl",
    "written-fresh.jsonl",
    "written-fresh2.jsonl",
    "written-fresh3.jsonl",
    "written-fresh4.jsonl",
    "written-fresh5.jsonl",
    "written-fresh6.jsonl",
    "written-fresh7.jsonl",
    "written-fresh8.jsonl",
    "written-fresh9.jsonl",
    "written-fresh10.jsonl",
    "written-fresh11.jsonl",
    "written-fresh12.jsonl",
    "written-fresh13.jsonl",
    "written-fresh14.jsonl",
    "written-fresh15.jsonl",
    "written-fresh16.jsonl",
    "written-fresh17.jsonl",
    "written-fresh18.jsonl",
    "written-fresh19.jsonl",
    "written-fresh20.jsonl",
    "written-fresh21.jsonl",
    "written-fresh22.jsonl",
    "written-fresh23.jsonl",
    "written-fresh24.jsonl",
    "written-fresh25.jsonl",
    "written-fresh26.jsonl",
    "written-fresh27.jsonl",
    "written-fresh28.jsonl",
    "written-fresh29.jsonl",
    "written-fresh30.jsonl",
    "written-fresh31.jsonl",
    "written-fresh32.jsonl",
    "written-fresh33.jsonl",
    "written-fresh34.jsonl",
    "written-fresh35.jsonl",
    "written-fresh36.jsonl",
    "written-fresh37.jsonl",
    "written-fresh38.jsonl",
    "written-fresh39.jsonl",
    "written-fresh40.jsonl",
    "written-fresh41.jsonl",
)
# Words in fewer reports than this are left out of the counts: they count as rare anyway.
MIN_REPORTS_WITH = 10


class Command(BaseCommand):
    help = "Refit the interpretation-attaching model on the labelled development pool."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
        parser.add_argument("--dreambank", type=Path, default=SHARED_DIR / "data" / "dreambank")
        parser.add_argument("--seeds", type=Path, default=SHARED_DIR / "seeds")
        parser.add_argument(
            "--cross-validate",
            action="store_true",
            help="fit on all sets but one and decide that one's dreams, for each set in turn; "
            "print the pooled figures and write nothing (for judging a change on the pool)",
        )
        parser.add_argument(
            "--word-frequencies",
            action="store_true",
            help="first recount how many DreamBank reports (less the labelled ones) show each word "
            "or concept in a clause about the dreamer",
        )

    def handle(self, *args, dry_run, dreambank, seeds, cross_validate, word_frequencies, **options):
        if word_frequencies and cross_validate:
            raise CommandError("--cross-validate writes nothing: recount the words on its own.")
        if word_frequencies:
            self._count_words(dreambank, dry_run)
        if not seeds.is_dir():
            raise CommandError(f"{seeds}: no such folder (the seed articles are needed).")
        seed_map = json.loads((LABELLED_DIR / "seed-map.json").read_text(encoding="utf-8"))
        libraries = [
            Library.from_folder("catalog", CATALOG_DIR),
            Library.from_folder("seeds", seeds),
        ]
        examples = {}
        for name in TRAINING_SETS:
            try:
                labelled = read_labels(LABELLED_DIR / name, dreambank=dreambank)
            except LabelError as error:
                raise CommandError(str(error)) from None
            examples[name] = []
            for dream in labelled:
                for library in libraries:
                    right = set(dream.interpretations)
                    if library.name == "seeds":
                        right = seed_articles(right, seed_map)
                    example = (library.matcher.evidence(dream.text), right)
                    examples[name].append((dream, library.name, example))
        if cross_validate:
            self._cross_validate(examples)
            return
        dreams = [example for triples in examples.values() for _, _, example in triples]
        model = fit_model(dreams)
        note = (
            f"fitted by calibrate_matcher on {len(dreams)} (dream, library) pairs of the "
            f"labelled development pool ({', '.join(TRAINING_SETS)}, both halves), with the "
            "catalog and the seed articles"
        )
        for stage, logistic, names in (
            ("choice", model.choice, FEATURES),
            ("attach", model.attach, (*FEATURES, "margin")),
        ):
            weights = ", ".join(
                f"{name} {weight:+.2f}"
                for name, weight in zip(names, logistic.weights, strict=True)
            )
            self.stdout.write(f"  {stage}: {weights}, bias {logistic.bias:+.2f}")
        self.stdout.write(note)
        if not dry_run:
            model.save(CALIBRATION_FILE, note=note)
            self.stdout.write(f"Written to {CALIBRATION_FILE}")

    def _cross_validate(self, examples) -> None:
        self.stdout.write(
            f"Each of the {len(examples)} sets decided by a model fitted on the others:"
        )
        for name, shares in leave_one_set_out(examples).items():
            self.stdout.write(f"{name}:")
            for figure in FIGURES:
                if shares[figure].of:
                    self.stdout.write(f"  {figure:<14}{shares[figure]}")

    def _count_words(self, dreambank: Path, dry_run: bool) -> None:
        # Every labelled DreamBank report, in any file (held-out sets included), is left out.
        labelled = set()
        for path in sorted(LABELLED_DIR.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and "series" in (item := json.loads(line)):
                    labelled.add((item["series"], item["n"]))
        reports, reports_with = 0, Counter[str]()
        for series in dreambank_series(dreambank):
            try:
                texts = read_dreambank_texts(dreambank, series)
            except (OSError, KeyError, csv.Error) as error:
                raise CommandError(f"{dreambank / series}.tsv: cannot be read ({error})") from None
            for n, text in texts.items():
                if (series, n) not in labelled:
                    reports += 1
                    tokens = tokenize(text)
                    reports_with.update(
                        {f.key for f in features_of(tokens) if tokens[f.last].actor.dreamer}
                    )
        kept = {word: count for word, count in sorted(reports_with.items())
                if count >= MIN_REPORTS_WITH}  # fmt: skip
        self.stdout.write(f"{reports} reports, {len(kept)} words used in {MIN_REPORTS_WITH}+")
        if not dry_run:
            data = {"reports": reports, "reports_with": kept}
            WORD_FREQUENCY_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n")
