"""Who acts in each clause of a text the matcher reads (interpretations.reading): the
dreamer, someone else, or the scene; and where a long report moves to another episode.

Pure Python, no Django. Who acts matters as much as what happens: "a cat ran" and "I watched
the plane slow down" are not the dreamer running or slowing. Each clause is given an actor:
the dreamer (when it names "I", "we", "me" or the dreamer's own body, or has no subject of its
own at the start of a sentence, as phone notes do: "ran down a dark road"), someone else (with
the words of their subject, so that "the road kept stretching" still counts for a scenario
about the road), or the scene ("there was ice everywhere", "the street was all ice"). In a
clause that opens with someone else and names the dreamer only as its object, what they do to
the dreamer is the dreamer's story ("it chased me") but how they move is theirs ("a dog walked
slowly towards me").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from interpretations.lexicon import (
    APPROACH_PHRASES,
    BARE_PEOPLE,
    BODY_PARTS,
    CLAUSE_FILLERS,
    DETERMINERS,
    DREAMER_BELONGINGS,
    DREAMER_POSSESSIVES,
    DREAMER_WORDS,
    EPISODE_OPENERS,
    HANDOVER_VERBS,
    KNOWN_PEOPLE,
    MOVING_CONCEPTS,
    NEW_SUBJECTS,
    OTHER_SUBJECTS,
    PURSUIT_VERBS,
    RELAYED_HERS,
    RELAYED_HIS,
    REPORTING_WORDS,
    RUN_TO_PEOPLE,
    SCENE_SUBJECTS,
    THINKING_WORDS,
    TIME_WORDS,
    WANTING_VERBS,
    WATCHING_FORMS,
    concept_words,
)
from interpretations.stems import stem, stems_of

if TYPE_CHECKING:
    from interpretations.reading import Token

# The words after a determiner that may name a clause's subject ("the old man").
SUBJECT_WORDS = 3


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts in a clause: the dreamer, or someone else named by `subjects` (no subjects
    and not the dreamer: the scene itself)."""

    dreamer: bool
    subjects: frozenset[str] = frozenset()


DREAMER = Actor(True)
SCENE = Actor(False)
PURSUER = Actor(False, frozenset({"\0pursuer"}))  # the dreamer as the one who chases
SUPPOSED = Actor(False, frozenset({"\0supposed"}))  # a capture only supposed: "if we were caught"


def mark_actors_and_episodes(tokens: list[Token], clause_starts: list[int]) -> None:
    """Give each token its clause's actor and its episode; clause_starts: where each clause
    starts in the tokens."""
    _speak_for_relayed_dreamer(tokens)
    episode = 0
    last_actor: Actor | None = None  # the last subject named in the sentence
    handed_over: Actor | None = None
    words = [token.word for token in tokens]
    stems = [token.stem for token in tokens]
    previous_sentence = -1
    sentence_start = 0
    dreamer_alone = False  # the sentence opened with a clause of the dreamer alone: "me"
    dreamer_segment = -1  # ...ending in this segment, which "and" must go on in
    for start, end in zip(clause_starts, [*clause_starts[1:], len(tokens)]):  # noqa: B905
        clause = tokens[start:end]
        sentence = clause[0].sentence
        if sentence != previous_sentence:
            last_actor = None
            dreamer_alone = False
            episode += start > 0 and _opens_episode(tokens, _after_fillers(words, start))
            previous_sentence = sentence
            sentence_start = start
        clause_words = words[start:end]
        first = _opening(clause, clause_words)  # where its own words start
        watched = start > 0 and _is_watched(tokens, start)
        # "me and James ran from the police": they ran together (not 'Who? "Me," and he ran')
        joint = dreamer_alone and clause_words[0] == "and" and clause[0].segment == dreamer_segment
        actor = DREAMER if joint else _explicit_actor(clause, clause_words, first, watched)
        dreamer_alone = start == sentence_start and clause_words[first:] in (["me"], ["i"])
        dreamer_segment = clause[-1].segment
        if actor is not None and _stands_for_limbs(words, sentence_start, start + first):
            actor = DREAMER  # "I could hardly swing my legs out of bed, they were so leaden"
        if actor is None and start:
            actor = _relative_antecedent(tokens, start, end, words)  # "the man, who escapes"
        if actor is None and handed_over is not None and clause_words[0] == "and":
            actor = handed_over  # "he bites my fingers and runs out": his run
        if actor is None:  # "...and ran": the last subject, or the dreamer's implied one
            actor = last_actor or DREAMER
        # a clause of the dreamer's, acted on, whose subject goes on in the next after "and"
        handed_over = _acting_on_dreamer(clause, clause_words, first) if actor is DREAMER else None
        if actor is DREAMER and start and _tells_of_a_show(tokens, start, clause_words):
            actor = _ANYONE
        if start == 0 or (
            stems[start - 1] not in HANDOVER_STEMS and stems[start - 1] not in WANTING_STEMS
        ):
            last_actor = actor  # in "I saw him and ran", "him" is not who ran
        if actor is not DREAMER:  # a token is the dreamer's, in the first episode, until told
            for token in clause:
                token.actor = actor
        elif (
            taken_over := _reported_subject(
                clause, clause_words, told=start > 0 and stems[start - 1] in HANDOVER_STEMS
            )
        ) is not None:
            # only to the end of the clause: in "I thought it was a wolf and ran", I ran
            subject, last = taken_over
            other = Actor(False, frozenset({clause[subject].stem}))
            for token in clause[subject:last]:
                token.actor = other
        if episode:
            for token in clause:
                token.episode = episode
        clause_stems = stems[start:end]
        if not _APPROACH_FIRSTS.isdisjoint(clause_stems):
            _mark_approach(tokens, start, end, actor, sentence_start)
        if actor.dreamer and not _PURSUIT_OR_MOVING.isdisjoint(clause_stems):
            if not PURSUIT_STEMS.isdisjoint(clause_stems):
                _mark_pursuing(clause)
            if not joint and not _MOVING_STEMS.isdisjoint(clause_stems):
                _mark_others_moving(clause, clause_words, first)


