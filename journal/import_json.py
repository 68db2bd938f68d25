"""Reading our own JSON export into dreams to import, checked as every format is
(journal/import_files.py).

Our JSON export format, version 3 (journal/exporting.py writes it)::

    {"format": "dream-journal", "version": 3, "entries": [
        {"night": "2024-03-12",            # required, ISO date, 1900 to today
         "narrative": "…",                 # required, at most 20,000 characters
         "title": "", "waking_body": "", "waking_life": "",
         "emotions": ["fear", "relief"],   # values of journal.models.Emotion
         "intensity": 3, "lucid": false, "recurring": false,  # intensity 1 to 5, or null
         "distress": 2,                    # how upsetting, 0 to 4, or null: not said
         "interpretation": {"title": "Running Hard…", "file": "running-in-place.txt"},  # or null
         "interpretation_origin": "suggested",      # "user", "suggested" or "" (none found)
         "scenarios": [{"label": "…", "origin": "suggested"}, …],  # the accepted ones
         "markers": [{"label": "…", "origin": "user"}, …],
         "life_tags": ["deadline"],        # what was going on in waking life (optional)
         "check_ins": [{"condition": "…", "answer": "yes"}]}],  # yes, no or unsure
     "rehearsal_plans": [                  # optional (plans.transfer)
        {"dream_title": "…", "new_ending": "…", "starts_on": "2024-03-20",
         "status": "running",              # running, paused or ended
         "ended_on": null,                 # the night an ended plan ended
         "interpretation": {"title": "…", "file": "…"}, "scenario": "…",  # or null
         "rehearsals": ["2024-03-20", …],
         "versions": [{"saved_at": "2024-03-19T21:04:00+00:00", "new_ending": "…",
                       "starts_on": "2024-03-20"}, …]}]}

Only `night` and `narrative` are required. What a file gives keeps the origin it states:
tags stay accepted, each suggested or the user's; an interpretation the user chose (or
null: they chose none) is kept, while a suggested one, or none found, is the matcher's to
suggest again, as re-scoring would. A bare label, and an interpretation without
`interpretation_origin`, are the user's. Version 1 is the same without the origins, so
everything it gives is the user's. Versions 1 and 2 name the interpretation by one string,
its source file or its title; that is still read, in any version. An interpretation is found
by its file name when the file gives one (a file name names one interpretation), else by its
title. When `interpretation`, `scenarios` or `markers` is absent, the matcher's suggestions
are used, as for a DreamBank file. A check-in is kept when the entry's interpretation still
has that arrival condition, word for word. A rehearsal plan already in the journal (same
dream, first night and ending) is left out; one whose dream is not in the library keeps its
title.
"""

import datetime as dt
import json

from conditions.transfer import read_life_context
from interpretations.models import TagKind
from journal.dreambank import EARLIEST_YEAR, shown
from journal.import_files import (
    ImportedDream,
    ImportFileError,
    ReadFile,
    Skipped,
    check_count,
    check_fits_an_entry,
    check_storable,
    interpretation_names,
    narrative_problem,
    text_field,
)
from journal.models import Emotion, Origin
from plans.transfer import read_plans

EXPORT_FORMAT = "dream-journal"
# The version the exporter writes; every version from 1 up to it is read.
EXPORT_VERSION = 3
_OPTIONAL_TEXTS = ("title", "waking_body", "waking_life")


def read_json(data: bytes, today: dt.date) -> ReadFile:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text: byte 0x{data[error.start]:02x} at position "
            f"{error.start} cannot be read"
        ) from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"the file is not valid JSON: {error.msg} at line {error.lineno}"
        ) from error
    except RecursionError as error:
        raise ImportFileError(
            "not a Dream Journal export: its JSON is nested far deeper than an export is"
        ) from error
    except ValueError as error:  # by default Python reads no integer of over 4,300 digits
        raise ImportFileError(
            "not a Dream Journal export: it holds a number thousands of digits long"
        ) from error
    if (
        not isinstance(document, dict)
        or document.get("format") != EXPORT_FORMAT
        or not isinstance(document.get("entries"), list)
    ):
        raise ImportFileError(
            f'not a Dream Journal export: expected an object with "format": "{EXPORT_FORMAT}", '
            f'"version": {EXPORT_VERSION} and a list of "entries"'
        )
    version = document.get("version")
    if type(version) is not int or not 1 <= version <= EXPORT_VERSION:
        raise ImportFileError(
            f"export version {shown(version)} is not one this version of Dream Journal reads "
            f"(it reads versions 1 to {EXPORT_VERSION})"
        )
    check_count(len(document["entries"]), "entries")
    dreams, skipped = [], []
    for position, item in enumerate(document["entries"], start=1):
        number = str(position)
        if not isinstance(item, dict):
            raise ImportFileError(f"entry {number} is not an object")
        try:
            dreams.append(_dream_from_json(number, item, today, version))
        except ValueError as problem:
            skipped.append(Skipped(number, str(problem)))
    try:
        plans, refused = read_plans(document.get("rehearsal_plans"), today)
    except ValueError as problem:
        raise ImportFileError(str(problem)) from None
    skipped += [Skipped(f"rehearsal plan {number}", problem) for number, problem in refused]
    return ReadFile(dreams, skipped, plans)


