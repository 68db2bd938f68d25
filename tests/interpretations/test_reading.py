"""Reading a dream for the matcher: word forms, negation, and who acts in each clause."""

import pytest

from interpretations.features import features_of
from interpretations.reading import tokenize


def keys(text: str) -> set[str]:
    """The feature keys the matcher reads in the text."""
    return {feature.key for feature in features_of(tokenize(text))}


def actors(text: str) -> dict[str, bool]:
    """Each word of the text, and whether the dreamer acts there."""
    return {token.word: token.actor.dreamer for token in tokenize(text)}


def test_inflections_and_irregular_forms_share_a_stem():
    assert {token.stem for token in tokenize("runs running ran run")} == {"run"}
    assert {token.stem for token in tokenize("fled flees fleeing")} == {"flee"}


def test_negation_reaches_the_next_words_but_not_past_the_clause():
    tokens = tokenize("I didn't know what I was running from")
    negated = {token.stem for token in tokens if token.negated_by >= 0}
    assert "know" in negated
    assert "run" not in negated


def test_phone_typing_without_apostrophes_still_negates():
    tokens = tokenize("i wasnt running")
    assert tokens[-1].stem == "run" and tokens[-1].negated_by >= 0


def test_phone_spellings_are_read_as_the_words_they_stand_for():
    im = tokenize("Im closing up the bar")
    assert im[0].stem == "I" and not im[0].is_name and all(token.actor.dreamer for token in im)
    assert tokenize("ran thru the park")[1].word == "through"
    assert not tokenize("somethings coming")[-1].actor.dreamer


def test_a_negator_reaches_the_movement_not_the_dreamers_limbs():
    tokens = {token.word: token for token in tokenize("I couldn't move my legs")}
    assert tokens["move"].negated_by >= 0
    assert tokens["legs"].negated_by < 0
    assert tokenize("I had no legs")[-1].negated_by >= 0


def negated(text: str) -> set[str]:
    return {token.word for token in tokenize(text) if token.negated_by >= 0}


def test_a_negator_stops_at_a_subject_that_opens_a_run_on_clause():
    assert "chasing" not in negated("I didn't know he was chasing me")
    assert "stuck" not in negated("my hands wouldn't lift they were just stuck by my sides")
    assert "lift" in negated("my hands wouldn't lift they were just stuck by my sides")
    # a supposition, an inverted auxiliary, a thought, a negator of a thing: it reads on
    assert "caught" in negated("I didn't care if they caught me")
    assert "move" in negated("I could not scream, nor could I move.")
    assert "look" in negated("Not once did I look back.")
    assert "run" in negated("I didn't think I could run any further")
    assert "move" in negated("nothing I did made my legs move")


def test_a_negated_deed_leaves_where_it_was_done_but_a_denied_thing_is_denied():
    assert negated("I couldn't get out of the mud") == {"get", "out"}
    assert "sand" not in negated("I couldn't drag myself through the sand")
    assert "sand" in negated("it wasn't in the sand")  # no verb: what is denied is the sand
    assert "mud" in negated("there was no mud in the lane")
    assert "fear" in negated("I didn't feel any fear")
    # a verb that passes on to the deed is not the deed
    assert "move" in negated("I couldn't make my legs move.")
    assert "run" in negated("I didn't have the strength to run.")


def test_a_phrase_that_opens_with_a_negator_says_it_in_its_sense():
    assert "@small" in keys("it was no bigger than a cat")
    assert "@ease" in keys("my body so light like no weight at all")
    assert "@futility" in keys("no matter how fast I ran")
    # but a negator inside a phrase still denies: a pursuer with no face is unseen
    assert "!@sight" in keys("it had no face")


def test_a_run_to_someone_is_glad_but_not_to_a_room_named_after_them():
    assert "@ease" in keys("I ran across the field to my gran")
    assert "@ease" not in keys("I heard a moan and ran to the family room")
    assert "@ease" in keys("I ran across the road to mum, car horns blaring")