def _speak_for_relayed_dreamer(tokens: list[Token]) -> None:
    """A dream written down for someone else ("Typing this for my son (7)", "typing for my
    mother", "My gran asked me to write this down", "my daughter dreamt ...", "Ruby told me
    she dreamt ...", said in the first sentence) is theirs: after the words that name them,
    their "he" or "she" is read as "I", "him" as "me", "his" as "my" ("a witch was chasing
    him and he ran" is the dreamer chased). "her" is "my" before a word that tells of
    something ("her legs"), else "me" ("following her")."""
    frame = []
    for token in tokens:
        if token.sentence > 0:
            break
        frame.append(token)
    words = [token.word for token in frame]
    typed_down = not _RELAYING.isdisjoint(words) and not _RELAYED.isdisjoint(words)
    relaying = typed_down or _relayed_for(words)
    if not relaying and _DREAMING.isdisjoint(words):
        return
    at, person = next(
        (
            (index, _RELAYED_PERSONS.get(word) or _PRONOUNS[word])
            for index, word in enumerate(words)
            if (
                word in _RELAYED_PERSONS
                and _writers(words, index)
                and (relaying or not _DREAMING.isdisjoint(words[index + 1 : index + 4]))
            )
            # "Ruby told me she dreamt she was running"
            or (word in _PRONOUNS and not _DREAMT.isdisjoint(words[index + 1 : index + 2]))
        ),
        (0, None),
    )
    if person is None:
        return
    for index in range(at + 1, len(tokens)):
        token = tokens[index]
        first_person = person.get(token.word)
        if first_person is None:
            continue
        if token.word == "her":
            following = tokens[index + 1 : index + 2]
            telling = [t for t in following if t.is_content and t.clause == token.clause]
            first_person = "my" if telling else "me"
        token.word = token.stem = first_person


def _writers(words: list[str], index: int) -> bool:
    """Whether the person named at `index` is the writer's: "my son", "my little girl", "ma
    wee boy" (not "Ma and Dad", where "Ma" is someone)."""
    before = words[max(0, index - 2) : index]
    return "my" in before or ("ma" in before and "and" not in before)


def _relayed_for(words: list[str]) -> bool:
    """Whether the words say a dream is typed for someone of the writer's or told by them:
    "typing for my mother", "my son (9) told me this at breakfast", "my son (6) told me his
    dream" (not "I was typing for hours when my sister came in", nor "my dad told me this
    morning that ...", "told me this joke", "told me his name", or "a man told me this"
    beside a sister)."""
    return any(
        (word in _RELAYING and words[index + 1 : index + 3] in (["for", "my"], ["for", "our"]))
        or (
            word in _RELAY_TELLING
            and _tells_a_dream(words, index + 1)
            and not _RELAYED_PERSONS.keys().isdisjoint(words[max(0, index - 3) : index])
        )
        for index, word in enumerate(words)
    )


def _tells_a_dream(words: list[str], at: int) -> bool:
    """Whether the words from `at`, after "told", are the dream told: "me this" and nothing
    else or when, or "me his dream" told then and there ("told me his dream this morning:
    ..."), not one wished for ("his dream car", "her dream was to ...") or talked about ("her
    dreams about university")."""
    told, after = words[at : at + 3], at + 3
    if told[:1] not in (["me"], ["us"]):
        return False
    if told[1:2] == ["this"]:
        return len(told) == 2 or told[2] in _AFTER_TOLD_THIS
    return (
        told[1:2] in (["his"], ["her"], ["their"])
        and told[2:] in (["dream"], ["dreams"])
        and (after >= len(words) or words[after] in _AFTER_A_DREAM_TOLD)
    )


def _stands_for_limbs(words: list[str], sentence_start: int, at: int) -> bool:
    """Whether the word at `at` is "they" after the dreamer's legs, feet or knees earlier in its
    sentence (or "it" after a leg, a foot or a knee), telling how they were or what they would
    not do: "I could hardly swing my legs out of bed, they were so leaden"; not "I stamped my
    feet, they stood and stared"."""
    if words[at] not in _LIMB_PRONOUNS or at + 1 == len(words):
        return False
    return words[at + 1] in _LIMB_STATES and names_dreamers_limbs(
        words[sentence_start:at], _LIMB_PRONOUNS[words[at]]
    )


def names_dreamers_limbs(words: list[str], limbs: frozenset[str]) -> bool:
    """Whether these words name the dreamer's limbs ("my legs"): those a "they" after them may
    stand for."""
    return any(
        word in DREAMER_POSSESSIVES and following in limbs for word, following in pairwise(words)
    )


def _tells_of_a_show(tokens: list[Token], start: int, words: list[str]) -> bool:
    """A clause that tells what happens in a game or a film someone plays or watches, to
    anyone: "playing that game where the cops chase you"; but "a film where they chased me"
    and "I was in a game where they chase you" are the dreamer's."""
    return (
        words[0] == "where"
        and tokens[start - 1].stem in _SHOW_STEMS
        and any(t.stem in _PLAYING for t in tokens[max(0, start - _SHOW_REACH) : start - 1])
        and not _GENERIC_YOU.isdisjoint(words)
        and _NAMING_THE_DREAMER.isdisjoint(words)
    )


def _is_watched(tokens: list[Token], start: int) -> bool:
    """Whether the clause at `start` is what the dreamer sees or hears, right after the verb
    ("watching eleven run from the monster": eleven runs); not after a mark ("I watched,
    frozen"), a noun ("my watch", "on the spot"), a passive ("I was told to run") or before
    a word that is no subject ("watched helplessly", "asked to leave")."""
    verb, first = tokens[start - 1], tokens[start]
    return (
        verb.word in WATCHING_FORMS
        and verb.segment == first.segment
        and first.is_content
        and not (start > 1 and tokens[start - 2].word in _NOT_BEFORE_WATCHING)
    )