def _dream_from_json(number: str, item: dict, today: dt.date, version: int) -> ImportedDream:
    night = _night(item.get("night"), today)
    narrative = text_field(item, "narrative").strip()
    if problem := narrative_problem(narrative):
        raise ValueError(problem)
    texts = {name: text_field(item, name).strip() for name in _OPTIONAL_TEXTS}
    emotions = item.get("emotions") or []
    known = set(Emotion.values)
    if not isinstance(emotions, list) or not all(
        isinstance(value, str) and value in known for value in emotions
    ):
        raise ValueError(f"emotions must be a list of {', '.join(Emotion.values)}")
    intensity = item.get("intensity")
    if intensity is not None and type(intensity) is not int:
        raise ValueError(
            f"intensity must be a whole number from 1 to 5 or null, not {shown(intensity)}"
        )
    distress = item.get("distress")
    if distress is not None and type(distress) is not int:
        raise ValueError(
            f"distress must be a whole number from 0 to 4 or null, not {shown(distress)}"
        )
    flags = {}
    for name in ("lucid", "recurring"):
        flags[name] = item.get(name, False)
        if not isinstance(flags[name], bool):
            raise ValueError(f"{name} must be true or false")
    names = interpretation_names(item.get("interpretation"))
    interpretation = None if names is None else (names[0] or names[1])  # the file, else the title
    check_storable("interpretation", interpretation or "")
    life_tags, check_ins = read_life_context(item)
    dream = ImportedDream(
        life_tags=life_tags,
        check_ins=check_ins,
        number=number,
        night=night,
        narrative=narrative,
        emotions=tuple(dict.fromkeys(emotions)),
        intensity=intensity,
        distress=distress,
        interpretation=(
            (interpretation or "").strip() if _users_interpretation(item, version) else None
        ),
        tags={
            kind: given
            for kind in TagKind
            if (given := _tags(item, kind.plural, version)) is not None
        },
        **texts,  # type: ignore[arg-type]  # the text fields (_OPTIONAL_TEXTS) only
        **flags,
    )
    check_fits_an_entry(dream)
    return dream


def _night(value, today: dt.date) -> dt.date:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no night given")
    check_storable("night", value)
    try:
        night = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"night {shown(value)} is not a date written as YYYY-MM-DD") from None
    if night.year < EARLIEST_YEAR or night > today:
        raise ValueError(f"night {night} is not between {EARLIEST_YEAR} and today")
    return night


def _users_interpretation(item: dict, version: int) -> bool:
    """Whether the file gives an interpretation as the user's choice, to keep as it is."""
    origin = item.get("interpretation_origin", Origin.USER) if version >= 2 else Origin.USER
    if origin not in ("", *Origin.values):
        raise ValueError('interpretation_origin must be "user", "suggested" or ""')
    return "interpretation" in item and origin == Origin.USER


def _tags(item: dict, name: str, version: int) -> tuple[tuple[str, str], ...] | None:
    """The accepted tags as (label, origin). A bare label is the user's; from version 2 a
    tag may also be {"label": …, "origin": …}."""
    if name not in item:
        return None
    value = item[name] or []
    shape = "a list of labels"
    if version >= 2:
        shape += ' or of {"label": …, "origin": "suggested" or "user"}'
    if not isinstance(value, list):
        raise ValueError(f"{name} must be {shape}")
    tags = []
    for tag in value:
        if isinstance(tag, str):
            label, origin = tag, Origin.USER
        elif (
            version >= 2
            and isinstance(tag, dict)
            and isinstance(tag.get("label"), str)
            and tag.get("origin") in Origin.values
        ):
            label, origin = tag["label"], tag["origin"]
        else:
            raise ValueError(f"{name} must be {shape}")
        check_storable(name, label)
        if label.strip():
            tags.append((label.strip(), origin))
    return tuple(tags)
