"""Labelled sets of dreams (issue 11), read and checked against a library's names.

Pure Python, no Django. A labelled set is JSON lines: real DreamBank reports named by
`series` and `n` (their text is read from the DreamBank folder, never stored here), or
written dreams carrying their `text`; each with `on_theme` (yes, no, borderline), the
catalog `interpretations` that fit, and the `scenarios` and `markers` that fit
(interpretations/labelled/GUIDELINE.md says how they were chosen).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ON_THEME_VALUES = ("yes", "no", "borderline")
HALVES = ("dev", "test")


class LabelError(ValueError):
    """A labelled set cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class LabelledDream:
    key: str  # "b/0003" for a DreamBank report, the line's id for a written dream
    text: str
    on_theme: str
    interpretations: tuple[str, ...]  # catalog file names, best first
    scenarios: tuple[str, ...]
    markers: tuple[str, ...]
    half: str  # "dev", "test", or "" when the set has no halves

    @property
    def is_real(self) -> bool:
        """A DreamBank report (keyed by series and number), not a dream we wrote."""
        return "/" in self.key


def dreambank_series(folder: Path) -> list[str]:
    """The series of a DreamBank folder: each `<series>.tsv` but the manifest of where they
    came from."""
    return [path.stem for path in sorted(folder.glob("*.tsv")) if path.stem != "MANIFEST"]


def read_dreambank_texts(folder: Path, series: str) -> dict[str, str]:
    """The reports of one DreamBank series by number."""
    path = folder / f"{series}.tsv"
    default_limit = csv.field_size_limit(10_000_000)  # some reports are longer than 128 kB
    try:
        with path.open(encoding="utf-8", newline="") as file:
            return {row["n"]: row["dream"] for row in csv.DictReader(file, delimiter="\t")}
    finally:
        csv.field_size_limit(default_limit)


def read_labels(
    path: Path,
    *,
    dreambank: Path | None = None,
    catalog: Iterable[str] = (),
    labels: Iterable[str] = (),
) -> list[LabelledDream]:
    """The labelled dreams of a JSON-lines file. DreamBank lines need the DreamBank folder;
    names of interpretations and labels are checked against the catalog's when given."""
    known_files, known_labels = set(catalog), {label_key(label) for label in labels}
    texts: dict[str, dict[str, str]] = {}
    dreams = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise LabelError(f"{path}: cannot be read ({error})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise LabelError(f"{where}: not JSON ({error.msg})") from None
        if not isinstance(item, dict):
            raise LabelError(f"{where}: expected a JSON object")
        dream = _labelled_dream(item, where, dreambank, texts)
        for name in dream.interpretations:
            if known_files and name not in known_files:
                raise LabelError(f"{where}: unknown interpretation {name!r}")
        for label in (*dream.scenarios, *dream.markers):
            key = label_key(label)  # a label may be given shortened at its dash
            if known_labels and not any(known.startswith(key) for known in known_labels):
                raise LabelError(f"{where}: unknown scenario or marker label {label!r}")
        dreams.append(dream)
    return dreams


def _labelled_dream(item: dict, where: str, dreambank: Path | None, texts: dict) -> LabelledDream:
    if "series" in item:
        if dreambank is None:
            raise LabelError(f"{where}: a DreamBank line, but no DreamBank folder was given")
        series, n = str(item["series"]), str(item.get("n"))
        if series not in texts:
            try:
                texts[series] = read_dreambank_texts(dreambank, series)
            except OSError as error:
                raise LabelError(f"{where}: series {series!r} cannot be read ({error})") from None
        if n not in texts[series]:
            raise LabelError(f"{where}: series {series!r} has no report {n!r}")
        key, text = f"{series}/{n}", texts[series][n]
    elif isinstance(item.get("text"), str):
        key, text = str(item.get("id", where)), item["text"]
    else:
        raise LabelError(f'{where}: expected "series" and "n", or a "text"')
    interpretations = _strings(item, "interpretations", where)
    on_theme = item.get("on_theme", "yes" if interpretations else "no")
    if on_theme not in ON_THEME_VALUES:
        raise LabelError(f"{where}: on_theme must be one of {', '.join(ON_THEME_VALUES)}")
    half = item.get("half", "")
    if half not in ("", *HALVES):
        raise LabelError(f"{where}: half must be dev or test")
    return LabelledDream(
        key,
        text,
        on_theme,
        interpretations,
        _strings(item, "scenarios", where),
        _strings(item, "markers", where),
        half,
    )


def _strings(item: dict, name: str, where: str) -> tuple[str, ...]:
    values = item.get(name) or []
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise LabelError(f"{where}: {name} must be a list of strings")
    return tuple(values)


def label_key(label: str) -> str:
    """A label as compared: its words, in lower case ("Legs like lead — or concrete" ->
    "legs like lead or concrete")."""
    return " ".join(re.findall(r"\w+", label.casefold()))
