"""Reading text for the matcher: words in their dictionary form, sentences, clauses and
episodes, negation, idioms, and who acts in each clause (interpretations.actors).

Pure Python, no Django. Library labels and dreams are read the same way, so that "ran",
"runs" and "running" meet as one word (interpretations.stems).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from interpretations.actors import (
    DREAMER,
    HANDOVER_STEMS,
    WANTING_STEMS,
    Actor,
    mark_actors_and_episodes,
)
from interpretations.lexicon import (
    ABBREVIATIONS,
    AS_MEASURES,
    BODY_PARTS,
    CLAUSE_BREAK_WORDS,
    DETERMINERS,
    DREAMER_POSSESSIVES,
    IDIOMS,
    INABILITY_MODALS,
    INABILITY_NEGATORS,
    NEGATORS,
    NOT_A_DEED,
    NOT_NEGATING,
    OBJECT_OPENERS,
    OTHER_SENSES,
    PHONE_SPELLINGS,
    SPEED_WORDS,
    STOP_WORDS,
    SUBJECT_CARRIERS,
    SUBJECTS,
    THING_NEGATORS,
    concept_words,
)
from interpretations.stems import stem, stems_of

# A negator reaches this many content words, and never past the end of its clause.
NEGATION_WINDOW = 3
# A sentence with more than this share of capitalised words is written in title case.
TITLE_CASE_SHARE = 0.5

_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
# Pictographs (emoji) before a capital end a phone note's sentence ("one for once 🙏 Running
# barefoot"); inside one they are read through ("I was running 🏃 from a dog").
_EMOJI = "\u2600-\u27bf\U0001f300-\U0001faff"
_TOKEN_RE = re.compile(rf"({_WORD})|([.,;:!?…—–()\[\]\"“”{_EMOJI}]|\n)")
_SENTENCE_ENDS = frozenset(".!?…\n")
_FIRST_EMOJI = _EMOJI[0]  # the pattern's marks from here on are all pictographs
_LETTER = re.compile(r"[^\W\d_]")
# "as" ends a clause before a subject ("they escaped as I watched"), but not in a simile or a
# measure ("light as a feather", "as fast as I could", "not as heavy as usual").
_AS_SUBJECT = re.compile(r"\s+(?:i|we|he|she|they|it)\b", re.IGNORECASE)
_AS_MEASURE_STEMS = frozenset(stem(word) for word in AS_MEASURES)
# "after" before the dreamer is a pursuit in its clause ("someone was running after me"), not
# a clause of its own as in "after we left"
_AFTER_THE_DREAMER = re.compile(r"\s+(?:me|us)\b", re.IGNORECASE)
_PART_BREAKS = frozenset(",;:—–()[]\n")  # marks that split a label into parts
# An opening quotation mark is read through ('I did not "run away"' still denies the
# running); a closing one ends the clause ('I yelled "not again" as I ran' is running).
_OPENING_QUOTE, _CLOSING_QUOTE = "“", "”"


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
    in_quote = False
    brackets = 0  # how deep in brackets: "(?)" doubts a word, it ends no sentence
    index = 0  # of the next token
    for found in _TOKEN_RE.finditer(text):
        word = found[1]
        if word is None:  # a mark
            mark = found[2]
            pictograph = mark >= _FIRST_EMOJI
            if pictograph and not _capital_follows(text, found.end()):
                continue
            if mark == _OPENING_QUOTE or (mark == '"' and not in_quote):
                in_quote = True
                continue
            if mark in (_CLOSING_QUOTE, '"'):
                in_quote = False
            if mark in "()\n":
                if mark == "(":
                    brackets += 1
                elif mark == ")":
                    brackets = max(0, brackets - 1)
                else:
                    brackets = 0
            if (
                (mark in _SENTENCE_ENDS or pictograph)
                and not ((mark == "." and previous in ABBREVIATIONS) or (brackets and mark in "?!"))
                # a run of pictographs ends one sentence ("... 😱😱 I ran")
                and (not pictograph or (tokens and tokens[-1].sentence == sentence))
            ):
                sentence += 1
            segment += 1
            clause += 1
            part += mark in _PART_BREAKS
            previous = ""
            continue
        read = _READ_WORDS.get(word) or _read_word(word)
        word_stem, is_negator, is_break, is_content, lower, is_capital, is_sense = read
        if lower == "as" and (
            previous in _AS_MEASURE_STEMS or not _AS_SUBJECT.match(text, found.end())
        ):
            is_break = False  # "couldn't run as fast as I wanted" is one clause
        if lower == "after" and _AFTER_THE_DREAMER.match(text, found.end()):
            is_break = False
        if is_break or previous in HANDOVER_STEMS or (previous in WANTING_STEMS and lower != "to"):
            clause += 1
        if is_capital:
            capitals.append(index)
        if is_sense:
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
        _mark_names(tokens, capitals, text)
    if senses:
        _mark_idioms(tokens, senses)
    if negators:
        _mark_negation(tokens, negators)
    mark_actors_and_episodes(tokens, clause_starts)
    return tokens


def _capital_follows(text: str, end: int) -> bool:
    """Whether the next letter of the text after `end` is a capital."""
    found = _LETTER.search(text, end)
    return found is not None and found[0].isupper()


def _read_word(word: str) -> tuple[str, bool, bool, bool, str, bool, bool]:
    """A word's key, whether it negates, opens a new clause or carries content, its lower
    case, and whether it is capitalised or may start an idiom; remembered in _READ_WORDS."""
    lower = word.casefold().replace("’", "'")
    lower = PHONE_SPELLINGS.get(lower, lower)
    is_negator = lower in NEGATORS or lower.endswith("n't")
    base = lower.split("'", 1)[0]  # "family's" -> "family", "you're" -> "you"
    is_content = not is_negator and len(base) > 1 and base not in STOP_WORDS
    word_stem = stem(base)
    is_capital = word[0].isupper() and base != "i"
    read = (word_stem, is_negator, base in CLAUSE_BREAK_WORDS, is_content, base, is_capital,
            word_stem in _SENSE_STEMS)  # fmt: skip
    if len(_READ_WORDS) < READ_WORDS_KEPT:
        _READ_WORDS[word] = read
    return read


# The words read so far, by their spelling: a plain dictionary is looked up quicker than a
# cached function is called, and a report has hundreds of words, most of them common ones.
READ_WORDS_KEPT = 200_000
_READ_WORDS: dict[str, tuple[str, bool, bool, bool, str, bool, bool]] = {}


_BEFORE_NO_NAME = DETERMINERS | DREAMER_POSSESSIVES


def _mark_names(tokens: list[Token], capitals: list[int], text: str) -> None:
    """A capitalised word that is no English word, or stands beside another capitalised word
    inside a sentence, is a name: a character called Chase Unter is not a chase. So is an
    English word capitalised inside a sentence and nowhere written in lower case ("Phil was
    getting chased"), unless it is all capitals ("I was FAST"), an inflected form
    ("Running"), a part of the body, or after a mark or a determiner ("my Legs", "the
    Police"). A sentence mostly capitalised is a title ("Running Uphill or Through Water"), not
    names."""
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
    capitalised_inside = {  # not after a colon either: "Dream 2: Chased again"
        tokens[index].word
        for index in capitals
        if index and tokens[index - 1].segment == tokens[index].segment
    }
    lower_case: set[str] | None = None  # the words written in lower case, if needed
    for index in capitals:
        token = tokens[index]
        if token.sentence in titles or token.is_negator:
            continue  # a title's words; "Couldnae move" is no one called Couldnae
        starts_sentence = index == 0 or sentences[index - 1] != token.sentence
        before = not starts_sentence and index - 1 in is_capital
        after = index + 1 in is_capital
        # a full name opening a sentence: "David Tennant helped her"
        full_name = starts_sentence and after and not _is_known(tokens[index + 1].word)
        if not (before or (after and not starts_sentence) or full_name) and _is_known(token.word):
            if starts_sentence:
                if token.word not in capitalised_inside:
                    continue
            elif (
                not text[token.start + 1 : token.end].islower()  # shouted: "I was FAST"
                # inflected: "I was Chased", "Running"; but a key that keeps a capital is a
                # name the lemmatiser knows ("Eugene", "James"), and "Me" is no name ("I")
                or (token.stem.lower() != token.word and not _is_known_name(token.stem))
                or token.word in BODY_PARTS
                or tokens[index - 1].segment != token.segment  # after a mark: "Dream: Legs"
                or tokens[index - 1].word in _BEFORE_NO_NAME  # "my Legs", "the Police"
            ):
                continue
            # "Blair came and ran off" is Blair's, as "Then I was Blair" shows: a word that
            # opens a sentence or is capitalised inside one, but never written in lower case
            if lower_case is None:
                lower_case = {t.word for i, t in enumerate(tokens) if i not in is_capital}
            if token.word in lower_case:
                continue
        token.is_content, token.is_name = False, True


def _is_known_name(key: str) -> bool:
    """Whether a word's key keeps a capital, as the lemmatiser gives names (and months or
    holidays: no harm), other than "I"."""
    return key[:1].isupper() and key != "I"


@lru_cache(maxsize=50_000)
def _is_known(word: str) -> bool:
    return simplemma.is_known(word, lang="en")


def _mark_idioms(tokens: list[Token], senses: list[int]) -> None:
    clause_stems: dict[int, set[str]] = {}  # the words of a clause, once looked at
    count = len(tokens)
    for index in senses:
        token = tokens[index]
        for pattern in _IDIOMS.get(token.stem, ()):
            last = index + len(pattern)
            if last > count or (len(pattern) > 1 and not _fits(tokens[index + 1], pattern[1])):
                continue  # most senses stop at their second word
            span = tokens[index:last]
            if all(
                _fits(t, alternatives) and t.segment == token.segment
                for t, alternatives in zip(span, pattern, strict=True)
            ):
                for t in span:
                    t.is_content, t.is_negator, t.in_idiom = False, False, True
        for stems, context in _OTHER_SENSES.get(token.stem, ()):
            span = tokens[index : index + len(stems)]
            if [t.stem for t in span] != list(stems):
                continue
            if token.clause not in clause_stems:
                clause_stems[token.clause] = {t.stem for t in _clause_around(tokens, index)}
            if not context.isdisjoint(clause_stems[token.clause]):
                for t in span:
                    t.is_content, t.in_idiom = False, True


class _Except(frozenset[str]):
    """The words an idiom's word may be anything but ("^the|a" in IDIOMS)."""


class _Written(frozenset[str]):
    """Words an idiom's word must be as written, not by their stem ("=stick|sticks" in
    IDIOMS: "a stick", but not "a stuck lift", though "stuck" is a form of "stick")."""


def _fits(token: Token, alternatives: frozenset[str] | None) -> bool:
    if alternatives is None:
        return True
    if isinstance(alternatives, _Written):
        return token.word.lower() in alternatives
    return (token.stem in alternatives) != isinstance(alternatives, _Except)


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
        _negate_attempt_before(tokens, negator)
        reach, clause, index = NEGATION_WINDOW, tokens[negator].clause, negator + 1
        denies_a_deed = tokens[negator].word not in THING_NEGATORS
        acted = False  # a verb passed: what follows it is where the deed was not done
        while reach > 0 and index < count:
            token = tokens[index]
            if token.word == "after" and dreamer_next(tokens, index):
                # "nothing was after me": the negator reaches the pursuit, and no further;
                # "it wouldn't stop coming after me" denies the stopping, not the pursuit
                if _nothing_after(tokens, negator, index):
                    token.negated_by = tokens[index + 1].negated_by = negator
                break
            if token.clause != clause or token.is_negator:
                break  # the clause ends, or another negator takes over
            if (
                denies_a_deed
                and token.word in SUBJECTS
                and tokens[index - 1].word not in SUBJECT_CARRIERS
            ):
                break  # a run-on's next clause: "my hands wouldn't lift they were stuck"
            if acted and token.word in OBJECT_OPENERS:
                break  # "I couldn't get out of the mud": the getting out is denied, not the mud
            acted = denies_a_deed and (acted or token.word not in NOT_A_DEED)
            if not _limb_moved(tokens, negator, index):
                token.negated_by = negator
            reach -= token.is_content
            if token.word in SPEED_WORDS and index > negator + 1:
                # "I can't move fast": the speed is negated, not the movement before it
                moved = tokens[index - 1]
                if moved.is_content and moved.negated_by == negator:
                    moved.negated_by = -1
            index += 1


def dreamer_next(tokens: list[Token], index: int) -> bool:
    """Whether the word after `index` is "me" or "us"."""
    return index + 1 < len(tokens) and tokens[index + 1].word in ("me", "us")


def _limb_moved(tokens: list[Token], negator: int, index: int) -> bool:
    """Whether the token at `index` is the dreamer's limb that a negated verb acts on: in
    "without moving my (left) legs" the moving is negated, not the legs (a negator of a deed
    stops at "my" anyway: "couldn't move my legs"); in "it wasn't my legs" the legs are."""
    if tokens[index].word not in BODY_PARTS:
        return False
    for owner in (index - 1, index - 2):
        if owner > negator + 1 and tokens[owner].word in DREAMER_POSSESSIVES:
            return any(token.is_content for token in tokens[negator + 1 : owner])
    return False


def is_inability(tokens: list[Token], negator: int) -> bool:
    """Whether the negator says the dreamer could not ("couldn't", "could not", "unable")."""
    word = tokens[negator].word
    return word in INABILITY_NEGATORS or (
        negator > 0 and word in ("not", "never") and tokens[negator - 1].word in INABILITY_MODALS
    )


def _negate_attempt_before(tokens: list[Token], negator: int) -> None:
    """A "couldn't" that ends its clause, or says the dreamer could not move at all, takes
    back the attempt to move before "but" or "and", in the clause before ("I wanted to run,
    couldn't move"), or in the sentence before when it is all of its own ("I need to run. I
    can't."): in "I tried to move but couldn't" the moving is what failed, and in "I wanted
    to run but couldn't move" no one ran (a cry tried is a cry, as in "trying to scream"; "I
    wanted to run but didn't" is a choice)."""
    count, sentence = len(tokens), tokens[negator].sentence
    after = negator + 1
    if (
        after < count
        and tokens[after].clause == tokens[negator].clause
        and not _not_moving_at_all(tokens, after)
    ):
        return
    if not is_inability(tokens, negator):
        return
    before = negator - 1
    subject = None  # "and I couldn't move": then the attempt must be that subject's
    while before >= 0 and tokens[before].word in _BEFORE_ELLIPSIS:
        if tokens[before].word in _SUBJECT_PRONOUNS:
            subject = tokens[before].word
        before -= 1
    if before < 1:
        return
    if tokens[before].word in _ATTEMPT_JOINS and tokens[before].sentence == sentence:
        end = before
    elif tokens[before].clause != tokens[negator].clause:  # "I wanted to run, couldn't move"
        end = before + 1
    else:
        return
    for to in range(end - 1, max(end - 1 - _ATTEMPT_WORDS, 0), -1):
        if tokens[to].sentence != tokens[end - 1].sentence:
            return
        if (
            tokens[to].word == "to"
            and tokens[to - 1].stem in _ATTEMPTS
            and _is_a_move(tokens, to + 1)
            # "I tried to run and I couldn't move", not "... from him and he couldn't move"
            and (subject is None or subject in {t.word for t in tokens[max(0, to - 3) : to - 1]})
        ):
            attempt = tokens[to + 1 : end]
            # "tried to run faster but couldn't": the speed failed, not the running
            speed = next((t for t in attempt[1:] if t.word in SPEED_WORDS), None)
            for token in attempt[attempt.index(speed) :] if speed else attempt:
                token.negated_by = negator
            return


def _not_moving_at_all(tokens: list[Token], index: int) -> bool:
    """Whether the word after a negator says the dreamer could not move at all ("couldn't
    move", "couldn't budge"), not only not fast ("couldn't move fast enough")."""
    if tokens[index].stem not in _STILLNESS:
        return False
    clause = tokens[index].clause
    following = tokens[index + 1 : index + 1 + _SPEED_REACH]
    return not any(t.clause == clause and t.word in _MOVING_SPEED for t in following)


def _is_a_move(tokens: list[Token], index: int) -> bool:
    """A word of moving, or "get away"."""
    token = tokens[index]
    return token.stem in _MOVES or (
        token.stem == _GET and index + 1 < len(tokens) and tokens[index + 1].word == "away"
    )


def _nothing_after(tokens: list[Token], negator: int, index: int) -> bool:
    """Whether "after me" or "after us" at `index` is in the same stretch as a negator that
    says no one was there ("nothing", "no one", "not a thing")."""
    word = tokens[negator].word
    says_no_one = word in _NO_ONE or (
        word == "not" and negator + 1 < len(tokens) and tokens[negator + 1].word in ("a", "one")
    )
    return says_no_one and tokens[index].segment == tokens[negator].segment


_NO_ONE = frozenset(["nothing", "nobody", "noone", "none", "no"])
# "I tried to run but (I just) couldn't", "I need to run. I can't.": the words that may come
# before the negator, after "but" or "and" or at the start of its clause; the verbs of an
# attempt; and how far back from "but" (or the end of the clause before) its "to" may be.
# "Would not" is left out: "I tried to run but would not" is a choice. A negator followed by
# a word of stillness still takes the attempt back: "I wanted to run but couldn't move".
_SUBJECT_PRONOUNS = frozenset(["i", "we", "he", "she", "they"])
_BEFORE_ELLIPSIS = _SUBJECT_PRONOUNS | frozenset(
    ["just", "still", "simply", "really", "literally", "could", "can"]
)
_ATTEMPTS = frozenset(stem(word) for word in ("try", "attempt", "want", "need"))
_ATTEMPT_WORDS = 6
_ATTEMPT_JOINS = frozenset(["but", "and"])
_STILLNESS = frozenset(stem(word) for word in ("move", "budge"))
_MOVING_SPEED = SPEED_WORDS | {"enough", "very", "much"}  # "couldn't move very fast"
_SPEED_REACH = 3
_GET = stem("get")
_MOVES = frozenset(
    stem(word) for concept in ("run", "walk", "move", "flight") for word in concept_words(concept)
)
_NOT_NEGATING = frozenset(stems_of(phrase) for phrase in NOT_NEGATING)


def _compile_idioms() -> dict[str, list[tuple[frozenset[str] | None, ...]]]:
    by_first: dict[str, list] = defaultdict(list)
    for idiom in dict.fromkeys(spelled for line in IDIOMS for spelled in _spelled_out(line)):
        pattern = tuple(
            None
            if word == "*"
            else _Except(stem(w) for w in word[1:].split("|"))
            if word.startswith("^")
            else _Written(word[1:].split("|"))
            if word.startswith("=")
            else frozenset(stem(w) for w in word.split("|"))
            for word in idiom.split()
        )
        firsts = pattern[0] or ()
        if isinstance(firsts, _Written):  # found by its stem, then checked as written
            firsts = frozenset(stem(word) for word in firsts)
        for first in firsts:
            by_first[first].append(pattern)
    return dict(by_first)


def _spelled_out(idiom: str) -> list[str]:
    """The idiom with each "*?" (one word or none) written as "*" and as nothing: "out *? to"
    stands for "out to" and "out * to"."""
    variants = [""]
    for word in idiom.split():
        choices = ("", "*") if word == "*?" else (word,)
        variants = [f"{before} {choice}".strip() for before in variants for choice in choices]
    return variants


_IDIOMS = _compile_idioms()
_OTHER_SENSES: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = defaultdict(list)
for _phrase, _context in OTHER_SENSES.items():
    _OTHER_SENSES[stem(_phrase.split()[0])].append(
        (stems_of(_phrase), frozenset(stems_of(_context)))
    )
_SENSE_STEMS = frozenset(_IDIOMS) | frozenset(_OTHER_SENSES)
