"""Whether a dream gets an interpretation, and how sure that is.

Pure Python, no Django. Each interpretation that the dream shows anything of is described by
a few figures. Most are read from its best moment in the dream (a sentence, or two of one
episode), counting only clauses where the dreamer acts or is acted on, and each word of the
dream once, by its best reading:

- words, events, things: how much of the interpretation's own words (its title, doubled, its
  labels and its cues) that moment shows: in the same words, weighted by how rare they are in
  dreams; through the lexicon's concepts of events ("chased", "escaped", "couldn't move");
  through its concepts of things ("legs", "mud"), weighted by rarity too. Words the whole
  library shares weigh less: they tell the family, not which interpretation;
- lead: how far that moment exceeds the best other interpretation's;
- scenario: the score of its best scenario found (not how many: a long report shows more
  of them by coincidence, so the count only said how long the report was);
- length: how long the narrative is (log2 of 1 + its sentences): the same evidence says more
  in a short note than in a long report;
- marker: the score of its best marker found (narrative or body notes);
- title: the weight of that moment's words that its title uses: the title says what the
  interpretation is about ("escaped" meets "Chased and Fleeing" before "Legs Going Full Speed
  but Getting Nowhere");
- pursued: whether, in a moment that describes the interpretation, the dreamer is on the
  receiving end of a pursuit verb ("it chased me", "I was being followed"; never "I chased
  the cat"), be it its best moment or another;
- flight: whether the dreamer flees in such a moment ("we escaped", "I ran away"), by the
  lexicon's concept of flight. These two say as much in a long report as in a short note,
  and a chase told in one sentence and the legs that fail told in another are one story;
- danger: whether, in such a moment, the dreamer runs, flees or is pursued with danger
  named in that sentence or a neighbouring one of the same episode (a threat, harm, fear:
  "a man with a knife came at us and we ran"), whoever the danger is about;
- ease: whether the dreamer runs easily or gladly, for the interpretations of running freely;
- length if chased: the length again where the dreamer is pursued, flees, or runs from
  danger ("he pulled a gun and I ran"): a chase told in a long report is no coincidence of
  words, as the length alone would have it.

Two logistic models (calibration.json, fitted on the labelled development pool by
`python manage.py calibrate_matcher`) rank the interpretations and give the probability
that the first one fits; whether the dream is of the family at all is the dream's, so that
probability reads a pursuit, a flight and danger wherever the dream has them, not only in the
first one's moments. It is attached when the narrative alone makes that at least
ATTACH_PROBABILITY, and something happens in the dream (an event or a scenario): markers
support an interpretation, never attach one. The figures are relative to the library, so an
article an editor adds is found from its own words without refitting.
"""

from __future__ import annotations

import json
import logging
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interpretations.actors import (
    PERIL_STEMS,
    PURSUIT_STEMS,
    names_someone,
    sentence_start,
    sentences_around,
)
from interpretations.features import EASE, FLIGHT, AnalysedText, Occurrence, bare, features_of
from interpretations.lexicon import (
    APPROACH_PHRASES,
    DANGER_CONCEPTS,
    EVENT_CONCEPTS,
    KNOWN_PEOPLE,
    PURSUIT_PHRASES,
    UNKNOWN_FOLLOWERS,
    concept_words,
)
from interpretations.logistic import Logistic, fit
from interpretations.rarity import distinctiveness
from interpretations.reading import tokenize
from interpretations.stems import stem, stems_of

# The title says what the interpretation is about, and counts twice. (Meanings explain a
# scenario in other words, far more of them: they describe the interpretation too loosely.)
TITLE_WEIGHT = 2.0
# A near-synonym describes less than the word itself.
CONCEPT_WEIGHT = 0.7
# How much a word's rarity across the library's interpretations decides its weight: words all
# of them share ("running") say the dream is of the library's family, not which one.
IDF_INFLUENCE = 0.5
# A moment of the dream: one sentence, or two neighbouring ones of the same episode.
PROFILE_SENTENCES = 2
# The most likely interpretation is attached from this probability on; and the narrative
# alone must make it at least this likely, whatever the markers add. (Set on the development
# pool by fitting on part of it and scoring the rest: at 0.4 real reports lost a tenth of
# their recall for a few points of precision.)
ATTACH_PROBABILITY = 0.35
logger = logging.getLogger(__name__)
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
FEATURES = ("words", "events", "things", "lead", "scenario", "length", "marker",
            "title", "pursued", "flight", "danger", "ease", "length if chased")  # fmt: skip
