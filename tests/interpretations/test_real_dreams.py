"""The matcher on dreams as people tell them (issue 11): a chase told once in a long report,
"couldn't run" and "can't move fast", the pursuit that is the dreamer's and not someone
else's, idioms; and the labelled sets that measure it."""

import json

import pytest

from interpretations.attaching import FEATURES, Model
from interpretations.evaluation import Library
from interpretations.features import features_of
from interpretations.labelled_sets import read_labels
from interpretations.reading import tokenize
from tests.conftest import REPO_ROOT, matcher_for_folder

CATALOG = REPO_ROOT / "interpretations" / "catalog"
LABELLED = REPO_ROOT / "interpretations" / "labelled"

# Everyday sentences of a long report, none of them about running, fleeing or failing legs.
ORDINARY = (
    "I am at my aunt's house and the kitchen is full of people I do not know. "
    "Someone hands me a plate of cake and I look for a place to sit. "
    "My mother is talking about the garden and the new fence. "
    "We go outside and the sky is a strange green colour. "
    "A woman I used to work with asks me about my job and I tell her it is fine. "
    "There is a piano in the corner and a boy plays a song I half remember. "
)


@pytest.fixture(scope="module")
def catalog_matcher():
    return matcher_for_folder(CATALOG)


def interpretation_of(matcher, text):
    found = matcher.match(text).interpretation
    return found.interpretation.source if found else None


@pytest.mark.parametrize(
    "chase",
    [
        "Then a man in a grey coat came after me.",
        "Suddenly I was being chased by two dogs.",
        "We ran away from the guards and escaped.",
    ],
)
def test_one_chase_in_a_long_report_is_found(catalog_matcher, chase):
    text = ORDINARY + chase + " " + ORDINARY
    found = catalog_matcher.match(text).interpretation
    assert found is not None and found.interpretation.source == "fleeing-danger.txt"
    assert all(words in chase for words in found.matched)  # the dreamer's own words


def test_the_same_long_report_without_the_chase_gets_nothing(catalog_matcher):
    assert interpretation_of(catalog_matcher, ORDINARY + ORDINARY) is None


@pytest.mark.parametrize(
    "text",
    [
        "Something was chasing me and I couldn't run.",
        "I tried to run but my legs would not move.",
        "I was frozen to the spot.",
        # legs that refuse: a word of obeying, negated, or of refusing, after the legs
        "A dog was after me and my legs just would not go.",
        "Something was behind me and my legs flat out refused.",
        "I tried to get away but my legs wouldnt do a thing.",
    ],
)
def test_a_body_that_will_not_move_is_of_the_family(catalog_matcher, text):
    assert interpretation_of(catalog_matcher, text) is not None


CANNOT_MOVE_FAST = "I can't move fast, something is behind me"


def test_cannot_move_fast_is_slow_legs_not_standing_still(catalog_matcher):
    moved = next(token for token in tokenize(CANNOT_MOVE_FAST) if token.word == "move")
    assert moved.negated_by < 0  # the speed is negated, not the movement
    found = catalog_matcher.evidence(CANNOT_MOVE_FAST)
    order, _ = Model.load().ranked(found, markers=False)
    assert found[order[0]].key == "slow-motion-legs.txt"


@pytest.mark.xfail(
    strict=True,
    reason="refitted with the forty-first pair, slow motion leads but is 0.34 likely, under "
    "the attach line of 0.35 (0.36 before): one short line with no word of flight",
)
def test_cannot_move_fast_gets_slow_legs_attached(catalog_matcher):
    assert interpretation_of(catalog_matcher, CANNOT_MOVE_FAST) == "slow-motion-legs.txt"


def test_could_not_run_is_also_not_moving():
    keys = {feature.key for feature in features_of(tokenize("I couldn't run"))}
    assert {"!run", "!@move"} <= keys
    assert "!@move" not in {feature.key for feature in features_of(tokenize("I didn't run"))}


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("I tried to run but my legs wouldn't.", True),
        ("I told my legs to move but they wouldn't.", True),
        ("I tried to run but my feet just would not, like they were wired wrong.", True),
        ("My legs wouldn't stop shaking.", False),  # what the legs did, said
        ("My brother's legs wouldn't.", False),
        ("They wouldn't let me in, so I went home.", False),
    ],
)
def test_legs_that_would_not_with_the_verb_unsaid_do_not_move(text, refused):
    keys = {feature.key for feature in features_of(tokenize(text))}
    assert ("!@move" in keys) is refused


def test_legging_it_is_running_not_legs():
    keys = {feature.key for feature in features_of(tokenize("I was legging it"))}
    assert "@run" in keys
    assert not {"leg", "@legs"} & keys
    assert "@legs" in {feature.key for feature in features_of(tokenize("my legs ached"))}