def _relative_antecedent(
    tokens: list[Token], start: int, end: int, words: list[str]
) -> Actor | None:
    """Who a relative clause at `start` with no subject of its own is about: the word before
    its "who" ("the dark man, who escapes"), or the thing before its "which" or "that" when
    the clause's own verb tells how that thing moves ("cars that ran off the highway", "a key
    which was slow to turn"). Not the dreamer's limbs ("legs that would not move" are the
    dreamer's) or a dream ("a nightmare that was moving so fast"); and a thing whose clause
    tells no movement ("a car park that had turned into an ice rink") is the scene, whose
    words count."""
    if _RELATIVE.intersection(words[start : start + 2]):
        return _antecedent(tokens[start - 1])
    before = tokens[start - 1]
    if (
        words[start] in _THING_RELATIVES
        and before.word not in _NO_MOVERS
        and _tells_moving(tokens, start, end)
    ):
        return _antecedent(before)
    return None


def _tells_moving(tokens: list[Token], start: int, end: int) -> bool:
    """Whether the first words of the clause at `start` are a verb of moving ("that ran",
    "which were running", "which was slow"), not a moving named after another verb ("that
    involved running", "which starts with running")."""
    for at in range(start + 1, min(end, start + _VERB_REACH)):
        if tokens[at].stem in _MOVING_STEMS:
            return not tokens[at].word.endswith("ing") or tokens[at - 1].word in _BE_FORMS
    return False


def _antecedent(token: Token) -> Actor | None:
    """Who a relative clause is about: the word before it ("the man who escapes", "cars that
    ran off"), unless that is the dreamer ("it was me who ran", "the only one who escaped")."""
    if token.word in DREAMER_WORDS or token.word in _ONES:
        return None
    return Actor(False, frozenset([token.stem]))


def _mark_approach(
    tokens: list[Token], start: int, end: int, actor: Actor, sentence_start: int
) -> None:
    """Someone else closing in is the dreamer pursued ("they were getting closer", "my legs
    gave way as the dogs got closer", "it came towards me"); the dreamer closing in, or
    someone closing in on something else, is no pursuit at all ("I got closer to her", "the
    cat got closer to the dog", "they headed towards the house"), though "closer" keeps its
    own sense; and so is anything getting closer with no
    flight, fear or failing legs in that sentence or the one before ("the exam was getting
    closer", "the island drew nearer")."""
    clause = tokens[start:end]
    perilous = None  # looked at once, if a phrase is there
    for index in range(len(clause) - 1):
        if (clause[index].stem, clause[index + 1].stem) not in _APPROACH:
            continue
        before = {token.word for token in clause[max(0, index - SUBJECT_WORDS) : index]}
        after = [token.word for token in clause[index + 2 : index + 4]]
        if perilous is None:
            perilous = _near_peril(tokens, start)
        if (
            before & _DREAMER_SUBJECTS
            or not perilous
            or (
                not before & _NEW_APPROACHERS
                and _heading_to_someone(tokens, sentence_start, start + index)
                and not (before & _HE_OR_SHE and _threat_near(tokens, start))
            )
        ):
            pursued = False
        elif clause[index + 1].word in _TOWARDS:  # "came towards me", not "towards the house"
            pursued = after[:1] in (["me"], ["us"])
        elif after[:1] in (["to"], ["towards"], ["toward"]):
            pursued = after[1:] in (["me"], ["us"])  # not "closer to the dog"
        elif before & (OTHER_SUBJECTS | DETERMINERS):
            pursued = True
        else:
            pursued = not actor.dreamer
        if pursued:
            for token in clause[index : index + 2]:
                token.actor = DREAMER
        else:  # its first word, of no weight itself, unmakes the phrase of pursuit
            clause[index].in_idiom = True


def _heading_to_someone(tokens: list[Token], sentence_start: int, at: int) -> bool:
    """Whether the sentence, before the token at `at`, heads towards someone a dreamer runs
    to: in "along the prom towards my sister who was waving, getting closer" the dreamer
    closes the gap (but not in "towards my dad but the dogs were getting closer")."""
    return any(
        tokens[towards].word in _TOWARDS
        and any(t.word in RUN_TO_PEOPLE for t in tokens[towards + 1 : towards + 3])
        for towards in range(sentence_start, at)
    )


def _threat_near(tokens: list[Token], start: int) -> bool:
    """Whether the sentence of the token at `start`, or the one before, names a threat or
    harm."""
    return any(tokens[i].stem in _THREAT_STEMS for i in sentences_around(tokens, start, 1, 0))


def _near_peril(tokens: list[Token], start: int) -> bool:
    """Whether the sentence of the token at `start`, or the one before, tells of flight, fear
    or legs that fail."""
    return any(
        tokens[index].stem in PERIL_STEMS
        or (tokens[index].stem in _BODY_MOVING and tokens[index].negated_by >= 0)
        for index in sentences_around(tokens, start, 1, 0)
    )


def sentences_around(tokens: list[Token], index: int, before: int, after: int) -> range:
    """Where the tokens are of the sentence of the token at `index` and of the `before`
    sentences before it and `after` sentences after it."""
    last = tokens[index].sentence + after
    end = index
    while end < len(tokens) and tokens[end].sentence <= last:
        end += 1
    return range(sentence_start(tokens, index, before), end)


def sentence_start(tokens: list[Token], index: int, sentences_before: int = 0) -> int:
    """Where the sentence of the token at `index` starts, or the sentence that many before
    it."""
    first = tokens[index].sentence - sentences_before
    while index > 0 and tokens[index - 1].sentence >= first:
        index -= 1
    return index