def test_a_drive_away_is_a_flight_only_from_danger_before_it():
    def drive_is_flight(text):
        tokens = tokenize(text)
        getaways = ("drove", "sped", "snuck", "sneaked", "slipped")
        drive = next(i for i, token in enumerate(tokens) if token.word in getaways)
        return any(f.key == "@flight" and f.first == drive for f in features_of(tokens))

    assert drive_is_flight("A guy came at the car with a knife and we drove off.")
    assert drive_is_flight("The zombies were chasing us. We sped away.")
    assert not drive_is_flight("We drove off to the beach.")
    assert not drive_is_flight("We drove off and then I got out chasing a ball.")
    assert not drive_is_flight("I chased the ball. We drove off.")  # the dreamer chasing
    # slipping away unseen is a getaway as driving off is
    assert drive_is_flight("There was a man with a gun in the lobby. I sneaked away.")
    assert drive_is_flight("The killer was in the house. I slipped away.")
    assert not drive_is_flight("He stabbed me. I slipped off the step.")  # a fall
    assert not drive_is_flight("I snuck off to the party.")


def test_a_run_is_a_flight_from_danger_before_it_or_from_whatever_follows_it():
    def flights(text):
        tokens = tokenize(text)
        return [
            tokens[f.first].word
            for f in features_of(tokens)
            if f.key == "@flight" and tokens[f.first].actor.dreamer
        ]

    assert flights("Some friends tried to kill us. We locked them out and ran next door.")
    assert flights("The insects were dangerous. We all started running.")
    assert not flights("I was afraid of being late. We ran for the bus.")  # fear of anything
    assert not flights("The tornado hit and time was running out.")  # time, not a run
    assert not flights("A man attacked my sister. I ran to help her.")  # to someone
    assert not flights("The killer ran off and I ran after him.")  # the dreamer chasing
    assert not flights("I was killing time at the station. I ran for the bus.")
    assert not flights("The news was about a killer. I went for a run.")
    # a run in a phrase, and a swim away
    assert flights("legged it from a clown again") == ["legged"]
    assert flights("swimming away from a shark off the beach") == ["swimming"]
    assert not flights("We swam from the jetty to the raft.")
    assert not flights("I swam away from the shore.")  # no danger
    assert flights("The monster roared. I swam away from it.") == ["swam"]
    assert not flights("My leg it was sore from the walk.")
    # shot at, a run into a place away from danger, a run to hide
    assert flights("He tried to shoot me with lasers. I ran out.") == ["ran"]
    assert not flights("She shot me a dirty look. I ran out.")  # a look, not a shot
    assert flights("He pulled out a gun. I ran into another room.") == ["ran"]
    assert flights("He had a gun. I begged him. I ran out.") == ["ran"]
    assert not flights("He had a gun. I begged him. He laughed. I ran out.")  # long before
    assert flights("The killer came in. I ran to the car.") == ["ran"]
    assert not flights("The killer came in. I ran to my sister.")  # to someone
    assert flights("I run and hide in the pit room.") == ["run"]
    assert flights("we all ran to hide behind a wall") == ["ran"]
    assert flights("i ran n hid under the bed") == ["ran"]
    assert not flights("We played hide and seek. I ran and hid in the shed.")
    assert not flights("We all ran and hid in the living room to surprise her.")
    assert not flights("I ran and hid the presents.")  # a thing hidden
    assert not flights("I ran and hid from the rain.")
    assert not flights("Mom ran and hid.")  # kin, named as a name, are someone else
    # no refuge: to the danger or the harmed, to someone, or to do something
    assert not flights("The killer was outside. I ran to the killer.")
    assert not flights("A man was stabbed. I ran to the victim.")
    assert not flights("The killer came in. I ran to the nurse.")
    assert not flights("A man attacked my sister. I ran to the kitchen to get a knife.")
    # danger in a film or a game, a refusal, a meal on the go
    assert not flights("We watched a murder mystery. Then I ran to the shop.")
    assert not flights("She shot me down when I asked her out. I ran out of the room.")
    assert not flights("She shot me a really dirty look. I ran out.")
    assert flights("He shot me a few times. I ran out.") == ["ran"]
    assert "on" in flights("we were on the run from the cops")
    # a run in alarm
    assert flights("There was a huge spider. We screamed and ran.") == ["ran"]
    assert flights("We all freaked out and ran.") == ["ran"]
    assert flights("I started freaking out and I ran inside.") == ["ran"]
    assert not flights("I didn't panic and ran to the shop.")
    assert not flights("I didn't panic and I ran to the shop.")
    # a disaster is danger as harm is; a fire in the grate is not
    assert flights("We saw a huge tidal wave. We ran.") == ["ran"]
    assert flights("A wildfire was coming over the ridge. We ran inside.") == ["ran"]
    assert not flights("We sat by the fire. Then we ran to the shop.")
    assert not flights("The rumour spread like wildfire at school and I ran home crying.")
    assert not flights("There was a tidal wave of relief. I ran out of the exam hall.")
    assert not flights("We had earthquake drills at school. I ran out into the playground.")
    assert not flights("I heard my daughter scream and I ran upstairs.")  # her scream
    assert not flights("I ate breakfast on the run.")