@pytest.mark.parametrize(
    "text",
    [
        "my cat ran across the garden after a bird",
        "I chased my little brother round the garden",
        "David Tennant helped her escape and she ran.",
        "we did an escape room with my work friends",
        "we went skating on a frozen lake and had hot chocolate",
        "I was running late for work again",
        "ran into an old friend at the shops",
        "the bath was running and the water went everywhere",
        "the plane slowed down as it came in to land",
        "a character called Chase came to dinner",
        "We drove slowly through the town.",
        "It started to rain so I ran from the car to the house.",
        "I was late so I legged it to the station.",
        "I stopped to catch my breath.",
        "I followed my heart and married him.",
        "My dad came for me after school and we drove home.",
        "I waved to my friend across the street and ran over to hug her.",
        "I was running the weekly team meeting.",
        "We ran out of milk so I walked to the shop.",
        "I am sure it will run away if I reach out to pet it.",
        "A cat with a long tail sat next to me.",
        "I was underwater and running out of air.",
        "I didn't care if they caught me.",
        "I planted tomatoes in the garden.",
        "We went skating at the rink with the kids.",
        "I slipped on a banana skin and laughed.",
        "I hurried away to get the bus.",
        "The rain pelted down on the roof.",
        "My suitcase was packed with clothes.",
        # a part of a label that is what someone else does ("It comes closer") is not enough
        "We drove on and got closer and closer to the beach.",
        "We climbed the fire escape to fetch my bags.",
        "We ate salad on a stick, a long wooden stick with carrot sticks.",
        'I asked her to tell him that I did not "run away."',  # read through the quotes
        "chased the cat round the garden",  # a note that drops "I": the dreamer chases
        "Chased Tom down the road.",
        "We hid and hunted for food.",
        "Near the door she had placed a Buddha statue.",
        # the code review's sentences
        "Then chased butterflies with my sister in the park.",
        "We went to the lake. Caught fish all afternoon.",
        "Then followed dad home.",
        "My heart was hammering and I ran to the door.",
        "I hurried away from the table to answer the phone.",
        "I sat on the floor, my legs folded, and watched TV.",
        "I hurt my leg it was bleeding",
        # "after we" tells when, not who is after us; a sink is a basin; a sinking feeling
        "After we landed I ran to find a taxi.",
        "After I landed I ran to find a taxi.",
        "I washed the sand off my feet over the sink.",
        "I had a sinking feeling when I saw the bill.",
        "I chased round the park by the lake with the dog.",  # the dreamer chases
        "The film was amazing and the hero ran so easily.",  # someone else's easy run
        "The alarm went and I sat bolt upright in bed.",
        # a doubt in brackets ends no sentence, so the offenders stay the ones chased
        "The offenders (the snowmobilers ?) are chased.",
        # caught out or caught in something, and getting away from the daily round
        "I was embarrassed to be caught lounging around in my robe.",
        "We got caught in the rain on the way home.",
        "My sleeve caught on a nail as I walked past.",
        "I walk outside to get away from work for a bit.",
        # the fifteenth pair's errors: someone else's flight, a relative clause, a frame,
        # a deadline, a near miss, an escape that is someone's or a thing
        "We saw a deer far off in the field. It was nearer now, but it ran away from us.",
        "The police grabbed the thief, who escapes and hides in the crowd.",
        "Dreamt my brother got stuck in the mud at the beach and I pulled him out.",
        "My dog was racing round the garden in my dream, chased by a giant squirrel.",
        "I have been on the run from this deadline all week.",
        "A truck swerved and I narrowly escape a crash.",
        "She had left a rope for her escape from the tower.",
        "I turned over in bed to face the wall.",
        "My mum tried to get me to eat my vegetables.",  # not "out to get me"
        # someone closing in, with only a hand moving and a leg touched near: no peril
        "He got closer, moving his hand up my leg, and I fidgeted.",
        "She makes him chase her away from us to save us.",  # she is the one chased
        "A tall man was standing right behind me in the queue.",
        "I wouldn't go to the party, so my legs stayed home.",
        "I ran into my old teacher at the market.",
        "ran into Sophie from work at the dentist",  # a meeting: "from" is where she is from
        "I got closer to see the painting.",  # the dreamer closing in is no pursuit
        "I ran to the shop for milk.",
        "She had long legs like those running shorts and I was afraid of the water.",
        "She says I may get caught if the guard comes back.",  # a capture only feared
        "I step up to one sink and the belt moves under my feet.",  # a sink is a thing
        "I stood a few feet away and the mud was everywhere.",  # a measure
        "I evade the question about my classes.",  # dodging a question
        "They all escaped as I was changing the water.",  # "as" opens the dreamer's clause
        "I was running along the beach and not a thing was after me.",  # no pursuer
        "Running on empty the whole dream, fuel light on all the way down the motorway.",
        "Escaped to the coast for the weekend in my dream, ice cream and rain.",  # a holiday
        "I catch myself staring at the two men from the bus.",  # stopping oneself
        # whoever is watched runs, whatever room of the dreamer's it runs in
        "dreamt i was watching eleven run from the monster on a tiny tv in my nans kitchen",
        # the nineteenth pair's errors: company, a key, a thing followed, a character named
        "My nephew kept following me around the fair asking for candy floss.",
        "Stuck on my laptop at work and I kept pressing escape but the form stayed open.",
        "I might miss my cue, which is followed with a feeling of dread that I will.",
        "Dreamt I was watching the soaps and Phil was getting chased across the market.",
        "Fell off a ladder in slow motion while painting the fence, and landed in the pond.",
        # the twentieth pair's errors: a game's "you", a key, caught doing something
        "On the sofa playing that zombie game where they chase you through the mall.",
        "A popup wouldn't close and I kept hammering the escape key.",
        "My flatmate caught me staring at his cake and laughed.",
        # the code review's: heels not followed, someone else's legs and steps, a likening
        # with a subject of its own
        "I had blisters on my heels from running all day.",
        "The zombie lurched forward, legs dragging like lead.",
        "Every step he took was slow and heavy, dragging through the mud.",
        "It was like the whole town was running away from something.",
        # the twenty-first pair's errors: sums, work pressing
        "Ran the numbers on the pension scheme three times, my old manager behind me.",
        "Felt like I was chased by deadlines all night.",
        # the second code review's: someone behind the dreamer with no sign of pursuit
        "At the cinema someone behind me kept kicking my seat. I laughed a lot.",
        "I dropped something behind me on the bus.",
        # the twenty-second round's review: a choice not to, the dreamer grabbing their own
        # things, a child's hand, an idiom, someone else's feet, a contrast
        "I didn't want to get caught so I hid under the stairs.",
        "Grabbed my coat and ran out the door to catch the bus.",
        "My little girl grabbed my sleeve and we ran for the bus laughing.",
        "Something caught my eye in the window and I ran outside.",
        "I stamped my feet, they stood still and stared at me.",
        "It wasn't my legs that were heavy, it was my arms.",
        # the twenty-sixth pair: a ladder in tights, dye that ran, being found idling
        "Got a run in my good tights, right up the back of one leg, and the dye of my cardigan "
        "ran, so I walked to the hotel holding my handbag behind me.",
        "Our manager came in and caught us loafing around, and everyone ran back to work.",
        "The tax office have been chasing me for it for weeks, and I ran out of excuses.",
        "No students killed by cars that ran off the highway.",
        "I saw a dog that ran across the road and then ran off.",
        # the twenty-eighth pair: a turn in an order, not a pursuit
        "I ran out to second base. My friend Melvin is after me in the batting order.",
        "I ran for the bus and the old man was after me in the queue.",
        # the thirtieth pair: folding laundry like someone showed you is no collapse
        "I ran upstairs and folded the sheets like my mum showed me, then sat on the bed.",
        # the thirty-second pair: pressed for work owed, a dreamed brother chased while the
        # dreamer watches, a mother asked to follow, people trailing after a van
        "My manager kept chasing me for the monthly sales figures all through the dream.",
        "Dreamt my little cousin was getting chased round the garden by our goose and I just "
        "stood there laughing.",
        "I left my bag at the till and ran back in, telling Dad to follow me.",
        "I'm pulling a trailer behind the van. People follow me into the car park.",
        # the thirty-third pair: found out by someone in charge, a crowd or a friend asked
        # along in more words
        "We sneaked into the staff room to read the answers. The head teacher caught us and "
        "sent us home.",
        "We hid behind the shed and they caught us and accused us of stealing the apples.",
        "The soldiers had gone, so I told all the villagers to follow me to the hall.",
        "Nobody knew the way to the stage, so I said to follow me and walked off.",
        # someone else hiding from the dreamer, in a game of finding her; hiding a thing, or
        # from the rain
        "My cousin's wife is hiding from us somewhere in the old mill, and we all run round "
        "shouting for her.",
        "I kept hiding the birthday cake from my sister all afternoon.",
        "We hid from the rain in a bus shelter and shared a bag of chips.",
        # the thirty-fourth pair: someone the lemmatiser knows by name running from the
        # dreamer, things stuck and frozen, arms out to catch a jump, running a committee
        "Calvin was talking about Darius and how Eugene runs from me.",
        "Dreamt about the machines at the arcade, all the coins were stuck, frozen on the "
        "shelf and wouldn't drop no matter how much I pushed.",
        "I try to get off the stage but it's too high, so a friend puts his arms out to catch "
        "me and I jump.",
        "I marvel at how quickly they got to work, so I ran to the shop.",
        "I am talking with a woman who runs the committee about my dresses.",
        # the thirty-fifth pair: someone else's run the dreamer thinks of, a fall broken in
        # thought
        "Mom was telling jokes. Ezra and Jayson were there. I think Mom ran off.",
        "Notice a hole in the floor. If I fell I should open my arms wide and I'd catch by "
        "the armpits.",
        "The wind caught the hood of my coat and I ran for the bus.",
        # the thirty-sixth pair: someone else's run the dreamer is told of, found out at
        # something, a call that froze, car trips with no escape
        "Dream about my aunt: she tells me Marissa runs off and does not seem to love him.",
        "Got caught speeding by a camera on the ring road and the fine came as a cake.",
        "I went to blow my nose and felt anxious about being messy and being caught at it.",
        "Teams call froze right as I was presenting, screen stuck on my face, couldn't leave "
        "the meeting.",
        "We had lunch and then drove off to the beach before it rained.",
        "A man with a knife was in the shop. He drove off in a red van.",
        # someone else's escape the dreamer tells of, a bell rung and run from
        "I opened the door to the field and I said the horse escaped and they chased it.",
        "Two girls ring the door bell next door and then run away.",
        # the thirty-sixth round's review: typing for hours, a drive after police or a worry,
        # an oath
        "I was typing for hours when my sister walked in. A dog chased her and she ran off.",
        "My dad is a police officer. We drove off to the beach.",
        "I was anxious about being late for the wedding. We sped off.",
        "Oh shoot, the bus is leaving, I start running.",
        # the thirty-seventh pair: followed online, found out on a phone, a replay, time
        "dreamt my crush followed me on insta then unfollowed me a minute later",
        "my coworker was running the monday meeting and caught me on my phone under the table",
        "big screen kept showing the slow-mo replay of the try over and over",
        "The tornado had hit and we had no food. Time was running out and Dad left the barn.",
        "I see the fish swimming away from the shark in the bay.",
        "My boss told me this at work. A dog chased him and he ran.",
        "My son told me his name. A dog chased him and he ran.",
        "My brother told me his dream car is a Porsche. A man broke in and he ran off.",
        "My daughter told me her dreams about university. A wolf chased her and she ran.",
        "Ma and Dad had a row before bed. A bear chased my dad and he ran into the woods.",
        # the thirty-seventh round's review: told this morning, killing time, a swim away
        # from the shore, followed back online
        "My dad told me this morning that a bear got into his shed last night. He ran inside.",
        "My brother told me this joke at dinner. He ran off to get more pudding.",
        "My feet were killing me but I kept running to catch the train.",
        "I swam away from the shore.",
        "My crush followed me back on insta.",
        # the thirty-eighth pair: a film's chase told with no article, meeting someone's wife
        "watching an old dinosaur film on the sofa, man on screen running from a t-rex",
        "I can't visit you, I'll run into your wife.",
        "We played hide and seek in the garden. I ran and hid behind the shed.",
        "I felt guilty: I had watched him struggle and didn't lift a finger to help him.",
        # the thirty-ninth pair: a ladder in tights, a traffic jam
        "At a job interview I notice a massive run in my tights from the knee down.",
        "stuck in a rickshaw jam the whole night, nothing moving, horns everywhere. i just sat",
        # the fortieth pair: a rabbit that bites and runs off
        "When I pick it up it turns into our white bunny; I carry him downstairs and he bites "
        "my fingers hard and runs out into the snow.",
        # the forty-first pair: water that runs, where a running joke and fishing already say
        # nothing; and the fortieth's tap
        "my grandad was teaching me to catch fish in the stream, water running fast and clear, "
        "and the running joke was his terrible hat",
        "tap in the bathroom wouldn't turn off, water running and running over the sink onto "
        "the floor, kept ringing the landlord",
    ],
)
def test_someone_else_moving_idioms_and_everyday_running_get_nothing(catalog_matcher, text):
    assert interpretation_of(catalog_matcher, text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("someone was runnin after me", "fleeing-danger.txt"),  # a dropped g
        ("Something was gaining on me and I legged it.", "fleeing-danger.txt"),
        ("A man with a knife came at us and we ran for our lives.", "fleeing-danger.txt"),
        ("It grabbed my ankle from behind.", "caught.txt"),
        ("my wellies kept sinking in the muck", "heavy-legs-mud.txt"),  # boots are the dreamer's
        ("I ran out of the house, afraid for my life.", "fleeing-danger.txt"),
        # someone the dreamer thinks of acts in that clause only
        ("I realised it was a wolf and fled as fast as possible.", "fleeing-danger.txt"),
        ("I thought he had a gun and ran away.", "fleeing-danger.txt"),
        ("I knew it was a nightmare but couldn't move or scream.", "frozen-in-place.txt"),
        ("I ran away from the meeting as fast as I could.", "fleeing-danger.txt"),
        # phone paraphrase: slang for slow motion, similes for heavy and weak legs, flight
        ("I was in slow mo and the dog was gaining", "slow-motion-legs.txt"),
        ("my legs felt stuffed with bricks and something was behind me", "heavy-legs-mud.txt"),
        ("my knees went like blancmange as the dogs got closer", "heavy-legs-mud.txt"),
        # a note that drops "I was"
        ("chased again last night.", "fleeing-danger.txt"),
        ("Then followed home by a man in a car.", "turning-round.txt"),
        ('I yelled "not again" as I ran from the monster.', "fleeing-danger.txt"),
        ("I was stuck, I couldn't move at all.", "frozen-in-place.txt"),  # not "a stick"
        # a route before who did it: "chased round the market by a woman"
        ("Got chased round the market by a woman with an umbrella.", "fleeing-danger.txt"),
        ("The shooting started and we ran for cover.", "fleeing-danger.txt"),
        # running from someone, however far the "from" comes after the run
        ("Ran for hours from a man in a grey hood.", "fleeing-danger.txt"),
        # turning round, however it is said
        (
            "Footsteps behind me all the way home; at my gate I forced myself to look round.",
            "turning-round.txt",
        ),
        (
            "Something was following me, so I stopped dead and spun right round.",
            "turning-round.txt",
        ),
        (
            "A black car sat right on my bumper the whole way down the motorway.",
            "fleeing-danger.txt",
        ),
        # giving up: "I let it get me"
        ("I ran until I had nothing left, sat on a wall and let it get me.", "caught.txt"),
        # being grabbed from the back; a body gone hard like a rock
        ("Something grabbed me from the back as I reached the gate.", "caught.txt"),
        ("My whole body went hard like a rock as it came closer.", "frozen-in-place.txt"),
        # running with ease is running freely; running flat out from danger is not
        (
            "I raced along the beach and it felt effortless, light as a feather.",
            "running-freely.txt",
        ),
        ("My legs worked at last and I sprinted across the field.", "running-freely.txt"),
        # running across a field is no chance meeting
        ("ran across a wide field to my grandad, light as a feather", "running-freely.txt"),
        (
            "I ran as fast as my legs would go but the man with the axe kept up.",
            "cant-get-away.txt",
        ),
        # coming at the dreamer; slang for running; someone else closing in
        ("A dog came at me on the stairs and I bolted.", "fleeing-danger.txt"),
        ("I was pegging it down the lane with something behind me.", "fleeing-danger.txt"),
        ("I couldn't move and the shape kept getting closer.", "frozen-in-place.txt"),
        # running gladly to someone is running freely
        ("I ran across the park to my mum and my legs felt brand new.", "running-freely.txt"),
        # Scots; and coming for the dreamer, which collecting them is not
        ("Couldnae move, couldnae shout, something at the windae.", "frozen-in-place.txt"),
        pytest.param(
            "The bull got out and came for me across the paddock.",
            "fleeing-danger.txt",
            marks=pytest.mark.xfail(
                strict=True,
                reason="refitted with the fortieth pair, a lone 'came for me' (a pursuit, not a "
                "flight: 'Dad came for me after school' says it too) is under the attach line",
            ),
        ),
        # out to get the dreamer; caught at the end of a chase, as written
        ("Something comes out to get me every night and I run.", "fleeing-danger.txt"),
        ("It chased me round the house and I got caught in the end.", "caught.txt"),
        ("The ram got out of its pen and went for me, so I ran.", "fleeing-danger.txt"),
        # the code review's: caught somewhere, caught doing something, the dreamer in a
        # relative clause or among "the two of us"
        ("I got caught on the stairs by the monster.", "caught.txt"),
        ("The man caught me lying in the grass.", "caught.txt"),
        ("I was the only one who escaped.", "fleeing-danger.txt"),
        ("The two of us ran away from the bear.", "fleeing-danger.txt"),
        # "getting" makes a passive, as "got" does
        ("why do I keep getting chased??", "fleeing-danger.txt"),
        ("had the bein chased one again lastnight", "fleeing-danger.txt"),
        # "away from" further on than a bare "from"; "the legs" of a phone note are the
        # dreamer's; someone coming for the dreamer is something happening
        ("so I ran down the long hall away from it", "fleeing-danger.txt"),
        (
            "Wanted away from something and the legs wouldn't shift. Woke with them numb.",
            "slow-motion-legs.txt",
        ),
        ("Something's coming for me and the legs drag and fold.", "heavy-legs-mud.txt"),
        # the code review's: a noun or a passive is no verb of watching, a simile or a
        # measure opens no clause, a flight with a companion is still a flight, a colon is
        # no capital inside a sentence, a grab of the dreamer's collar is the dreamer's
        ("I hid in the cupboard in order to escape the monster.", "fleeing-danger.txt"),
        ("We were ordered to flee the building.", "fleeing-danger.txt"),
        ("I ran as fast as I could away from it.", "fleeing-danger.txt"),
        ("I felt light as a feather as I ran.", "running-freely.txt"),
        ("We ran away together from the monster.", "fleeing-danger.txt"),
        ("Last night: Chased by a dog. Chased again.", "fleeing-danger.txt"),
        ("This was my chance to escape.", "fleeing-danger.txt"),
        ("Two men followed me. Then one caught hold of my collar from behind.", "caught.txt"),
        # weighing nothing is running light, not heavy legs
        (
            "I ran along the cliffs, legs just going, body weighing about nothing.",
            "running-freely.txt",
        ),
        # a following wind is no pursuer; "cudnt" is "couldn't" as typed
        (
            "Running along the seafront, long easy strides, the wind at my back, to meet my "
            "wife, who came nearer with every stride.",
            "running-freely.txt",
        ),
        ("I was stuck in bed, I cudnt move at all", "frozen-in-place.txt"),
        ("I wis standin at the peat stack an couldna move, no a muscle.", "frozen-in-place.txt"),
        ("A dog chased me for miles.", "fleeing-danger.txt"),  # not someone pressing for a debt
        ("A man chased me for my bag.", "fleeing-danger.txt"),
        ("There was a dog that chased me down the lane.", "fleeing-danger.txt"),
        ("It was a bear, which chased me into the woods.", "fleeing-danger.txt"),
        (
            "I went to a cubicle that was in the kitchen after being chased by an evil clown.",
            "fleeing-danger.txt",
        ),
        ("A guard just starts chasing us for no reason, full sprint.", "fleeing-danger.txt"),
        # the code review's: the new other senses and relative clauses stop short of these
        ("A dog chased me for like 10 minutes.", "fleeing-danger.txt"),
        ("The police chased me for stealing a car.", "fleeing-danger.txt"),
        ("No matter how fast I ran, the man kept his distance behind me.", "fleeing-danger.txt"),
        ("I ran in my tights down the street, the man was still after me.", "fleeing-danger.txt"),
        ("I ran from a monster made of black ink.", "fleeing-danger.txt"),
        ("The killer caught me napping on the sofa.", "caught.txt"),
        ("I had a dream that involved running away from a huge bear.", "fleeing-danger.txt"),
        ("Something was coming for me and I had legs that would not move.", "frozen-in-place.txt"),
        # the code review's: an order is no pursuit, but these are
        ("A man with a knife came after me in order to kill me and I ran.", "fleeing-danger.txt"),
        ("They were after me in the tree line, I ran and hid.", "fleeing-danger.txt"),
        ("The soldiers came after me in a straight line and I ran.", "fleeing-danger.txt"),
        # the thirty-sixth round's review: a run only slowed, or someone else who cannot
        # move, still leaves the dreamer's run
        ("I tried to run and I couldn't move fast enough.", "slow-motion-legs.txt"),
        ("I tried to run away from him and he couldn't move.", "fleeing-danger.txt"),
        # dreaming or knowing of a chase is no one else's doing
        ("I dreamt a nightmare about being chased by wolves.", "fleeing-danger.txt"),
        ("I knew the terror of being chased by a dog again.", "fleeing-danger.txt"),
        # a capture feared and then told, a phone and a dreamer frozen in one run-on
        (
            "I knew I was going to get caught, and then he grabbed me and dragged me away.",
            "caught.txt",
        ),
        ("I picked up the phone froze and couldn't move.", "frozen-in-place.txt"),
        ("We had to run away together from the soldiers.", "fleeing-danger.txt"),
        # the thirty-seventh round's review: caught on the phone by a killer is caught
        ("The killer caught me on the phone to the police and grabbed me.", "caught.txt"),
    ],
)
def test_phone_spelling_slang_and_being_grabbed(catalog_matcher, text, expected):
    assert interpretation_of(catalog_matcher, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the nineteenth pair's: an easy, glad run is something happening, though its best
        # moment is the waking
        (
            "Dreamt I was running along the prom at Porthcawl towards my son, who was jumping "
            "up and down, and my knees never complained. Sand hard as tarmac. Woke properly "
            "rested for once and my legs felt lovely and loose.",
            "running-freely.txt",
        ),
        (
            "A bloke with a dog came at the gate and my legs were two sacks of spuds.",
            "heavy-legs-mud.txt",
        ),
        ("The guards saw us, so we had to run for it across the yard.", "fleeing-danger.txt"),
        # praise of the legs near the dreamer's run, and running that tears along
        (
            "Same old street as the bad dreams but nobody behind me. Kept running for the fun "
            "of it, felt great, legs strong.",
            "running-freely.txt",
        ),
        (
            "Was tearing along the towpath at dawn, the gravel springy, legs doing all I asked.",
            "running-freely.txt",
        ),
        # the dreamer after "which", a pictograph inside a sentence, a capital after a mark
        ("There was a maze which I was chased through for hours.", "fleeing-danger.txt"),
        ("I was running 🏃 from a huge dog and couldnt get away", "fleeing-danger.txt"),
        ("Dream: Bear chasing me, Legs heavy as lead.", "heavy-legs-mud.txt"),
        # the twentieth pair's: a past "legged it", and someone on the dreamer's heels
        (
            "A man climbed out of the wardrobe and I legged it down the stairs with him right "
            "on my heels.",
            "fleeing-danger.txt",
        ),
        # "it was like ...", and the dreamer's strides
        ("It was like wading through treacle.", "heavy-legs-mud.txt"),
        ("My legs would not answer. Every stride took an age in the mud.", "heavy-legs-mud.txt"),
        ("Tried to run. It felt like my legs were filled with sand.", "heavy-legs-mud.txt"),
        # an attempt to move taken back by "but couldn't"
        ("A man came towards me and I tried to move but couldn't.", "frozen-in-place.txt"),
        # the code review's: caught looking back is caught, turning round the moment it is
        # heard is turning round, a game the dreamer is in is the dreamer's, slowing to a
        # crawl is slowing
        ("The monster caught me looking back and grabbed me.", "caught.txt"),
        ("I turned round the moment I heard it and it was just a cat.", "turning-round.txt"),
        # the twenty-third pair's errors: no sound, limbs that would not respond, unable to
        # stir on waking
        (
            "I tried to cry out and made no sound, nor would my legs respond. On waking I was "
            "unable to stir.",
            "frozen-in-place.txt",
        ),
        # chased, and could not get away: the guideline's fleeing and can't-get-away both fit
        (
            "I was in a game where they chase you and I couldn't get away.",
            ("cant-get-away.txt", "fleeing-danger.txt"),
        ),
        ("I was running but my legs slowed to a crawl.", "slow-motion-legs.txt"),
        # frozen by a river is still frozen
        ("I was frozen with fear by the river as it came at me.", "frozen-in-place.txt"),
        # how everything went is how it went for the dreamer
        (
            "I was carrying the baby out of a smoky building and everything went slow motion, "
            "like pushing through syrup.",
            "slow-motion-legs.txt",
        ),
        # a flight that slows down is slowing legs, not legs pumping in vain
        (
            "Started off sprinting away from the man, proper fast, then slower and slower "
            "until I was shuffling and he was catching up.",
            "slow-motion-legs.txt",
        ),
        # the twenty-fourth pair's: the road is the subject of its clause, the dreamer runs
        # in the one before
        ("I ran and the road kept stretching.", "running-in-place.txt"),
        # the twenty-second pair's: Patois, and something done to what the dreamer drives
        ("Di dog chase mi down di lane an mi run an run.", "fleeing-danger.txt"),
        pytest.param(
            "A black van followed my car all night and I kept trying to lose it.",
            "fleeing-danger.txt",
            marks=pytest.mark.xfail(
                strict=True,
                reason="refitted with the fortieth pair, a follow with no flight word is under "
                "the attach line",
            ),
        ),
        # the thirtieth pair's: knees that fold like a chair give way, a body like a statue
        # (the article dropped) is frozen, and paralysis is paralysed however it is spelt
        (
            "A bull came at me at the fair and my knees folded like a camping chair, I couldn't "
            "get back up.",
            "slow-motion-legs.txt",
        ),
        (
            "The tiger came into the kitchen and my whole body went hard like statue.",
            "frozen-in-place.txt",
        ),
        ("Sleep paralysis, a shape by the wardrobe watching me.", "frozen-in-place.txt"),
        ("I was paralyzed in bed and a man stood over me.", "frozen-in-place.txt"),
        # the thirty-first pair's: legs like sacks of anything are heavy, and a body of "no
        # weight at all" is light, though the phrase opens with "no"
        (
            "I started to run between the stalls but my legs became like sacks of wet flour, "
            "I had to haul each one forward.",
            "heavy-legs-mud.txt",
        ),
        (
            "Dreamt I was home, running down the pier to my daughter who was waving, my body so "
            "light like no weight at all.",
            "running-freely.txt",
        ),
        # the thirty-second pair's: something keeping pace with the dreamer is after them; a
        # fast run that is never going to get away is no glad run
        (
            "Walking back from the pub there was something in the hedge keeping pace with me. "
            "I ran and the lane just kept getting longer, the gate never any closer.",
            ("running-in-place.txt", "fleeing-danger.txt"),
        ),
        (
            "A cloud of wasps came off the shed and I legged it. Legs working fine, going flat "
            "out, and it stayed right at my back. By the end of the road I knew I was never "
            "going to outrun it.",
            ("cant-get-away.txt", "fleeing-danger.txt"),
        ),
        # the thirty-third pair's: a glad run to someone told at length before the "to"; a
        # wave coming is danger to run from; hiding from what follows is a flight
        (
            "I was running over the school playing field past the goal posts to my dad.",
            "running-freely.txt",
        ),
        ("A tsunami was coming in off the bay and I ran.", "fleeing-danger.txt"),
        ("A drone followed me over the allotments. I kept hiding.", "fleeing-danger.txt"),
        # the thirty-fourth pair's: a glad run that felt marvellous; a place run through is
        # no business run; the dreamer with someone named as one subject
        (
            "Dreamt I was running across the cliffs and it felt marvellous, legs just going, "
            "quick as anything, hardly out of breath at 68.",
            "running-freely.txt",
        ),
        (
            "Dreamt I was running the hotel hallways, it felt effortless, light as a feather.",
            "running-freely.txt",
        ),
        (
            "Last night me and James ran from the police through the estate, they had dogs.",
            "fleeing-danger.txt",
        ),
        # the thirty-seventh pair's: a run after danger, a run in a phrase, a swim away
        (
            "Some friends turned crazy and tried to kill us. We locked them outside and we "
            "ran next door.",
            "fleeing-danger.txt",
        ),
        ("legged it from a clown again. couldnt shake him no matter what", "fleeing-danger.txt"),
        (
            "swimming away from a shark off north beach, kicking flat out, and every time i "
            "looked back the fin was a bit nearer",
            "fleeing-danger.txt",
        ),
        # the thirty-eighth pair's: shot at and running out, a run to hide
        (
            "Freddy Krueger tried to shoot me with lasers from his eyes. I ran out with Ramona.",
            "fleeing-danger.txt",
        ),
        ("The deer turns into a man. I run and hide in the pit room.", "fleeing-danger.txt"),
        # the thirty-ninth pair's: a run in alarm
        (
            "There was a huge spider with evil faces. We screamed and ran. I got someone else "
            "to take photos.",
            "fleeing-danger.txt",
        ),
        # the fortieth pair's: a panic joined to a run by "and I", a wildfire
        (
            "I looked up and saw smoke, then the flames of a fire started moving very fast. I "
            "started freaking out and I ran inside and grabbed my journals.",
            "fleeing-danger.txt",
        ),
        ("A wildfire was coming over the hill at us. We ran to the car.", "fleeing-danger.txt"),
        # the thirty-sixth pair's: wanting to run and not moving at all is being rooted, not
        # running on the spot; an escape by car from a man with a knife
        (
            "A man with a machete was in the yard and I want to run inside and I cannot move "
            "at all, like my feet plant in the ground.",
            "frozen-in-place.txt",
        ),
        (
            "A man was walking at me across the pitch, I wanted to run, literally could not move.",
            "frozen-in-place.txt",
        ),
        (
            "As we left the petrol station a guy came out into the street with a knife. We "
            "drove off.",
            "fleeing-danger.txt",
        ),
    ],
)
def test_the_held_out_pairs_misses(catalog_matcher, text, expected):
    accepted = (expected,) if isinstance(expected, str) else expected
    assert interpretation_of(catalog_matcher, text) in accepted