def _mark_pursuing(clause: list[Token]) -> None:
    """The dreamer chasing or catching someone is not the dreamer chased or caught: a pursuit
    verb counts only with the dreamer on the receiving end ("it chased me", "I was caught",
    "chased by a dog", or a phone note's "chased again last night")."""
    for index, token in enumerate(clause):
        if token.stem not in PURSUIT_STEMS:
            continue
        if token.stem in _CATCH_STEMS and _supposed(clause, index):
            token.actor = SUPPOSED
            continue
        before = {t.word for t in clause[max(0, index - 2) : index]}
        after = [t.word for t in clause[index + 1 :]]
        # "I was chased" is passive; "I was chasing him", "we were hunting" are not
        passive = bool(before & _PASSIVE_AUXILIARIES) and not token.word.endswith("ing")
        # in "my lines, which were followed by fear" a thing is followed; in "the maze which
        # I was chased through" the dreamer is
        thing_followed = clause[0].word == "which" and not any(
            t.word in _DREAMER_SUBJECTS for t in clause[1:index]
        )
        # "it grabbed my ankle", "grabbed the back of my neck", but not "I caught my breath":
        # the dreamer is not its subject ("the back of my jacket": what the dreamer wears)
        mine = after[3:] if _part_of(after) else after
        grabbed_body = (
            bool(mine)
            and mine[0] in DREAMER_POSSESSIVES
            and _body_after(mine, 0)
            and not any(t.word in _DREAMER_SUBJECTS for t in clause[:index])
        )
        acted_on = (
            # "chased by a dog", but not "I'd catch by the armpits"
            ((passive or (after[:1] == ["by"] and _is_participle(token))) and not thing_followed)
            or _dreamer_is_object(after)
            or _passive_by_after_route(clause, index)
            or grabbed_body
            or _belonging_taken(clause, index, mine)
            or _passive_note(clause, index)
        )
        if not acted_on:
            token.actor = PURSUER


def _supposed(clause: list[Token], index: int) -> bool:
    """Whether the catch at `index` is only supposed: "we'd say we were lost if we were
    caught", "if they catch me they'll kill me"; not "as if they had caught me" or "even if I
    hid they caught me", which tell of a catch. Only a catch: a chase supposed is still told
    as the dreamer's fear of it."""
    return any(
        t.word in _SUPPOSING and (at == 0 or clause[at - 1].word not in _TELLING_IF)
        for at, t in enumerate(clause[:index])
    )


def _belonging_taken(clause: list[Token], index: int, after: list[str]) -> bool:
    """Whether someone else named before the pursuit verb at `index` grabs or follows what
    the dreamer wears or drives: "it grabbed my hoodie", "a black SUV was following my cab";
    not "my daughter grabbed my sleeve", "the wind caught my coat" or "chased my brother's
    van"."""
    return (
        len(after) > 1
        and after[0] in DREAMER_POSSESSIVES
        and after[1] in DREAMER_BELONGINGS
        and clause[index].stem not in _CATCH_STEMS
        and any(
            t.word in OTHER_SUBJECTS or t.word in DETERMINERS or t.is_name for t in clause[:index]
        )
        and not any(
            t.word in _DREAMER_SUBJECTS or t.word in DREAMER_POSSESSIVES for t in clause[:index]
        )
    )


def _part_of(after: list[str]) -> bool:
    """Whether the words after a verb open a part of something: "the back of my jacket", "the
    scruff of my neck" (a determiner, a word and "of", then at least two words)."""
    return len(after) >= 5 and after[0] in DETERMINERS and after[2] == "of"


def _dreamer_is_object(after: list[str]) -> bool:
    """Whether the dreamer is the object of the verb these words follow: "chased me", "came
    after us"; not "made him chase her away from us", where she is."""
    for word in after:
        if word in _DREAMER_OBJECTS:
            return True
        if word in _OTHER_OBJECTS or word in DETERMINERS:
            return False
    return False


def _passive_by_after_route(clause: list[Token], index: int) -> bool:
    """A passive with a route before who did it: "chased round the market by a woman"; not
    with an object first ("I chased the dog round the park by the lake") or the dreamer as
    its subject ("I chased round the park by the lake")."""
    after = [t.word for t in clause[index + 1 :]]
    return (
        _is_participle(clause[index])
        and bool(after)
        and after[0] in _ROUTE_WORDS
        and "by" in after
        and not any(t.word in _DREAMER_SUBJECTS for t in clause[:index])
    )


def _passive_note(clause: list[Token], index: int) -> bool:
    """A note that drops "I was": a participle opening its clause with no one after it
    ("chased again last night", "then followed home"), not "chased the cat"."""
    if not _is_participle(clause[index]):
        return False
    if any(t.word.lower() not in _NOTE_OPENERS for t in clause[:index]):
        return False
    following = clause[index + 1].word.lower() if index + 1 < len(clause) else ""
    return following in _NOTE_FOLLOWERS


def _is_participle(token: Token) -> bool:
    """A pursuit verb's past participle: "chased", "followed", "caught"."""
    word = token.word.lower()
    return word.endswith("ed") or word == "caught"


