"""Suggesting tags for a dream, and re-scoring saved entries when the library changes."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from interpretations.library import current_matcher
from interpretations.matching import MatchResult, TagMatch
from interpretations.models import Interpretation, Scenario, SomaticMarker
from journal.models import (
    NARRATIVE_MAX_LENGTH,
    WAKING_BODY_MAX_LENGTH,
    Entry,
    EntryMarker,
    EntryScenario,
    Origin,
    Profile,
    tag_rows,
)

logger = logging.getLogger(__name__)

# Chips offered while typing, per kind.
SUGGESTION_LIMIT = 5


NO_SUGGESTIONS = MatchResult(None, (), ())


def within_limits(narrative: str, body: str = "") -> bool:
    """Whether the text fits in an entry. Matching costs time in proportion to the text, so
    text that could never be saved is never matched."""
    return len(narrative) <= NARRATIVE_MAX_LENGTH and len(body) <= WAKING_BODY_MAX_LENGTH


def suggest(narrative: str, body: str = "") -> MatchResult:
    """Scenarios, markers and the interpretation the current library suggests for a dream
    (none for text too long to save: the form says why)."""
    if (not narrative.strip() and not body.strip()) or not within_limits(narrative, body):
        return NO_SUGGESTIONS
    return current_matcher().match(narrative, body, limit=SUGGESTION_LIMIT)


@dataclass(frozen=True)
class Chip:
    """One scenario or marker offered on the form: suggested, accepted, or both."""

    kind: str  # "scenario" | "marker"
    part_id: int
    label: str
    meaning: str
    score: float | None
    matched: tuple[str, ...]
    checked: bool
    suggested: bool


@dataclass(frozen=True)
class SuggestionPanel:
    scenarios: list[Chip]
    markers: list[Chip]
    interpretation: Interpretation | None
    interpretation_score: float | None
    interpretation_matched: tuple[str, ...]
    has_text: bool
    too_long: bool = False  # longer than an entry may be: not matched
    paused: bool = False  # too many suggestion requests just now: not matched

    @property
    def is_empty(self) -> bool:
        return not (self.scenarios or self.markers or self.interpretation)


def suggestion_panel(
    result: MatchResult,
    accepted_scenarios: Iterable[Scenario],
    accepted_markers: Iterable[SomaticMarker],
    *,
    has_text: bool,
    too_long: bool = False,
    paused: bool = False,
) -> SuggestionPanel:
    """The chips to show: the suggestions, best first, checked when accepted, then the
    accepted tags that are not (or no longer) suggested, checked."""
    found = result.interpretation
    interpretation = (
        Interpretation.objects.filter(pk=found.interpretation.key).first() if found else None
    )
    return SuggestionPanel(
        scenarios=_chips("scenario", result.scenarios, accepted_scenarios),
        markers=_chips("marker", result.markers, accepted_markers),
        interpretation=interpretation,
        interpretation_score=found.score if found else None,
        interpretation_matched=found.matched if found else (),
        has_text=has_text,
        too_long=too_long,
        paused=paused,
    )


def _chips(kind: str, matches: Iterable[TagMatch], accepted: Iterable) -> list[Chip]:
    accepted_by_id = {part.pk: part for part in accepted}
    chips = [
        Chip(
            kind,
            m.tag.key,
            m.tag.label,
            m.tag.meaning,
            m.score,
            m.matched,
            m.tag.key in accepted_by_id,
            True,
        )
        for m in matches
    ]
    shown = {chip.part_id for chip in chips}
    chips += [
        Chip(kind, part.pk, part.label, part.meaning, None, (), True, False)
        for pk, part in accepted_by_id.items()
        if pk not in shown
    ]
    return chips


def rescore_entries(entries: QuerySet[Entry] | None = None, *, batch_size: int = 500) -> int:
    """Re-score the suggestions of saved entries against the library as it is now.

    Tags the user accepted or added are left exactly as they are, and so is an interpretation
    the user chose (or cleared); suggestions left open are replaced by the new ones, and a
    suggested interpretation follows the new best match. Call it after the library changes
    (the admin does, after saving an interpretation). Returns how many entries were scored.
    """
    matcher = current_matcher()
    queryset = (entries if entries is not None else Entry.objects.all()).alive()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    scored = 0
    for start in range(0, len(ids), batch_size):
        batch = list(
            Entry.objects.filter(pk__in=ids[start : start + batch_size]).prefetch_related(
                "scenario_tags", "marker_tags"
            )
        )
        new_scenarios, new_markers = [], []
        for entry in batch:
            result = matcher.match(entry.narrative, entry.waking_body, limit=SUGGESTION_LIMIT)
            new_scenarios += _open_suggestions(entry, EntryScenario, result.scenarios)
            new_markers += _open_suggestions(entry, EntryMarker, result.markers)
            if entry.interpretation_origin != Origin.USER:
                entry.set_suggested_interpretation(result)
        with transaction.atomic():
            # An entry its owner saved meanwhile keeps what they saved: re-score the rest.
            revisions = dict(
                Entry.objects.select_for_update()
                .filter(pk__in=[entry.pk for entry in batch])
                .values_list("pk", "revision")
            )
            unchanged = {entry.pk for entry in batch if revisions.get(entry.pk) == entry.revision}
            batch = [entry for entry in batch if entry.pk in unchanged]
            new_scenarios = [row for row in new_scenarios if row.entry_id in unchanged]
            new_markers = [row for row in new_markers if row.entry_id in unchanged]
            for model, rows in ((EntryScenario, new_scenarios), (EntryMarker, new_markers)):
                model.objects.filter(entry__in=batch, accepted=False).delete()
                model.objects.bulk_create(rows)
            Entry.objects.bulk_update(
                [entry for entry in batch if entry.interpretation_origin != Origin.USER],
                [
                    "interpretation",
                    "interpretation_origin",
                    "interpretation_score",
                    "interpretation_matched",
                ],
            )
            Profile.journal_changed({entry.user_id for entry in batch})
        scored += len(batch)
    if scored:
        logger.info("Re-scored the suggestions of %d entries", scored)
    return scored


def _open_suggestions(entry: Entry, model, matches: Iterable[TagMatch]) -> list:
    """New rows for the suggestions the user has not accepted (accepted tags stay as they are)."""
    relation = "scenario_tags" if model is EntryScenario else "marker_tags"
    part_id = f"{model.part_field}_id"
    kept_ids = {getattr(tag, part_id) for tag in getattr(entry, relation).all() if tag.accepted}
    return [
        model.from_row(entry, row)
        for row in tag_rows(matches, set(), {})
        if row.part_id not in kept_ids
    ]
