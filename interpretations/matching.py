"""Suggest the scenarios, somatic markers and interpretation that fit a logged dream.

Pure Python, no Django. A `Matcher` is built once per library version. Every scenario and
marker is read from its own label, meaning and optional editor cue phrases into "slots", one
per thing to find (a word, or alternatives such as "ice or tar"), and an inverted index maps
each feature a dream can show to the slots it fills:

- a word fills a slot of the same stem fully ("ran" fills "running"), and a near-synonym from
  the lexicon's concept classes partly ("concrete" fills "heavy");
- negation is part of a feature, so "I was not running" cannot fill "running" while "the
  ground wasn't moving" fills "ground not moving";
- two words side by side that also stand together in the label ("slow motion") add a bonus.

A tag's score is the share of a label (or of one part of it, or of a cue) that one stretch of
the dream fills, rare words weighing more than common ones, and its meaning adding a little
support. Tags under a threshold are not suggested, and an interpretation is attached only
when its tags together clear a higher one: a dream that fits nothing gets nothing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from interpretations.lexicon import (
    CLAUSE_BREAK_WORDS,
    CONCEPTS,
    IRREGULAR_FORMS,
    LIGHT_WORDS,
    NEGATED_CONCEPTS,
    NEGATORS,
    STOP_WORDS,
)

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
# The meaning explains the label and supports what the label found, adding at most this
# share of it; it never stands in for the label.
MEANING_SUPPORT_CAP = 0.25
# What a label must show to be found in full, in weight of words (a distinctive word weighs
# about 1): at least the floor, so that a label of one or two everyday words ("You turn
# around.") needs more than those words; at most the cap, because a long label's further
# words elaborate and no dreamer repeats them all.
LABEL_MASS_FLOOR = 1.5
LABEL_MASS_CAP = 3.0
# A negator reaches this many content words, and never past the end of its clause.
NEGATION_WINDOW = 3
# A scenario is one moment of a dream: the words that show it lie close together, within
# this many tokens for each word of the label (a dreamer spells "running through water" out
# in a few words, not across three sentences), and never further apart than the maximum.
MATCH_WINDOW_PER_WORD = 5
MATCH_WINDOW_MIN = 10
MATCH_WINDOW_MAX = 30
# One shared word is coincidence: a suggestion needs this many distinct words of the text
# that stand for words of its label (or of a cue); the meaning's words support, not count.
# An editor's cue phrase found word for word is deliberate evidence and suffices alone.
MIN_EVIDENCE_WORDS = 2
# Below this a tag is not suggested: more than half of its label's weight found in the
# label's own words (two of three distinctive words), or nearly all of it through
# near-synonyms. Set where a random sample of real dreams (DreamBank) mostly gets nothing.
TAG_THRESHOLD = 0.6
# Attaching an interpretation claims more than a chip the user can dismiss, so it takes
# more: one tag found almost whole, or two that agree (two tags at 0.6 make 0.72).
INTERPRETATION_THRESHOLD = 0.7
# Each further matched tag of an interpretation adds this share of its score (noisy-or).
SUPPORT_DISCOUNT = 0.5
# Matched words this close together are shown as one phrase ("legs felt like concrete").
SURFACE_MERGE_GAP = 3

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN_RE = re.compile(rf"{_WORD}|[.,;:!?…—–()\[\]\"“”]|\n")
_PART_BREAKS = frozenset(";:—–()[]\n")  # marks that split a label into parts
_STEMMER = snowballstemmer.stemmer("english")
_WAKE = _STEMMER.stemWord("wake")


@dataclass(frozen=True)
class Tag:
    """A scenario or somatic marker from the library."""

    key: Hashable
    kind: str  # "scenario" | "marker"
    label: str
    meaning: str
    interpretation_key: Hashable
    cues: tuple[str, ...] = ()  # extra phrases an editor typed to sharpen the tag


@dataclass(frozen=True)
class InterpretationRef:
    key: Hashable
    title: str
    source: str


@dataclass(frozen=True)
class TagMatch:
    tag: Tag
    score: float
    matched: tuple[str, ...]  # the words of the user's text that triggered it, as written


@dataclass(frozen=True)
class InterpretationMatch:
    interpretation: InterpretationRef
    score: float
    matched: tuple[str, ...]
    reasons: tuple[TagMatch, ...]


@dataclass(frozen=True)
class MatchResult:
    interpretation: InterpretationMatch | None
    scenarios: tuple[TagMatch, ...]  # best first
    markers: tuple[TagMatch, ...]  # best first


# --- Text analysis -------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, irregular forms first ("ran" -> "run")."""
    return _STEMMER.stemWord(IRREGULAR_FORMS.get(word, word))