_EVENTS, _SCENARIO, _MARKER = (FEATURES.index(name) for name in ("events", "scenario", "marker"))
_PURSUED, _FLIGHT, _EASE = (FEATURES.index(name) for name in ("pursued", "flight", "ease"))
_CHASE_FIGURES = tuple(
    FEATURES.index(name) for name in ("pursued", "flight", "danger", "length if chased")
)


@dataclass(frozen=True)
class TagEvidence:
    """A scenario or marker found, as the attaching decision sees it."""

    interpretation_key: Hashable
    kind: str
    score: float
    occurrences: tuple[Occurrence, ...]
    reason: object  # the matcher's TagMatch, handed back as a reason


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    features: tuple[float, ...]  # in the order of FEATURES
    occurrences: tuple[Occurrence, ...]  # the dream's words that point to it
    reasons: tuple[object, ...]


@dataclass(frozen=True)
class Decision:
    key: Hashable
    probability: float
    occurrences: tuple[Occurrence, ...]
    reasons: tuple[object, ...]
    runner_up: Hashable | None  # the interpretation ranked second, if any


class Profiles:
    """Each interpretation's own words, weighted, indexed by feature key."""

    def __init__(
        self,
        titles: Iterable[tuple[Hashable, str]],
        tags: Iterable[tuple[Hashable, str, str, str, Iterable[str]]],
    ) -> None:
        """titles: (interpretation key, title); tags: (interpretation key, kind, label,
        meaning, cues)."""
        described: dict[Hashable, dict[str, float]] = defaultdict(dict)
        # the words each interpretation uses anywhere, its meanings included: the words many
        # of them use tell the library's family, not which interpretation
        uses: dict[Hashable, set[str]] = defaultdict(set)
        # the interpretations whose title or scenarios tell of a pursuit or a flight: a
        # dreamer who flees says more of those than of legs that stay in one spot (what the
        # body feels on waking says what the dream was like, not what it is about)
        of_flight: set[Hashable] = set()
        # and those that tell of running with ease: only they gain from a dreamer's easy run
        of_ease: set[Hashable] = set()
        self.title_keys: dict[Hashable, frozenset[str]] = {}
        for key, title in titles:
            self.title_keys[key] = _describe(described[key], title, TITLE_WEIGHT)
            if _tells_flight(self.title_keys[key]):
                of_flight.add(key)
            if EASE in self.title_keys[key]:
                of_ease.add(key)
        for key, kind, label, meaning, cues in tags:
            named = _describe(described[key], label, 1.0)
            for cue in cues:
                named |= _describe(described[key], cue, 1.0)
            if kind == "scenario" and _tells_flight(named):
                of_flight.add(key)
            if kind == "scenario" and EASE in named:
                of_ease.add(key)
            uses[key].update(feature.key for feature in features_of(tokenize(meaning)))
        self.order = list(described)  # the library's order: ties go to the earlier one
        # running with ease may tell that the chase is over, but it is no flight
        self.of_flight = frozenset(of_flight - of_ease)
        self.of_ease = frozenset(of_ease)
        count = len(described)
        frequency: dict[str, int] = defaultdict(int)
        for key, weights in described.items():
            for feature_key in weights.keys() | uses[key]:
                if not bare(feature_key).startswith("~"):
                    frequency[feature_key] += 1
        top = math.log(1 + count) or 1.0
        # feature key -> (its kind, [(interpretation, weight)]), without the words most dreams
        # contain: they say nothing
        postings: dict[str, list[tuple[Hashable, float]]] = defaultdict(list)
        for key, weights in described.items():
            for feature_key, mentions in weights.items():
                if bare(feature_key) == EASE:
                    continue  # told by the ease figure: summed as a thing, praise is noise
                idf = math.log(1 + count / frequency[feature_key]) / top
                specific = 1 - IDF_INFLUENCE + IDF_INFLUENCE * idf
                said = 2 * mentions / (1 + mentions)  # said often: central, up to twice
                # an event ("chased", "escaped") tells a story however often dreams tell it;
                # a word or a thing counts as far as it is rare in dreams
                rare = 1.0 if _kind_of(feature_key) == 1 else distinctiveness(feature_key)
                weight = said * specific * rare
                if weight > 0:
                    postings[feature_key].append((key, weight))
        self.weighted = {key: (_kind_of(key), found) for key, found in postings.items()}
        # those whose own words name events the lexicon knows: for an article on another kind
        # of dream (teeth that crumble), the lexicon tells no event from a thing, and its own
        # words, read where the dreamer acts, are what happens in it
        self.of_events = frozenset(
            key
            for key, weights in described.items()
            if any(_kind_of(feature_key) == 1 for feature_key in weights)
        )


