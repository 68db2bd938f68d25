"""Weaker suggestions: scenarios and markers a dream echoes in other words than their labels'.

Pure Python, no Django; used by interpretations.matching. A tag the matcher does not find
outright may still share words with the dream: words of its label or of its meaning (the
meaning says in plain words what the label names), or near-synonyms of them through the
lexicon's concept classes, each weighted by its rarity across the library as the label's
words are. Such a tag is offered below every tag found outright, with a score below the
matcher's threshold, and never counts towards attaching an interpretation.

The same reading holds as for the label's words: only the dreamer's clauses (or the
scenery's) count, negated words and idioms are not the words they look like, and the words
must lie in one moment of the dream (a sentence or two of the same episode).
"""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from interpretations.features import Occurrence, counted_for, moments, word_keys
from interpretations.indexing import LABEL_MASS_CAP, MIN_EVIDENCE_WORDS, IndexedTag
from interpretations.stems import stem

# The meaning's words are evidence of a tag, but weaker than its label's.
MEANING_SHARE = 0.5
# A weak suggestion's score is its found share of the tag scaled to this ceiling, below the
# matcher's threshold (0.6), so that it ranks and shows below every tag found outright.
WEAK_SCORE_CEILING = 0.5
# Below this found share a tag is not suggested even weakly: two everyday words in common
# with a long meaning are coincidence ("my legs were tired after the hike" is not yet "legs
# like lead"). Markers are read only where the waking is told (see on_waking), where fewer
# words in common are coincidence.
WEAK_SHARE_FLOOR = {"scenario": 0.35, "marker": 0.3}
# Still fewer than asked for, and an interpretation attached: its tags and those of the
# runner-up are offered on less, this share of the tag (one written word of the label will
# do, but not a word of waking alone: the narrative already told the story), scored below
# the others.
LEANING_SHARE_FLOOR = 0.2
LEANING_SCORE_CEILING = 0.3
# The sentences one moment of a dream spans, as for the matcher's scenarios.
WEAK_SENTENCES = 2

# The keys of waking ("woke", "awake", "morning"); the body notes imply it.
WAKING_KEYS = frozenset(word_keys(stem("wake"), False))
_WAKING_STEMS = frozenset(stem(word) for word in ("wake", "woke", "awake", "waking"))

_Hit = tuple[int, float, Occurrence]  # slot, weight found, the word that found it


