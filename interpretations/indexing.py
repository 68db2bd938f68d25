"""Reading the library for the matcher: every scenario and marker becomes "slots", one per
thing to find (a word, or alternatives such as "ice or tar"), grouped into phrasings (the
whole label, one part of it, or an editor's cue), each weighted by how rare its words are
across the library.

Pure Python, no Django; used by interpretations.matching.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interpretations.features import LEXICON, bare, concept_keys, features_of, polar, verbatim_key
from interpretations.lexicon import CLAUSE_FILLERS, LIGHT_WORDS, OTHER_SUBJECTS, SCENE_SUBJECTS
from interpretations.rarity import distinctiveness
from interpretations.reading import Token, tokenize
from interpretations.stems import stem

if TYPE_CHECKING:
    from interpretations.matching import Tag

# A near-synonym is good evidence, but weaker than the word itself.
CONCEPT_CREDIT = 0.7
# A label word the dream explicitly denies ("my legs didn't feel heavy") counts against the
# tag as much as it would have counted for it.
CONTRADICTION_CREDIT = -1.0
# How much a word's rarity across the library decides its weight. Not all of it: "running"
# is in most labels, so it tells scenarios apart poorly, yet a dream without it is rarely
# one of them.
IDF_INFLUENCE = 0.6
# Everyday words (see, try, room) weigh this share of a word of the dream's vocabulary.
LIGHT_WORD_WEIGHT = 0.3
# Two label words found side by side ("slow motion") add this share of their weight again.
BIGRAM_BONUS = 0.5
# What a label must show to be found in full, in weight of words (a distinctive word weighs
# about 1): at least the floor, so that a label of one or two everyday words ("You turn
# around.") needs more than those words; at most the cap, because a long label's further
# words elaborate and no dreamer repeats them all.
LABEL_MASS_FLOOR = 1.5
LABEL_MASS_CAP = 3.0
# A scenario is one moment of a dream: its words lie within this many tokens for each word of
# the label, at least the minimum and never more than the maximum.
MATCH_WINDOW_PER_WORD = 5
MATCH_WINDOW_MIN = 10
MATCH_WINDOW_MAX = 30
# One shared word is coincidence: a suggestion needs this many distinct words of the text
# that stand for words of its label (or of a cue); the meaning's words support, not count.
# An editor's cue phrase found word for word is deliberate evidence and suffices alone.
MIN_EVIDENCE_WORDS = 2
# A word this distinctive (see rarity.distinctiveness: "chased", "paralysed", not "ran" or
# "legs") may stand for a one-word part of a label on its own.
TELLING_WORD = 0.3
# ...and a part found through that one word scores this share: a match, but below a label
# found word for word.
TELLING_WORD_SHARE = 0.8


@dataclass
class _Term:
    """One thing to find in a tag's text: a word, or alternatives offered with "or"."""

    options: dict[str, dict[str, float]]  # own key -> {feature key of a dream: credit}
    part: int
    is_bonus: bool = False  # a bigram adds to a score but is not needed
    is_verbatim: bool = False  # an editor's cue phrase, found word for word
    # in a part of the label that opens with someone or something else ("It comes closer"):
    # what they do is the setting, not what the dreamer goes through
    by_other: bool = False

    @property
    def keys(self) -> set[str]:
        return set(self.options)


def _terms_of_text(text: str) -> list[_Term]:
    tokens = tokenize(text)
    phrase_keys: dict[int, set[str]] = defaultdict(set)
    terms: list[_Term] = []
    for feature in features_of(tokens):
        key, part = feature.key, tokens[feature.first].part
        if bare(key).startswith("~"):
            terms.append(_Term({key: {key: 1.0}}, part, is_bonus=True))
        elif bare(key).startswith("@") and feature.first != feature.last:
            span = range(feature.first, feature.last + 1)
            content = [i for i in span if tokens[i].is_content]
            if content:  # "like lead" lends "lead" the concept heavy
                phrase_keys[content[-1]].add(key)
            else:  # a phrase of small words ("in place") is a term of its own
                terms.append(_Term({key: {key: 1.0}}, part))
    by_token = {
        index: _word_term(token, phrase_keys[index])
        for index, token in enumerate(tokens)
        if token.is_content
    }
    for before, after in _alternatives(tokens):
        by_token[before].options.update(by_token.pop(after).options)  # "ice or tar"
    others = _parts_opened_by_others(tokens)
    for term in by_token.values():
        term.by_other = term.part in others
    terms += by_token.values()
    return list({frozenset(term.keys): term for term in terms}.values())  # once per word