def _describe(weights: dict[str, float], text: str, weight: float) -> frozenset[str]:
    """Add a text's words to an interpretation's, once per text; their feature keys."""
    found: dict[str, float] = {}
    for feature in features_of(tokenize(text)):
        key = feature.key
        if bare(key).startswith("~"):
            continue  # word pairs rank scenarios; an interpretation is its words
        credit = weight * (CONCEPT_WEIGHT if bare(key).startswith("@") else 1.0)
        found[key] = max(found.get(key, 0.0), credit)
    for key, credit in found.items():
        weights[key] = weights.get(key, 0.0) + credit
    return frozenset(found)


def _tells_flight(keys: frozenset[str]) -> bool:
    """Whether these feature keys speak of a pursuit or a flight, denied or not ("can't get
    away")."""
    return any(bare(key) in _FLIGHT_KEYS for key in keys)


def candidates(
    profiles: Profiles, text: AnalysedText, found: Sequence[TagEvidence]
) -> list[Candidate]:
    """Every interpretation the dream shows anything of, with its figures."""
    dangerous = _dangerous_flight(text)
    moments = _best_moments(profiles, text, dangerous)
    ease = _ease(text, dangerous)
    narrative = text.tokens[0]
    length = math.log2(1 + (narrative[-1].sentence + 1 if narrative else 0))
    totals = sorted((sum(found[:3]) for found in moments.values()), reverse=True)
    by_key: dict[Hashable, list[TagEvidence]] = defaultdict(list)
    for evidence in found:
        by_key[evidence.interpretation_key].append(evidence)
    result = []
    for key in [key for key in profiles.order if key in moments or key in by_key]:
        words, events, things, title, pursued, flight, danger, occurrences = moments.get(
            key, _NO_MOMENT
        )
        total = words + events + things
        if key not in profiles.of_events:
            events = words
        if key not in profiles.of_flight:
            pursued = flight = danger = 0.0
        scenarios = [e for e in by_key[key] if e.kind == "scenario"]
        markers = [e for e in by_key[key] if e.kind == "marker"]
        features = (
            words,
            events,
            things,
            total - _best_other(totals, total),
            max((e.score for e in scenarios), default=0.0),
            length,
            max((e.score for e in markers), default=0.0),
            title,
            pursued,
            flight,
            danger,
            ease if key in profiles.of_ease else 0.0,
            max(pursued, flight, danger) * length,
        )
        occurrences = (*occurrences, *(o for e in by_key[key] for o in e.occurrences))
        reasons = tuple(e.reason for e in sorted(by_key[key], key=lambda e: -e.score))
        result.append(Candidate(key, features, occurrences, reasons))
    return result


def _best_other(totals: list[float], total: float) -> float:
    """The best profile among the other interpretations (totals sorted, best first)."""
    if not totals:
        return 0.0
    if total == totals[0]:
        return totals[1] if len(totals) > 1 else 0.0
    return totals[0]


