"""Measuring the matcher on labelled dreams, beside a plain TF-IDF baseline (issue 11).

Pure Python, no Django. The labelled sets are read by interpretations.labelled_sets.

The figures, each with a Wilson 95 % interval because the sets are small:
- precision: of the dreams given an interpretation, the share that are of the library's
  family at all (a borderline dream counts as of the family here, not against it);
- recall: of the family's dreams (on_theme yes), the share given one;
- fit: of the family's dreams given one, the share given a right one;
- first right: of the family's dreams, the share whose interpretation is a right one;
- scenario and marker hit@3: of the dreams with labelled scenarios (markers), the share
  with one of them among the first three suggested;
- left alone: of the dreams that are not of the family, the share given nothing.
"""

from __future__ import annotations

import math
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interpretations.attaching import Candidate, decide, fit_model
from interpretations.labelled_sets import ON_THEME_VALUES, LabelledDream, label_key
from interpretations.matching import InterpretationRef, Matcher
from interpretations.matching import Tag as MatchableTag
from interpretations.parsing import decode_article, parse_article

HIT_AT = 3


@dataclass(frozen=True)
class Prediction:
    interpretation: str | None  # the attached interpretation's source file
    scenarios: tuple[str, ...]  # labels, best first
    markers: tuple[str, ...]


Predictor = Callable[[str], Prediction]


# --- Figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    hits: int
    of: int

    @property
    def value(self) -> float | None:
        return self.hits / self.of if self.of else None

    def interval(self, z: float = 1.96) -> tuple[float, float] | None:
        """Wilson score interval: honest for small counts and shares near 0 or 1."""
        if not self.of:
            return None
        n, p = self.of, self.hits / self.of
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return max(0.0, centre - spread), min(1.0, centre + spread)

    def __str__(self) -> str:
        interval = self.interval()
        if interval is None:
            return "n/a"
        low, high = interval
        return f"{self.value:.2f} [{low:.2f}–{high:.2f}] ({self.hits}/{self.of})"


FIGURES = ("precision", "recall", "fit", "first right", "scenario hit@3", "marker hit@3",
           "left alone")  # fmt: skip


def figures(
    dreams: Sequence[LabelledDream],
    predictions: Sequence[Prediction],
    right: Callable[[LabelledDream], set[str]],
    *,
    with_tags: bool = True,
) -> dict[str, Share]:
    """The figures of one predictor on one set; `right` gives each dream's acceptable
    interpretations in the library used (tags are compared only for the catalog)."""
    counts: Counter[str] = Counter()
    for dream, prediction in zip(dreams, predictions, strict=True):
        attached = prediction.interpretation is not None
        is_right = attached and prediction.interpretation in right(dream)
        if attached:
            counts["precision of"] += 1
            counts["precision"] += dream.on_theme != "no"
        if dream.on_theme == "yes":
            counts["recall of"] += 1
            counts["recall"] += attached
            counts["first right of"] += 1
            counts["first right"] += is_right
            if attached:
                counts["fit of"] += 1
                counts["fit"] += is_right
        if dream.on_theme == "no":
            counts["left alone of"] += 1
            counts["left alone"] += not attached
        if with_tags:
            for name, wanted, suggested in (
                ("scenario hit@3", dream.scenarios, prediction.scenarios),
                ("marker hit@3", dream.markers, prediction.markers),
            ):
                if wanted:
                    counts[name + " of"] += 1
                    counts[name] += _any_hit(wanted, suggested[:HIT_AT])
    return {name: Share(counts[name], counts[name + " of"]) for name in FIGURES}


def _any_hit(wanted: Iterable[str], suggested: Iterable[str]) -> bool:
    """A suggested label matches a wanted one, or a wanted one shortened at its dash."""
    keys = [label_key(label) for label in wanted]
    return any(label_key(label).startswith(key) for label in suggested for key in keys)


