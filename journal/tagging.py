"""Suggesting tags for a dream, and re-scoring saved entries when the library changes."""

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from interpretations.library import current_matcher, row_id
from interpretations.matching import MatchResult, TagMatch
from interpretations.models import Interpretation, Tag, TagKind
from journal.models import (
    NARRATIVE_MAX_LENGTH,
    WAKING_BODY_MAX_LENGTH,
    Entry,
    EntryTag,
    Origin,
    Profile,
    tag_matches,
    tag_rows,
)
from journal.querysets import EntryQuerySet

logger = logging.getLogger(__name__)

# Chips offered while typing, per kind.
SUGGESTION_LIMIT = 5
# A suggestion starts ticked (the form's chip, and what an import keeps, with no one there to
# tick) when it is one of the reasons for the interpretation the matcher attached, and the
# matcher's calibrated probability that this interpretation fits is at least this. On the
# labelled written and evaluation dreams with the bundled catalog, 39 of the 69 suggestions so
# kept were labelled (labels name only some of the tags that fit), against 31 of the 122 left
# open; 42 of the 74 dreams got at least one ticked.
KEEP_PROBABILITY = 0.8


NO_SUGGESTIONS = MatchResult(None, (), ())


def keeps_by_default(suggestion: TagMatch, result: MatchResult) -> bool:
    """Whether a suggestion of result is kept unless the user unticks it."""
    found = result.interpretation
    return (
        found is not None
        and found.score >= KEEP_PROBABILITY
        and any(reason.tag.key == suggestion.tag.key for reason in found.reasons)
    )


def kept_by_default(result: MatchResult, shown: Collection[int] = ()) -> set[int]:
    """The ids of the suggestions kept without being ticked: those of result that the rule keeps,
    less the ones already shown to the user (ticked or unticked, theirs to decide)."""
    return {
        row_id(match.tag.key)
        for match in tag_matches(result)
        if match.tag.key not in shown and keeps_by_default(match, result)
    }


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
    """One tag offered on the form: suggested, accepted, or both."""

    tag_id: int
    label: str
    meaning: str
    score: float | None
    matched: tuple[str, ...]
    checked: bool
    suggested: bool


@dataclass(frozen=True)
class SuggestionPanel:
    chips: dict[TagKind, list[Chip]]  # every kind, in TagKind's order
    interpretation: Interpretation | None
    interpretation_score: float | None
    interpretation_matched: tuple[str, ...]
    has_text: bool
    too_long: bool = False  # longer than an entry may be: not matched
    paused: bool = False  # too many suggestion requests just now: not matched

    @property
    def has_chips(self) -> bool:
        return any(self.chips.values())

    @property
    def is_empty(self) -> bool:
        return not (self.has_chips or self.interpretation)


def suggestion_panel(
    result: MatchResult,
    accepted: Iterable[Tag],
    *,
    shown: Sequence[int] = (),
    has_text: bool,
    too_long: bool = False,
    paused: bool = False,
) -> SuggestionPanel:
    """The chips to show for each kind: the suggestions, best first, then the accepted tags
    that are not (or no longer) suggested. A chip is checked when accepted, or when it is new
    (not among the chips shown, the ids of the chips on the page) and kept by default. Chips
    already shown keep their places, so the panel does not jump while the user types."""
    found = result.interpretation
    interpretation = (
        Interpretation.objects.filter(pk=row_id(found.interpretation.key)).first()
        if found
        else None
    )
    accepted = list(accepted)
    checked = {tag.pk for tag in accepted} | kept_by_default(result, set(shown))
    place = {pk: n for n, pk in enumerate(dict.fromkeys(shown))}
    return SuggestionPanel(
        chips={
            kind: sorted(
                _chips(tag_matches(result, kind), [t for t in accepted if t.kind == kind], checked),
                key=lambda chip: place.get(chip.tag_id, len(place)),
            )
            for kind in TagKind
        },
        interpretation=interpretation,
        interpretation_score=found.score if found else None,
        interpretation_matched=found.matched if found else (),
        has_text=has_text,
        too_long=too_long,
        paused=paused,
    )