def _mark_others_moving(clause: list[Token], words: list[str], first: int) -> None:
    """In "a dog walked slowly towards me" the dog walks, and the dreamer is only its object:
    a clause that opens with someone else and names the dreamer only as an object is the
    dreamer's ("it chased me", "he stayed right behind me") but for how the other moves;
    `first`: where the clause's own words start (_opening)."""
    if first == len(words):
        return
    # "my sister ran away from me": someone of the dreamer's, not the dreamer's body
    kin = words[first] in DREAMER_POSSESSIVES and not _body_after(words, first)
    if not (words[first] in _OTHER_OPENERS or clause[first].is_name or kin):
        return
    # the dreamer as a subject takes the clause back ("the next day I ran"), but in a simile
    # only what follows ("the defenders jogging past me like I was standing still")
    dreamer_at = len(words)
    for index, word in enumerate(words):
        if word in DREAMER_WORDS and word not in _ONLY_OBJECTS:
            if index == 0 or words[index - 1] not in _SIMILE:
                return
            dreamer_at = min(dreamer_at, index)
    after_opener = first + 1 if kin else first
    if any(word in DREAMER_POSSESSIVES for word in words[after_opener:]):
        return  # "it melted under my shoes", "the sand swallowed my legs"
    if "of" in words[first : first + 4] and _ONLY_OBJECTS.intersection(words[first : first + 5]):
        return  # "the two of us ran away": we did
    named = _subject(clause, words, first, False) or SCENE
    if named.dreamer:
        return  # "the legs wouldn't move": the dreamer's legs
    other = Actor(False, named.subjects - _MOVING_STEMS)  # "the dog", not "the dog walking"
    follows_move = False
    for token in clause[:dreamer_at]:
        if token.stem in _MOVING_STEMS or (follows_move and token.word in _AWAY):
            token.actor = other  # and "away from" right after it: its flight, not ours
            follows_move = True
        else:
            follows_move = False


def _explicit_actor(
    clause: list[Token], words: list[str], first: int, watched: bool
) -> Actor | None:
    """The actor a clause (of these words, its own from `first`) names, or None when it names
    no subject; `watched`: the clause follows a verb of seeing or hearing, whose object is its
    subject."""
    if first == len(words):
        return None
    if not _PERSON_WORDS.isdisjoint(words):
        for index, word in enumerate(words):
            if word in DREAMER_WORDS:
                return DREAMER
            # "my legs gave way", "it melted under my shoes"; but "my brother ran" is his,
            # "the cat was tearing round in my dream" the cat's, and in "watching eleven run
            # in my kitchen" eleven runs
            if (
                word in DREAMER_POSSESSIVES
                and not _frames(words, index)
                and (_body_after(words, index) or (index != first and not watched))
            ):
                return DREAMER
        for index, word in enumerate(words):  # "without moving their heads"
            if word in _OTHER_POSSESSIVES and _body_after(words, index):
                return Actor(False, frozenset({clause[index + 1].stem}))
    return _subject(clause, words, first, watched)


def _acting_on_dreamer(clause: list[Token], words: list[str], first: int) -> Actor | None:
    """Someone else, when the clause opens on "he", "she" or "they" and names the dreamer only
    as acted on ("he bites my fingers"); None for a presence, a thing or a name ("something
    behind me on the road and id left the bus", "Bear chasing me, legs heavy as lead": phone
    notes drop the dreamer's "I" after them), and after a chase, a threat or a grab, which
    the dreamer answers ("they were chasing me and ran into the woods", "they cornered me
    and couldn't move", "she grabbed my hand and ran")."""
    if not words[first : first + 1] or words[first] not in _PERSON_PRONOUNS:
        return None
    if any(t.stem in PERIL_STEMS or t.stem in _GRAB_STEMS for t in clause):
        return None
    return Actor(False, frozenset({clause[first].stem}))


def _opening(clause: list[Token], words: list[str]) -> int:
    """Where a clause's own words start: after its fillers ("and then"), a frame ("in my
    dream my neighbour's boy ran off" is the boy's) and a time ("one morning my brother ran
    off", "that night he ran", "a night of running"), but not a time naming someone ("the
    night watchman ran")."""
    first = _after_fillers(words, 0)
    if _frames(words, first + 1):
        first = _after_fillers(words, first + 3)
    at = first
    if at < len(words) and (words[at] in DETERMINERS or words[at] in DREAMER_POSSESSIVES):
        at += 1
    if at < len(words) and words[at] in _TIME_MODIFIERS:
        at += 1
    if at < len(words) and clause[at].stem in _TIME_STEMS:
        after = at + 1
        if after == len(words) or not clause[after].is_content or words[after] in CLAUSE_FILLERS:
            return _after_fillers(words, after)
    return first


def _after_fillers(words: list[str], first: int) -> int:
    while first < len(words) and words[first] in CLAUSE_FILLERS:
        first += 1
    return first


def _reported_subject(
    clause: list[Token], words: list[str], *, told: bool = False
) -> tuple[int, int] | None:
    """Where someone else is the subject of a clause the dreamer opens by thinking ("I am
    sure it will run away", "I think he escaped", "I think Mom ran off"), or that tells the
    dreamer something (`told`: after "she tells", the clause "me Marissa runs off"): from
    them to the end of the clause, or to a condition ("... if I reach out"); None when the
    dreamer is named again in that stretch ("I knew it would catch me" is still the dreamer's
    story, and so is "she told me he was after me")."""
    found = None
    for index in range(1, len(words)):
        word = words[index]
        if found is None:
            reporting = words[index - 1]
            telling = told and index == 1 and reporting in _TOLD
            if (reporting in REPORTING_WORDS or telling) and (
                word in NEW_SUBJECTS
                or _someone_of_mine(words, index)
                or (
                    (reporting in THINKING_WORDS or telling)
                    and (word in KNOWN_PEOPLE or clause[index].is_name)
                )
                or (
                    reporting in _THINKING_OR_SAYING
                    and _article_opens_someone(clause, words, index)
                )
            ):
                found = index
        elif word in _CONDITIONS:
            return found, index
        elif word in DREAMER_WORDS or (word in DREAMER_POSSESSIVES and _body_after(words, index)):
            return None
    return None if found is None else (found, len(words))


def _article_opens_someone(clause: list[Token], words: list[str], index: int) -> bool:
    """Whether an article at `index` and its noun open someone or something else's doing ("I
    said the horse escaped", "I thought a man ran off"); not what the dreamer thinks of
    ("I imagined a nightmare about being chased"), a way, a time or the ground ("I thought
    the street went on forever" is the scene the dreamer is in)."""
    noun = index + 1
    return (
        words[index] in _ARTICLES
        and _can_be_a_subject(clause, words, noun)
        and words[noun + 1 : noun + 2] != []
        and words[noun + 1] not in _NOT_A_DEED_AFTER
    )


