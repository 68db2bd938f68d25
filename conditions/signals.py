"""The waking-life side of a night, read from what the person wrote: the words of their notes
and the life-context tags those words suggest. Pure Python, no database.

Suggestions are explainable in the same way as the dream tags: each names the words of the
notes that brought it up.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from interpretations.lexicon import STOP_WORDS


def _cues(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The everyday conditions offered to everyone, with the words (lemmas) that suggest each.
EVERYDAY_TAGS: dict[str, frozenset[str]] = {
    "deadline": _cues("deadline due submit submission presentation overtime crunch handover"),
    "conflict": _cues("argument argue fight quarrel row conflict dispute shout"),
    "travel": _cues("travel trip flight fly airport journey holiday hotel abroad"),
    "illness": _cues("ill illness sick flu fever hospital doctor surgery cold"),
    "exams": _cues("exam test final revise revision grade thesis"),
    "money": _cues("money rent bill debt bank salary loan mortgage broke"),
    "a loss": _cues("funeral die death loss grief mourn bereavement"),
}
LIFE_TAG_MAX_LENGTH = 40
MIN_WORD_LENGTH = 3

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def lemmas(text: str) -> frozenset[str]:
    """The content words of a text as lemmas ("deadlines" → "deadline"), stop words out."""
    return frozenset(_written_as(text))


def _written_as(text: str) -> dict[str, str]:
    """Each content lemma of the text, with the word first written for it."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        lowered = word.lower()
        if len(lowered) < MIN_WORD_LENGTH or lowered in STOP_WORDS:
            continue
        lemma = _lemma(lowered)
        if lemma not in STOP_WORDS:
            found.setdefault(lemma, word)
    return found


def normalise_tag_name(name: str) -> str:
    """One spelling per tag: trimmed, single spaces, lower case."""
    return " ".join(name.split()).lower()


@dataclass(frozen=True)
class LifeTagSuggestion:
    name: str
    because: tuple[str, ...]


def suggest_life_tags(
    notes: str, own_tags: Iterable[str] = (), already: Iterable[str] = ()
) -> list[LifeTagSuggestion]:
    """Life-context tags the notes point to: the everyday ones by their words, the person's
    own by the words of their names; never one the entry already has."""
    written = _written_as(notes)
    if not written:
        return []
    taken = {normalise_tag_name(name) for name in already}
    cues = dict(EVERYDAY_TAGS)
    for name in own_tags:
        cues.setdefault(normalise_tag_name(name), lemmas(name))
    suggestions = []
    for name, tag_words in cues.items():
        found = sorted(written.keys() & tag_words)
        if found and name not in taken:
            suggestions.append(LifeTagSuggestion(name, tuple(written[lemma] for lemma in found)))
    return sorted(suggestions, key=lambda suggestion: (-len(suggestion.because), suggestion.name))


# Words repeat from note to note: a journal of thousands of notes is read in milliseconds.
@lru_cache(maxsize=50_000)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="en").lower()