def test_being_run_after_is_a_flight_but_not_an_errand_or_a_chase_of_ones_own():
    assert "@flight" in keys("someone was runnin after me")
    assert "@flight" in keys("He came after me with a knife.")
    assert "@flight" in keys("something was on my tail the whole way")
    assert "@flight" not in keys("My friend cleaned up after me.")
    assert "@flight" not in keys("Dad came for me after school.")
    assert "@flight" not in keys("I ran after him.")  # the dreamer chasing
    # "after" before anyone else still opens a clause: "after we left" is when
    assert [t.clause for t in tokenize("I ran after we left")][-2:] == [1, 1]


def test_locking_someone_in_or_out_is_no_body_locked():
    assert "@stuck" not in keys("Ezra and I ran inside and locked ourselves in a bedroom.")
    assert "@stuck" not in keys("We locked them outside.")
    assert "@stuck" in keys("My legs locked and I could not move.")
    assert "@stuck" in keys("I was locked in place.")
    assert "@stuck" in keys("Fear locked me in place.")


def test_shooting_is_harm_but_not_a_photo_shoot_or_hoops():
    assert "@harm" in keys("Then the men started shooting at us.")
    assert "@harm" not in keys("We were at a photo shoot on the pier.")
    assert "@harm" not in keys("We were shooting hoops behind the gym.")


def test_barely_escaping_is_escaping():
    tokens = tokenize("We threw our food at the bear and barely escaped!")
    assert tokens[-1].stem == "escap" and tokens[-1].negated_by < 0
    assert tokenize("my legs barely moved")[-1].negated_by >= 0


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("a huge dog walking towards me really slowly", {"walking", "slowly"}),
        ("She is going to run me down.", {"run"}),
        ("The guy behind me was just walking normally.", {"walking"}),
        # the dreamer named after the movement takes back only what follows
        ("the defenders jogging past me like I was standing still", {"jogging"}),
    ],
)
def test_how_someone_else_moves_towards_the_dreamer_is_theirs(text, theirs):
    read = actors(text)
    assert {word for word, dreamer in read.items() if not dreamer} == theirs


@pytest.mark.parametrize(
    "text",
    ["I ran and the dogs were getting closer", "my knees went like jelly as the dogs got closer",
     "I froze. It came closer to me.", "I was scared stiff and it came towards me"],
)  # fmt: skip
def test_someone_else_getting_closer_is_closing_in_on_the_dreamer(text):
    tokens = tokenize(text)
    closer = next(token for token in tokens if token.word in ("closer", "towards"))
    assert closer.actor.dreamer
    assert "@chase" in {feature.key for feature in features_of(tokens)}