@pytest.mark.parametrize(
    "text",
    [
        "Some others and I were on the run. People were shooting at us.",
        "Then he pulled out a gun and I said 'no, Oscar!' I ran into another room.",
        "I am a soldier in dire straits, running for our own lives.",
    ],
)
def test_a_flight_is_likely_where_a_bare_run_is_not(catalog_matcher, text):
    # the thirty-eighth and thirty-ninth pairs': a bare run attaches at about 0.4; these are
    # flights
    found = catalog_matcher.match(text).interpretation
    assert found.interpretation.source == "fleeing-danger.txt"
    assert found.score > 0.6


@pytest.mark.parametrize(
    "text",
    [
        "He came after me round the retail park and I lost him by the shops.",  # a place
        "I ran for the diner lights but the car park kept getting longer.",  # lamps
    ],
)
def test_round_a_place_is_no_turning_and_lights_are_no_lightness(catalog_matcher, text):
    assert interpretation_of(catalog_matcher, text) not in (
        "turning-round.txt",
        "running-freely.txt",
    )


@pytest.mark.parametrize(
    "text",
    [
        "A great black shape came out of the trees and I ran.",
        "The current was strong and I ran along the riverbank looking for my son.",
        "I ran out of the house because of a strong smell of gas.",
    ],
)
def test_praise_that_is_not_of_the_run_is_no_ease(catalog_matcher, text):
    assert interpretation_of(catalog_matcher, text) != "running-freely.txt"