@dataclass(slots=True)
class Token:
    start: int  # character offsets in the text
    end: int
    stem: str
    segment: int  # stretch between punctuation marks: bigrams stay within one
    clause: int  # a segment split at "but", "what", "because"...: negation stays within one
    part: int  # parts of a label are split by dashes, brackets, semicolons
    is_content: bool
    is_negator: bool
    negated_by: int = -1  # index of the negator whose reach covers this token


def tokenize(text: str) -> list[Token]:
    """The words of a text with their stems, clauses and negation."""
    tokens: list[Token] = []
    segment = clause = part = 0
    for found in _TOKEN_RE.finditer(text):
        word = found.group()
        if not word[0].isalpha():
            segment += 1
            clause += 1
            part += word in _PART_BREAKS
            continue
        word_stem, is_negator, is_break, is_content = _read_word(word)
        clause += is_break
        start, end = found.span()
        tokens.append(Token(start, end, word_stem, segment, clause, part, is_content, is_negator))
    _mark_negation(tokens)
    return tokens


@lru_cache(maxsize=100_000)
def _read_word(word: str) -> tuple[str, bool, bool, bool]:
    """A word's stem, and whether it negates, opens a new clause, or carries content."""
    word = word.casefold().replace("’", "'")
    is_negator = word in NEGATORS or word.endswith("n't")
    base = word.split("'", 1)[0]  # "family's" -> "family", "you're" -> "you"
    is_content = not is_negator and len(base) > 1 and base not in STOP_WORDS
    return stem(base), is_negator, base in CLAUSE_BREAK_WORDS, is_content


def _mark_negation(tokens: list[Token]) -> None:
    reach, negator, clause = 0, -1, -1
    for index, token in enumerate(tokens):
        if token.clause != clause:
            reach, clause = 0, token.clause
        if token.is_negator:
            reach, negator = NEGATION_WINDOW, index
        elif reach > 0:
            token.negated_by = negator
            reach -= token.is_content


@dataclass(frozen=True, slots=True)
class Feature:
    key: str  # "run", "!run" (negated), "@legs" (concept), "~slow motion" (bigram)
    first: int  # the tokens that show it
    last: int


def _polar(key: str, negated: bool) -> str:
    return "!" + key if negated else key


def _bare(key: str) -> str:
    return key.lstrip("!")


def _concept_keys(concepts: Iterable[str], negated: bool) -> list[str]:
    keys = [_polar("@" + concept, negated) for concept in concepts]
    if negated:  # "not moving" is also "stationary"
        keys += ["@" + NEGATED_CONCEPTS[c] for c in concepts if c in NEGATED_CONCEPTS]
    return keys


@lru_cache(maxsize=100_000)
def _word_keys(word_stem: str, negated: bool) -> tuple[str, ...]:
    """A content word's own key and its concepts' keys."""
    concepts = _LEXICON.word_concepts.get(word_stem, ())
    return (_polar(word_stem, negated), *_concept_keys(concepts, negated))


