"""Reading text for the matcher: words in their dictionary form, sentences, clauses and
episodes, negation, idioms, and who acts in each clause.

Pure Python, no Django. Library labels and dreams are read the same way, so that "ran",
"runs" and "running" meet as one word: simplemma gives the dictionary form ("ran" -> "run",
"teeth" -> "tooth") and the Snowball stemmer then joins derived forms ("slowly" -> "slow").

Who acts matters as much as what happens: "a cat ran" and "I watched the plane slow down" are
not the dreamer running or slowing. Each clause is given an actor: the dreamer (when it names
"I", "we", "me" or the dreamer's own body, or has no subject of its own at the start of a
sentence, as phone notes do: "ran down a dark road"), someone else (with the words of their
subject, so that "the road kept stretching" still counts for a scenario about the road), or
the scene ("there was ice everywhere").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import Stemmer

from interpretations.lexicon import (
    ABBREVIATIONS,
    BODY_PARTS,
    CLAUSE_BREAK_WORDS,
    CLAUSE_FILLERS,
    DETERMINERS,
    DREAMER_POSSESSIVES,
    DREAMER_WORDS,
    EPISODE_OPENERS,
    HANDOVER_VERBS,
    IDIOMS,
    NEGATORS,
    NOT_NEGATING,
    OTHER_SENSES,
    OTHER_SUBJECTS,
    PURSUIT_VERBS,
    SCENE_SUBJECTS,
    SPEED_WORDS,
    STOP_WORDS,
)

# A negator reaches this many content words, and never past the end of its clause.
NEGATION_WINDOW = 3
# The words after a determiner that may name a clause's subject ("the old man").
SUBJECT_WORDS = 3
# A sentence with more than this share of capitalised words is written in title case.
TITLE_CASE_SHARE = 0.5

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN_RE = re.compile(rf"({_WORD})|([.,;:!?…—–()\[\]\"“”]|\n)")
_SENTENCE_ENDS = frozenset(".!?…\n")
_PART_BREAKS = frozenset(",;:—–()[]\n")  # marks that split a label into parts
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The key of a lower-case word: the stem of its dictionary form ("ran" -> "run")."""
    return _STEMMER.stemWord(simplemma.lemmatize(word, lang="en"))


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts in a clause: the dreamer, or someone else named by `subjects` (no subjects
    and not the dreamer: the scene itself)."""

    dreamer: bool
    subjects: frozenset[str] = frozenset()


DREAMER = Actor(True)
SCENE = Actor(False)
PURSUER = Actor(False, frozenset({"\0pursuer"}))  # the dreamer as the one who chases


@dataclass(slots=True)
class Token:
    start: int  # character offsets in the text
    end: int
    stem: str
    sentence: int
    segment: int  # stretch between punctuation marks: bigrams stay within one
    clause: int  # a segment split at "but", "what", "because"...: negation stays within one
    part: int  # parts of a label are split by commas, dashes, brackets, semicolons
    is_content: bool
    is_negator: bool
    word: str  # lower case, without a trailing "'s"
    negated_by: int = -1  # index of the negator whose reach covers this token
    is_name: bool = False
    in_idiom: bool = False  # "running late": its words say nothing
    episode: int = 0  # scenes of a long report: "Later...", "The scene changes..."
    actor: Actor = DREAMER


def tokenize(text: str) -> list[Token]:
    """The words of a text with their keys, sentences, clauses, episodes, negation and
    actors; the words of idioms ("running late", "caught fire") carry no content."""
    tokens: list[Token] = []
    append = tokens.append
    # the few words the later steps look at, noted on the way (a pass over every word of a
    # long report costs as much as reading it)
    capitals: list[int] = []
    senses: list[int] = []
    negators: list[int] = []
    clause_starts: list[int] = []
    sentence = segment = clause = part = 0
    last_clause = -1
    previous = ""
    index = 0  # of the next token
    for found in _TOKEN_RE.finditer(text):
        word = found[1]
        if word is None:  # a mark
            mark = found[2]
            if mark in _SENTENCE_ENDS and not (mark == "." and previous in ABBREVIATIONS):
                sentence += 1
            segment += 1
            clause += 1
            part += mark in _PART_BREAKS
            previous = ""
            continue
        word_stem, is_negator, is_break, is_content, lower = _read_word(word)
        if is_break or previous in _HANDOVER_STEMS:
            clause += 1
        if word[0].isupper() and lower != "i":
            capitals.append(index)
        if word_stem in _SENSE_STEMS:
            senses.append(index)
        if is_negator:
            negators.append(index)
        if clause != last_clause:
            clause_starts.append(index)
            last_clause = clause
        start, end = found.span()
        append(
            Token(
                start, end, word_stem, sentence, segment, clause, part, is_content, is_negator,
                lower,
            )
        )  # fmt: skip
        previous = word_stem
        index += 1
    if capitals:
        _mark_names(tokens, capitals)
    if senses:
        _mark_idioms(tokens, senses)
    if negators:
        _mark_negation(tokens, negators)
    _mark_actors_and_episodes(tokens, clause_starts)
    return tokens


@lru_cache(maxsize=200_000)
def _read_word(word: str) -> tuple[str, bool, bool, bool, str]:
    """A word's key, and whether it negates, opens a new clause, or carries content."""
    word = word.casefold().replace("’", "'")
    is_negator = word in NEGATORS or word.endswith("n't")
    base = word.split("'", 1)[0]  # "family's" -> "family", "you're" -> "you"
    is_content = not is_negator and len(base) > 1 and base not in STOP_WORDS
    return stem(base), is_negator, base in CLAUSE_BREAK_WORDS, is_content, base