_OTHERS_OR_SCENE = OTHER_SUBJECTS | SCENE_SUBJECTS


def _parts_opened_by_others(tokens: list[Token]) -> set[int]:
    """The parts of a text whose first word, after "and", "then" and the like, is someone or
    something else as the subject."""
    opening: dict[int, str] = {}
    for token in tokens:
        if token.part not in opening and token.word.lower() not in CLAUSE_FILLERS:
            opening[token.part] = token.word.lower()
    return {part for part, word in opening.items() if word in _OTHERS_OR_SCENE}


def _word_term(token: Token, phrase_keys: set[str]) -> _Term:
    negated = token.negated_by >= 0
    key = polar(token.stem, negated)
    fills = {key: 1.0, polar(token.stem, not negated): CONTRADICTION_CREDIT}
    concepts = LEXICON.word_concepts.get(token.stem, ())
    for concept_key in concept_keys(concepts, negated) + sorted(phrase_keys):
        fills.setdefault(concept_key, CONCEPT_CREDIT)
    return _Term({key: fills}, token.part)


def _verbatim_terms(cue: str) -> list[_Term]:
    stems = [token.stem for token in tokenize(cue)]
    key = verbatim_key(stems)
    return [_Term({key: {key: 1.0}}, part=0, is_bonus=True, is_verbatim=True)] if stems else []


def _alternatives(tokens: list[Token]) -> Iterable[tuple[int, int]]:
    """Content words on either side of an "or" ("ice or tar", "uphill or through water")."""
    for index, token in enumerate(tokens):
        if token.stem != "or":
            continue
        before = [i for i in range(max(0, index - 3), index) if tokens[i].is_content]
        after = [i for i in range(index + 1, min(len(tokens), index + 4)) if tokens[i].is_content]
        if before and after:
            yield before[-1], after[0]


@dataclass(slots=True)
class _Slot:
    weight: float
    fills: tuple[tuple[str, float], ...]
    is_bonus: bool
    is_verbatim: bool
    phrasings: list[int] = field(default_factory=list)  # none: a slot of the meaning


@dataclass(frozen=True, slots=True)
class _Phrasing:
    """A way the tag can be found: its whole label, one part of it, or an editor's cue."""

    slots: tuple[int, ...]
    mass: float  # clamped weight of its required slots
    evidence: int  # distinct words of the dream it needs


@dataclass
class IndexedTag:
    tag: Tag
    order: int
    slots: list[_Slot] = field(default_factory=list)
    phrasings: list[_Phrasing] = field(default_factory=list)
    window: int = 0  # tokens that may separate its first and last word
    subjects: frozenset[str] = frozenset()  # keys that, as someone else's subject, still count
    lightest: float = 0.0  # the smallest mass of its phrasings


@dataclass(frozen=True)
class TagTerms:
    label: list[_Term]
    meaning: list[_Term]
    cues: list[list[_Term]]

    @classmethod
    def read(cls, tag: Tag) -> TagTerms:
        label = _terms_of_text(tag.label)
        label_keys = {key for term in label for key in term.keys}
        meaning = [
            _supporting_only(term)
            for term in _terms_of_text(tag.meaning)
            if not term.is_bonus and not term.keys & label_keys and not _is_light(term)
        ]  # a label word repeated, or an everyday word, in the meaning is no further evidence
        cues = [[*_terms_of_text(cue), *_verbatim_terms(cue)] for cue in tag.cues]
        return cls(label, meaning, cues)

    def keys(self) -> set[str]:
        terms = [*self.label, *self.meaning, *(term for cue in self.cues for term in cue)]
        return {bare(key) for term in terms for key in term.keys}