def features_of(tokens: list[Token]) -> list[Feature]:
    """Stems, lexicon concepts (of words and phrases) and bigrams of analysed tokens."""
    found: list[Feature] = []
    previous = -1  # the last content token, for bigrams
    for index, token in enumerate(tokens):
        if token.stem in _LEXICON.phrases_by_first:
            for last, concepts in _phrases_at(tokens, index):
                negated = any(t.negated_by >= 0 for t in tokens[index : last + 1])
                found += [Feature(key, index, last) for key in _concept_keys(concepts, negated)]
        if not token.is_content:
            continue
        negated = token.negated_by >= 0
        found += [Feature(key, index, index) for key in _word_keys(token.stem, negated)]
        if previous >= 0 and tokens[previous].segment == token.segment:
            bigram = f"~{tokens[previous].stem} {token.stem}"
            found.append(Feature(_polar(bigram, negated), previous, index))
        previous = index
    return found


def _phrases_at(tokens: list[Token], index: int) -> Iterable[tuple[int, tuple[str, ...]]]:
    for stems, concepts in _LEXICON.phrases_by_first.get(tokens[index].stem, ()):
        last = index + len(stems) - 1
        if (
            last < len(tokens)
            and tokens[last].clause == tokens[index].clause
            and all(tokens[index + i].stem == s for i, s in enumerate(stems))
        ):
            yield last, concepts


@dataclass(frozen=True)
class _Lexicon:
    word_concepts: dict[str, tuple[str, ...]]
    phrases_by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]
    light_stems: frozenset[str]


def _compile_lexicon() -> _Lexicon:
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept, entry in CONCEPTS.items():
        single_words, *multi_words = entry.split(";")
        for word in single_words.split():
            words[stem(word)].add(concept)
        for phrase in multi_words:
            phrases[tuple(stem(word) for word in phrase.split())].add(concept)
    phrases_by_first: dict[str, list] = defaultdict(list)
    for stems, concepts in phrases.items():
        phrases_by_first[stems[0]].append((stems, tuple(sorted(concepts))))
    return _Lexicon(
        word_concepts={s: tuple(sorted(c)) for s, c in words.items()},
        phrases_by_first=dict(phrases_by_first),
        light_stems=frozenset(stem(word) for word in LIGHT_WORDS),
    )


_LEXICON = _compile_lexicon()


# --- Reading the library -----------------------------------------------------------------------


@dataclass
class _Term:
    """One thing to find in a tag's text: a word, or alternatives offered with "or"."""

    options: dict[str, dict[str, float]]  # own key -> {feature key of a dream: credit}
    part: int
    is_bonus: bool = False  # a bigram adds to a score but is not needed
    is_verbatim: bool = False  # an editor's cue phrase, found word for word

    @property
    def keys(self) -> set[str]:
        return set(self.options)


def _terms_of_text(text: str) -> list[_Term]:
    tokens = tokenize(text)
    phrase_keys: dict[int, set[str]] = defaultdict(set)
    terms: list[_Term] = []
    for feature in features_of(tokens):
        key, part = feature.key, tokens[feature.first].part
        if _bare(key).startswith("~"):
            terms.append(_Term({key: {key: 1.0}}, part, is_bonus=True))
        elif _bare(key).startswith("@") and feature.first != feature.last:
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
    terms += by_token.values()
    return list({frozenset(term.keys): term for term in terms}.values())  # once per word


def _word_term(token: Token, phrase_keys: set[str]) -> _Term:
    negated = token.negated_by >= 0
    key = _polar(token.stem, negated)
    fills = {key: 1.0, _polar(token.stem, not negated): CONTRADICTION_CREDIT}
    concepts = _LEXICON.word_concepts.get(token.stem, ())
    for concept_key in _concept_keys(concepts, negated) + sorted(phrase_keys):
        fills.setdefault(concept_key, CONCEPT_CREDIT)
    return _Term({key: fills}, token.part)


def _verbatim_key(stems: Iterable[str]) -> str:
    return "=" + " ".join(stems)


def _verbatim_terms(cue: str) -> list[_Term]:
    stems = [token.stem for token in tokenize(cue)]
    key = _verbatim_key(stems)
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