def _can_be_a_subject(clause: list[Token], words: list[str], at: int) -> bool:
    """Whether the word at `at` can be a subject of its own: a content word that is not a
    way, a time, the ground or a limb."""
    return (
        at < len(words)
        and clause[at].is_content
        and not _not_who(clause, words, at)
        and clause[at].stem not in _GROUND_STEMS
        and clause[at].stem not in _THE_LIMBS
    )


def _not_who(clause: list[Token], words: list[str], at: int) -> bool:
    """Whether the word at `at` after a quantifier or an article names a way or a time, not
    someone: "all the way home", "all of a sudden", "all the next day"."""
    return words[at] in _NOT_WHO or words[at] in _TIME_MODIFIERS or clause[at].stem in _TIME_STEMS


def _someone_of_mine(words: list[str], index: int) -> bool:
    """Whether the words at `index` name someone the dreamer knows by "my" or "our" ("my
    little brother", "our neighbour"), not the dreamer's own body ("my legs")."""
    return words[index] in DREAMER_POSSESSIVES and not KNOWN_PEOPLE.isdisjoint(
        words[index + 1 : index + 3]
    )


def _frames(words: list[str], index: int) -> bool:
    """Whether the possessive at `index` only frames the dream: "in my dream", "in my sleep"."""
    return 0 < index < len(words) - 1 and words[index - 1] == "in" and words[index + 1] in _FRAMES


def _subject(clause: list[Token], words: list[str], first: int, watched: bool) -> Actor | None:
    """The actor named by the clause's first word, if any (any word, when `watched`)."""
    word = words[first]
    if _likens(words, first):
        return DREAMER  # "it was like wading through treacle": what the dreamer went through
    if word == "everything" and _slowing(words, first + 1):
        return DREAMER  # "everything went slow motion": how it was for the dreamer
    if word in SCENE_SUBJECTS:
        return SCENE
    if word in OTHER_SUBJECTS or clause[first].is_name:
        return Actor(False, frozenset({clause[first].stem}))
    if word in _QUANTIFIERS and set(words[:first]) <= _JOINING:
        # "all the coins were stuck", "both of the dogs ran": theirs; not "all the way home",
        # "all of a sudden", "all the next day" or, after "after", what the clause is about
        at = first + 1 + (words[first + 1 : first + 2] == ["of"])
        if at < len(words) - 1 and words[at] in DETERMINERS and not _not_who(clause, words, at + 1):
            return _subject(clause, words, at, watched)
    if (
        word in _COUNTS
        and set(words[:first]) <= _JOINING
        and _can_be_a_subject(clause, words, first + 1)
    ):
        return Actor(False, frozenset({clause[first + 1].stem}))  # "two girls ... run away"
    if (
        word in BARE_PEOPLE
        and set(words[:first]) <= _JOINING
        and first + 1 < len(words)
        and words[first + 1] != "oh"  # "boy oh boy"
    ):
        return Actor(False, frozenset({clause[first].stem}))  # "man on screen running from it"
    if clause[first].stem in _THE_LIMBS and words[first + 1 : first + 2] == ["felt"]:
        return DREAMER  # "..., legs felt loose and strong": what is felt is the dreamer's
    if word in DETERMINERS or word in DREAMER_POSSESSIVES:
        content = [t for t in clause[first + 1 : first + 1 + SUBJECT_WORDS] if t.is_content]
        following = [t.stem for t in content]
        if following and following[0] in _GROUND_STEMS:
            return SCENE  # "the street was all ice": the ground under the dreamer is the scene
        if word == "the" and following and following[0] in _THE_LIMBS and "of" not in words:
            return DREAMER  # "the legs wouldn't shift": the dreamer's, as phone notes say
        # "every stride took an age": the dreamer's, as notes tell; not "every step he took"
        strides = word in _EVERY and following and following[0] in _STRIDES
        if strides and not (first + 2 < len(clause) and names_someone(clause[first + 2])):
            return DREAMER
        named = (t.word for t in content[:2])
        if word == "the" and "of" not in words and _PARALYSIS.intersection(named):
            return DREAMER  # "the sleep paralysis again": the dreamer's, as no one else's is told
        return Actor(False, frozenset(following))
    if watched and first == 0:
        return Actor(False, frozenset({clause[0].stem}))
    return None


def _likens(words: list[str], first: int) -> bool:
    """Whether the clause likens what happened to doing something: "it was like wading
    through treacle", "it's almost like being chased", "it felt as if running in sand"; not
    "it was like the whole town was running", where the town runs."""
    if words[first] != "it":
        return False
    at = first + 1
    if at < len(words) and words[at] in _LIKENING_VERBS:
        at += 1
    while at < len(words) and words[at] in _HEDGES:
        at += 1
    if words[at : at + 1] == ["like"]:
        at += 1
    elif words[at : at + 2] in (["as", "if"], ["as", "though"]):
        at += 2
    else:
        return False
    return at < len(words) and words[at].endswith("ing") and not words[at].endswith("thing")


def _slowing(words: list[str], at: int) -> bool:
    """Whether the words from `at` tell of everything slowing: "went slow motion", "was in
    slow motion", "slowed down"; not "was running away from the flood"."""
    if words[at : at + 1] == ["slowed"]:
        return True
    if at >= len(words) or words[at] not in _GOING:
        return False
    return not _SLOW.isdisjoint(words[at + 1 : at + 3])


def names_someone(token: Token) -> bool:
    """Whether the word names someone, or opens a noun phrase that may ("he", "the", "a", a
    name)."""
    return token.word in OTHER_SUBJECTS or token.word in DETERMINERS or token.is_name