@pytest.mark.parametrize(
    "text",
    ["I got closer to see the painting", "a cat got closer to the dog",
     "we drove on and got closer to the beach", "the exam was getting closer and I felt sick",
     "she came closer to me and whispered something",
     "I was scared and the wolves were heading towards the house",
     "my parents came towards me at the station and I hugged them"],
)  # fmt: skip
def test_closing_in_on_something_else_is_no_pursuit(text):
    assert "@chase" not in {feature.key for feature in features_of(tokenize(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Something chased me down the street.",
        "He stayed right behind me.",
        "A bunch of balloons carried me over the harbour.",
        "The floor melted under my shoes as I ran.",
    ],
)
def test_what_someone_does_to_the_dreamer_is_the_dreamers(text):
    assert all(actors(text).values())


def test_the_ground_as_a_subject_is_the_scene_under_the_dreamer():
    ice = next(token for token in tokenize("The street was all ice.") if token.word == "ice")
    assert not ice.actor.dreamer and not ice.actor.subjects


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("I think he escaped", {"he", "escaped"}),
        ("I hoped they would escape", {"they", "would", "escape"}),
        ("I am sure it will run away if I reach out", {"it", "will", "run", "away"}),
        ("I think Mom ran off", {"mom", "ran", "off"}),
        ("I guess James ran away", {"james", "ran", "away"}),
    ],
)
def test_someone_the_dreamer_thinks_or_sees_of_acts_for_themselves(text, theirs):
    read = actors(text)
    assert {word for word, dreamer in read.items() if not dreamer} == theirs


@pytest.mark.parametrize(
    "text",
    ["I knew it would catch me", "I felt it pulling at my legs", "I found it hard to run",
     "I thought Dad was chasing me"],
)  # fmt: skip
def test_the_dreamer_named_again_keeps_the_clause(text):
    assert all(actors(text).values())


@pytest.mark.parametrize(
    ("text", "flight"),
    [
        # hiding after danger or someone after the dreamer
        ("These girls were after me. I hid behind a pillar.", True),
        ("Then someone's after us. We go into the men's room to hide.", True),
        ("A man with a gun came in. I was hiding under the bed.", True),
        ("I hid behind the couch.", False),  # no danger told
        ("We played hide and seek with a monster mask. I hid.", False),
        ("The soldiers had guns. I would expose my hiding spot.", False),
        ("A man had a gun. I found my father hiding under the stairs.", False),
        # someone or something else hides, a thing is hidden, nowhere to hide
        ("A monster was hiding under my bed but it was my cat.", False),
        ("I stabbed him and then I hid the knife.", False),
        ("The killer was out there. I hid it from my mum.", False),
        ("There was a killer on the loose and there was nowhere to hide.", False),
        ("There was a killer on the loose. I found a hidden door.", False),
        # someone after the dreamer makes a run with no "from" a flight, as a chase does
        ("People were after us. I went inside and we ran upstairs.", True),
        ("Then someone's after me. We ran next door.", True),
        # ...not errands, a call, someone coming in later, or past the end of the sentence
        ("Mum cleaned up after us. We ran upstairs.", False),
        ("She shouted after me. We drove off.", False),
        ("My brother came in after me and we drove off.", False),
        ("My friend was after me for money. I hid in the loo.", False),
        ("We got there right after. Me and Jo ran upstairs.", False),
        # over a fence from danger
        ("He was trying to kill me. I jumped over the back fence.", True),
        ("The killer was outside. I climbed over the wall.", True),
        ("We jumped over the fence to get the ball.", False),  # no danger
        ("The killer was outside. I jumped over the puddle.", False),
    ],
)
def test_hiding_or_going_over_a_fence_after_danger_is_a_flight(text, flight):
    assert ("@flight" in keys(text)) is flight


def test_someone_sneaking_away_from_the_dreamer_sneaks_for_themselves():
    assert not actors("The baby is always sneaking away from me.")["sneaking"]
    assert actors("I was sneaking away from them.")["sneaking"]


def test_letting_it_come_is_giving_up_to_be_caught():
    assert "@catch" in keys("I was too tired, sat down on the kerb and let it come.")
    assert "@catch" in keys("I just lay down in the heather and let them come.")
    assert "@catch" not in keys("There was a knock so we let them come in.")
    assert "@catch" not in keys("I lay on the bed and let it come over me, floating.")


