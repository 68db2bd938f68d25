"""How fast the matcher reads dreams, in one process, with the bundled catalog.

DEBUG=true python manage.py bench_matcher                 # 5 runs of 3 s of CPU per set
DEBUG=true python manage.py bench_matcher --runs 9 --seconds 2
"""

import random
import statistics

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interpretations.evaluation import Library, latency_ms, throughput
from interpretations.labelled_sets import (
    LabelError,
    dreambank_series,
    read_dreambank_texts,
    read_labels,
)

CATALOG_DIR = settings.BASE_DIR / "interpretations" / "catalog"
LABELLED_DIR = settings.BASE_DIR / "interpretations" / "labelled"
DREAMBANK_DIR = settings.BASE_DIR.parent / "shared" / "data" / "dreambank"


class Command(BaseCommand):
    help = (
        "Matcher speed with the catalog, in one process: DreamBank reports a second of CPU "
        "time over a seeded sample of all seven series (reports of DreamBank's own lengths) "
        "and over the labelled DreamBank reports (drawn half among reports with chase words, "
        "which run longer), the two sets taking turns run by run; and the median time for "
        "one typed dream (the labelled written dreams). Prints every run and the medians."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="runs of each set, alternated")
        parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per run")
        parser.add_argument("--sample", type=int, default=3000, help="reports drawn")
        parser.add_argument("--seed", type=int, default=1, help="the draw's random seed")

    def handle(self, *args, runs: int, seconds: float, sample: int, seed: int, **options):
        if runs < 1 or seconds <= 0 or sample < 1:
            raise CommandError("--runs, --seconds and --sample must be positive.")
        if not DREAMBANK_DIR.is_dir():
            raise CommandError(f"No DreamBank folder at {DREAMBANK_DIR}.")
        reports = [
            text
            for series in dreambank_series(DREAMBANK_DIR)
            for text in read_dreambank_texts(DREAMBANK_DIR, series).values()
            if text.strip()
        ]
        draw = random.Random(seed)  # noqa: S311 - a reproducible sample
        drawn = draw.sample(reports, min(sample, len(reports)))
        labelled, typed = self._labelled()
        sets = {"DreamBank sample": drawn, "labelled DreamBank reports": labelled}
        catalog = Library.from_folder("catalog", CATALOG_DIR)
        for texts in sets.values():  # warm the caches of words read
            throughput(catalog, texts, seconds=0.0)
        rates: dict[str, list[float]] = {name: [] for name in sets}
        for _ in range(runs):
            for name, texts in sets.items():
                rates[name].append(throughput(catalog, texts, seconds=seconds))
        for name, texts in sets.items():
            words = statistics.median(len(text.split()) for text in texts)
            runs_shown = ", ".join(f"{rate:,.0f}" for rate in rates[name])
            self.stdout.write(
                f"{name}: {len(texts):,} reports, median {words:.0f} words: "
                f"{statistics.median(rates[name]):,.0f} a second in the median ({runs_shown})"
            )
        self.stdout.write(
            f"typed dreams: {len(typed):,}, {latency_ms(catalog, typed):.2f} ms in the median"
        )

    def _labelled(self) -> tuple[list[str], list[str]]:
        """The texts of the labelled DreamBank reports, and of the written dreams."""
        real: list[str] = []
        typed: list[str] = []
        for path in sorted(LABELLED_DIR.glob("*.jsonl")):
            try:
                dreams = read_labels(path, dreambank=DREAMBANK_DIR)
            except LabelError as error:
                raise CommandError(str(error)) from None
            for dream in dreams:
                (real if dream.is_real else typed).append(dream.text)
        return list(dict.fromkeys(real)), list(dict.fromkeys(typed))