@pytest.mark.parametrize(
    "text",
    [
        "I was in the water running from the shark.",
        "covered in blood running from the killer through the woods",
    ],
)
def test_the_dreamer_running_after_a_word_for_water_or_blood_still_runs(catalog_matcher, text):
    assert interpretation_of(catalog_matcher, text) == "fleeing-danger.txt"


def test_running_towards_someone_who_gets_closer_is_no_pursuit(catalog_matcher):
    text = (
        "I was running along the beach towards my sister who was waving, getting closer and closer."
    )
    assert interpretation_of(catalog_matcher, text) == "running-freely.txt"
    # "she" is the one run to ("every step" opens no one new)
    text = (
        "I dreamt I was running down the platform towards my sister who I havent seen in four "
        "years, and every step she got closer, I felt like I weighed nothing."
    )
    assert interpretation_of(catalog_matcher, text) == "running-freely.txt"
    # someone else named closing in is still a pursuit, and so is "they", or "he" with harm near
    text = "I ran towards my dad but the dogs were getting closer and closer."
    assert interpretation_of(catalog_matcher, text) == "fleeing-danger.txt"
    text = "Dogs were loose in the park. I ran towards my dad and they were getting closer."
    assert interpretation_of(catalog_matcher, text) == "fleeing-danger.txt"
    text = "A man had an axe. I ran towards my brother but he kept getting closer."
    assert interpretation_of(catalog_matcher, text) == "fleeing-danger.txt"