def test_someone_acting_on_the_dreamer_is_who_goes_on_in_the_next_clause():
    read = actors("I carry him downstairs and he bites my fingers and runs out into the snow")
    assert read["bites"] and not read["runs"]  # the dreamer is bitten; the bunny runs
    assert not actors("She slapped me and ran off")["ran"]
    assert actors("The dog chased me and I ran")["ran"]
    # after "and" only, and not after a chase, a threat or a grab, which the dreamer answers
    assert actors("she shouted at me, ran out the door")["ran"]
    assert actors("they were chasing me and ran into the woods")["ran"]
    assert actors("They cornered me in the kitchen and couldn't move")["move"]
    assert actors("she grabbed my hand and ran")["ran"]
    assert actors("My legs gave way and collapsed")["collapsed"]
    # a presence: phone notes drop the dreamer's "I" after it
    assert actors("something big behind me on the road and was pegging it")["pegging"]


def test_a_dream_told_by_someone_of_the_writers_is_theirs():
    read = actors("my son (6) told me his dream this morning: he couldnt move his legs")
    assert read["couldnt"] and read["legs"]
    assert not actors("My son told me his dream car. A dog chased him and he ran")["ran"]


def test_the_dreamer_thinking_of_someone_still_runs_in_the_next_clause():
    read = actors("I thought he had a gun and ran away")
    assert read["ran"] and read["away"] and not read["gun"]


def test_someone_or_something_the_dreamer_speaks_of_acts_for_itself():
    read = actors("I said the horse escaped")
    assert not read["horse"] and not read["escaped"]
    assert actors("Two girls ring the bell and then run away")["run"] is False
    assert actors("I knew the way out and ran")["ran"]  # a way is no one
    assert actors("I felt the mud pulling me down")["pulling"]  # felt: the dreamer's moment
    assert actors("Two of us ran off")["ran"]


def test_someone_else_swimming_away_acts_for_themselves():
    read = actors("I see the fish swimming away from the shark.")
    assert not read["swimming"] and read["see"]


def test_someone_named_in_what_the_dreamer_is_told_acts_for_themselves():
    read = actors("She tells me Marissa runs off")
    assert not read["runs"] and not read["off"]
    assert actors("She told me he was chasing me")["chasing"]  # the dreamer named again


def test_only_thinking_hands_a_clause_to_someone_named():
    assert actors("I said Hello to the man at the gate, then ran")["ran"]
    assert actors("I knew Dad from school and we ran")["ran"]


@pytest.mark.parametrize(
    "text",
    ["I was rooted to the spot, legs like lead.", "I was told to run.",
     "The legs wouldn't move.", "I checked my watch, ran to the station."],
)  # fmt: skip
def test_nouns_passives_and_marks_after_a_verb_of_watching_keep_the_dreamer(text):
    assert all(actors(text).values())


@pytest.mark.parametrize(
    ("text", "runner"),
    [
        ("In my dream my neighbour's little boy ran off.", "boy"),
        ("In my dream suddenly my brother ran away from me.", "brother"),
        ("One morning my brother ran off.", "brother"),
        ("The next day he ran away.", "he"),
        ("That night he ran away from me.", "he"),
        ("A few days later my sister ran away from me.", "sister"),
        ("The night watchman ran after me.", "watchman"),
        ("Woke up with a weight on my chest after a night of running from something.", None),
        ("The next day I ran.", None),
        ("The whole time I was running.", None),
    ],
)
def test_a_frame_or_a_time_opening_a_clause_is_not_who_acts(text, runner):
    """runner: a word of whoever runs, or None for the dreamer."""
    actor = next(token for token in tokenize(text) if token.stem == "run").actor
    assert actor.dreamer if runner is None else runner in actor.subjects