_NO_MOMENT = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ())
_PURSUIT_PHRASES = frozenset(stems_of(p) for p in (*PURSUIT_PHRASES, *APPROACH_PHRASES))
_BEHIND_THE_DREAMER = frozenset((stems_of("behind me"), stems_of("behind us")))
_FOOTSTEPS = stem("footsteps")
_UNKNOWN_FOLLOWERS = frozenset(stem(word) for word in UNKNOWN_FOLLOWERS)
_FOLLOW = stem("follow")
# Followers the report knows, or names only as a crowd: "Mom", "my friend", "people follow me"
_KNOWN_FOLLOWERS = frozenset(["he", "she", "they", "people"]) | KNOWN_PEOPLE
_KNOWN_REACH = 3  # words before "follows": "he just kept following me"
# What may stand between a subject and its verb left unsaid: "He waved and then followed us"
_UNSAID_SUBJECT_LINKS = frozenset(["and", "then", "so", "just", "also", "suddenly"])
# Relative words, which open a clause of someone else's between the sentence's first word
# and the follow ("He pointed at a man who followed me home")
_RELATIVES = frozenset(["who", "which", "whom"])
_PERIL_SENTENCES = 2
_FOLLOWER_REACH = 6  # words before "behind me"
_UNKNOWN_REACH = 8  # words before a pursuit: "something came out of the dark behind me"
# Right at the dreamer's back ("something was right behind me"), or closing in, running or
# afraid in that sentence: someone unknown behind the dreamer is then after them.
_CLOSE_BEHIND = frozenset(["right", "close", "just", "still"])
_CLOSING_IN = frozenset(
    stem(word) for concept in ("fear", "chase", "run", "flight") for word in concept_words(concept)
) | frozenset(stems_of("follow come creep breathe closer nearer"))
# FLIGHT not negated: "we did not escape" is no flight
_FLIGHT_KEYS = frozenset((FLIGHT, "@chase"))


def _is_pursuit(tokens: list, occurrence: Occurrence) -> bool:
    """Whether the dreamer is on the receiving end of a pursuit here: a pursuit verb the
    reading left to the dreamer (so acted on: "it chased me"), or "he came after me"."""
    if occurrence.first == occurrence.last:
        token = occurrence.token
        if token.stem not in PURSUIT_STEMS or token.negated_by >= 0:
            return False
        return token.stem != _FOLLOW or _followed_in_peril(tokens, occurrence.first)
    span = tuple(token.stem for token in tokens[occurrence.first : occurrence.last + 1])
    if span in _BEHIND_THE_DREAMER:
        return _unknown_follower_before(tokens, occurrence.first)
    return span in _PURSUIT_PHRASES


def _followed_in_peril(tokens: list, at: int) -> bool:
    """Being followed is a pursuit, unless by someone the report already knows ("he", "she",
    "they", a name, "Mom", "my friend") or a crowd ("people"), with no fear, flight or harm
    within two sentences either side: "he follows me and taunts me" is company, "a man in a
    grey suit follows me" is not."""
    if not _known_follower(tokens, at):
        return True
    return any(
        index != at and tokens[index].stem in PERIL_STEMS
        for index in sentences_around(tokens, at, _PERIL_SENTENCES, _PERIL_SENTENCES)
    )


def _known_follower(tokens: list, at: int) -> bool:
    """Whether the one following at `at` is known: named just before ("he just kept
    following me"), or, when the clause leaves its subject unsaid ("and followed us in"),
    the sentence's first word, with no one else named on the way ("He said hello to us and
    followed us in"; but in "He said a man was outside and followed me home" the man
    follows, and in "After she left a man came and followed me" the man does)."""
    clause = tokens[at].clause
    before = tokens[max(0, at - _KNOWN_REACH) : at]
    if any(t.clause == clause and _names_known(t) for t in before):
        return True
    start = at
    while start > 0 and tokens[start - 1].clause == clause:
        start -= 1
    if any(t.word not in _UNSAID_SUBJECT_LINKS for t in tokens[start:at]):
        return False
    opening = sentence_start(tokens, at)
    while opening < start and tokens[opening].word in _UNSAID_SUBJECT_LINKS:
        opening += 1
    return (
        opening < start
        and _names_known(tokens[opening])
        and not any(names_someone(t) or t.word in _RELATIVES for t in tokens[opening + 1 : start])
    )


def _names_known(token) -> bool:
    return token.word in _KNOWN_FOLLOWERS or token.is_name