@pytest.mark.parametrize(
    ("text", "scenario"),
    [
        (
            "Something was chasing me through the car park and when I turned round it was my "
            "old boss.",
            "Pursuer turns out to be someone familiar",
        ),
        (
            "Someone followed me along the canal and when I spun round it's Mr Okafor.",
            "Pursuer turns out to be someone familiar",
        ),
        (
            "Something was chasing me and when I turned round it turned out to be my brother.",
            "Pursuer turns out to be someone familiar",
        ),
        (  # a word between the dreamer's and the person: "my area manager"
            "Something chased me round the shop, I turned round and it was my area manager.",
            "Pursuer turns out to be someone familiar",
        ),
        ("Something was chasing me through the woods.", "Chased by something you never see"),
        ("A faceless man was chasing me down the lane.", "Chased by something you never see"),
        (
            "A man was chasing me but I never got a look at him.",
            "Chased by something you never see",
        ),
        ("The man chasing me had no face.", "Chased by something you never see"),
        ("I ran and the road kept stretching.", "Road or corridor keeps stretching longer"),
        (
            "I was running but the road kept rolling backwards under me like a conveyor.",
            "Running on a treadmill or on the spot",
        ),
        (
            "I made for the door but my legs went from under me.",
            "Legs collapse or give way under you",
        ),
    ],
)
def test_the_pursuer_and_the_legs_in_other_words_are_found(catalog_matcher, text, scenario):
    found = {match.tag.label: match.score for match in catalog_matcher.match(text).scenarios[:3]}
    assert found.get(scenario, 0) >= 0.5  # found outright, not on weaker evidence


