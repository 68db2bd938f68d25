"""Suggesting tags for a dream, and re-scoring saved entries when the library changes."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from interpretations.library import current_matcher
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
    has_text: bool,
    too_long: bool = False,
    paused: bool = False,
) -> SuggestionPanel:
    """The chips to show for each kind: the suggestions, best first, checked when accepted,
    then the accepted tags that are not (or no longer) suggested, checked."""
    found = result.interpretation
    interpretation = (
        Interpretation.objects.filter(pk=found.interpretation.key).first() if found else None
    )
    accepted = list(accepted)
    return SuggestionPanel(
        chips={
            kind: _chips(tag_matches(result, kind), [tag for tag in accepted if tag.kind == kind])
            for kind in TagKind
        },
        interpretation=interpretation,
        interpretation_score=found.score if found else None,
        interpretation_matched=found.matched if found else (),
        has_text=has_text,
        too_long=too_long,
        paused=paused,
    )


def _chips(matches: Iterable[TagMatch], accepted: list[Tag]) -> list[Chip]:
    accepted_by_id = {tag.pk: tag for tag in accepted}
    chips = [
        Chip(
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
    shown = {chip.tag_id for chip in chips}
    chips += [
        Chip(tag.pk, tag.label, tag.meaning, None, (), True, False)
        for pk, tag in accepted_by_id.items()
        if pk not in shown
    ]
    return chips


def rescore_entries(entries: QuerySet[Entry] | None = None, *, batch_size: int = 500) -> int:
    """Re-score the suggestions of saved entries against the library as it is now.

    Tags the user accepted or added are left exactly as they are, and so is an interpretation
    the user chose (or cleared); suggestions left open are replaced by the new ones, and a
    suggested interpretation follows the new best match. Runs after every library change
    (rescore_after_library_change). Returns how many entries were scored.
    """
    matcher = current_matcher()
    queryset = (entries if entries is not None else Entry.objects.all()).alive()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    scored = 0
    for start in range(0, len(ids), batch_size):
        batch = list(
            Entry.objects.filter(pk__in=ids[start : start + batch_size]).prefetch_related("tags")
        )
        new_rows = []
        for entry in batch:
            result = matcher.match(entry.narrative, entry.waking_body, limit=SUGGESTION_LIMIT)
            new_rows += _open_suggestions(entry, result)
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
            EntryTag.objects.filter(entry__in=batch, accepted=False).delete()
            EntryTag.objects.bulk_create(row for row in new_rows if row.entry_id in unchanged)
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


def _open_suggestions(entry: Entry, result: MatchResult) -> list[EntryTag]:
    """New entry tags for the suggestions the user has not accepted (accepted ones stay as
    they are)."""
    kept_ids = {entry_tag.tag_id for entry_tag in entry.tags.all() if entry_tag.accepted}
    return [
        EntryTag.from_row(entry, row)
        for row in tag_rows(tag_matches(result), set(), {})
        if row.tag_id not in kept_ids
    ]


def rescore_after_library_change(sender, **kwargs) -> None:
    """Re-score every entry once the library change is committed (connected in
    JournalConfig.ready to interpretations' library_change)."""
    transaction.on_commit(rescore_entries)