def agreement(first: Sequence[LabelledDream], second: Sequence[LabelledDream]) -> dict:
    """How two independent readings of the same reports agree: on_theme (share and Cohen's
    kappa), and the first interpretation where both say yes."""
    by_key = {dream.key: dream for dream in first}
    pairs = [(by_key[dream.key], dream) for dream in second if dream.key in by_key]
    if not pairs:
        return {"reports": 0}
    observed = sum(a.on_theme == b.on_theme for a, b in pairs) / len(pairs)
    share_a = Counter(a.on_theme for a, _ in pairs)
    share_b = Counter(b.on_theme for _, b in pairs)
    expected = sum(share_a[v] * share_b[v] for v in ON_THEME_VALUES) / len(pairs) ** 2
    both_yes = [(a, b) for a, b in pairs if a.on_theme == b.on_theme == "yes"]
    family = [(a, b) for a, b in pairs if "no" not in (a.on_theme, b.on_theme)]
    return {
        "reports": len(pairs),
        "on_theme_agreement": Share(sum(a.on_theme == b.on_theme for a, b in pairs), len(pairs)),
        "on_theme_kappa": (observed - expected) / (1 - expected) if expected < 1 else 1.0,
        "family_or_not_agreement": Share(
            sum((a.on_theme == "no") == (b.on_theme == "no") for a, b in pairs), len(pairs)
        ),
        "first_interpretation_agreement": Share(
            sum(
                bool(a.interpretations and b.interpretations)
                and a.interpretations[0] == b.interpretations[0]
                for a, b in both_yes
            ),
            len(both_yes),
        ),
        "overlapping_interpretations": Share(
            sum(bool(set(a.interpretations) & set(b.interpretations)) for a, b in family),
            len(family),
        ),
    }


# --- The baseline ----------------------------------------------------------------------------

_BASELINE_WORD = re.compile(r"[a-z]+")
# The commonest English words, which say nothing about a dream's kind.
_BASELINE_STOP = frozenset(
    "a an and are as at be but by for from had has have he her his i in is it its me my of on "  # noqa: SIM905
    "or our she so that the their them then there they this to up was we were what when with "
    "you your".split()
)


def _baseline_terms(text: str) -> Counter[str]:
    return Counter(
        word for word in _BASELINE_WORD.findall(text.casefold()) if word not in _BASELINE_STOP
    )