@pytest.mark.parametrize(
    ("text", "scenario"),
    [
        # a wedding, a rescuer and a holiday are not who the pursuer turns out to be
        (
            "It was my sister's wedding and someone was chasing me through the church.",
            "Pursuer turns out to be someone familiar",
        ),
        (
            "A dog chased me down the street, then it was my dad who pulled me inside.",
            "Pursuer turns out to be someone familiar",
        ),
        (
            "A man chased me through the streets and it was Halloween so everyone was in masks.",
            "Pursuer turns out to be someone familiar",
        ),
        (
            "Something caught my eye in the window and I ran outside.",
            "Chased by something you never see",
        ),
        # a scream that came out, and a door locked, are no body locked and voiceless
        (
            "A troll came in. I screamed and it attacked Calvin and I shut the door and locked "
            "it. I ran down the hall.",
            "Paralysed, trying to scream or shout",
        ),
    ],
)
def test_words_near_a_pursuit_that_are_not_its_scenario(catalog_matcher, text, scenario):
    found = {match.tag.label: match.score for match in catalog_matcher.match(text).scenarios}
    assert found.get(scenario, 0) < 0.5


def test_a_familiar_reveal_needs_the_pursuer_to_turn_out_as_someone():
    def keys(text):
        return {feature.key for feature in features_of(tokenize(text))}

    assert "@known" not in keys("It was my birthday and I ran.")
    assert "@known" not in keys("Something chased me. It was my dad who pulled me inside.")
    # a title before a name typed in lower case, and a relative clause with its own subject
    assert "@known" in keys("Something chased me, I looked back and it was mr okafor.")
    assert "@known" not in keys("Something chased me. It was my dad who I ran to.")
    # "miss" is a verb too
    assert "@known" not in keys("The bull chased me and I ducked so it'd miss hitting me.")


def test_an_unknown_pursuer_after_a_route_is_unseen():
    text = "chased thru the county courthouse all night by something"
    assert "@unseen" in {feature.key for feature in features_of(tokenize(text))}
    assert "@unseen" not in {feature.key for feature in features_of(tokenize("I chased something"))}