@pytest.mark.parametrize(
    ("text", "word", "mover"),
    [
        ("I saw the cars that ran off the highway.", "ran", "car"),
        ("There was a dog that ran across the road and then ran off.", "ran", "dog"),
        ("It was a key which was slow to turn.", "slow", "key"),
        # the dreamer's all the same: limbs, a dream, a moving named after another verb, and a
        # clause that only sets the scene
        ("I had legs that would not move.", "move", None),
        ("It was a nightmare that was moving so fast.", "moving", None),
        ("I made a plan that involved running away.", "running", None),
        ("There was something that ran across the road.", "ran", "someth"),
        ("We crossed a car park that had turned to ice, running hard.", "running", None),
    ],
)
def test_a_things_relative_clause_is_the_things_when_it_tells_how_it_moves(text, word, mover):
    """mover: a word of whoever moves (every `word` of the text), or None for the dreamer or
    the scene, whose words count as the dreamer's."""
    for token in tokenize(text):
        if token.word == word:
            assert not token.actor.subjects if mover is None else mover in token.actor.subjects


def test_a_negator_reaches_after_me_only_when_no_one_was_there():
    def negated(text: str) -> set[str]:
        return {token.word for token in tokenize(text) if token.negated_by >= 0}

    assert {"after", "me"} <= negated("Nothing was after me the whole time I ran.")
    assert "ran" not in negated("Nothing was after me the whole time I ran.")
    assert "after" not in negated("It wouldn't stop coming after me.")


def test_a_negator_opening_a_sentence_is_no_name():
    tokens = tokenize("Couldnae move, couldnae shout.")
    assert tokens[1].negated_by == 0 and tokens[1].actor.dreamer


def test_a_question_mark_in_brackets_ends_no_sentence():
    tokens = tokenize("The men (hunters?) are chased. I wake! Or do I?")
    sentence_of = {token.word: token.sentence for token in tokens}
    assert sentence_of["men"] == sentence_of["chased"] < sentence_of["wake"] < sentence_of["do"]


def test_a_known_word_capitalised_inside_a_sentence_is_a_name_unless_shouted():
    tokens = tokenize("I was at home and Phil was getting chased by some men.")
    assert not next(token for token in tokens if token.word == "chased").actor.dreamer
    tokens = tokenize("I was at home and Phil was getting chased. Phil is my phil.")
    assert next(token for token in tokens if token.word == "chased").actor.dreamer  # a word
    tokens = tokenize("I was FAST, and Mark said so.")  # all capitals: shouted
    assert next(token for token in tokens if token.word == "fast").is_content


def test_a_name_the_lemmatiser_knows_is_a_name_though_its_key_is_shortened():
    """The key of "Eugene" is "Eugen" and of "James" "Jame" (the stemmer cuts the lemma), and
    keeps the lemma's capital: a name, not an inflected word ("Chased", key "chase")."""
    tokens = tokenize("Calvin was talking about Evelyn and Darius and how Eugene runs from me.")
    assert next(token for token in tokens if token.word == "eugene").is_name
    assert not next(token for token in tokens if token.word == "runs").actor.dreamer
    tokens = tokenize("I was Chased through a maze by a clown.")
    assert not any(token.is_name for token in tokens)
    tokens = tokenize('She said "Me and Eugene are going."')  # "Me", whose key is "I"
    assert not next(token for token in tokens if token.word == "me").is_name


@pytest.mark.parametrize(
    "text",
    [
        "Running, my Legs felt like concrete and the Police came.",  # after a determiner
        "Dream: Bear chasing me, Legs like lead.",  # after a mark, and a part of the body
        "Zombies everywhere in the mall Legs like lead",
        "I was Chased through a maze by a clown",  # an inflected form
    ],
)
def test_capitals_that_are_no_name(text):
    tokens = tokenize(text)
    assert not any(token.is_name for token in tokens if token.word != "bear")


def test_a_pictograph_before_a_capital_ends_a_sentence_and_inside_one_is_read_through():
    tokens = tokenize("Best one in ages 🙏 Running along the sand")
    assert [token.sentence for token in tokens][3:5] == [0, 1]
    assert not any(token.is_name for token in tokens)
    tokens = tokenize("I was running 🏃 from a huge dog")
    assert len({token.clause for token in tokens}) == 1