class WeakIndex:
    """Which slots of which tags a feature key fills, labels and meanings alike."""

    def __init__(self, indexed: list[IndexedTag]) -> None:
        self._indexed = indexed
        # kind -> feature key -> (tag order, slot, weight found), for labels and cues
        self._postings: dict[str, dict[str, list[tuple[int, int, float]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        # the same for the meanings
        self._meanings: dict[str, dict[str, list[tuple[int, int, float]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._norms: list[float] = []
        for tag in indexed:
            postings = self._postings[tag.tag.kind]
            meaning = self._meanings[tag.tag.kind]
            meaning_mass = 0.0
            for number, slot in enumerate(tag.slots):
                if slot.is_bonus or slot.is_verbatim:
                    continue
                share = 1.0 if slot.phrasings else MEANING_SHARE
                if not slot.phrasings:
                    meaning_mass += slot.weight * share
                for key, credit in slot.fills:
                    if credit <= 0 and not slot.phrasings:
                        continue  # denying what the meaning explains says nothing against it
                    value = slot.weight * share * credit
                    (postings if slot.phrasings else meaning)[key].append(
                        (tag.order, number, value)
                    )
            # what a tag must show to be found in full: its lightest phrasing and some of its
            # meaning, no more than a dreamer's sentence or two would say
            self._norms.append(tag.lightest + min(meaning_mass, LABEL_MASS_CAP) / 2)

    def suggest(
        self,
        kind: str,
        occurrences: dict[str, list[Occurrence]],
        found: set[int],
        count: int,
        among: frozenset[int] | None = None,
    ) -> list[tuple[float, int, tuple[Occurrence, ...]]]:
        """(score, tag order, the dream's words) of at most `count` tags of one kind the
        text echoes, leaving out those already `found`, best first. A tag needs a word of its
        label (or a cue) among them. With `among` (tag orders), only those tags, on the
        lesser evidence of LEANING_SHARE_FLOOR; one written word is needed whatever else."""
        postings = self._postings[kind]
        floor = WEAK_SHARE_FLOOR[kind] if among is None else LEANING_SHARE_FLOOR
        ceiling = WEAK_SCORE_CEILING if among is None else LEANING_SCORE_CEILING
        words_needed = MIN_EVIDENCE_WORDS if among is None else 1
        fills: dict[int, list[tuple[str, int, float]]] = defaultdict(list)
        bound: dict[int, dict[int, float]] = defaultdict(dict)  # the most each slot finds
        # the keys in the dream's order, not a set's: equal hits then go the same way in every
        # process
        for key in occurrences:
            for order, slot, value in postings.get(key, ()):
                if order not in found and (among is None or order in among):
                    fills[order].append((key, slot, value))
                    if value > 0:  # a word of the label found, not denied
                        found_in = bound[order]
                        found_in[slot] = max(value, found_in.get(slot, 0.0))
        meanings = self._meanings[kind]
        for key in occurrences:
            for order, slot, value in meanings.get(key, ()):
                if order in bound:  # a word of the label is needed
                    fills[order].append((key, slot, value))
                    found_in = bound[order]
                    found_in[slot] = max(value, found_in.get(slot, 0.0))
        # the tags in order of what their words found over the whole text could score, read one
        # by one until enough are found: on a long report the next ones could score a little
        # more, at a cost a suggestion below the line is not worth
        candidates = []
        for order, found_in in bound.items():
            if len(found_in) >= words_needed:
                share = sum(found_in.values()) / self._norms[order]
                if share >= floor:
                    candidates.append((-share, order))
        suggested: list[tuple[float, int, tuple[Occurrence, ...]]] = []
        for _, order in sorted(candidates):
            if len(suggested) >= count:
                break
            hits = self._hits(order, fills[order], occurrences)
            norm = self._norms[order]
            value, words = _best_moment(hits, self._indexed[order].window, floor * norm)
            share = min(1.0, value / norm)
            if len(words) >= words_needed and any(_told(word, among) for word in words):
                suggested.append((round(ceiling * share, 3), order, words))
        return sorted(suggested, key=lambda item: (-item[0], item[1]))

    def _hits(
        self,
        order: int,
        fills: list[tuple[str, int, float]],
        occurrences: dict[str, list[Occurrence]],
    ) -> list[_Hit]:
        """The tag's slots filled (key, slot, weight) by words that count: the dreamer's, the
        scenery's, and a clause about a thing the tag names ("the sand went soft"), not what
        someone else does."""
        counts = counted_for(self._indexed[order].subjects)
        return [
            (slot, value, occurrence)
            for key, slot, value in fills
            for occurrence in occurrences[key]
            if counts(occurrence)
        ]


def on_waking(
    occurrences: dict[str, list[Occurrence]], waking: frozenset[int]
) -> dict[str, list[Occurrence]]:
    """What the body notes say, and the sentences of the narrative that tell the waking ("woke
    up with this heavy dread"; `waking`: waking_sentences): where the body's state on waking,
    a marker, is told."""
    if not waking:  # body notes imply a waking, so there are none either
        return {}
    kept = {
        key: [o for o in found if told_on_waking(o, waking)] for key, found in occurrences.items()
    }
    return {key: found for key, found in kept.items() if found}


def waking_sentences(occurrences: dict[str, list[Occurrence]]) -> frozenset[int]:
    """The narrative's sentences that tell the waking: with a waking word, or the one after it
    ("Woke at four. Legs like jelly.")."""
    woke = {occurrence.sentence for key in WAKING_KEYS for occurrence in occurrences.get(key, ())}
    return frozenset(woke | {sentence + 1 for sentence in woke})


def told_on_waking(occurrence: Occurrence, waking: frozenset[int]) -> bool:
    """Whether a word of the text is in the body notes or in one of the `waking` sentences."""
    return occurrence.source == 1 or occurrence.sentence in waking


def _best_moment(
    hits: list[_Hit], window: int, needed: float
) -> tuple[float, tuple[Occurrence, ...]]:
    """The most found in one moment of the dream (a sentence or two of one episode, within
    the tag's window of tokens), if at least `needed`, and the words that found it."""
    hits.sort(key=lambda hit: hit[2].position)
    reach = [0.0]  # running sums of what the hits could add: a moment that cannot reach
    for _, value, _ in hits:  # the best so far is skipped
        reach.append(reach[-1] + max(value, 0.0))
    best_value, best_words = needed, cast(tuple[Occurrence, ...], ())
    for start, end in moments([hit[2] for hit in hits], window, WEAK_SENTENCES):
        if reach[end] - reach[start] < best_value:
            continue  # a moment that cannot do better
        value, words = _fill(hits[start:end])
        if value >= best_value:
            best_value, best_words = value, words
    return (best_value, best_words) if best_words else (0.0, ())


def _fill(hits: list[_Hit]) -> tuple[float, tuple[Occurrence, ...]]:
    """What one moment finds, each slot filled once and each word of the dream filling one
    slot at most, and its words; nothing unless the dreamer says one of them."""
    filled: set[int] = set()
    used: dict[tuple[int, int], Occurrence] = {}
    value = 0.0
    by_dreamer = False
    for slot, found, occurrence in sorted(hits, key=lambda hit: -hit[1]):
        word = (occurrence.source, occurrence.first)  # "behind me" is the word "behind" again
        if slot in filled or word in used:
            continue
        if found < 0:  # the dream denies a word of the label: weak evidence gives way
            return 0.0, ()
        filled.add(slot)
        used[word] = occurrence
        value += found
        by_dreamer = by_dreamer or occurrence.token.actor.dreamer
    return (value, tuple(used.values())) if by_dreamer else (0.0, ())


def _told(word: Occurrence, among: frozenset[int] | None) -> bool:
    """Whether the word is written in the dream (not implied by the body notes) and, for the
    tags offered on the least evidence (`among`), says more than that the dreamer woke."""
    return word.last >= 0 and (among is None or word.token.stem not in _WAKING_STEMS)