def test_hunting_for_something_is_not_being_hunted(catalog_matcher):
    pursued = FEATURES.index("pursued")
    hunting = catalog_matcher.evidence("We were hunting for a flat all day.")
    assert all(candidate.features[pursued] == 0.0 for candidate in hunting)
    tailed = catalog_matcher.evidence("someone was tailing me all the way home")
    assert any(candidate.features[pursued] == 1.0 for candidate in tailed)


@pytest.mark.parametrize(
    "text",
    [
        "I ran to the shop and the road was long and my legs were tired.",
        "I ran up the stairs and the corridor was long and dark, then I found my room.",
        "My brother ran and the road kept stretching.",  # the dreamer is not in the moment
    ],
)
def test_a_long_road_is_not_one_that_keeps_stretching(catalog_matcher, text):
    found = {match.tag.label: match.score for match in catalog_matcher.match(text).scenarios}
    assert found.get("Road or corridor keeps stretching longer", 0) < 0.6


def test_a_full_name_opening_a_sentence_is_someone_else():
    tokens = tokenize("David Tennant helped her escape.")
    assert all(not token.actor.dreamer for token in tokens)


def test_a_known_word_opening_a_sentence_is_a_name_when_the_report_capitalises_it_inside_one():
    tokens = tokenize("Blair came and was angry and ran off to a room. Then I was Blair.")
    assert not next(token for token in tokens if token.word == "ran").actor.dreamer
    tokens = tokenize("Blair came and ran off. I saw a blair.")  # a word too
    assert next(token for token in tokens if token.word == "ran").actor.dreamer


def test_a_night_slept_through_is_a_waking_the_markers_are_read_from(catalog_matcher):
    text = "I ran along the cliff path for the joy of it. Slept through and felt rested."
    markers = [match.tag.label for match in catalog_matcher.match(text).markers]
    assert "Woke light and rested" in markers


def test_someone_unknown_behind_the_dreamer_is_a_pursuit_and_someone_known_is_not(
    catalog_matcher,
):
    pursued = FEATURES.index("pursued")
    for text in (
        "Footsteps started up behind me.",
        "Something was right behind me.",
        "I ran for the door before the thing behind me caught up.",
        "I ran for the cooler and right as it reached me I woke.",
        "chased thru the courthouse all night by something",  # a phone's "through"
    ):
        assert max(c.features[pursued] for c in catalog_matcher.evidence(text)) == 1.0
    for text in (
        "My sister was behind me.",
        "He was behind me at the till.",
        "If I fell I would open my arms and I'd catch by the armpits.",  # the dreamer catches
        "My daughter grabbed the sleeve of my coat and we ran for the bus.",
        # reached by a call or a ball, not by a pursuer
        "My mum finally reached me on the phone, so I ran to the shop.",
        "When the ball reached me I kicked it and ran.",
    ):
        assert all(c.features[pursued] == 0.0 for c in catalog_matcher.evidence(text))


def test_being_followed_by_someone_known_is_a_pursuit_only_with_peril_near(catalog_matcher):
    pursued = FEATURES.index("pursued")
    for text in (
        "Don came to the party. I walked down the stairs laughing. He follows me and taunts me.",
        "I drive down 3rd Street. He follows me. We park at the store.",
        # the follower left unsaid after "and" is the sentence's "he"
        "Uncle Ray pulled up by the shop. He waved at us and followed us in to buy bread.",
    ):
        assert all(c.features[pursued] == 0.0 for c in catalog_matcher.evidence(text))
        assert interpretation_of(catalog_matcher, text) is None
    for text in (
        "A man in a grey suit follows me to the station.",  # a stranger
        "She wanted me to touch the snake but I was afraid. She follows me, insisting.",
        "He follows me down the alley and I run.",
        # someone else named between the sentence's "he" and the follow
        "He said a tall man was outside and followed me home.",
        "She told me a man in black came and followed me down the road.",
        "A guy asked if we could come with him but he seemed sinister, and he started to follow "
        "us.",
    ):
        assert max(c.features[pursued] for c in catalog_matcher.evidence(text)) == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Writing this down for my daughter (6). She says a big wolf was chasing her "
            "through the woods and she ran and ran and hid behind a tree.",
            "fleeing-danger.txt",
        ),
        (
            "Typing this for my grandad, he told me at lunch. He was back on the farm and a "
            "bull came after him, and he tried to run but his legs would not go, slow as "
            "anything.",
            ("slow-motion-legs.txt", "heavy-legs-mud.txt", "fleeing-danger.txt"),
        ),
        (
            "My son dreamt a dinosaur chased him round the school and he got away.",
            "fleeing-danger.txt",
        ),
        (
            "Typing for my mother, she is 78. She dream a man with a cutlass was in the yard "
            "and she want to run inside and she cannot move at all, like her feet plant in "
            "the ground.",
            "frozen-in-place.txt",
        ),
        (
            "my son (6) told me his dream this morning: a wolf was chasing him round the park "
            "and he ran and ran.",
            "fleeing-danger.txt",
        ),
        (
            "ma wee boy fergus (7) telt me his dream. a big dog was chasing him down the brae "
            "and he ran and ran.",
            "fleeing-danger.txt",
        ),
        (
            "my son (9) told me this at breakfast. a dragon lantern came alive and came for "
            "him, he hid then ran for it and it grabbed his hood from behind and he woke up.",
            ("caught.txt", "fleeing-danger.txt"),
        ),
    ],
)
def test_a_dream_written_down_for_someone_else_is_theirs(catalog_matcher, text, expected):
    accepted = (expected,) if isinstance(expected, str) else expected
    assert interpretation_of(catalog_matcher, text) in accepted


def test_only_a_relayed_dream_makes_someone_else_the_dreamer(catalog_matcher):
    for text in (
        "My daughter was typing her essay. A wolf was chasing her through the woods.",
        "I watched my son at sports day. A boy chased him round the track and he ran off.",
    ):
        assert interpretation_of(catalog_matcher, text) is None


def test_being_chased_counts_and_chasing_does_not(catalog_matcher):
    chased = catalog_matcher.evidence("The dog chased me down the road.")
    chasing = catalog_matcher.evidence("I chased the dog down the road.")
    pursued = FEATURES.index("pursued")
    assert max(candidate.features[pursued] for candidate in chased) == 1.0
    assert all(candidate.features[pursued] == 0.0 for candidate in chasing)


def test_a_run_from_danger_in_a_long_report_counts_as_a_chase_does(catalog_matcher):
    """ "He pulled a gun out and I ran": no word of flight or pursuit, but a run from danger,
    which says as much in a long report as in a short note."""
    text = "I was in the deli. This guy came in. He pulled a gun out and I quickly ran. " * 3
    danger, length, chased = (FEATURES.index(n) for n in ("danger", "length", "length if chased"))
    fleeing = next(c for c in catalog_matcher.evidence(text) if c.key == "fleeing-danger.txt")
    assert fleeing.features[danger] == 1.0
    assert fleeing.features[chased] == fleeing.features[length] > 0