@dataclass
class _IndexedTag:
    tag: Tag
    order: int
    slots: list[_Slot] = field(default_factory=list)
    phrasings: list[_Phrasing] = field(default_factory=list)
    window: int = 0  # tokens that may separate its first and last word


@dataclass(frozen=True)
class _TagTerms:
    label: list[_Term]
    meaning: list[_Term]
    cues: list[list[_Term]]

    @classmethod
    def read(cls, tag: Tag) -> _TagTerms:
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
        return {_bare(key) for term in terms for key in term.keys}


def _index_tag(
    tag: Tag, order: int, terms: _TagTerms, weight_of: Callable[[str], float]
) -> _IndexedTag:
    indexed = _IndexedTag(tag, order)

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
            mass = min(max(sum(required), LABEL_MASS_FLOOR), LABEL_MASS_CAP)
            for number in numbers:
                indexed.slots[number].phrasings.append(len(indexed.phrasings))
            indexed.phrasings.append(_Phrasing(tuple(numbers), mass))
            window = min(
                max(MATCH_WINDOW_PER_WORD * len(required), MATCH_WINDOW_MIN), MATCH_WINDOW_MAX
            )
            indexed.window = max(indexed.window, window)

    label_slots = add_slots(terms.label)
    add_phrasing(label_slots)
    parts = sorted({term.part for term in terms.label})
    for part in parts if len(parts) > 1 else ():  # "Ice underfoot — feet lose grip": either
        in_part = [n for n, t in zip(label_slots, terms.label, strict=True) if t.part == part]
        if sum(not indexed.slots[n].is_bonus for n in in_part) >= 2:
            add_phrasing(in_part)
    for cue in terms.cues:
        add_phrasing(add_slots(cue))
    add_slots(terms.meaning)  # slots in no phrasing: the meaning's
    return indexed


def _supporting_only(term: _Term) -> _Term:
    """The term without its contradictions: denying a word of the meaning, which only
    explains the scenario, says nothing against it."""
    options = {
        key: {fill: credit for fill, credit in fills.items() if credit > 0}
        for key, fills in term.options.items()
    }
    return _Term(options, term.part)


def _is_light(term: _Term) -> bool:
    return all(_bare(key) in _LEXICON.light_stems for key in term.keys)


