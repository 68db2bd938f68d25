"""What a text shows, as keys the matcher can look up, and where a dream shows them.

Pure Python, no Django. A word's key is its dictionary form ("run"), with "!" when it is
negated ("!run"); the lexicon's concept classes add "@" keys ("@heavy" for "concrete", or for
"like lead"), and two neighbouring words a "~" key ("~slow motion"). An `AnalysedText` reads a
dream's narrative and body notes once, and indexes every key it shows by where it shows it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from interpretations.actors import (
    DREAMER,
    PURSUIT_STEMS,
    Actor,
    names_dreamers_limbs,
    sentence_start,
    sentences_around,
)
from interpretations.lexicon import (
    BARE_PEOPLE,
    CLAUSE_BREAK_WORDS,
    CONCEPTS,
    DETERMINERS,
    DREAMER_POSSESSIVES,
    INABILITY_MODALS,
    KNOWN_PEOPLE,
    MOVEMENT_CONCEPTS,
    NEGATED_CONCEPTS,
    NOT_A_REFUGE,
    OBEYING_WORDS,
    REFUSING_LIMBS,
    REFUSING_WORDS,
    RUN_TO_PEOPLE,
    WHOLE_PHRASES,
    concept_words,
)
from interpretations.reading import Token, dreamer_next, is_inability, tokenize
from interpretations.stems import stem, stems_of

# Matched words this close together are shown as one phrase ("legs felt like concrete").
SURFACE_MERGE_GAP = 3
# Tokens and sentences between the narrative and the body notes, so no window spans both.
_TEXT_GAP = 10_000
_WHOLE_PHRASES = frozenset(stems_of(phrase) for phrase in WHOLE_PHRASES)
# Words before a noun: after them, the first word of a whole phrase is a thing ("my leg").
_OWNERS = DETERMINERS | DREAMER_POSSESSIVES
_OBEYING_STEMS = frozenset(stem(word) for word in OBEYING_WORDS)
_REFUSING_STEMS = _OBEYING_STEMS | frozenset(stem(word) for word in REFUSING_WORDS)
# How far before the word of obeying its limbs may be: "my legs just would not go".
_LIMB_REACH = 5
# Running away from someone: "from" this close after the run, and no end of a route as close
# after it ("ran from the car to the house").
_RUN_STEMS = frozenset(stem(word) for word in concept_words("run"))
# The key of a flight (the "flight" concept), which running from someone also shows.
FLIGHT = "@flight"
_FROM_REACH = 4
_AWAY_FROM_REACH = 8
_ROUTE_ENDS = frozenset(["to", "into", "towards", "toward", "onto", "back", "across"])
# Running to someone: "to" or "toward" this close after the run, the person as close after it;
# a run, not a flight ("I fled to my sister's"), and not one only tried.
_TOWARD = frozenset(["to", "towards", "toward"])
_TO_REACH = 10  # "ran across the field behind our church to my mum"
# Places a word for people may open: "ran to the family room", "to my mum's house" is no run
# to someone.
_PLACES_AFTER_A_PERSON = frozenset(stems_of("room home house car kitchen bedroom bathroom"))
# An escape by car from danger is a flight: "this guy with a mace came to the car and we
# drove away", and so is slipping away unseen ("they started shooting. I snuck off"), and a
# run after it with no "from" and nowhere it runs to ("they tried to kill us. We ran"). The
# danger before it (_peril_before): harm, or a threat that is one by itself (not police, a
# stranger, a shadow or a bear, nor fear, which may be of anything: "afraid of flying, so we
# drove off to Spain"; nor hurt: "my feelings were hurt").
_GETAWAY_STEMS = frozenset(stems_of("drive speed sneak slip"))
_SLIP = stem("slip")
_AWAY_WORDS = frozenset(["off", "away"])
_HARM = "harm"  # the lexicon's concept, whose phrases ("shot at") are harm as its words are
_PERIL = frozenset(
    [
        *(stem(word) for word in concept_words(_HARM) if word != "hurt"),
        *stems_of(
            "monster killer attacker pursuer predator beast intruder zombie demon gunman dangerous "
            "gunshot gunfire shark crocodile alligator"
        ),
    ]
)
# Reports often tell the danger, then what was said or done, then the run: "he pulled out a
# gun and I said 'no, Oscar!'. I ran into another room."
_PERIL_SENTENCES = 2
_TOLD_STEMS = frozenset(
    stems_of("film movie show game story news book documentary mystery tv video episode")
)
# A run with danger before it goes no flight when it is to or after someone or somewhere:
# "a man attacked my sister. I ran to help her", "the killer ran off and I ran after him".
_RUN_TOWARD = _ROUTE_ENDS | {"after"}
# ...but a run into a place is away from the danger ("ran into another room", "to the car")
_INTO = frozenset(["to", "into"])
_PLACE_OPENERS = DETERMINERS | DREAMER_POSSESSIVES
# Not somewhere safe to run into or to: someone, the harmed, a crowd, "each other".
_NOT_A_REFUGE = RUN_TO_PEOPLE | KNOWN_PEOPLE | BARE_PEOPLE | NOT_A_REFUGE
_PURPOSE_REACH = 6  # "ran to the kitchen to get a knife"
_ALARM_STEMS = frozenset(stems_of("scream shriek panic freak"))
_WE_OR_I = frozenset(["i", "we"])  # the run's subject again after "and"
_HIDE_STEM = stem("hide")  # "ran and hid", "ran to hide", "ran n hid"
# Who or what is after the dreamer, as "after" follows it: "were after us", "came after me",
# "someone's after me" (the "'s" is not kept), "some people after me"
_AFTER_WHOM = frozenset(
    stems_of("be come run chase someone somebody something they he she it people men guys")
)
# Over a fence or a wall from danger is a way out as a run is: "he was trying to kill me. I
# jumped over the back fence".
_CLIMB_STEMS = frozenset(stems_of("jump climb hop vault"))
_BARRIERS = frozenset(stems_of("fence wall gate hedge"))
_WAY_OUT_STEMS = _GETAWAY_STEMS | _CLIMB_STEMS | {_HIDE_STEM}
# What comes after "hide" when a thing is hidden or it names a place: "hid it", "my hiding
# spot"
_HIDDEN = frozenset(["it", "them", "him", "something", "spot", "spots", "place", "places"])
# What may stand between the one who hides and the hiding: "I was hiding", "we all hid"
_BEFORE_HIDING = frozenset(
    stems_of("be have must can could will would should just all both quickly quietly also still")
)
# ...or a subject left unsaid: "jumped out of a window and then hid under this bridge"
_UNSAID_SUBJECT = frozenset(["and", "then", "so", "but", "n"])
_TO_HIDE = frozenset(["and", "to", "n"])
_PLAY_STEMS = frozenset(
    stems_of("seek sardines surprise party birthday game games play playing played")
)
_RUN_CONCEPT = "run"  # the lexicon's concept of running, which its phrases ("legged it") name
# A swim is a flight only away from danger: "swam away from the shark", not "from the shore".
_SWIM_STEMS = frozenset(stems_of("swim paddle"))
_GLAD_RUN_STEMS = frozenset(stem(word) for word in ("run", "sprint", "dash", "race", "jog"))
_TRY_STEMS = frozenset((stem("try"), stem("attempt")))
# Someone or something the dreamer cannot name, chasing them: a pursuer never seen (the
# "unseen" concept), as "a figure I never saw" is.
UNSEEN = "@unseen"
_UNKNOWN_PURSUERS = frozenset(["something", "someone", "somebody"])
_PURSUIT_REACH = 6  # "someone in a long coat chasing me"
_PASSIVE_REACH = 10  # "chased thru the county courthouse all night by something"
# Someone the dreamer knows, as what a pursuer turns out to be: the "known" concept.
KNOWN = "@known"
_TITLES = frozenset(["mr", "mrs", "ms", "miss", "dr"])  # "Mr Hadley", not "Halloween"
_BEFORE_A_PERSON = _TITLES | {"my", "our", "old", "late", "just", "only", "actually"}
_REVEALING = frozenset(["was", "is", "stood", "stands", "standing"])
_RELATIVES = frozenset(["who", "that", "which"])
_PURSUIT_OR_TURN = PURSUIT_STEMS | frozenset(stem(word) for word in ("turn", "spin", "look"))
# The key of running that comes easily or gladly, which running to someone also shows (not
# negated: "it was not easy" is no easy run).
EASE = "@ease"


class Feature(NamedTuple):
    key: str  # "run", "!run" (negated), "@legs" (concept), "~slow motion" (bigram)
    first: int  # the tokens that show it
    last: int


def polar(key: str, negated: bool) -> str:
    return "!" + key if negated else key


def bare(key: str) -> str:
    return key.lstrip("!")


def concept_keys(concepts: Iterable[str], negated: bool) -> list[str]:
    keys = [polar("@" + concept, negated) for concept in concepts]
    if negated:  # "not moving" is also "stationary"
        keys += ["@" + NEGATED_CONCEPTS[c] for c in concepts if c in NEGATED_CONCEPTS]
    return keys


# The keys of a dreamer who cannot move: legs that refuse ("my legs wouldn't go").
_CANNOT_MOVE = tuple(concept_keys(("move",), True))


@lru_cache(maxsize=100_000)
def word_keys(word_stem: str, negated: bool) -> tuple[str, ...]:
    """A content word's own key and its concepts' keys."""
    concepts = LEXICON.word_concepts.get(word_stem, ())
    return (polar(word_stem, negated), *concept_keys(concepts, negated))


@lru_cache(maxsize=10_000)
def _inability_keys(word_stem: str) -> tuple[str, ...]:
    """A movement the dreamer cannot make ("couldn't run") is also not moving at all; a cry
    they cannot make ("couldn't scream") is still a cry tried."""
    concepts = LEXICON.word_concepts.get(word_stem, ())
    keys = [] if MOVEMENT_CONCEPTS.isdisjoint(concepts) else concept_keys(("move",), True)
    if "shout" in concepts:
        keys += concept_keys(("shout",), False)
    return tuple(keys)


def features_of(tokens: list[Token]) -> list[Feature]:
    """Keys, lexicon concepts (of words and phrases) and bigrams of analysed tokens."""
    return [Feature(*found) for found in _features(tokens)]


def _features(
    tokens: list[Token], wanted: frozenset[str] | None = None
) -> list[tuple[str, int, int]]:
    """features_of as plain tuples, quicker to make by the million; only the `wanted` keys,
    when given (a dream shows hundreds of keys, and a library uses few of them)."""
    found: list[tuple[str, int, int]] = []
    append = found.append
    previous = -1  # the last content token, for bigrams
    # word pairs are many, and few start as any wanted pair does
    pair_firsts = None if wanted is None else _pair_firsts(wanted)
    phrases_by_first = LEXICON.phrases_by_first
    whole_until = -1  # the last token of a phrase whose words say nothing on their own
    for index, token in enumerate(tokens):
        word_stem = token.stem
        if word_stem in phrases_by_first:
            for last, concepts in _phrases_at(tokens, index):
                if tuple(t.stem for t in tokens[index : last + 1]) in _WHOLE_PHRASES:
                    if index and tokens[index - 1].word.lower() in _OWNERS:
                        continue  # "my leg it was bleeding": a leg, in a run-on
                    whole_until = max(whole_until, last)
                # a phrase that opens with a negator says it in its sense: "no bigger than",
                # "no weight at all" (but "had no face" denies a face: an unseen pursuer)
                negated = any(
                    t.negated_by >= 0 and t.negated_by != index for t in tokens[index : last + 1]
                )
                for key in concept_keys(concepts, negated):
                    if wanted is None or key in wanted:
                        append((key, index, last))
                # a run told in a phrase: "legged it from a clown"
                if _RUN_CONCEPT in concepts and (
                    wanted is None or polar(FLIGHT, negated) in wanted
                ):
                    fled = _run_flight(tokens, index, last, negated)
                    if fled:
                        append((polar(FLIGHT, negated), index, fled))
        if (word_stem in _REFUSING_STEMS and _limbs_refuse(tokens, index)) or (
            token.is_negator and _limbs_refuse_unsaid(tokens, index)
        ):
            for key in _CANNOT_MOVE:
                if wanted is None or key in wanted:
                    append((key, index, index))
        if (
            token.word in _UNKNOWN_PURSUERS
            and (wanted is None or UNSEEN in wanted)
            and _pursues_dreamer(tokens, index)
        ):
            append((UNSEEN, index, index))
        if (
            (
                token.word in KNOWN_PEOPLE
                # "Mr Hadley", and "mr okafor" typed in lower case (not "it'd miss me")
                or (
                    index
                    and tokens[index - 1].word in _TITLES
                    and (token.is_name or (token.is_content and tokens[index - 1].word != "miss"))
                )
            )
            and (wanted is None or KNOWN in wanted)
            and _revealed(tokens, index)
        ):
            append((KNOWN, index, index))
        if not token.is_content or index <= whole_until:
            continue
        negated = token.negated_by >= 0
        for key in word_keys(word_stem, negated):
            if wanted is None or key in wanted:
                append((key, index, index))
        if negated and is_inability(tokens, token.negated_by):
            for key in _inability_keys(word_stem):
                if wanted is None or key in wanted:
                    append((key, index, index))
        if word_stem in _RUN_STEMS or _swims_away(tokens, index):
            if wanted is None or polar(FLIGHT, negated) in wanted:
                fled = _run_flight(tokens, index, index, negated)
                if fled:
                    append((polar(FLIGHT, negated), index, fled))
            ran_to = 0 if negated else _ran_to_someone(tokens, index)
            if ran_to and (wanted is None or EASE in wanted):
                append((EASE, index, ran_to))
        elif word_stem in _WAY_OUT_STEMS and not negated and (wanted is None or FLIGHT in wanted):
            out = _way_out(tokens, index)
            if out:
                append((FLIGHT, index, out))
        if previous >= 0:
            before = tokens[previous]
            if before.segment == token.segment and (
                pair_firsts is None or before.stem in pair_firsts
            ):
                key = polar(f"~{before.stem} {word_stem}", negated)
                if wanted is None or key in wanted:
                    append((key, previous, index))
        previous = index
    return found


def _pursues_dreamer(tokens: list[Token], index: int) -> bool:
    """Whether the unknown someone at `index` chases the dreamer in its clause: "something was
    chasing me", "chased by someone"; not "I followed someone", "someone caught the ball",
    "something caught my eye" or "it wasn't someone chasing me"."""
    clause = tokens[index].clause
    # after the pursuit ("someone was chasing me"), or before it in a passive ("chased by
    # someone", "chased round the market all night by something")
    passive = index > 0 and tokens[index - 1].word == "by"
    first = max(0, index - _PASSIVE_REACH) if passive else index + 1
    for at in range(first, min(len(tokens), index + _PURSUIT_REACH)):
        token = tokens[at]
        if (
            token.clause == clause
            and token.stem in PURSUIT_STEMS
            and token.actor.dreamer  # the dreamer on the receiving end
            and token.negated_by < 0
            and not token.in_idiom
        ):
            return True
    return False


def _revealed(tokens: list[Token], index: int) -> bool:
    """Whether the person at `index` is who a pursuer turns out to be, with a pursuit or a turn
    in that sentence or the one before: "it was my dad", "there stood my old landlord", "it
    turned out to be my brother", "and it's Mr Hadley"; not "it was my sister's wedding" or
    "it was my dad who pulled me inside"."""
    token = tokens[index]
    if token.end - token.start > len(token.word) or (
        index + 1 < len(tokens) and tokens[index + 1].word in _RELATIVES
    ):
        return False  # "my sister's", "my dad who ..."
    at = index - 1
    if (
        at > 0
        and tokens[at].is_content
        and tokens[at].clause == token.clause
        and tokens[at - 1].word in _BEFORE_A_PERSON
    ):
        at -= 1  # one word that says which: "my area manager", "my old maths teacher"
    while at >= 0 and tokens[at].word in _BEFORE_A_PERSON:
        at -= 1
    if at < 0:
        return False
    told = tokens[at].word == "it" or (  # "it's my dad": "it's" is read as "it"
        at > 0
        and (
            (tokens[at].word in _REVEALING and tokens[at - 1].word in ("it", "there"))
            or (tokens[at].word == "be" and tokens[at - 1].word == "to")  # "turned out to be"
        )
    )
    if not told:
        return False
    return any(t.stem in _PURSUIT_OR_TURN for t in tokens[sentence_start(tokens, index, 1) : index])


def _fled_from(tokens: list[Token], index: int) -> int:
    """Where "from" follows a run in its clause, when the run is away from someone or
    something ("ran all night from some guy", and further on after "away": "ran down the
    hall away from it"), not a route ("ran from the car to the house"); 0 when it does
    not."""
    clause, count = tokens[index].clause, len(tokens)
    for at in range(index + 1, min(index + 1 + _AWAY_FROM_REACH, count)):
        if tokens[at].clause != clause or tokens[at].word in _ROUTE_ENDS:
            return 0  # "ran into Sarah from school" meets her
        if tokens[at].word == "from" and (
            at - index <= _FROM_REACH or tokens[at - 1].word == "away"
        ):
            after = tokens[at + 1 : at + 1 + _FROM_REACH]
            if any(t.word in _ROUTE_ENDS and t.clause == clause for t in after):
                return 0
            return at
    return 0


def _swims_away(tokens: list[Token], index: int) -> bool:
    """Whether the word at `index` is a swim away from danger ("swimming away from a shark",
    "the monster roared and I swam away from it"), not from the shore or the pack."""
    following = tokens[index + 1 : index + 2]
    if tokens[index].stem not in _SWIM_STEMS or [t.word for t in following] != ["away"]:
        return False
    ahead = tokens[index + 2 : index + 3 + _FROM_REACH]
    return any(t.stem in _PERIL for t in ahead) or _peril_before(tokens, index)


def _run_flight(tokens: list[Token], index: int, last: int, negated: bool) -> int:
    """Where a run (the word at `index`, or a phrase from it to `last`) is a flight: away from
    someone or something (_fled_from), or, when it is not denied, a run to hide ("I run and
    hide in the pit room"), a run in alarm ("we screamed and ran") or with danger before it
    and not to or after anyone or anywhere, nor for exercise ("went for a run"); 0 when it
    is not."""
    fled_from = _fled_from(tokens, last)
    if fled_from or negated:
        return fled_from
    if _runs_to_hide(tokens, index, last):
        return last + 2
    if _alarm_before(tokens, index):
        return last
    following = tokens[last + 1 : last + 2]
    if following and following[0].word in _RUN_TOWARD and not _into_a_place(tokens, last + 1):
        return 0
    if [token.word for token in tokens[max(0, index - 2) : index]] == ["for", "a"]:
        return 0
    return last if _peril_before(tokens, index) else 0


def _runs_to_hide(tokens: list[Token], index: int, last: int) -> bool:
    """Whether the run from `index` to `last` is to hide ("I run and hide in the pit room",
    "we all ran to hide"): not a thing hidden ("ran and hid the presents"), from the rain, or
    in a game or a surprise."""
    hiding = tokens[last + 1 : last + 4]
    if (
        len(hiding) < 2
        or hiding[0].word not in _TO_HIDE
        or hiding[1].stem != _HIDE_STEM
        or hiding[1].in_idiom
        or (len(hiding) > 2 and hiding[2].word in _PLACE_OPENERS)
    ):
        return False
    return not _at_play(tokens, index)


def _at_play(tokens: list[Token], index: int) -> bool:
    """Whether a game or a surprise is told in the sentence of `index` or the two before:
    hiding there is no flight ("we played hide and seek", "we hid to surprise her")."""
    return any(tokens[at].stem in _PLAY_STEMS for at in sentences_around(tokens, index, 2, 0))


def _alarm_before(tokens: list[Token], index: int) -> bool:
    """Whether the run at `index` follows a scream or a panic joined to it by "and": "we
    screamed and ran", "we all freaked out and ran", "I started freaking out and I ran" (the
    dreamer's own: not "I heard my daughter scream and I ran upstairs")."""
    restated = index > 0 and tokens[index - 1].word in _WE_OR_I
    joined = index - restated
    before = tokens[max(0, joined - 3) : joined]
    return (
        bool(before)
        and before[-1].word == "and"
        and any(
            t.stem in _ALARM_STEMS and t.negated_by < 0 and (t.actor.dreamer or not restated)
            for t in before[:-1]
        )
    )


def _into_a_place(tokens: list[Token], at: int) -> bool:
    """Whether "to" or "into" at `at` takes a run somewhere, away from the danger: "pulled out
    a gun. I ran into another room"; not to do something ("I ran to help her", "ran to the
    kitchen to get a knife"), to anyone ("to my sister", "to the nurse") or to the danger or
    its harm ("ran to the killer", "to the body")."""
    clause = tokens[at].clause
    place = [t for t in tokens[at + 1 : at + 4] if t.clause == clause]
    if tokens[at].word not in _INTO or len(place) < 2 or place[0].word not in _PLACE_OPENERS:
        return False
    if any(t.word in _NOT_A_REFUGE or t.stem in _PERIL for t in place[1:]):
        return False
    after = tokens[at + 2 : at + 2 + _PURPOSE_REACH]
    return not any(  # "to" and a verb: what the run was for
        t.word == "to" and t.clause == clause and u.word not in _PLACE_OPENERS
        for t, u in pairwise(after)
    )


def _way_out(tokens: list[Token], index: int) -> int:
    """Where a way out from danger with no running word ends, from the word at `index`: a
    drive or a sneak off (_getaway), a hiding (_hides_from_peril) or a climb over a fence
    (_over_a_barrier); 0 when it is none."""
    word_stem = tokens[index].stem
    if word_stem in _GETAWAY_STEMS:
        return _getaway(tokens, index)
    if word_stem == _HIDE_STEM:
        return index if _hides_from_peril(tokens, index) else 0
    barrier = _over_a_barrier(tokens, index)
    return barrier if barrier and _peril_before(tokens, index) else 0


def _getaway(tokens: list[Token], index: int) -> int:
    """Where "off" or "away" follows a drive or a sneak (or "away" a slip) in its clause when
    it is an escape: harm, a threat or a pursuit of the dreamer before it, in its sentence or
    the two before ("a guy with a knife came out and we drove off"), and no place it is a
    drive to ("we drove off to the beach"); 0 when it is not."""
    after, count = index + 1, len(tokens)
    if (
        after == count
        or tokens[after].word not in _AWAY_WORDS
        or (tokens[index].stem == _SLIP and tokens[after].word != "away")  # "slipped off a step"
        or tokens[after].clause != tokens[index].clause
        or (after + 1 < count and tokens[after + 1].word in _ROUTE_ENDS)
    ):
        return 0
    return after if _peril_before(tokens, index) else 0


def _hides_from_peril(tokens: list[Token], index: int) -> bool:
    """Whether the hiding at `index` is the dreamer's, from harm, a threat or a pursuit of
    the dreamer told before it ("these girls were after me. I hid behind a pillar"): not a
    thing hidden ("hid the knife", "hid it"), a place ("my hiding spot"), someone or
    something else hiding ("a monster was hiding under my bed", "I found my father hiding",
    "nowhere to hide"), or a game."""
    following = tokens[index + 1 : index + 2]
    if following and (following[0].word in _PLACE_OPENERS or following[0].word in _HIDDEN):
        return False
    if not _the_dreamer_hides(tokens, index) or _at_play(tokens, index):
        return False
    return _peril_before(tokens, index)


def _the_dreamer_hides(tokens: list[Token], index: int) -> bool:
    """Whether "I" or "we" is the subject of the hiding at `index`, named before it past its
    auxiliaries ("I was hiding", "I must hide", "we all hid"), or left unsaid in a clause of
    the dreamer's ("and then hid under this bridge", "we go into the men's room to hide"; not
    "nowhere to hide")."""
    if index and tokens[index - 1].word == "to":
        return tokens[index].actor.dreamer
    clause = tokens[index].clause
    at = index - 1
    while at >= 0 and tokens[at].clause == clause and tokens[at].stem in _BEFORE_HIDING:
        at -= 1
    if at < 0 or tokens[at].clause != clause or tokens[at].word in _UNSAID_SUBJECT:
        return tokens[index].actor.dreamer
    return tokens[at].word in _WE_OR_I


def _over_a_barrier(tokens: list[Token], index: int) -> int:
    """Where the fence, wall, gate or hedge is that the climb or jump at `index` goes over
    ("I jumped over the back fence"), in its clause; 0 when it goes over none."""
    over = index + 1
    if over >= len(tokens) or tokens[over].word != "over":
        return 0
    clause = tokens[index].clause
    for at in range(over + 1, min(over + 4, len(tokens))):  # "over the back fence"
        if tokens[at].clause != clause:
            return 0
        if tokens[at].stem in _BARRIERS:
            return at
    return 0


def _after_the_dreamer(tokens: list[Token], at: int) -> bool:
    """Whether "after" at `at` is someone after the dreamer: "people were after us",
    "someone's after me", "it came after me"; not "cleaned up after us", "shouted after me",
    "came in after me" or "after me for money"."""
    if tokens[at].word != "after" or at == 0 or not dreamer_next(tokens, at):
        return False
    if tokens[at + 1].sentence != tokens[at].sentence or tokens[at - 1].stem not in _AFTER_WHOM:
        return False
    return at + 2 >= len(tokens) or tokens[at + 2].word != "for"


def _peril_before(tokens: list[Token], index: int) -> bool:
    """Whether harm, a threat that is one by itself or a pursuit of the dreamer comes before
    the word at `index`, in its sentence or the two before: what makes a drive off, or a run
    with no "from", a flight ("they tried to kill us. We ran next door", "he tried to shoot
    me. I ran out"); not danger in a sentence about a film, a game or the news ("we watched
    a murder mystery. I ran to the shop")."""
    first = sentence_start(tokens, index, _PERIL_SENTENCES)
    told = {t.sentence for t in tokens[first:index] if t.stem in _TOLD_STEMS}
    for at in range(first, index):
        token = tokens[at]
        if token.negated_by >= 0 or token.in_idiom or token.sentence in told:
            continue
        if token.stem in _PERIL or (token.stem in PURSUIT_STEMS and token.actor.dreamer):
            return True
        if _after_the_dreamer(tokens, at):
            return True
        if any(_HARM in concepts for _, concepts in _phrases_at(tokens, at)):
            return True  # "shot at", "open fire"
    return False


def _ran_to_someone(tokens: list[Token], index: int) -> int:
    """Where the person is when the dreamer runs to someone ("ran across the park to my gran",
    "went running to him"); 0 when it does not ("ran to her room", "tried to run to mum")."""
    token, count = tokens[index], len(tokens)
    clause = token.clause
    if (
        token.stem not in _GLAD_RUN_STEMS
        or not token.actor.dreamer
        or any(t.stem in _TRY_STEMS for t in tokens[max(0, index - 3) : index])
    ):
        return 0
    for at in range(index + 1, min(index + 1 + _TO_REACH, count)):
        if tokens[at].clause != clause:
            return 0
        if tokens[at].word in _TOWARD:
            for after in range(at + 1, min(at + 4, count)):
                if tokens[after].clause != clause:
                    return 0
                if tokens[after].word == "her" and _owns_next(tokens, after):
                    return 0  # "ran to her room"
                if tokens[after].word in RUN_TO_PEOPLE:
                    return 0 if _place_after(tokens, after) else after
                if tokens[after].word not in _OWNERS:
                    return 0
            return 0
    return 0


def _place_after(tokens: list[Token], index: int) -> bool:
    """Whether the person named here only opens a place: "the family room", "my mum's house"."""
    return _owns_next(tokens, index) and tokens[index + 1].stem in _PLACES_AFTER_A_PERSON


def _owns_next(tokens: list[Token], index: int) -> bool:
    """Whether the next word is a thing of the one named here ("her room")."""
    after = index + 1
    return (
        after < len(tokens)
        and tokens[after].clause == tokens[index].clause
        and tokens[after].is_content
    )


def _limbs_refuse(tokens: list[Token], index: int) -> bool:
    """Whether the word here says the dreamer's legs would not obey: "my legs wouldn't go",
    "my feet just refused" (a word of obeying, negated; or of refusing)."""
    token = tokens[index]
    if token.stem in _OBEYING_STEMS and token.negated_by < 0:
        return False
    return any(
        t.word in REFUSING_LIMBS and t.clause == token.clause
        for t in tokens[max(0, index - _LIMB_REACH) : index]
    )


def _limbs_refuse_unsaid(tokens: list[Token], index: int) -> bool:
    """Whether the negator here says the dreamer's legs would not, the verb left unsaid: "I
    tried to run but my legs wouldn't", "I told my legs to go and they won't", "my feet just
    would not."""
    after = index + 1
    if (
        after < len(tokens)
        and tokens[after].segment == tokens[index].segment
        and tokens[after].word not in _AFTER_UNSAID
    ):
        return False  # "my legs wouldn't stop shaking" says what they did
    at = index - 1
    while at >= 0 and tokens[at].word in _BEFORE_UNSAID and index - at <= 3:
        at -= 1
    if at < 0 or tokens[at].clause != tokens[index].clause:
        return False
    if tokens[at].word in REFUSING_LIMBS:
        return at > 0 and tokens[at - 1].word in DREAMER_POSSESSIVES
    # "they" standing for the dreamer's legs named earlier in the sentence
    return tokens[at].word == "they" and names_dreamers_limbs(
        [token.word for token in tokens[sentence_start(tokens, at) : at]], REFUSING_LIMBS
    )


# Words between the legs and a negator whose verb is left unsaid ("my legs just would not"),
# and those that may follow it in its stretch ("they won't, like they're not wired up").
_BEFORE_UNSAID = INABILITY_MODALS | frozenset(["just", "simply", "still", "did", "do", "does"])
_AFTER_UNSAID = CLAUSE_BREAK_WORDS | frozenset(["like", "anymore", "any", "at", "no"])


def _phrases_at(tokens: list[Token], index: int) -> Iterable[tuple[int, tuple[str, ...]]]:
    for stems, concepts in LEXICON.phrases_by_first.get(tokens[index].stem, ()):
        last = index + len(stems) - 1
        if last >= len(tokens) or tokens[last].stem != stems[-1]:
            continue  # most phrases part at their last word
        span = tokens[index : last + 1]
        if (
            span[-1].clause == span[0].clause
            and all(token.stem == s for token, s in zip(span, stems, strict=True))
            and not any(token.in_idiom for token in span)
        ):
            yield last, concepts


@dataclass(frozen=True)
class Lexicon:
    word_concepts: dict[str, tuple[str, ...]]
    phrases_by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]


def _compile_lexicon() -> Lexicon:
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept, entry in CONCEPTS.items():
        single_words, *multi_words = entry.split(";")
        for word in single_words.split():
            words[stem(word)].add(concept)
        for phrase in multi_words:
            phrases[stems_of(phrase)].add(concept)
    phrases_by_first: dict[str, list] = defaultdict(list)
    for stems, concepts in phrases.items():
        phrases_by_first[stems[0]].append((stems, tuple(sorted(concepts))))
    return Lexicon(
        word_concepts={s: tuple(sorted(c)) for s, c in words.items()},
        phrases_by_first=dict(phrases_by_first),
    )


LEXICON = _compile_lexicon()


def about(actor: Actor, keys: frozenset[str] | set[str]) -> bool:
    """Whether someone else's clause has one of these keys (or their concepts) as subject."""
    return any(key in keys for subject in actor.subjects for key in word_keys(subject, False))


# --- A dream, read once for every tag and interpretation ----------------------------------


class Occurrence(NamedTuple):  # a tuple: millions are made, and quickly
    source: int  # 0: the narrative, 1: the body notes
    first: int  # tokens; -1 for what the body notes imply without saying it
    last: int
    position: int  # on one line across texts, with a gap no window spans
    sentence: int  # likewise, on one line across texts
    episode: int
    token: Token  # its last word: who acts, and in which clause


def counted_for(subjects: frozenset[str] | set[str]) -> Callable[[Occurrence], bool]:
    """Whether a word counts for a tag about `subjects`: where the dreamer acts or is acted on,
    in the scene's clauses, and in someone else's clause only when it is about a thing the tag
    names ("the sand went soft"), not what that person does. Each clause is judged once."""
    verdicts: dict[Actor, bool] = {}

    def counts(occurrence: Occurrence) -> bool:
        actor = occurrence.token.actor
        if actor.dreamer or not actor.subjects:
            return True
        if actor not in verdicts:
            verdicts[actor] = about(actor, subjects)
        return verdicts[actor]

    return counts


def moments(
    occurrences: Sequence[Occurrence], window: int, sentences: int
) -> Iterator[tuple[int, int]]:
    """The stretches (start, end) of these occurrences, in order of position, that one moment
    of the dream holds: from each one, those within `window` tokens and `sentences` sentences
    of it, in the same episode. A stretch that is the one before less its first is left out:
    it cannot find more."""
    end = 0
    for start, first in enumerate(occurrences):
        limit = first.position + window
        last_sentence = first.sentence + sentences - 1
        previous_end, end = end, max(end, start)
        while (
            end < len(occurrences)
            and occurrences[end].position <= limit
            and occurrences[end].sentence <= last_sentence
            and occurrences[end].episode == first.episode
        ):
            end += 1
        if end == previous_end and start > 0:
            continue
        yield start, end


class AnalysedText:
    """A dream's narrative and body notes, analysed once for every tag and interpretation."""

    def __init__(
        self,
        narrative: str,
        body: str,
        cue_phrases: dict[str, list[tuple]],
        wanted: frozenset[str] | None = None,
    ) -> None:
        """cue_phrases: first stem -> stems of editors' cue phrases; wanted: the feature keys
        worth keeping (those a library can use), or None for all."""
        self.texts = (narrative, body)
        self.tokens = (tokenize(narrative), tokenize(body))
        self.in_narrative = self._occurrences(0, cue_phrases, wanted)
        in_body = self._occurrences(1, cue_phrases, wanted)
        if self.tokens[1]:  # the body notes say how the body felt on waking: waking is implied
            implied = Occurrence(1, -1, -1, *self._offsets(), 0, _WAKING)
            for key in word_keys(_WAKING.stem, False):
                in_body[key].append(implied)
        self.in_both = (
            {
                key: [*self.in_narrative.get(key, ()), *in_body.get(key, ())]
                for key in {**self.in_narrative, **in_body}  # in order, unlike a set
            }
            if in_body
            else self.in_narrative
        )

    def _offsets(self) -> tuple[int, int]:
        """Where the body notes start on the narrative's line: far enough that no window
        spans both."""
        return len(self.tokens[0]) + _TEXT_GAP, len(self.tokens[0]) + _TEXT_GAP

    def _occurrences(
        self, source: int, cue_phrases: dict, wanted: frozenset[str] | None
    ) -> dict[str, list[Occurrence]]:
        by_key: defaultdict[str, list[Occurrence]] = defaultdict(list)
        tokens = self.tokens[source]
        offset, sentences = self._offsets() if source else (0, 0)
        for key, first, last in _features(tokens, wanted):
            token = tokens[last]
            by_key[key].append(
                Occurrence(
                    source,
                    first,
                    last,
                    offset + last,
                    sentences + token.sentence,
                    token.episode,
                    token,
                )
            )
        for first, token in enumerate(tokens if cue_phrases else ()):
            for stems in cue_phrases.get(token.stem, ()):
                last = first + len(stems) - 1
                if _says(tokens, first, stems):
                    by_key[verbatim_key(stems)].append(
                        Occurrence(
                            source,
                            first,
                            last,
                            offset + last,
                            sentences + tokens[last].sentence,
                            token.episode,
                            tokens[last],
                        )
                    )
        return by_key


_WAKING = Token(0, 0, stem("wake"), 0, 0, 0, 0, True, False, "wake", actor=DREAMER)


@lru_cache(maxsize=8)
def _pair_firsts(wanted: frozenset[str]) -> frozenset[str]:
    return frozenset(key.lstrip("!")[1:].split(" ")[0] for key in wanted if "~" in key[:2])


def verbatim_key(stems: Iterable[str]) -> str:
    return "=" + " ".join(stems)


def _says(tokens: list[Token], first: int, stems: tuple[str, ...]) -> bool:
    """Whether the tokens from `first` on say these stems, none of them negated."""
    span = tokens[first : first + len(stems)]
    return len(span) == len(stems) and all(
        token.stem == stem and token.negated_by < 0 for token, stem in zip(span, stems, strict=True)
    )


def surfaces(occurrences: Iterable[Occurrence], text: AnalysedText) -> tuple[str, ...]:
    """The user's words behind the occurrences, in text order, neighbours merged into one
    phrase."""
    spans = set()
    for occurrence in occurrences:
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


def _joins(span: list[int], source: int, first: int, text: AnalysedText) -> bool:
    tokens = text.tokens[source]
    return (
        span[0] == source
        and first - span[2] <= SURFACE_MERGE_GAP
        and tokens[first].clause == tokens[span[2]].clause
    )