def test_fleeing_counts_for_the_interpretations_that_tell_of_flight(catalog_matcher):
    """A flight supports the interpretations whose title or scenarios tell of a pursuit or a
    flight, not those of legs that stay in one spot, whose only chase is a marker's."""
    text = "There were evil men in the house, so we ran away and ran and ran down the road."
    flight = FEATURES.index("flight")
    found = {c.key: c.features[flight] for c in catalog_matcher.evidence(text)}
    assert found["fleeing-danger.txt"] == found["cant-get-away.txt"] == 1.0
    assert found["running-in-place.txt"] == 0.0  # "Woke sensing the pursuer behind you"
    assert interpretation_of(catalog_matcher, text) == "fleeing-danger.txt"


def test_an_easy_run_counts_for_the_interpretations_that_tell_of_ease():
    """Ease is read in every dream, so it counts for an interpretation whose title alone tells
    of it; a run from danger counts against it."""
    from interpretations.matching import InterpretationRef, Matcher, Tag

    free = InterpretationRef("free", "Running effortlessly at last", "free.txt")
    chase = InterpretationRef("chase", "Chased down the road", "chase.txt")
    tags = [
        Tag("free:0", "scenario", "Sprinting across open fields", "", "free"),
        Tag("chase:0", "scenario", "Chased by a stranger", "", "chase"),
    ]
    matcher = Matcher([free, chase], tags)
    ease = FEATURES.index("ease")

    def ease_of(text):
        return {c.key: c.features[ease] for c in matcher.evidence(text)}

    assert ease_of("I ran across the fields and it was so easy.") == {"free": 1.0}
    assert ease_of("A man with a knife was after me and I ran across the fields.")["free"] == -1.0
    assert ease_of("I walked across the fields.").get("free", 0.0) == 0.0
    # someone unknown after the dreamer, in the run's sentence or the one before, makes it
    # no joy either, danger named or not
    for pursued in (
        "Something came out of the dark behind me and I ran, legs working but no use.",
        "Something was right behind me. I ran, legs working but getting nowhere.",
        "Something came closer and closer and I ran, legs working but getting nowhere.",
    ):
        assert ease_of(pursued)["free"] == 0.0, pursued
    # legs that work in a run that gets nowhere, or in vain, are no ease
    for failing in (
        "I ran across the fields, legs working but getting nowhere.",
        "I ran across the fields so easily, but no matter how fast I went it stayed close.",
    ):
        assert ease_of(failing).get("free", 0.0) == 0.0, failing
    # someone the dreamer knows, or a pet, may be company on a glad run
    for company in (
        "I ran across the fields to my nan, it was so easy, she came closer.",
        "My dog was running after me and I ran so freely across the fields, it was wonderful.",
    ):
        assert ease_of(company)["free"] == 1.0, company


def test_a_flight_anywhere_in_the_dream_counts_for_whichever_interpretation_is_chosen():
    """Whether a dream is of the family is the dream's to say: a flight read for one
    interpretation counts in the attach decision for another chosen first (legs that fold
    while running from a fire), and only where the dream has one."""
    from interpretations.attaching import Candidate, Model, decide
    from interpretations.logistic import Logistic

    told = dict.fromkeys(FEATURES, 0.0)
    legs = Candidate("legs", tuple((told | {"events": 1.0, "scenario": 1.0}).values()), (), ())
    flight = Candidate("flight", tuple((told | {"events": 0.5, "flight": 1.0}).values()), (), ())
    choice = Logistic(tuple(2.0 if name == "scenario" else 0.0 for name in FEATURES), 0.0)
    attach = Logistic(tuple(4.0 if name == "flight" else 0.0 for name in (*FEATURES, "m")), -2.0)
    model = Model(choice, attach)
    decision = decide(model, [legs, flight])
    assert decision.key == "legs" and decision.probability > 0.8
    assert decide(model, [legs]) is None  # the same legs, and no flight in the dream


def test_the_match_strength_is_a_probability_and_markers_never_attach(catalog_matcher):
    found = catalog_matcher.match("I was being chased.").interpretation
    assert 0.0 < found.score <= 1.0
    garden = catalog_matcher.match("I sat in the garden.", "heart pounding, legs heavy on waking")
    assert garden.interpretation is None


# --- The labelled sets --------------------------------------------------------------------


FRESH_SETS = sorted(path.name for path in LABELLED.glob("*-fresh*.jsonl"))


@pytest.mark.parametrize("name", FRESH_SETS)
def test_the_fresh_sets_are_held_out_and_use_the_catalog_names(shared_dir, name):
    library = Library.from_folder("catalog", CATALOG)
    dreams = read_labels(
        LABELLED / name,
        dreambank=shared_dir / "data" / "dreambank",
        catalog=library.sources,
        labels=library.labels,
    )
    assert all(dream.half == "test" for dream in dreams)
    others = [
        json.loads(line)
        for path in LABELLED.glob("*.jsonl")
        if path.name != name
        for line in path.read_text().splitlines()
    ]
    if name.startswith("dreambank"):
        assert len(dreams) >= 120
        old = {(item["series"], item["n"]) for item in others if "series" in item}
        assert not old & {tuple(dream.key.split("/")) for dream in dreams}
        # enough of the family to measure recall on (the fourteenth pair's has 14)
        assert sum(dream.on_theme == "yes" for dream in dreams) >= 10
    else:
        assert len(dreams) >= 30
        seen = {item["text"].casefold() for item in others if "text" in item}
        assert not seen & {dream.text.casefold() for dream in dreams}


def test_a_held_out_set_sets_the_baseline_on_the_other_sets_dev_halves():
    from interpretations.evaluation import LabelledSet, _tuning_dreams
    from interpretations.labelled_sets import LabelledDream

    def dream(key, half):
        return LabelledDream(key, "text", "no", (), (), (), half)

    labels = LabelledSet("labels", [dream("b/1", "dev"), dream("b/2", "test")], "catalog")
    fresh = LabelledSet("fresh", [dream("b/3", "test")], "catalog")
    written = LabelledSet("written", [dream("w1", "dev")], "catalog")
    sets = [labels, fresh, written]
    assert [d.key for d in _tuning_dreams(fresh, sets)] == ["b/1"]  # real with real only
    assert [d.key for d in _tuning_dreams(labels, sets)] == ["b/1"]


def test_evaluate_accepts_the_fresh_sets_beside_the_old_ones(shared_dir):
    from tests.interpretations.test_match_dream import run

    report = run(
        "--evaluate",
        str(LABELLED / "written-dreams.jsonl"),
        str(LABELLED / "written-fresh.jsonl"),
        "--half",
        "test",
        "--dreambank",
        str(shared_dir / "data" / "dreambank"),
        "--seeds",
        str(shared_dir / "seeds"),
    )
    assert "written-fresh.jsonl, test half: 30 dreams" in report
    assert "ms median per typed dream" in report


def test_candidates_come_in_library_order_so_ties_do_not_depend_on_hashing(catalog_matcher):
    found = [c.key for c in catalog_matcher.evidence("He follows me. I ran and ran, legs heavy.")]
    library = [key for key in catalog_matcher.interpretations if key in found]
    assert len(found) > 2 and found == library


def test_found_out_by_someone_in_charge_is_no_capture_but_a_capture_still_is(catalog_matcher):
    assert interpretation_of(catalog_matcher, "Our head teacher caught us behind the gym.") is None
    assert interpretation_of(catalog_matcher, "The police caught me and questioned me.") == (
        "caught.txt"
    )