def _unknowns_before(tokens: list, first: int, reach: int) -> set[str]:
    """The words for someone or something unknown ("something", "a figure", "footsteps")
    among the `reach` words before this one, in its clause."""
    clause = tokens[first].clause
    before = tokens[max(0, first - reach) : first]
    return {t.stem for t in before if t.clause == clause and t.stem in _UNKNOWN_FOLLOWERS}


def _unknown_follower_before(tokens: list, first: int) -> bool:
    """ "Footsteps behind me", "something was right behind me", "someone behind me, getting
    closer": someone unknown after the dreamer, where "he was behind me" is mostly only where
    he stood, and "someone behind me kept kicking my seat" or "I dropped something behind me"
    is no pursuit."""
    unknowns = _unknowns_before(tokens, first, _FOLLOWER_REACH)
    if _FOOTSTEPS in unknowns:
        return True
    if not unknowns:
        return False
    if tokens[first - 1].word in _CLOSE_BEHIND:
        return True
    end, sentence = first, tokens[first].sentence
    while end < len(tokens) and tokens[end].sentence == sentence:
        end += 1
    return any(token.stem in _CLOSING_IN for token in tokens[sentence_start(tokens, first) : end])


def _best_moments(
    profiles: Profiles, text: AnalysedText, dangerous: set[int]
) -> dict[Hashable, tuple]:
    """For each interpretation, its best moment of the narrative: the summed weight of the
    distinct words there that describe it in its own words, through the lexicon's concepts of
    events and of things; the weight of those its title uses; whether the dreamer is pursued,
    or flees, in any of its moments; and the best moment's words."""
    # (interpretation, sentence) -> word position -> [words, events, things, occurrence,
    # flight, title, pursued]
    found: dict[tuple[Hashable, int], dict[int, list]] = {}
    episodes: dict[int, int] = {}
    titles = profiles.title_keys
    for feature_key, occurrences in text.in_narrative.items():
        entry = profiles.weighted.get(feature_key)
        if entry is None:
            continue
        kind, postings = entry
        flight = float(feature_key == FLIGHT)
        for occurrence in occurrences:
            if not occurrence.token.actor.dreamer:
                continue  # someone else's doing, or the scenery's, is not the dreamer's story
            sentence = occurrence.sentence
            episodes[sentence] = occurrence.episode
            pursued = float(_is_pursuit(text.tokens[0], occurrence))
            for key, weight in postings:
                words = found.setdefault((key, sentence), {})
                weights = words.get(occurrence.last)
                if weights is None:
                    words[occurrence.last] = weights = [0.0, 0.0, 0.0, occurrence, 0.0, 0.0, 0.0]
                if weight > weights[kind]:
                    weights[kind] = weight
                if weight > weights[5] and feature_key in titles[key]:
                    weights[5] = weight
                if flight > weights[4]:
                    weights[4] = flight
                if pursued > weights[6]:
                    weights[6] = pursued
    best: dict[Hashable, tuple] = {}
    chased: dict[Hashable, tuple[float, ...]] = {}  # pursued, flight, danger: anywhere in it
    for (key, sentence), words in found.items():
        moment = words
        for later in range(sentence + 1, sentence + PROFILE_SENTENCES):
            if (key, later) in found and episodes[later] == episodes[sentence]:
                moment = {**moment, **found[key, later]}
        sums = [0.0, 0.0, 0.0]
        title = pursued = flight = 0.0
        for weights in moment.values():  # a word is one piece of evidence: its best reading
            kind = max(range(3), key=weights.__getitem__)
            sums[kind] += weights[kind]
            flight = max(flight, weights[4])
            title += weights[5]
            pursued = max(pursued, weights[6])
        if key not in best or sum(sums) > sum(best[key][:3]):
            best[key] = (*sums, title, pursued, flight, tuple(w[3] for w in moment.values()))
        was = chased.get(key, (0.0, 0.0, 0.0))
        danger = float(sentence in dangerous)
        chased[key] = (max(was[0], pursued), max(was[1], flight), max(was[2], danger))
    return {key: (*moment[:4], *chased[key], moment[6]) for key, moment in best.items()}


