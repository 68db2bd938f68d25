"""The live library as the matcher sees it: one Matcher per library version, per process."""

from functools import lru_cache

from interpretations.matching import InterpretationRef, Matcher, Tag
from interpretations.models import Interpretation, Scenario, SomaticMarker


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
        Tag(
            key=part.pk,
            kind=kind,
            label=part.label,
            meaning=part.meaning,
            interpretation_key=part.interpretation_id,
            cues=part.cue_phrases,
        )
        for kind, model in (("scenario", Scenario), ("marker", SomaticMarker))
        for part in model.objects.published()
    ]
    return Matcher(refs, tags)