def _mark_names(tokens: list[Token], capitals: list[int]) -> None:
    """A capitalised word that is no English word, or stands beside another capitalised word
    inside a sentence, is a name: a character called Chase Unter is not a chase. A sentence
    mostly capitalised is a title ("Running Uphill or Through Water"), not names."""
    sentences = [token.sentence for token in tokens]
    capitalised: dict[int, int] = defaultdict(int)
    for index in capitals:
        capitalised[sentences[index]] += 1
    titles = {
        number
        for number, count in capitalised.items()
        if count
        > TITLE_CASE_SHARE * (bisect_right(sentences, number) - bisect_left(sentences, number))
    }
    is_capital = set(capitals)
    for index in capitals:
        token = tokens[index]
        if token.sentence in titles:
            continue
        starts_sentence = index == 0 or sentences[index - 1] != token.sentence
        before = not starts_sentence and index - 1 in is_capital
        after = index + 1 in is_capital
        # a full name opening a sentence: "David Tennant helped her"
        full_name = starts_sentence and after and not _is_known(tokens[index + 1].word)
        if before or (after and not starts_sentence) or full_name or not _is_known(token.word):
            token.is_content, token.is_name = False, True


@lru_cache(maxsize=50_000)
def _is_known(word: str) -> bool:
    return simplemma.is_known(word, lang="en")


def _mark_idioms(tokens: list[Token], senses: list[int]) -> None:
    clause_stems: dict[int, set[str]] = {}  # the words of a clause, once looked at
    for index in senses:
        token = tokens[index]
        for pattern in _IDIOMS.get(token.stem, ()):
            last = index + len(pattern)
            span = tokens[index:last]
            if len(span) == len(pattern) and all(
                (alternatives is None or t.stem in alternatives) and t.segment == token.segment
                for t, alternatives in zip(span, pattern, strict=True)
            ):
                for t in span:
                    t.is_content, t.is_negator, t.in_idiom = False, False, True
        for stems, context in _OTHER_SENSES.get(token.stem, ()):
            span = tokens[index : index + len(stems)]
            if token.clause not in clause_stems:
                clause_stems[token.clause] = {t.stem for t in _clause_around(tokens, index)}
            if [t.stem for t in span] == list(stems) and not context.isdisjoint(
                clause_stems[token.clause]
            ):
                for t in span:
                    t.is_content, t.in_idiom = False, True


def _clause_around(tokens: list[Token], index: int) -> list[Token]:
    clause, first, last = tokens[index].clause, index, index
    while first > 0 and tokens[first - 1].clause == clause:
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1].clause == clause:
        last += 1
    return tokens[first : last + 1]


def _mark_negation(tokens: list[Token], negators: list[int]) -> None:
    count = len(tokens)
    for index in negators:
        token = tokens[index]
        if token.is_negator and index + 1 < count:
            token.is_negator = (token.stem, tokens[index + 1].stem) not in _NOT_NEGATING
    for negator in negators:
        if not tokens[negator].is_negator:
            continue
        reach, clause, index = NEGATION_WINDOW, tokens[negator].clause, negator + 1
        while reach > 0 and index < count:
            token = tokens[index]
            if token.clause != clause or token.is_negator:
                break  # the clause ends, or another negator takes over
            token.negated_by = negator
            reach -= token.is_content
            if token.word in SPEED_WORDS and index > negator + 1:
                # "I can't move fast": the speed is negated, not the movement before it
                moved = tokens[index - 1]
                if moved.is_content and moved.negated_by == negator:
                    moved.negated_by = -1
            index += 1


def _mark_actors_and_episodes(tokens: list[Token], clause_starts: list[int]) -> None:
    """clause_starts: where each clause starts in the tokens."""
    episode = 0
    last_actor: Actor | None = None  # the last subject named in the sentence
    for start, end in zip(clause_starts, [*clause_starts[1:], len(tokens)]):  # noqa: B905
        clause = tokens[start:end]
        if start == 0 or tokens[start - 1].sentence != clause[0].sentence:
            last_actor = None
            episode += start > 0 and _opens_episode(tokens, start)
        actor = _explicit_actor(clause)
        if actor is None:  # "...and ran": the last subject, or the dreamer's implied one
            actor = last_actor or DREAMER
        handed_over = start > 0 and tokens[start - 1].stem in _HANDOVER_STEMS
        if not handed_over:  # in "I saw him and ran", "him" is not who ran
            last_actor = actor
        for token in clause:
            token.actor, token.episode = actor, episode
        if actor.dreamer and not _PURSUIT_STEMS.isdisjoint([token.stem for token in clause]):
            _mark_pursuing(clause)