def _chips(matches: Iterable[TagMatch], accepted: list[Tag], checked: set[int]) -> list[Chip]:
    chips = [
        Chip(
            row_id(m.tag.key),
            m.tag.label,
            m.tag.meaning,
            m.score,
            m.matched,
            m.tag.key in checked,
            True,
        )
        for m in matches
    ]
    suggested = {chip.tag_id for chip in chips}
    chips += [
        Chip(tag.pk, tag.label, tag.meaning, None, (), True, False)
        for tag in {tag.pk: tag for tag in accepted}.values()
        if tag.pk not in suggested
    ]
    return chips


# Entries matched, and written, per transaction while re-scoring.
RESCORE_BATCH_SIZE = 500


def rescore_entries(
    entries: EntryQuerySet | None = None,
    *,
    batch_size: int = RESCORE_BATCH_SIZE,
    after_batch: Callable[[int, int, int], None] | None = None,
) -> int:
    """Re-score the suggestions of saved entries against the library as it is now.

    Tags the user accepted or added are left exactly as they are, and so is an interpretation
    the user chose (or cleared); suggestions left open are replaced by the new ones, and a
    suggested interpretation follows the new best match. Entries go in order of id, a batch
    per transaction; after_batch(last entry id, entries re-scored, entries whose suggestions
    changed) is called inside each batch's transaction, so a caller can record its progress
    with the batch (RescoreRun.record_batch). Returns how many entries were scored.
    """
    matcher = current_matcher()
    queryset = (entries if entries is not None else Entry.objects.all()).alive().order_by("pk")
    scored = last_id = 0
    while batch := list(queryset.filter(pk__gt=last_id).prefetch_related("tags")[:batch_size]):
        last_id = batch[-1].pk
        scored += _rescore_batch(batch, matcher, after_batch)
    if scored:
        logger.info("Re-scored the suggestions of %d entries", scored)
    return scored


def _rescore_batch(batch: list[Entry], matcher, after_batch) -> int:
    new_rows: dict[int, list[EntryTag]] = {}
    changed = []
    for entry in batch:
        before = _open_state(entry)
        result = matcher.match(entry.narrative, entry.waking_body, limit=SUGGESTION_LIMIT)
        new_rows[entry.pk] = _open_suggestions(entry, result)
        if entry.interpretation_origin != Origin.USER:
            entry.set_suggested_interpretation(result)
        if _open_state(entry, new_rows[entry.pk]) != before:
            changed.append(entry)
    with transaction.atomic():
        # An entry its owner saved meanwhile keeps what they saved: re-score the rest.
        revisions = dict(
            Entry.objects.select_for_update()
            .filter(pk__in=[entry.pk for entry in batch])
            .values_list("pk", "revision")
        )
        unchanged = {entry.pk for entry in batch if revisions.get(entry.pk) == entry.revision}
        changed = [entry for entry in changed if entry.pk in unchanged]
        EntryTag.objects.filter(entry__in=changed, accepted=False).delete()
        EntryTag.objects.bulk_create(row for entry in changed for row in new_rows[entry.pk])
        Entry.objects.bulk_update(
            [entry for entry in changed if entry.interpretation_origin != Origin.USER],
            [
                "interpretation",
                "interpretation_origin",
                "interpretation_score",
                "interpretation_matched",
            ],
        )
        Profile.journal_changed({entry.user_id for entry in changed})
        if after_batch is not None:
            after_batch(batch[-1].pk, len(unchanged), len(changed))
    return len(unchanged)


def _open_state(entry: Entry, open_rows: list[EntryTag] | None = None) -> tuple:
    """What re-scoring may change on an entry: its open suggestions (open_rows, or those it
    has) and a suggested interpretation. Entries where it stays the same are not written."""
    if open_rows is None:
        open_rows = [entry_tag for entry_tag in entry.tags.all() if not entry_tag.accepted]
    suggestions = sorted((row.tag_id, row.score, tuple(row.matched)) for row in open_rows)
    if entry.interpretation_origin == Origin.USER:
        return (suggestions,)
    return (
        suggestions,
        entry.interpretation_id,
        entry.interpretation_score,
        tuple(entry.interpretation_matched),
    )


def _open_suggestions(entry: Entry, result: MatchResult) -> list[EntryTag]:
    """New entry tags for the suggestions the user has not accepted (accepted ones stay as
    they are)."""
    kept_ids = {entry_tag.tag_id for entry_tag in entry.tags.all() if entry_tag.accepted}
    return [
        EntryTag.from_row(entry, row)
        for row in tag_rows(tag_matches(result), set(), {})
        if row.tag_id not in kept_ids
    ]