def test_a_run_of_pictographs_ends_one_sentence():
    tokens = tokenize("A man with a knife was in the house. 😱😱🧟‍♂️ I ran")
    assert [token.sentence for token in tokens][-3:] == [0, 1, 1]


def test_a_negator_ending_its_clause_takes_back_the_attempt_to_move_before_but():
    def negated(text: str) -> set[str]:
        return {token.word for token in tokenize(text) if token.negated_by >= 0}

    assert "move" in negated("I tried to move but couldn't.")
    assert {"run", "away"} <= negated("I tried to run away but I just couldn't.")
    assert "scream" not in negated("I tried to scream but couldn't.")  # a cry tried is one
    assert "move" not in negated("I tried to move but couldn't find the door.")
    assert "run" in negated("I know I need to run. I can't.")  # a sentence of its own
    assert "run" not in negated("I wanted to run. It was late. I couldn't.")
    assert "run" in negated("I need to run... I can't.")  # "..." ends more than one
    assert "run" not in negated("I wanted to run but didn't.")  # a choice
    assert "run" not in negated("I tried to run but would not.")
    assert {"get", "away"} <= negated("I tried to get away but couldn't.")
    assert negated("I tried to run faster but couldn't.") == {"faster"}  # only the speed
    # not moving at all takes back the run tried or wanted, after "but", "and" or a comma
    assert {"run", "move"} <= negated("I wanted to run but I couldn't move at all.")
    assert {"run", "move"} <= negated("I want to run inside and I cannot move.")
    assert {"run", "move"} <= negated("I wanted to run, literally could not move.")
    assert "run" not in negated("I wanted to run but couldn't run fast.")


