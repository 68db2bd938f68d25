"""The live library as the matcher sees it: one Matcher per library version, per process."""

from collections.abc import Hashable
from functools import lru_cache
from typing import cast

from interpretations import matching
from interpretations.matching import InterpretationRef, Matcher
from interpretations.models import Interpretation, Tag


def current_matcher() -> Matcher:
    """The matcher for the published library as it is now (one cheap query to check)."""
    return _matcher_for_version(Interpretation.objects.library_version())


@lru_cache(maxsize=2)
def _matcher_for_version(version: str) -> Matcher:
    published = Interpretation.objects.published()
    refs = [
        InterpretationRef(key=pk, title=title, source=source)
        for pk, title, source in published.values_list("pk", "title", "source")
    ]
    tags = [
        matching.Tag(
            key=tag.pk,
            kind=tag.kind,
            label=tag.label,
            meaning=tag.meaning,
            interpretation_key=tag.interpretation_id,
            cues=tag.cue_phrases,
        )
        for tag in Tag.objects.published()
    ]
    return Matcher(refs, tags)


def row_id(key: Hashable) -> int:
    """The primary key behind a key of the live matcher, which keys each interpretation and
    tag by its row's id (the matcher itself takes any key: tests use file names)."""
    return cast(int, key)