def _body_after(words: list[str], index: int) -> bool:
    return not BODY_PARTS.isdisjoint(words[index + 1 : index + 3])


def _opens_episode(tokens: list[Token], index: int) -> bool:
    """Whether the words from `index` (a sentence's, after its fillers) open an episode."""
    if index == len(tokens) or tokens[index].stem not in _EPISODE_OPENERS:
        return False
    stems = [token.stem for token in tokens[index : index + 4]]
    return any(stems[: len(opener)] == opener for opener in _EPISODE_OPENERS[stems[0]])


HANDOVER_STEMS = frozenset(stem(word) for word in HANDOVER_VERBS)
WANTING_STEMS = frozenset(stem(word) for word in WANTING_VERBS)
_CATCH_STEMS = frozenset([stem("catch")])
_SUPPOSING = frozenset(["if", "unless"])
_TELLING_IF = frozenset(["as", "even"])
PURSUIT_STEMS = frozenset(stem(word) for word in PURSUIT_VERBS)
_APPROACH = frozenset(stems_of(phrase) for phrase in APPROACH_PHRASES)
_APPROACH_FIRSTS = frozenset(first for first, _ in _APPROACH)
PERIL_STEMS = frozenset(
    stem(word)
    for concept in (
        "run",
        "flight",
        "chase",
        "fear",
        "threat",
        "harm",
        "stuck",
        "collapse",
        "wobbly",
    )
    for word in concept_words(concept)
)
# Legs, feet and moving are peril when they fail ("my legs wouldn't move"), not when a hand
# moves up a leg.
_BODY_MOVING = frozenset(
    stem(word) for concept in ("move", "legs", "feet") for word in concept_words(concept)
)
_OTHER_POSSESSIVES = frozenset(["his", "her", "their", "its"])
_TIME_STEMS = frozenset(stem(word) for word in TIME_WORDS)
# Words between a determiner and a time: "the next day", "a few days later", "the whole time".
_TIME_MODIFIERS = frozenset(["next", "few", "whole", "same", "following", "last", "other"])
_PERSON_WORDS = DREAMER_WORDS | DREAMER_POSSESSIVES | _OTHER_POSSESSIVES
_PERSON_PRONOUNS = frozenset(["he", "she", "they"])
_GRAB_STEMS = frozenset(stem(word) for word in [*concept_words("grab"), "hold", "corner", "catch"])
_BE_FORMS = frozenset(["am", "is", "are", "was", "were", "be", "been", "being"])
_PASSIVE_AUXILIARIES = _BE_FORMS | frozenset(
    ["bein", "get", "gets", "got", "gotten", "getting", "gettin"]
)
_DREAMER_OBJECTS = frozenset(["me", "mi", "us", "myself", "ourselves", "you", "yourself"])
# What may follow such a participle in a note: nothing, or a word of when, how or where
# ("chased again", "chased all night", "followed home by"); a word that could be its object
# ("chased rabbits", "caught fish", "followed dad") makes the dreamer the one who chases.
_NOTE_FOLLOWERS = frozenset(
    ["", "again", "all", "by", "through", "across", "around", "round", "along", "everywhere",
     "endlessly", "relentlessly", "home", "last", "every", "each"]
)  # fmt: skip
# Words that open a route after a participle: "chased round the market by a woman".
_ROUTE_WORDS = frozenset(
    ["through", "across", "around", "round", "along", "down", "up", "over", "into", "out", "all",
     "home"]
)  # fmt: skip
# What may open a note's clause before its participle: "then chased again", but not "and": in
# "I ran and chased him" the dreamer chases.
_NOTE_OPENERS = CLAUSE_FILLERS - {"and", "or", "but"}
_CONDITIONS = frozenset(["if", "unless"])
_TOLD = frozenset(["me", "us"])
# After thinking or saying, an article and its noun open someone else's doing ("I said the
# horse escaped"); not after feeling, knowing or dreaming ("I felt the mud pull", "I knew
# the terror of being chased", "I dreamt a nightmare about wolves"), nor when a word of
# what it is about follows the noun.
_ARTICLES = frozenset(["the", "a", "an"])
_THINKING_OR_SAYING = THINKING_WORDS | frozenset(["say", "said", "says"])
_NOT_A_DEED_AFTER = frozenset(["of", "about", "with", "in", "at", "for", "from", "on", "to"])
# Words that open a clause about someone or something else ("the dog", "he", "it").
_OTHER_OPENERS = OTHER_SUBJECTS | DETERMINERS
# "in my dream": the dreamer's possessive that names no actor.
_FRAMES = frozenset(["dream", "dreams", "sleep"])
# Words whose "that" clause is the dreamer's all the same: "legs that would not move", "a
# nightmare that was moving fast".
_NO_MOVERS = BODY_PARTS | _FRAMES | frozenset(["nightmare", "nightmares"])
# A relative clause's subject is the one it follows: "the dark man, who escapes"; "the only
# one who escaped" is the dreamer, as the sentence says.
_RELATIVE = frozenset(["who"])
# A thing's "which" or "that" clause is the thing's when it tells how it moves: "cars that
# ran off the highway"; its verb is among its first words ("that had been running").
_THING_RELATIVES = frozenset(["which", "that"])
_VERB_REACH = 4
_TOWARDS = frozenset(["towards", "toward"])
_ONES = frozenset(["one", "ones"])
# The words that make a run a flight ("ran away from us", "ran off"), the runner's as the run
# is when they follow it.
_AWAY = frozenset(["away", "off", "from"])
# The dreamer as an object only: "it walked towards me" is not the dreamer walking.
_ONLY_OBJECTS = frozenset(["me", "us", "myself", "ourselves"])
# Someone else as the object of a verb ("chase her"), or as its subject after it.
_OTHER_OBJECTS = frozenset(["him", "her", "them", "it", "he", "she", "they"])
_DREAMER_SUBJECTS = DREAMER_WORDS - _DREAMER_OBJECTS
# Closing in on a dreamer running to someone, "he" or "she" is the one run to ("towards my
# sister, and every step she got closer"), unless a threat or harm is told near ("a man with
# an axe ... towards my brother but he kept getting closer"); "they", "it", "the dogs" or
# "someone" is not.
_HE_OR_SHE = frozenset(["he", "she"])
_NEW_APPROACHERS = (OTHER_SUBJECTS | DETERMINERS) - _HE_OR_SHE - frozenset(["every", "each"])
_THREAT_STEMS = frozenset(
    stem(word) for concept in ("threat", "harm") for word in concept_words(concept)
)
# Writing a dream down for someone else, or telling that they dreamt it, in the first
# sentence; and the pronouns by which the report then means the dreamer.
_RELAYING = frozenset(
    ["typing", "typed", "type", "writing", "write", "wrote", "noting", "jotting", "recording"]
)
_RELAYED = frozenset(["this", "down", "dream", "dreams"])  # "typing this", not "typing her essay"
# "my son (9) told me this at breakfast": told this and nothing else, or when and how
_RELAY_TELLING = frozenset(["told", "tells", "telling", "telt"])  # "telt", as Scots write it
_AFTER_TOLD_THIS = frozenset(
    ["at", "over", "when", "after", "today", "yesterday", "earlier", "dream"]
)
_AFTER_A_DREAM_TOLD = _AFTER_TOLD_THIS | {"this", "last", "from"}
_DREAMT = frozenset(["dreamt", "dreamed"])
_DREAMING = _DREAMT | {"dreams", "had"}
_HIS = {"he": "i", "him": "me", "his": "my", "himself": "myself"}
_HERS = {"she": "i", "her": "me", "hers": "mine", "herself": "myself"}
_PRONOUNS = {"he": _HIS, "she": _HERS}
_RELAYED_PERSONS = {
    **dict.fromkeys(RELAYED_HIS, _HIS),
    **dict.fromkeys(RELAYED_HERS, _HERS),
}
# How someone moves ("ran", "walked slowly", "fish swimming away from it", "the baby kept
# sneaking away from me") or hides ("she is hiding from us" is her flight, not ours), not what
# they do to the dreamer ("chased").
_MOVING_WORDS = [word for concept in MOVING_CONCEPTS for word in concept_words(concept)] + [
    "hide",
    "swim",
    "sneak",
]
_MOVING_STEMS = frozenset(stem(word) for word in _MOVING_WORDS) - PURSUIT_STEMS
_PURSUIT_OR_MOVING = PURSUIT_STEMS | _MOVING_STEMS
_GROUND_STEMS = frozenset(stem(word) for word in concept_words("ground"))
_THE_LIMBS = frozenset(stem(word) for word in ("leg", "knee", "foot"))
_LIMB_PRONOUNS = {
    "they": frozenset(["legs", "feet", "knees"]),
    "it": frozenset(["leg", "foot", "knee"]),
}
# What limbs are or will not do, after "they" or "it": "they were so leaden", "it wouldn't move".
_LIMB_STATES = frozenset(
    ["was", "were", "felt", "feel", "would", "wouldn", "wouldnt", "won", "wont", "just", "went",
     "kept", "refused", "gave", "buckled"]
)  # fmt: skip
_SIMILE = frozenset(["like", "if", "though"])
_SHOW_STEMS = frozenset(
    stem(word) for word in ("game", "film", "movie", "show", "programme", "cartoon", "episode")
)
_GENERIC_YOU = frozenset(["you", "your", "yourself"])
_PLAYING = frozenset(stem(word) for word in ("play", "watch"))
_SHOW_REACH = 5  # words before "where" that may tell of playing or watching
_NAMING_THE_DREAMER = (DREAMER_WORDS | DREAMER_POSSESSIVES) - _GENERIC_YOU
_ANYONE = Actor(False, frozenset({"you"}))
# "it was (almost) like", "it felt (kind of) as if" (_likens); "it's" is read as "it"
_LIKENING_VERBS = frozenset(["was", "is", "felt", "feels", "seemed", "seems"])
# "everything went (into) slow motion", "everything slowed down" (_slowing)
_GOING = _LIKENING_VERBS | frozenset(["went", "goes"])
_SLOW = frozenset(["slow", "slowed"])
_HEDGES = frozenset(["almost", "just", "kind", "sort", "of", "a", "bit", "exactly", "really"])
_EVERY = frozenset(["every", "each"])
# Quantifiers before a determiner and its noun, the clause's subject; only after these
# words, and not before words of when or where.
_QUANTIFIERS = frozenset(["all", "both", "many", "several"])
_JOINING = frozenset(["and", "but", "so", "then", "now"])
# Numbers before a noun, the clause's subject ("two girls ring the bell"), in words only
# (reports rarely write "2 girls"); not before words of when ("two days later").
_COUNTS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
_NOT_WHO = frozenset(
    ["way", "sudden", "rest", "dream", "dreams", "more", "less", "better", "worse", "harder"]
)
_STRIDES = frozenset(stem(word) for word in ("stride", "step", "pace"))
# The noun as written: "paralysis" shares its key with "paralysed", and "the paralysed man"
# is someone else.
_PARALYSIS = frozenset(["paralysis"])
# Before a noun ("my watch", "the spot") or a passive ("was told to"): no one is watched.
_NOT_BEFORE_WATCHING = DETERMINERS | DREAMER_POSSESSIVES | frozenset(["in", "on", "to"])
_EPISODE_OPENERS: dict[str, list[list[str]]] = defaultdict(list)  # by first stem
for _opener in EPISODE_OPENERS:
    _EPISODE_OPENERS[stems_of(_opener)[0]].append(list(stems_of(_opener)))