DANGER_KEYS = frozenset("@" + concept for concept in DANGER_CONCEPTS)
FLEEING_KEYS = ("@run", FLIGHT, "@chase")
_EASY_RUN_KEYS = ("@run", "@fast")
# Getting nowhere, in vain, or not getting away ("I wasn't ever going to outrun it"; but
# "no one chasing me" is no failure)
_FAILING_KEYS = ("@stationary", "@futility", *("!" + stem(word) for word in ("outrun", "escape")))
# What the decision reads in every dream, whatever words the library uses.
READ_KEYS = DANGER_KEYS | frozenset((*FLEEING_KEYS, *_EASY_RUN_KEYS, *_FAILING_KEYS, EASE))


def _ease(text: AnalysedText, dangerous: set[int]) -> float:
    """1 when the dreamer runs with ease told in that sentence or a neighbouring one of the
    same episode (or runs to someone: features.EASE), no danger near and no unknown pursuer
    in that sentence or a neighbouring one: the run is the dream's joy ("something was
    behind me. I ran, legs working but no use" is none); -1 when the dreamer only runs from
    danger ("as fast as my legs would go" from a man with an axe); else 0.
    `dangerous`: the sentences of a flight from danger (_dangerous_flight)."""
    told = text.in_narrative.get(EASE, ())
    # "legs working but getting nowhere" is no ease: the run fails in that very sentence or
    # the next one of its episode ("Legs working fine ... I knew I'd never outrun it")
    failing = (
        {
            (o.episode, sentence)
            for key in _FAILING_KEYS
            for o in text.in_narrative.get(key, ())
            for sentence in (o.sentence - 1, o.sentence)
        }
        if told
        else set()
    )
    eased = {(o.episode, o.sentence) for o in told if (o.episode, o.sentence) not in failing}
    if not eased:
        return -1.0 if dangerous else 0.0
    tokens = text.tokens[0]
    # a pursuer the dreamer cannot name; "my dog followed me" or "she came closer" may be
    # company on a glad run
    hunted = {
        (o.episode, o.sentence)
        for o in text.in_narrative.get("@chase", ())
        if o.token.actor.dreamer
        and _is_pursuit(tokens, o)
        and _unknowns_before(tokens, o.first, _UNKNOWN_REACH)
    }
    for key in _EASY_RUN_KEYS:
        for occurrence in text.in_narrative.get(key, ()):
            episode, sentence = occurrence.episode, occurrence.sentence
            near = [(episode, n) for n in (sentence - 1, sentence, sentence + 1)]
            if (
                occurrence.token.actor.dreamer
                and sentence not in dangerous
                and any(moment in eased for moment in near)
                and not any(moment in hunted for moment in near)
            ):
                return 1.0
    return -1.0 if dangerous else 0.0


def _dangerous_flight(text: AnalysedText) -> set[int]:
    """The sentences where the dreamer runs, flees or is pursued with danger named in that
    sentence or a neighbouring one of the same episode."""
    danger: set[tuple[int, int]] = set()  # (episode, sentence)
    for key in DANGER_KEYS:
        danger.update((o.episode, o.sentence) for o in text.in_narrative.get(key, ()))
    if not danger:
        return set()
    found = set()
    tokens = text.tokens[0]
    for key in FLEEING_KEYS:
        for occurrence in text.in_narrative.get(key, ()):
            if not occurrence.token.actor.dreamer:
                continue
            if key == "@chase" and not _is_pursuit(tokens, occurrence):
                continue
            episode, sentence = occurrence.episode, occurrence.sentence
            if any((episode, near) in danger for near in (sentence - 1, sentence, sentence + 1)):
                found.add(sentence)
    return found


def _kind_of(feature_key: str) -> int:
    """0 for a word, 1 for a concept of an event, 2 for a concept of a thing."""
    key = bare(feature_key)
    if not key.startswith("@"):
        return 0
    return 1 if key[1:] in EVENT_CONCEPTS else 2