def index_tag(
    tag: Tag, order: int, terms: TagTerms, weight_of: Callable[[str], float]
) -> IndexedTag:
    named = [*terms.label, *(term for cue in terms.cues for term in cue)]
    subjects = frozenset(
        bare(fill) for term in named if not term.is_bonus
        for fills in term.options.values() for fill in fills
    )  # fmt: skip
    indexed = IndexedTag(tag, order, subjects=subjects)

    def add_slots(terms: list[_Term]) -> list[int]:
        numbers = []
        for term in terms:
            option_weights = {key: weight_of(key) for key in term.options}
            weight = max(option_weights.values())
            fills: dict[str, float] = {}
            for key, option_fills in term.options.items():
                share = option_weights[key] / weight  # "personal" in "professional or personal"
                for fill_key, credit in option_fills.items():
                    fills[fill_key] = max(fills.get(fill_key, -math.inf), credit * share)
            if term.is_verbatim:
                weight = LABEL_MASS_CAP  # found word for word, the cue is found whole
            elif term.is_bonus:
                weight *= BIGRAM_BONUS
            numbers.append(len(indexed.slots))
            slot = _Slot(weight, tuple(fills.items()), term.is_bonus, term.is_verbatim)
            indexed.slots.append(slot)
        return numbers

    def add_phrasing(numbers: list[int]) -> None:
        required = [indexed.slots[n].weight for n in numbers if not indexed.slots[n].is_bonus]
        if required:
            floor = LABEL_MASS_FLOOR if len(required) > 1 else required[0] / TELLING_WORD_SHARE
            mass = min(max(sum(required), floor), LABEL_MASS_CAP)
            for number in numbers:
                indexed.slots[number].phrasings.append(len(indexed.phrasings))
            evidence = min(MIN_EVIDENCE_WORDS, len(required))
            indexed.phrasings.append(_Phrasing(tuple(numbers), mass, evidence))
            window = min(
                max(MATCH_WINDOW_PER_WORD * len(required), MATCH_WINDOW_MIN), MATCH_WINDOW_MAX
            )
            indexed.window = max(indexed.window, window)

    label_slots = add_slots(terms.label)
    add_phrasing(label_slots)
    parts = sorted({term.part for term in terms.label})
    for part in parts if len(parts) > 1 else ():  # "Ice underfoot — feet lose grip": either
        in_part = [n for n, t in zip(label_slots, terms.label, strict=True) if t.part == part]
        required = [terms.label[label_slots.index(n)] for n in in_part]
        required = [term for term in required if not term.is_bonus]
        if len(required) >= MIN_EVIDENCE_WORDS or (
            required and _is_telling(required[0]) and not required[0].by_other
        ):
            add_phrasing(in_part)
    for cue in terms.cues:
        add_phrasing(add_slots(cue))
    add_slots(terms.meaning)  # slots in no phrasing: the meaning's
    indexed.lightest = min((phrasing.mass for phrasing in indexed.phrasings), default=0.0)
    return indexed


def _is_telling(term: _Term) -> bool:
    """Whether a word is rare enough in dream reports to tell a scenario alone ("Chased, ...",
    "Paralysed, ..."): a part of a label that is one such word is a phrasing of its own."""
    return all(distinctiveness(key) >= TELLING_WORD for key in term.options)


def _supporting_only(term: _Term) -> _Term:
    """The term without its contradictions: denying a word of the meaning, which only
    explains the scenario, says nothing against it."""
    options = {
        key: {fill: credit for fill, credit in fills.items() if credit > 0}
        for key, fills in term.options.items()
    }
    return _Term(options, term.part)


_LIGHT_STEMS = frozenset(stem(word) for word in LIGHT_WORDS)


def _is_light(term: _Term) -> bool:
    return all(bare(key) in _LIGHT_STEMS for key in term.keys)


def idf_of(documents: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each key over the tags, scaled to (0, 1]."""
    frequency: dict[str, int] = defaultdict(int)
    for keys in documents:
        for key in keys:
            frequency[key] += 1
    top = math.log(1 + len(documents)) or 1.0
    return {key: math.log(1 + len(documents) / df) / top for key, df in frequency.items()}


def word_weigher(idf: dict[str, float]) -> Callable[[str], float]:
    def weight_of(key: str) -> float:
        key = bare(key)
        if key.startswith("~"):  # a bigram weighs what its two words weigh on average
            first, second = key[1:].split(" ")
            return (weight_of(first) + weight_of(second)) / 2
        rarity = 1 - IDF_INFLUENCE + IDF_INFLUENCE * idf.get(key, 1.0)
        return rarity * (LIGHT_WORD_WEIGHT if key in _LIGHT_STEMS else 1.0)

    return weight_of