@pytest.mark.parametrize(
    ("text", "word", "dreamer"),
    [
        # "it was like ...": what the dreamer went through, no one else's act
        ("It was like wading through treacle.", "wading", True),
        ("It felt like running in sand.", "running", True),
        ("It ran like the wind after me.", "ran", False),  # a pursuer
        # the dreamer's strides and bare legs, as phone notes tell them
        ("Every stride took an age.", "stride", True),
        ("A first since rehearsals began, legs felt loose and strong.", "legs", True),
        ("The legs of the table gave way.", "legs", False),
        ("Again the sleep paralysis.", "paralysis", True),  # no one else's is told
        ("The paralysis of the government was on the news.", "paralysis", False),
        ("The paralysed man ran down the road.", "ran", False),  # the noun only, as written
        ("Then everything went slow motion.", "slow", True),  # how it was for the dreamer
        ("Everything was running away from the flood.", "running", False),
        # what happens to anyone in a game or a film
        ("My son was playing that game where the cops chase you round the city.", "chase", False),
        ("I was in a film where they chased me.", "chased", True),
        # the dreamer's limbs as "they", and Jamaican Patois "mi" as the dreamer
        ("I could hardly lift my legs, they were so leaden.", "leaden", True),
        ("I watched the dogs, they were running.", "running", False),
        ("Duppy chase mi an mi run.", "run", True),
        # what a pursuer grabs or follows that the dreamer wears or drives is done to them
        ("It chased me across the yard and then it grabbed my hoodie.", "grabbed", True),
        ("A black van followed my car all the way home.", "followed", True),
        ("Someone chased me and then he grabbed the back of my jacket.", "grabbed", True),
        # a capture only supposed is no one's: "if we were caught"
        ("We would say we were lost if we were caught.", "caught", False),
        ("If they catch me they will kill me, so I ran.", "catch", False),
        ("It was as if they had caught me.", "caught", True),
        ("Even if I hid they caught me every time.", "caught", True),
        ("They caught me at the gate.", "caught", True),
        ("I grabbed the end of my rope and climbed.", "grabbed", False),
        ("Grabbed my coat and ran out the door.", "grabbed", False),
        # whom the dreamer wants to act acts: "I wanted him to run away"
        ("I wanted him to run away but he stood there.", "run", False),
        ("I wanted to run away.", "run", True),
        # a quantifier before a determiner names the subject after it; not a time or a way
        ("At the arcade, all the coins were stuck.", "stuck", False),
        ("All of the dogs ran off.", "ran", False),
        ("Both my legs were stuck.", "stuck", True),
        ("All the way home, running and running.", "running", True),
        ("All of a sudden being chased by something huge.", "chased", True),
        ("Most of the dream was running from a man.", "running", True),
        ("All the next day chased by wolves.", "chased", True),
        ("Both Liza and Candy were frozen to the spot.", "frozen", False),
        # the dreamer and someone else as one subject: "me and James ran"
        ("Last night me and James ran from the police.", "ran", True),
        ("Me and my brother ran away from the man.", "ran", True),
        ('Who was it? "Me," and the man ran off.', "ran", False),  # a reply, then his run
        ("All the worse, being chased all night.", "chased", True),
    ],
)
def test_who_acts_in_likenings_strides_legs_and_games(text, word, dreamer):
    token = next(token for token in tokenize(text) if token.word == word)
    assert token.actor.dreamer is dreamer


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("We were in a hurry to catch the ferry.", "hurry"),  # rushing, not running
        ("He chased me all round the estate.", "round"),  # a place, not turning round
        ("I kept hammering the escape key.", "escape"),
        ("Dad caught me looking in the fridge.", "caught"),  # found out, not captured
        ("My legs slowed to a crawl.", "crawl"),  # slowing, not crawling
        ("I ran the numbers three times.", "ran"),  # sums
        ("Chased by deadlines all night.", "chased"),  # work pressing
        ("Both our girls fled the nest last spring.", "fled"),  # grown children leaving
        ("He held his arms out to catch me.", "catch"),  # a jump caught, not a capture
        ("She put her arms out wide to catch me.", "catch"),
        ("A woman who runs the committee came over.", "runs"),  # managing, not running
        ("My hand keeps getting caught in it.", "caught"),  # snagged, not captured
        ("The fingers of my left hand are caught in the straps.", "caught"),
        ("My fingers get caught.", "caught"),
        ("My scarf caught and I stopped.", "caught"),
        ("I marvel at how quickly they got to work.", "marvel"),
        ("Then Elise catches my attention.", "catches"),
        ("It was so bitterly cold I could freeze to death.", "freeze"),  # cold, not held still
    ],
)
def test_words_of_another_sense_say_nothing(text, word):
    token = next(token for token in tokenize(text) if token.word == word)
    assert token.in_idiom and not token.is_content


def test_a_dream_written_down_for_someone_else_speaks_of_them_as_the_dreamer():
    def dreamers_words(text):
        return [token.word for token in tokenize(text) if token.actor.dreamer]

    told = tokenize("Writing this down for my gran. A dog chased her and her legs froze.")
    assert [token.word for token in told][-6:] == ["chased", "me", "and", "my", "legs", "froze"]
    assert "ran" in dreamers_words("Milo told me he dreamt he was lost. Then he ran.")
    # a sentence about someone else, with no dream written down for them
    assert "ran" not in dreamers_words("My son was typing his essay. Then he ran.")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A hand caught my shoulder from behind.", "caught"),
        ("Long bony fingers caught my ankle as I ran.", "caught"),
        ("I tripped over my own feet and got caught.", "caught"),
        ("The clown came at me with his arms out to catch me.", "catch"),
    ],
)
def test_a_hand_or_arms_that_catch_the_dreamer_are_a_grab_not_a_snag(text, word):
    caught = next(token for token in tokenize(text) if token.word == word)
    assert caught.is_content and not caught.in_idiom and caught.actor.dreamer


def test_sitting_bolt_upright_is_waking_not_running():
    found = keys("it touched my back and i sat bolt upright in bed")
    assert "@wake" in found
    assert "@run" not in found


def test_someone_else_is_not_somewhere_else():
    assert "els" not in keys("We screamed and ran. I got someone else to take photos.")
    assert "els" in keys("I stopped running and I was somewhere else")
