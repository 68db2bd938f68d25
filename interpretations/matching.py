"""Suggest the scenarios, somatic markers and interpretation that fit a logged dream.

Pure Python, no Django. A `Matcher` is built once per library version. Every scenario and
marker is read from its own label, meaning and optional editor cue phrases into "slots", one
per thing to find (a word, or alternatives such as "ice or tar"), and an inverted index maps
each feature a dream can show (interpretations.features) to the slots it fills
(interpretations.indexing):

- a word fills a slot of the same dictionary form fully ("ran" fills "running"), and a
  near-synonym from the lexicon's concept classes partly ("concrete" fills "heavy");
- negation is part of a feature, so "I was not running" cannot fill "running" while "the
  ground wasn't moving" fills "ground not moving";
- two words side by side that also stand together in the label ("slow motion") add a bonus.

A tag's score is the share of a label (or of one part of it, or of a cue) that one moment of
the dream fills: words of one sentence or two of the same episode, in clauses where the dreamer
acts or is acted on (or whose subject is a word of the label: "the road kept stretching").
What happens to someone else, in an idiom or in another episode never adds up to a scenario.
Below the tags found so, fewer are offered on weaker evidence (interpretations.suggesting):
words of a tag's meaning too, scored below the threshold and never counted towards attaching.

Whether an interpretation is attached is decided by interpretations.attaching from what the
dream shows of it, scenarios included; its score is a calibrated probability.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, cast

from interpretations import attaching
from interpretations.features import (
    AnalysedText,
    Occurrence,
    counted_for,
    moments,
    surfaces,
    verbatim_key,
)
from interpretations.indexing import IndexedTag, TagTerms, idf_of, index_tag, word_weigher
from interpretations.reading import tokenize
from interpretations.suggesting import (
    WAKING_KEYS,
    WeakIndex,
    on_waking,
    told_on_waking,
    waking_sentences,
)

# The meaning explains the label and supports what the label found, adding at most this
# share of it; it never stands in for the label.
MEANING_SUPPORT_CAP = 0.25
# A scenario is one moment of a dream: one sentence, or two neighbouring ones of the same
# episode (and within the tag's window of tokens, see interpretations.indexing).
MATCH_SENTENCES = 2
# Below this a tag is not found outright (it may still be offered on weaker evidence, see
# interpretations.suggesting): more than half of its label's weight found in the
# label's own words (two of three distinctive words), or nearly all of it through
# near-synonyms. Set where a random sample of real dreams (DreamBank) mostly gets nothing.
TAG_THRESHOLD = 0.6
# A label told only of the scene, with the dreamer in that moment through a word of its
# meaning, needs this many of its words: "the road kept stretching", not "the road was long".
SCENE_LABEL_WORDS = 3


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
    score: float  # the calibrated probability that it fits
    matched: tuple[str, ...]  # the words of the user's text that point to it
    reasons: tuple[TagMatch, ...]  # its scenarios and markers found in the dream


@dataclass(frozen=True)
class MatchResult:
    interpretation: InterpretationMatch | None
    scenarios: tuple[TagMatch, ...]  # best first
    markers: tuple[TagMatch, ...]  # best first


class _Hit(NamedTuple):
    slot: int
    credit: float
    occurrence: Occurrence


# --- Matching ---------------------------------------------------------------------------------


class Matcher:
    """Scores a library of scenarios and somatic markers against dreams."""

    def __init__(self, interpretations: Iterable[InterpretationRef], tags: Iterable[Tag]) -> None:
        self.interpretations = {ref.key: ref for ref in interpretations}
        self.tags = tuple(tags)
        self._order = {tag.key: order for order, tag in enumerate(self.tags)}
        orders_of: dict[Hashable, set[int]] = defaultdict(set)  # interpretation -> its tags
        for order, tag in enumerate(self.tags):
            orders_of[tag.interpretation_key].add(order)
        self._orders_of = {key: frozenset(orders) for key, orders in orders_of.items()}
        for tag in self.tags:
            if tag.interpretation_key not in self.interpretations:
                raise ValueError(f"tag {tag.key!r} names an unknown interpretation")
        terms = [TagTerms.read(tag) for tag in self.tags]
        weight_of = word_weigher(idf_of([tag_terms.keys() for tag_terms in terms]))
        self._indexed = [
            index_tag(tag, order, tag_terms, weight_of)
            for order, (tag, tag_terms) in enumerate(zip(self.tags, terms, strict=True))
        ]
        # first stem -> the stems of editors' cue phrases, to find them word for word
        self._cue_phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for cue in {cue for tag in self.tags for cue in tag.cues}:
            stems = tuple(token.stem for token in tokenize(cue))
            if stems:
                self._cue_phrases[stems[0]].append(stems)
        # kind -> feature key -> (tag order, slot, weight found): the label and cue slots a
        # feature fills, enough to tell which tags could reach the threshold at all
        self._postings: dict[str, dict[str, list[tuple[int, int, float]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for indexed in self._indexed:
            postings = self._postings[indexed.tag.kind]
            for number, slot in enumerate(indexed.slots):
                for key, credit in slot.fills if slot.phrasings else ():
                    if credit > 0:  # a contradiction never lifts the bound
                        postings[key].append((indexed.order, number, slot.weight * credit))
        self._profiles = attaching.Profiles(
            ((ref.key, ref.title) for ref in self.interpretations.values()),
            (
                (tag.interpretation_key, tag.kind, tag.label, tag.meaning, tag.cues)
                for tag in self.tags
            ),
        )
        # every feature key a tag or an interpretation can use: the dream's other words are
        # not worth remembering
        self._wanted = frozenset(
            key for indexed in self._indexed for slot in indexed.slots for key, _ in slot.fills
        ) | {verbatim_key(stems) for phrases in self._cue_phrases.values() for stems in phrases}
        self._wanted = self._wanted | frozenset(self._profiles.weighted)
        self._weak = WeakIndex(self._indexed)
        self._wanted = self._wanted | WAKING_KEYS  # where markers are read from (on_waking)
        # danger near the dreamer's flight, and ease in the dreamer's run, read for every
        # library (interpretations.attaching)
        self._wanted = self._wanted | attaching.READ_KEYS

    def match(self, narrative: str, body: str = "", *, limit: int = 5) -> MatchResult:
        """Suggest scenarios (from the narrative), markers (from the body notes and the
        narrative) and the interpretation they point to, each best first, at most `limit`."""
        text, scenarios, markers, candidates = self._read(narrative, body)
        decision = attaching.decide(_model(), candidates)
        # with an interpretation attached, its tags come first, and on the least evidence
        # its tags and the runner-up's are offered last
        leaning = () if decision is None else (decision.key, decision.runner_up)  # None: no tags
        interpretation = None
        if decision is not None:
            interpretation = InterpretationMatch(
                self.interpretations[decision.key],
                round(decision.probability, 3),
                surfaces(decision.occurrences, text),
                cast(tuple[TagMatch, ...], decision.reasons),  # the candidates' reasons
            )
        return MatchResult(
            interpretation=interpretation,
            scenarios=self._suggestions(text, "scenario", scenarios, limit, leaning),
            markers=self._suggestions(text, "marker", markers, limit, leaning),
        )

    def _suggestions(
        self,
        text: AnalysedText,
        kind: str,
        found: list[tuple[TagMatch, tuple[Occurrence, ...]]],
        limit: int,
        leaning: Sequence[Hashable] = (),
    ) -> tuple[TagMatch, ...]:
        """The tags found outright, then (up to `limit`) those the dream echoes in other words
        (interpretations.suggesting), which score lower and never count towards attaching:
        markers only where the waking is told; then those of the interpretations the dream
        leans to most (`leaning`: the attached one and the runner-up) on less evidence.
        Among the markers found, those whose words are all told on waking come first (not a
        body in the dream's story), then the attached interpretation's own; its own tags come
        first among the weaker ones: its article is the one that explains them (two articles
        may each name a tired waking, "Woke spent" and "Woke exhausted")."""
        attached = self._orders_of.get(leaning[0], frozenset()) if leaning else frozenset()
        if kind == "marker":  # those told on waking first, not a body in the dream's story
            waking = waking_sentences(text.in_both)
            found = sorted(
                found,
                key=lambda item: (
                    not all(told_on_waking(occurrence, waking) for occurrence in item[1]),
                    self._order[item[0].tag.key] not in attached,
                ),
            )
        matches = [match for match, _ in found[:limit]]
        if len(matches) < limit:
            occurrences = (
                text.in_narrative if kind == "scenario" else on_waking(text.in_both, waking)
            )
            found_orders = {self._order[match.tag.key] for match in matches}
            wanted = limit if attached else limit - len(matches)  # more, to pick its own from
            weak = self._weak.suggest(kind, occurrences, found_orders, wanted)
            weak.sort(key=lambda item: item[1] not in attached)  # stable: best first within
            for score, order, words in weak[: limit - len(matches)]:
                matches.append(TagMatch(self.tags[order], score, surfaces(words, text)))
                found_orders.add(order)
            if len(matches) < limit and leaning:
                among = frozenset().union(*(self._orders_of.get(key, ()) for key in leaning))
                more = self._weak.suggest(
                    kind, occurrences, found_orders, limit - len(matches), among
                )
                for score, order, words in more:
                    matches.append(TagMatch(self.tags[order], score, surfaces(words, text)))
        return tuple(matches)

    def evidence(self, narrative: str, body: str = "") -> list[attaching.Candidate]:
        """The figures of every interpretation the dream shows anything of (for fitting the
        attaching model)."""
        return self._read(narrative, body)[3]

    def _read(self, narrative: str, body: str):
        text = AnalysedText(narrative, body, self._cue_phrases, self._wanted)
        scenarios = self._matches(text, "scenario", text.in_narrative)
        markers = self._matches(text, "marker", text.in_both)  # a marker may show in either
        found = [
            attaching.TagEvidence(
                match.tag.interpretation_key, match.tag.kind, match.score, occurrences, match
            )
            for match, occurrences in scenarios + markers
        ]
        return text, scenarios, markers, attaching.candidates(self._profiles, text, found)

    def match_many(
        self, items: Iterable[str | tuple[str, str]], *, limit: int = 5
    ) -> list[MatchResult]:
        """Match many dreams; each item is a narrative or a (narrative, body) pair."""
        pairs = ((item, "") if isinstance(item, str) else item for item in items)
        return [self.match(narrative, body, limit=limit) for narrative, body in pairs]

    def _matches(
        self, text: AnalysedText, kind: str, occurrences: dict[str, list[Occurrence]]
    ) -> list[tuple[TagMatch, tuple[Occurrence, ...]]]:
        """Tags of one kind found in the text, best first (library order breaks ties)."""
        postings = self._postings[kind]
        best_found: dict[int, dict[int, float]] = defaultdict(dict)
        for key in occurrences.keys() & postings.keys():
            for order, slot, value in postings[key]:
                found_in = best_found[order]
                if value > found_in.get(slot, 0.0):
                    found_in[slot] = value
        found = []
        for order, found_in in best_found.items():
            indexed = self._indexed[order]
            # What the label's slots find over the whole text, with all the support a meaning
            # can add, bounds the score from above: most tags stop here, at the cheaper bound
            # of all of it over the lightest phrasing, or at the best phrasing's share.
            reach = TAG_THRESHOLD / (1 + MEANING_SUPPORT_CAP)
            if (
                sum(found_in.values()) < reach * indexed.lightest
                or _share(indexed, found_in) < reach
            ):
                continue
            score, match = _tag_match(indexed, text, occurrences)
            if match is not None:
                found.append((-score, order, match))  # unrounded, before the cap at 1
        return [match for _, _, match in sorted(found, key=lambda item: item[:2])]


@lru_cache(maxsize=1)
def _model() -> attaching.Model:
    """The attaching model, read at the first match (so that refitting it needs no model)."""
    return attaching.Model.load()


def _tag_match(
    indexed: IndexedTag, text: AnalysedText, occurrences: dict[str, list[Occurrence]]
) -> tuple[float, tuple[TagMatch, tuple[Occurrence, ...]] | None]:
    """The tag's score in its best stretch of the text, and the match if it is one."""
    counts = counted_for(indexed.subjects)
    hits = [
        _Hit(number, credit, occurrence)
        for number, slot in enumerate(indexed.slots)
        for key, credit in slot.fills
        for occurrence in occurrences.get(key, ())
        if counts(occurrence)
    ]
    if not _may_match(indexed, hits):
        return 0.0, None
    score, chosen, phrasing = _best_window(indexed, hits)
    supporting = {number: hit for number, hit in chosen.items() if hit.credit > 0}
    label_hits = [hit for number, hit in supporting.items() if indexed.slots[number].phrasings]
    label_words = {(hit.occurrence.source, hit.occurrence.last) for hit in label_hits}
    verbatim = any(indexed.slots[number].is_verbatim for number in supporting)
    by_dreamer = any(hit.occurrence.token.actor.dreamer for hit in label_hits)
    if not by_dreamer and any(hit.occurrence.token.actor.dreamer for hit in supporting.values()):
        # the label told of the scene ("I ran and the road kept stretching"): the dreamer is
        # in the moment through a word of the meaning, and the label's own words must find it,
        # three of them at least ("I ran to the shop and the road was long" does not)
        label_credits = {number: hit.credit for number, hit in supporting.items()
                         if indexed.slots[number].phrasings}  # fmt: skip
        required = sum(not indexed.slots[n].is_bonus for n in indexed.phrasings[phrasing].slots)
        by_dreamer = (
            len(label_words) >= min(SCENE_LABEL_WORDS, required)
            and _score_of(indexed, label_credits)[0] >= TAG_THRESHOLD
        )
    if (
        score < TAG_THRESHOLD
        or not by_dreamer
        or (len(label_words) < indexed.phrasings[phrasing].evidence and not verbatim)
    ):
        return score, None
    words = tuple(hit.occurrence for hit in supporting.values())
    return score, (TagMatch(indexed.tag, round(min(1.0, score), 3), surfaces(words, text)), words)


def _may_match(indexed: IndexedTag, hits: list[_Hit]) -> bool:
    """Whether the whole text shows what any stretch of it must for a match: a word of the
    dreamer's (of the label, or of its meaning where the label's words are told of the scene
    or of a thing the label names: "I ran and the road kept stretching"), and enough words of
    the label (or a cue found word for word)."""
    slots = indexed.slots
    label_words = set()
    by_dreamer = verbatim = False
    for hit in hits:
        if hit.credit <= 0:
            continue  # a denied word shows nothing
        by_dreamer = by_dreamer or hit.occurrence.token.actor.dreamer
        slot = slots[hit.slot]
        if slot.phrasings:
            label_words.add((hit.occurrence.source, hit.occurrence.last))
            verbatim = verbatim or slot.is_verbatim
    evidence = min((phrasing.evidence for phrasing in indexed.phrasings), default=0)
    return by_dreamer and (verbatim or len(label_words) >= evidence)


def _best_window(indexed: IndexedTag, hits: list[_Hit]) -> tuple[float, dict[int, _Hit], int]:
    """The best-scoring stretch of the text for this tag, the hit chosen for each slot, and
    the phrasing found."""
    hits.sort(key=lambda hit: hit.occurrence.position)
    best_score, best_chosen, best_phrasing = 0.0, {}, 0
    # What the label's words found in a stretch add up to at most, with all the support a
    # meaning can add, bounds its score: a stretch that cannot reach the threshold is skipped
    slots = indexed.slots
    reach = [0.0]  # running sums over the hits
    for hit in hits:
        slot = slots[hit.slot]
        found = slot.weight * hit.credit if hit.credit > 0 and slot.phrasings else 0.0
        reach.append(reach[-1] + found)
    needed = TAG_THRESHOLD * indexed.lightest / (1 + MEANING_SUPPORT_CAP) - 1e-9  # rounding
    positions = [hit.occurrence for hit in hits]
    for start, end in moments(positions, indexed.window, MATCH_SENTENCES):
        if reach[end] - reach[start] < needed:
            continue
        chosen = _choose_hits(indexed, hits[start:end])
        score, phrasing = _score_of(indexed, {slot: hit.credit for slot, hit in chosen.items()})
        if score > best_score:
            best_score, best_chosen, best_phrasing = score, chosen, phrasing
    return best_score, best_chosen, best_phrasing


def _choose_hits(indexed: IndexedTag, hits: list[_Hit]) -> dict[int, _Hit]:
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


def _share(indexed: IndexedTag, found: dict[int, float]) -> float:
    """The best phrasing's share of its mass, from the weight found for each label slot."""
    totals = [0.0] * len(indexed.phrasings)
    for number, value in found.items():
        for phrasing in indexed.slots[number].phrasings:
            totals[phrasing] += value
    shares = (total / p.mass for total, p in zip(totals, indexed.phrasings, strict=True))
    return max(shares, default=0.0)


def _score_of(indexed: IndexedTag, credits: dict[int, float]) -> tuple[float, int]:
    """The best phrasing's found share, with the meaning's support (shown capped at 1; above 1
    only ranks a match with every label word, side by side, above a bare complete one)."""
    found = [0.0] * len(indexed.phrasings)
    meaning = 0.0
    slots = indexed.slots
    for number, credit in credits.items():
        slot = slots[number]
        value = slot.weight * credit
        if slot.phrasings:
            for number in slot.phrasings:
                found[number] += value
        else:
            meaning += value
    best_share, best = 0.0, 0
    for number, (value, phrasing) in enumerate(zip(found, indexed.phrasings, strict=True)):
        share = (value + min(meaning, MEANING_SUPPORT_CAP * value)) / phrasing.mass
        if number == 0 or share > best_share:
            best_share, best = share, number
    return best_share, best