def _idf(documents: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of each key over the tags, scaled to (0, 1]."""
    frequency: dict[str, int] = defaultdict(int)
    for keys in documents:
        for key in keys:
            frequency[key] += 1
    top = math.log(1 + len(documents)) or 1.0
    return {key: math.log(1 + len(documents) / df) / top for key, df in frequency.items()}


def _word_weigher(idf: dict[str, float]) -> Callable[[str], float]:
    def weight_of(key: str) -> float:
        bare = _bare(key)
        if bare.startswith("~"):  # a bigram weighs what its two words weigh on average
            first, second = bare[1:].split(" ")
            return (weight_of(first) + weight_of(second)) / 2
        rarity = 1 - IDF_INFLUENCE + IDF_INFLUENCE * idf.get(bare, 1.0)
        return rarity * (LIGHT_WORD_WEIGHT if bare in _LEXICON.light_stems else 1.0)

    return weight_of


# --- Matching ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Occurrence:
    source: int  # 0: the narrative, 1: the body notes
    first: int  # tokens; -1 for what the body notes imply without saying it
    last: int
    position: int  # on one line across texts, with a gap no window spans


class _AnalysedText:
    """A dream's narrative and body notes, analysed once for every tag."""

    def __init__(self, narrative: str, body: str, cue_phrases: dict[str, list[tuple]]) -> None:
        self.texts = (narrative, body)
        self.tokens = (tokenize(narrative), tokenize(body))
        self.in_narrative = self._occurrences(0, 0, cue_phrases)
        body_offset = len(self.tokens[0]) + MATCH_WINDOW_MAX  # no window spans both texts
        in_body = self._occurrences(1, body_offset, cue_phrases)
        if self.tokens[1]:  # the body notes say how the body felt on waking: waking is implied
            for key in _word_keys(_WAKE, False):
                in_body[key].append(_Occurrence(1, -1, -1, body_offset))
        self.in_both = (
            {
                key: [*self.in_narrative.get(key, ()), *in_body.get(key, ())]
                for key in self.in_narrative.keys() | in_body.keys()
            }
            if in_body
            else self.in_narrative
        )

    def _occurrences(
        self, source: int, offset: int, cue_phrases: dict[str, list[tuple]]
    ) -> dict[str, list[_Occurrence]]:
        by_key: dict[str, list[_Occurrence]] = defaultdict(list)
        tokens = self.tokens[source]
        for feature in features_of(tokens):
            occurrence = _Occurrence(source, feature.first, feature.last, offset + feature.last)
            by_key[feature.key].append(occurrence)
        for first, token in enumerate(tokens):
            for stems in cue_phrases.get(token.stem, ()):
                last = first + len(stems) - 1
                if _says(tokens, first, stems):
                    occurrence = _Occurrence(source, first, last, offset + last)
                    by_key[_verbatim_key(stems)].append(occurrence)
        return by_key


def _says(tokens: list[Token], first: int, stems: tuple[str, ...]) -> bool:
    """Whether the tokens from `first` on say these stems, none of them negated."""
    span = tokens[first : first + len(stems)]
    return len(span) == len(stems) and all(
        token.stem == stem and token.negated_by < 0 for token, stem in zip(span, stems, strict=True)
    )


@dataclass(frozen=True, slots=True)
class _Hit:
    slot: int
    credit: float
    occurrence: _Occurrence


class Matcher:
    """Scores a library of scenarios and somatic markers against dreams."""

    def __init__(self, interpretations: Iterable[InterpretationRef], tags: Iterable[Tag]) -> None:
        self.interpretations = {ref.key: ref for ref in interpretations}
        self.tags = tuple(tags)
        for tag in self.tags:
            if tag.interpretation_key not in self.interpretations:
                raise ValueError(f"tag {tag.key!r} names an unknown interpretation")
        terms = [_TagTerms.read(tag) for tag in self.tags]
        weight_of = _word_weigher(_idf([tag_terms.keys() for tag_terms in terms]))
        self._indexed = [
            _index_tag(tag, order, tag_terms, weight_of)
            for order, (tag, tag_terms) in enumerate(zip(self.tags, terms, strict=True))
        ]
        # first stem -> the stems of editors' cue phrases, to find them word for word
        self._cue_phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for cue in {cue for tag in self.tags for cue in tag.cues}:
            stems = tuple(token.stem for token in tokenize(cue))
            if stems:
                self._cue_phrases[stems[0]].append(stems)
        # kind -> feature key -> (tag order, slot, credit): the label and cue slots a feature
        # fills, enough to tell which tags could reach the threshold at all
        self._postings: dict[str, dict[str, list[tuple[int, int, float]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for indexed in self._indexed:
            postings = self._postings[indexed.tag.kind]
            for number, slot in enumerate(indexed.slots):
                for key, credit in slot.fills if slot.phrasings else ():
                    if credit > 0:  # a contradiction never lifts the bound
                        postings[key].append((indexed.order, number, credit))

    def match(self, narrative: str, body: str = "", *, limit: int = 5) -> MatchResult:
        """Suggest scenarios (from the narrative), markers (from the body notes and the
        narrative) and the interpretation they point to, each best first, at most `limit`."""
        text = _AnalysedText(narrative, body, self._cue_phrases)
        scenarios = self._matches(text, "scenario", text.in_narrative)
        markers = self._matches(text, "marker", text.in_both)  # a marker may show in either
        # What the dream itself tells: its scenarios, and the markers its narrative shows.
        told = {match.tag.key for match in scenarios} | {
            match.tag.key
            for match in (
                self._matches(text, "marker", text.in_narrative) if body.strip() else markers
            )
        }
        return MatchResult(
            interpretation=self._interpretation(scenarios + markers, told),
            scenarios=tuple(scenarios[:limit]),
            markers=tuple(markers[:limit]),
        )

    def match_many(
        self, items: Iterable[str | tuple[str, str]], *, limit: int = 5
    ) -> list[MatchResult]:
        """Match many dreams; each item is a narrative or a (narrative, body) pair."""
        pairs = ((item, "") if isinstance(item, str) else item for item in items)
        return [self.match(narrative, body, limit=limit) for narrative, body in pairs]

    def _matches(
        self, text: _AnalysedText, kind: str, occurrences: dict[str, list[_Occurrence]]
    ) -> list[TagMatch]:
        """Tags of one kind found in the text, best first (library order breaks ties)."""
        postings = self._postings[kind]
        best_credits: dict[int, dict[int, float]] = defaultdict(dict)
        for key in occurrences.keys() & postings.keys():
            for order, slot, credit in postings[key]:
                credits = best_credits[order]
                if credit > credits.get(slot, 0.0):
                    credits[slot] = credit
        found = []
        for order, credits in best_credits.items():
            indexed = self._indexed[order]
            if len(credits) < MIN_EVIDENCE_WORDS:
                continue
            # The best credits of the label's slots over the whole text, with all the support a
            # meaning can add, bound the score from above: most tags stop here.
            if _score_of(indexed, credits) * (1 + MEANING_SUPPORT_CAP) < TAG_THRESHOLD:
                continue
            score, match = _tag_match(indexed, text, occurrences)
            if match is not None:
                found.append((-score, order, match))  # unrounded, before the cap at 1
        return [match for _, _, match in sorted(found, key=lambda item: item[:2])]

    def _interpretation(
        self, matches: list[TagMatch], told: set[Hashable]
    ) -> InterpretationMatch | None:
        reasons_by_key: dict[Hashable, list[TagMatch]] = defaultdict(list)
        for match in sorted(matches, key=lambda match: -match.score):
            reasons_by_key[match.tag.interpretation_key].append(match)
        best: InterpretationMatch | None = None
        for key, reasons in reasons_by_key.items():
            # The dream itself must tell the story: what only the body notes show supports
            # an interpretation but never attaches one ("jaw clenched" to a teeth dream).
            if not any(reason.tag.key in told for reason in reasons):
                continue
            score = _combined_score([reason.score for reason in reasons])
            if score >= INTERPRETATION_THRESHOLD and (best is None or score > best.score):
                matched = tuple(dict.fromkeys(words for r in reasons for words in r.matched))
                ref = self.interpretations[key]
                best = InterpretationMatch(ref, round(score, 3), matched, tuple(reasons))
        return best


def _tag_match(
    indexed: _IndexedTag, text: _AnalysedText, occurrences: dict[str, list[_Occurrence]]
) -> tuple[float, TagMatch | None]:
    """The tag's score in its best stretch of the text, and the match if it is one."""
    hits = [
        _Hit(number, credit, occurrence)
        for number, slot in enumerate(indexed.slots)
        for key, credit in slot.fills
        for occurrence in occurrences.get(key, ())
    ]
    score, chosen = _best_window(indexed, hits)
    supporting = {number: hit for number, hit in chosen.items() if hit.credit > 0}
    label_words = {
        (hit.occurrence.source, hit.occurrence.last)
        for number, hit in supporting.items()
        if indexed.slots[number].phrasings
    }
    verbatim = any(indexed.slots[number].is_verbatim for number in supporting)
    if score < TAG_THRESHOLD or (len(label_words) < MIN_EVIDENCE_WORDS and not verbatim):
        return score, None
    return score, TagMatch(
        indexed.tag, round(min(1.0, score), 3), _surfaces(supporting.values(), text)
    )


def _best_window(indexed: _IndexedTag, hits: list[_Hit]) -> tuple[float, dict[int, _Hit]]:
    """The best-scoring stretch of the text for this tag, and the hit chosen for each slot."""
    hits.sort(key=lambda hit: hit.occurrence.position)
    best_score, best_chosen = 0.0, {}
    end = 0
    for start, first in enumerate(hits):
        limit = first.occurrence.position + indexed.window
        previous_end = end
        while end < len(hits) and hits[end].occurrence.position <= limit:
            end += 1
        if end == previous_end and start > 0:
            continue  # the same stretch less its first hit cannot score more
        chosen = _choose_hits(indexed, hits[start:end])
        score = _score_of(indexed, {slot: hit.credit for slot, hit in chosen.items()})
        if score > best_score:
            best_score, best_chosen = score, chosen
    return best_score, best_chosen


def _choose_hits(indexed: _IndexedTag, hits: list[_Hit]) -> dict[int, _Hit]:
    """The best hit for each slot, one word of the text filling one slot at most ("honey"
    may stand for "syrup" or for "thick", not for both)."""
    slots = indexed.slots
    ranked = sorted(  # a word serves the label before the meaning
        hits, key=lambda hit: (not slots[hit.slot].phrasings, -slots[hit.slot].weight * hit.credit)
    )
    chosen: dict[int, _Hit] = {}
    used_words: set[tuple[int, int]] = set()
    for hit in ranked:
        word = (hit.occurrence.source, hit.occurrence.last)
        is_bonus = slots[hit.slot].is_bonus
        if hit.slot in chosen or (word in used_words and not is_bonus):
            continue
        chosen[hit.slot] = hit
        if not is_bonus:
            used_words.add(word)
    return chosen


def _score_of(indexed: _IndexedTag, credits: dict[int, float]) -> float:
    """The best phrasing's found share, with the meaning's support (shown capped at 1; above 1
    only ranks a match with every label word, side by side, above a bare complete one)."""
    found = [0.0] * len(indexed.phrasings)
    meaning = 0.0
    for number, credit in credits.items():
        slot = indexed.slots[number]
        for phrasing in slot.phrasings:
            found[phrasing] += slot.weight * credit
        if not slot.phrasings:
            meaning += slot.weight * credit
    shares = (
        (value + min(meaning, MEANING_SUPPORT_CAP * value)) / phrasing.mass
        for value, phrasing in zip(found, indexed.phrasings, strict=True)
    )
    return max(shares, default=0.0)


def _combined_score(scores: list[float]) -> float:
    """Noisy-or of an interpretation's tag scores, best first: the best tag sets the prior
    and each further one closes part of the remaining gap."""
    remaining = 1.0 - scores[0]
    for score in scores[1:]:
        remaining *= 1.0 - SUPPORT_DISCOUNT * score
    return 1.0 - remaining


def _surfaces(hits: Iterable[_Hit], text: _AnalysedText) -> tuple[str, ...]:
    """The user's words behind the hits, in text order, neighbours merged into one phrase."""
    spans = set()
    for hit in hits:
        occurrence = hit.occurrence
        if occurrence.last < 0:
            continue  # implied, not written: waking, for the body notes
        tokens = text.tokens[occurrence.source]
        negator = tokens[occurrence.last].negated_by
        first = min(occurrence.first, negator) if negator >= 0 else occurrence.first
        spans.add((occurrence.source, first, occurrence.last))  # "wasn't moving", not "moving"
    merged: list[list[int]] = []
    for source, first, last in sorted(spans):
        if merged and _joins(merged[-1], source, first, text):
            merged[-1][2] = max(merged[-1][2], last)
        else:
            merged.append([source, first, last])
    return tuple(
        text.texts[source][text.tokens[source][first].start : text.tokens[source][last].end]
        for source, first, last in merged
    )


def _joins(span: list[int], source: int, first: int, text: _AnalysedText) -> bool:
    tokens = text.tokens[source]
    return (
        span[0] == source
        and first - span[2] <= SURFACE_MERGE_GAP
        and tokens[first].clause == tokens[span[2]].clause
    )