def _mark_pursuing(clause: list[Token]) -> None:
    """The dreamer chasing or catching someone is not the dreamer chased or caught: a pursuit
    verb counts only with the dreamer on the receiving end ("it chased me", "I was caught",
    "chased by a dog")."""
    for index, token in enumerate(clause):
        if token.stem not in _PURSUIT_STEMS:
            continue
        before = {t.word for t in clause[max(0, index - 2) : index]}
        after = [t.word for t in clause[index + 1 :]]
        acted_on = (
            bool(before & _PASSIVE_AUXILIARIES)
            or any(word in _DREAMER_OBJECTS for word in after)
            or after[:1] == ["by"]
        )
        if not acted_on:
            token.actor = PURSUER


def _explicit_actor(clause: list[Token]) -> Actor | None:
    """The actor a clause names, or None when it names no subject."""
    words = [token.word for token in clause]
    first = 0
    while first < len(words) and words[first] in CLAUSE_FILLERS:
        first += 1
    if first == len(words):
        return None
    if not _PERSON_WORDS.isdisjoint(words):
        for index, word in enumerate(words):
            if word in DREAMER_WORDS:
                return DREAMER
            # "my legs gave way", "it melted under my shoes"; but "my brother ran" is his
            if word in DREAMER_POSSESSIVES and (index != first or _body_after(words, index)):
                return DREAMER
        for index, word in enumerate(words):  # "without moving their heads"
            if word in _OTHER_POSSESSIVES and _body_after(words, index):
                return Actor(False, frozenset({clause[index + 1].stem}))
    word = words[first]
    if word in SCENE_SUBJECTS:
        return SCENE
    if word in OTHER_SUBJECTS or clause[first].is_name:
        return Actor(False, frozenset({clause[first].stem}))
    if word in DETERMINERS or word in DREAMER_POSSESSIVES:
        following = clause[first + 1 : first + 1 + SUBJECT_WORDS]
        return Actor(False, frozenset(t.stem for t in following if t.is_content))
    return None


def _body_after(words: list[str], index: int) -> bool:
    return not BODY_PARTS.isdisjoint(words[index + 1 : index + 3])


def _opens_episode(tokens: list[Token], start: int) -> bool:
    index = start
    while index < len(tokens) and tokens[index].word in CLAUSE_FILLERS:
        index += 1
    if index == len(tokens) or tokens[index].stem not in _EPISODE_OPENERS:
        return False
    stems = tuple(token.stem for token in tokens[index : index + 4])
    return any(stems[: len(opener)] == opener for opener in _EPISODE_OPENERS[stems[0]])


def stems_of(phrase: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in phrase.split())


_HANDOVER_STEMS = frozenset(stem(word) for word in HANDOVER_VERBS)
_NOT_NEGATING = frozenset(stems_of(phrase) for phrase in NOT_NEGATING)
_PURSUIT_STEMS = frozenset(stem(word) for word in PURSUIT_VERBS)
_OTHER_POSSESSIVES = frozenset(["his", "her", "their", "its"])
_PERSON_WORDS = DREAMER_WORDS | DREAMER_POSSESSIVES | _OTHER_POSSESSIVES
_PASSIVE_AUXILIARIES = frozenset(
    ["be", "am", "is", "are", "was", "were", "been", "being", "get", "gets", "got", "gotten"]
)
_DREAMER_OBJECTS = frozenset(["me", "us", "myself", "ourselves", "you", "yourself"])
_EPISODE_OPENERS: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # by first stem
for _opener in EPISODE_OPENERS:
    _EPISODE_OPENERS[stems_of(_opener)[0]].append(stems_of(_opener))


def _compile_idioms() -> dict[str, list[tuple[frozenset[str] | None, ...]]]:
    by_first: dict[str, list] = defaultdict(list)
    for idiom in IDIOMS:
        pattern = tuple(
            None if word == "*" else frozenset(stem(w) for w in word.split("|"))
            for word in idiom.split()
        )
        for first in pattern[0] or ():
            by_first[first].append(pattern)
    return dict(by_first)


_IDIOMS = _compile_idioms()
_OTHER_SENSES: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = defaultdict(list)
for _phrase, _context in OTHER_SENSES.items():
    _OTHER_SENSES[stem(_phrase.split()[0])].append(
        (stems_of(_phrase), frozenset(stems_of(_context)))
    )
_SENSE_STEMS = frozenset(_IDIOMS) | frozenset(_OTHER_SENSES)