@dataclass(frozen=True)
class Model:
    """Two logistic models: `choice` ranks a dream's interpretations by their figures (which
    one it is, if any), and `attach` gives the probability that the first fits, from its
    figures and its margin over the second."""

    choice: Logistic
    attach: Logistic

    def ranked(self, found: Sequence[Candidate], *, markers: bool = True):
        """The candidates' indexes, best first, and the first one's margin over the second."""
        figures = [c.features if markers else _narrative_only(c.features) for c in found]
        logits = [self.choice.logit(f) for f in figures]
        order = sorted(range(len(found)), key=lambda i: -logits[i])
        if not order:
            return order, 0.0
        runner_up = logits[order[1]] if len(order) > 1 else self.choice.bias
        return order, logits[order[0]] - runner_up

    @classmethod
    def load(cls, path: Path = CALIBRATION_FILE) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: fitted for features {data['features']}, not {FEATURES}")
        return cls(
            Logistic(tuple(data["choice"]["weights"]), data["choice"]["bias"]),
            Logistic(tuple(data["attach"]["weights"]), data["attach"]["bias"]),
        )

    def save(self, path: Path = CALIBRATION_FILE, *, note: str = "") -> None:
        data = {
            "features": FEATURES,
            "choice": {"weights": self.choice.weights, "bias": self.choice.bias},
            "attach": {"weights": self.attach.weights, "bias": self.attach.bias},
            "note": note,
        }
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def decide(model: Model, found: Sequence[Candidate]) -> Decision | None:
    """The most likely interpretation, if the narrative alone makes it likely enough; the
    markers then add what they add to its probability, but never choose or attach one."""
    order, margin = model.ranked(found, markers=False)
    if not order:
        logger.debug("No interpretation: nothing the dreamer does points to one.")
        return None
    first = found[order[0]]
    figures = _attach_figures(first, found)
    told = model.attach.probability((*_narrative_only(figures), margin))
    if told < ATTACH_PROBABILITY:
        logger.debug(
            "No interpretation: the best, %s, is %.2f likely from the narrative, under %.2f.",
            first.key, told, ATTACH_PROBABILITY,
        )  # fmt: skip
        return None
    if not any(first.features[i] > 0 for i in (_EVENTS, _SCENARIO, _PURSUED, _FLIGHT, _EASE)):
        # Words for things ("legs", "road") with nothing happening tell no story; someone
        # coming for the dreamer, or the dreamer running with ease, is something happening.
        logger.debug("No interpretation: %s is named by things, but nothing happens.", first.key)
        return None
    probability = max(told, model.attach.probability((*figures, margin)))
    logger.debug("Attached %s at %.2f (narrative alone %.2f).", first.key, probability, told)
    runner_up = found[order[1]].key if len(order) > 1 else None
    return Decision(first.key, probability, first.occurrences, first.reasons, runner_up)


def _attach_figures(first: Candidate, found: Sequence[Candidate]) -> tuple[float, ...]:
    """The chosen interpretation's figures for the attach decision. Whether the dream is of
    the library's family at all is the dream's to say: a pursuit or a flight anywhere in it
    counts for whichever interpretation was chosen ("running from the fire, my legs folded
    and I couldn't get up" is a flight, though legs that fold are no article of flight)."""
    figures = list(first.features)
    for index in _CHASE_FIGURES:
        figures[index] = max(candidate.features[index] for candidate in found)
    return tuple(figures)


def _narrative_only(figures: Sequence[float]) -> tuple[float, ...]:
    """The figures with the markers' left out: what the narrative alone says."""
    return (*figures[:_MARKER], 0.0, *figures[_MARKER + 1 :])


def fit_model(dreams: Sequence[tuple[Sequence[Candidate], set[Hashable]]]) -> Model:
    """Fit both models on dreams given as (their candidates, the keys that fit them)."""
    choice = fit([(c.features, c.key in right) for found, right in dreams for c in found])
    model = Model(choice, Logistic((0.0,) * (len(FEATURES) + 1), 0.0))
    rows = []
    for found, right in dreams:
        order, margin = model.ranked(found)
        if order:
            first = found[order[0]]
            rows.append(((*_attach_figures(first, found), margin), first.key in right))
    attach = fit(rows)
    if attach.weights[_MARKER] < 0:  # markers support, never count against: leave them out
        attach = fit([(_narrative_only(x), label) for x, label in rows])
    return Model(choice, attach)