class TfidfBaseline:
    """The plain baseline: each interpretation is the bag of words of its title, labels and
    meanings; a dream takes the interpretation of highest TF-IDF cosine when it reaches the
    threshold, and its scenarios and markers ranked by cosine with their label and meaning."""

    def __init__(self, interpretations: dict[str, str], tags: Iterable[tuple[str, str, str]]):
        """interpretations: source -> its text; tags: (kind, label, text) triples."""
        self.tags = list(tags)
        documents = [*interpretations.values(), *(text for _, _, text in self.tags)]
        frequency = Counter(word for text in documents for word in set(_baseline_terms(text)))
        self.idf = {word: math.log(len(documents) / df) + 1 for word, df in frequency.items()}
        self.interpretations = {key: self._vector(text) for key, text in interpretations.items()}
        self.tag_vectors = [self._vector(text) for _, _, text in self.tags]
        self.threshold = 0.0

    def _vector(self, text: str) -> dict[str, float]:
        weights = {w: n * self.idf.get(w, 0.0) for w, n in _baseline_terms(text).items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {word: value / norm for word, value in weights.items()}

    @staticmethod
    def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
        return sum(value * b.get(word, 0.0) for word, value in a.items())

    def best(self, text: str) -> tuple[str | None, float]:
        vector = self._vector(text)
        scored = [(self._cosine(vector, v), key) for key, v in self.interpretations.items()]
        score, key = max(scored, default=(0.0, None))
        return key, score

    def tune(self, dreams: Sequence[LabelledDream]) -> None:
        """The threshold that best separates family from the rest on these (dev) dreams."""
        scores = [(self.best(dream.text)[1], dream.on_theme != "no") for dream in dreams]
        candidates = sorted({round(score, 3) for score, _ in scores})

        def balanced_accuracy(threshold: float) -> float:
            hits = Counter((score >= threshold, family) for score, family in scores)
            family = hits[True, True] + hits[False, True]
            other = hits[True, False] + hits[False, False]
            return (hits[True, True] / (family or 1) + hits[False, False] / (other or 1)) / 2

        self.threshold = max(candidates, key=balanced_accuracy, default=0.0)

    def __call__(self, text: str) -> Prediction:
        key, score = self.best(text)
        vector = self._vector(text)
        ranked = sorted(
            zip(self.tags, self.tag_vectors, strict=True),
            key=lambda pair: -self._cosine(vector, pair[1]),
        )
        return Prediction(
            key if score >= self.threshold and score > 0 else None,
            tuple(label for (kind, label, _), _ in ranked if kind == "scenario")[:HIT_AT],
            tuple(label for (kind, label, _), _ in ranked if kind == "marker")[:HIT_AT],
        )


# --- Libraries from folders of articles, and the report ---------------------------------------


@dataclass(frozen=True)
class Library:
    """A library read from a folder of articles, with both predictors built on it."""

    name: str
    matcher: Matcher
    baseline: TfidfBaseline

    @classmethod
    def from_folder(cls, name: str, folder: Path) -> Library:
        articles = [
            parse_article(decode_article(path.read_bytes()), path.name)
            for path in sorted(folder.glob("*.txt"))
        ]
        refs, tags, documents, tag_texts = [], [], {}, []
        for article in articles:
            refs.append(InterpretationRef(article.source, article.title, article.source))
            words = [article.title]
            for kind, pairs in (("scenario", article.scenarios), ("marker", article.markers)):
                for number, pair in enumerate(pairs):
                    tags.append(
                        MatchableTag(
                            f"{article.source}:{kind}:{number}",
                            kind,
                            pair.label,
                            pair.meaning,
                            article.source,
                        )
                    )
                    words += [pair.label, pair.meaning]
                    tag_texts.append((kind, pair.label, f"{pair.label} {pair.meaning}"))
            documents[article.source] = " ".join(words)
        return cls(name, Matcher(refs, tags), TfidfBaseline(documents, tag_texts))

    @property
    def sources(self) -> set[str]:
        return {ref.source for ref in self.matcher.interpretations.values()}

    @property
    def labels(self) -> list[str]:
        return [tag.label for tag in self.matcher.tags]

    def predict(self, text: str) -> Prediction:
        result = self.matcher.match(text, limit=HIT_AT)
        found = result.interpretation
        return Prediction(
            found.interpretation.source if found else None,
            tuple(match.tag.label for match in result.scenarios),
            tuple(match.tag.label for match in result.markers),
        )


@dataclass(frozen=True)
class LabelledSet:
    name: str
    dreams: list[LabelledDream]
    # The library its interpretation names come from ("catalog" or "seeds"), and how a
    # catalog name maps to seed articles for the other one.
    named_in: str


def report(
    sets: Sequence[LabelledSet],
    libraries: Sequence[Library],
    seed_map: dict[str, list[str]],
    half: str,
) -> list[str]:
    """The evaluation, as lines to print: for each set and library, every figure for the
    matcher and the baseline side by side (the baseline's threshold set on the dev half)."""
    lines = []
    for labelled in sets:
        chosen = [d for d in labelled.dreams if half == "all" or d.half in ("", half)]
        tuning = _tuning_dreams(labelled, sets)
        counts = Counter(d.on_theme for d in chosen)
        for library in libraries:
            if labelled.named_in == "seeds" and library.name != "seeds":
                continue  # its names are seed articles: nothing to map them to in the catalog

            def right(dream: LabelledDream, library=library, labelled=labelled) -> set[str]:
                if library.name == "catalog" or labelled.named_in == "seeds":
                    return set(dream.interpretations)
                return seed_articles(dream.interpretations, seed_map)

            with_tags = library.name == labelled.named_in
            library.baseline.tune(tuning)
            matcher_figures = figures(chosen, [library.predict(d.text) for d in chosen], right,
                                      with_tags=with_tags)  # fmt: skip
            baseline_figures = figures(chosen, [library.baseline(d.text) for d in chosen], right,
                                       with_tags=with_tags)  # fmt: skip
            lines += [
                "",
                f"{labelled.name}, {half} half: {len(chosen)} dreams "
                f"({counts['yes']} family, {counts['borderline']} borderline, {counts['no']} "
                f"not); library: {library.name} ({len(library.sources)} interpretations)",
                f"  {'figure':<16}{'matcher':<30}{'TF-IDF baseline':<30}",
            ]
            lines += [
                f"  {name:<16}{matcher_figures[name]!s:<30}{baseline_figures[name]!s:<30}"
                for name in FIGURES
                if matcher_figures[name].of
            ]
    return lines


def seed_articles(names: Iterable[str], seed_map: dict[str, list[str]]) -> set[str]:
    """The seed articles that correspond to these catalog file names."""
    return {seed for name in names for seed in seed_map[name]}


def _tuning_dreams(labelled: LabelledSet, sets: Sequence[LabelledSet]) -> list[LabelledDream]:
    """The dreams the baseline's threshold is set on: the set's development half, or, for a
    held-out set that has none (all of it is test), the development halves of the other sets
    of the same kind (real reports, or written dreams)."""
    own = [d for d in labelled.dreams if d.half in ("", "dev")]
    if own:
        return own
    real = _is_real(labelled)
    return [d for other in sets if _is_real(other) == real for d in other.dreams if d.half == "dev"]


def _is_real(labelled: LabelledSet) -> bool:
    return any(dream.is_real for dream in labelled.dreams)


# A dream's evidence in one library, and the interpretations that fit it there.
Example = tuple[Sequence[Candidate], set[Hashable]]


def leave_one_set_out(
    examples: dict[str, list[tuple[LabelledDream, str, Example]]],
) -> dict[str, dict[str, Share]]:
    """How the attaching model does on dreams it was not fitted on: for each labelled set, fit
    it on all the other sets, decide that set's dreams, and pool the decisions by kind of
    dream and library. examples: set name -> (dream, library name, example) triples.
    Returns "real, catalog" (and so on) -> the figures that do not need tags."""
    pooled: dict[tuple[str, str], list[tuple[LabelledDream, Prediction]]] = {}
    right: dict[tuple[str, str], set[Hashable]] = {}  # (library, dream) -> what fits there
    for held_out, triples in examples.items():
        model = fit_model(
            [example for name, others in examples.items() if name != held_out
             for _, _, example in others]
        )  # fmt: skip
        for dream, library, (found, fits) in triples:
            decision = decide(model, found)
            kind = "real" if dream.is_real else "written"
            prediction = Prediction(None if decision is None else str(decision.key), (), ())
            pooled.setdefault((kind, library), []).append((dream, prediction))
            right[library, dream.key] = fits
    result = {}
    for (kind, library), decided in sorted(pooled.items()):

        def fits_in(dream: LabelledDream, library: str = library) -> set[str]:
            return {str(key) for key in right[library, dream.key]}

        result[f"{kind}, {library}"] = figures(
            [dream for dream, _ in decided],
            [prediction for _, prediction in decided],
            fits_in,
            with_tags=False,
        )
    return result


def throughput(library: Library, texts: Sequence[str], *, seconds: float = 2.0) -> float:
    """Dreams matched per second of this process's CPU time over these texts, repeated for at
    least `seconds`: what one process can do, whatever else the machine is running."""
    done, started = 0, time.process_time()
    while True:
        for text in texts:
            library.matcher.match(text)
        done += len(texts)
        elapsed = time.process_time() - started
        if elapsed >= seconds:
            return done / elapsed


def latency_ms(library: Library, texts: Sequence[str], *, rounds: int = 5) -> float:
    """The median time to match one of these texts, in milliseconds."""
    times = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            library.matcher.match(text)
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000
