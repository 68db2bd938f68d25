"""Word lists for matching dreams: stop words, negators and the dream/body concept classes.

The concept classes are general vocabulary of movement, body and anxiety dreams, grouped by
what a dreamer means, so that "legs like concrete" can meet a scenario written as "heavy legs".
They are deliberately broad and never name a scenario: the matcher learns each scenario from
its own label and meaning, and these classes only say which words are near-synonyms.
Words are written plainly here; the matcher stems them.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words and the light words of dream reports ("I felt like", "something", "got")
# that say nothing about what happened. Negators are not here: they are handled apart.
STOP_WORDS = _words(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by could did do does doing down during each even ever every few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me mi more most my myself of off on once only or other our ours
    ourselves us out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    yet onto upon within along across among via per get got gotten getting go goes going went
    gone make made makes making come came comes coming thing things something someone somebody
    somewhere anything anyone everything kind sort lot really quite rather almost maybe perhaps
    pretty seem seemed seems like just still already feel feels felt feeling feelings say said
    says tell told one two three can may might must shall ok okay oh um uh well much many way
    ways time times become became becomes simply finally completely entirely totally utterly
    suddenly exactly actually specific particular certain whole
    """
)

# Everyday words of any story (seeing, trying, people, rooms, days). They still count when a
# label uses them, but far less than the words that make a scenario what it is, because
# almost every dream report contains some of them.
LIGHT_WORDS = _words(
    """
    see look find try want need know think take give put keep start begin leave turn stop
    ask call use show hear help work play talk sit live happen mean hold bring wait open
    close stay set change notice realise realize remember decide appear around back away
    first last next now later right left side end part another new old good bad big small
    little long short great high low real full hard easy day night room house car people
    man woman person friend family mother father home place area others
    """
)

# Words that flip the polarity of the next few content words ("I was not running",
# "my legs barely moved"). Contractions ending in n't are recognised separately. Losing is
# a negation too: "feet lose grip" is "no grip".
NEGATORS = _words(
    """
    lose loses losing lost
    not no never nothing nobody none neither nor without cannot unable barely hardly scarcely
    cant dont didnt doesnt wasnt werent isnt arent couldnt wouldnt wont shouldnt hasnt havent
    hadnt aint couldnae cannae wouldnae didnae dinnae wasnae isnae cyaan cudnt coudnt cdnt
    wudnt couldna wouldna canna didna dinna wasna isna winna
    """
)

# Words that end a negation's reach: "I didn't know what I was running from" negates
# knowing, not running.
CLAUSE_BREAK_WORDS = _words(
    """
    but and or because so while when whenever although though until unless that what which who
    where then yet however since before after as
    """
)

# Phrases that put the dreamer on the receiving end of a pursuit: "he came after me", "they
# were out to get me" (not "she tried to get me a drink").
PURSUIT_PHRASES = ("after me", "after us", "on my tail", "on our tail", "on my bumper",
                   "at my heels", "at our heels", "right on my heels", "hot on my heels",
                   "close on my heels", "right on our heels", "hot on our heels",
                   "gain on me", "gain on us", "close in on me", "close in on us",
                   "tail me", "tail us", "come at me", "come at us", "come for me", "come for us",
                   "lunge at me", "lunge at us", "lunge for me", "charge at me", "charge at us",
                   "go for me", "go for us", "keep pace with me", "keep pace with us",
                   "out to get me", "out to get us",
                   # reached by a pursuer, not by a phone call or a ball: "before it reached me"
                   *(f"{who} reach {whom}" for who in ("it", "he", "she", "they")
                     for whom in ("me", "us")))  # fmt: skip
# ...which also say a follow, a fetch or a queue: "cleaning up after me", "he came for me
# after school", "send it on after me"
_ERRANDS = ("after me", "after us", "come for me", "come for us", "go for me", "go for us")
# Someone unknown at the dreamer's back, who may be after them ("footsteps behind me",
# "something was right behind me").
UNKNOWN_FOLLOWERS = _words(
    "footsteps something someone somebody figure shape presence thing creature"
)
# Someone else getting closer is closing in on the dreamer ("the dogs got closer"); the
# dreamer getting closer is not pursued ("I got closer to see").
APPROACH_PHRASES = ("get closer", "get nearer", "come closer", "come nearer", "creep closer",
                    "draw closer", "draw nearer", "come towards", "come toward",
                    "move towards", "move toward", "head towards", "head toward")  # fmt: skip

# Concept classes: name -> near-synonymous words and phrases. A word may sit in two classes.
# Weighing nothing: running with ease, and no weight at all (WHOLE_PHRASES).
WEIGHING_NOTHING = (
    "weigh nothing", "weigh about nothing", "weigh next to nothing", "weigh almost nothing",
    "no weight at all",
)  # fmt: skip
CONCEPTS = {
    "run": (
        "run sprint flee dash race bolt jog escape scramble outrun hurtle pelt; leg it; peg it; "
        "hoof it; tear along; tear across; tear round"
    ),
    # Being chased is fleeing, whatever the words: "they chased me", "someone was running
    # after me", "running away".
    "flight": "; ".join(
        (
            "flee escape evade outrun chase pursue pursuit pursuer hunt scarper",
            *(phrase for phrase in PURSUIT_PHRASES if phrase not in _ERRANDS),
            "run after me; run after us; come after me; come after us",
            "run away; run off; get away; run for it; make a run for it; run for my life; "
            "run for our lives; run for my own life; run for our own lives; run for your life; "
            "run for cover; make a break for it; make a dash for it; hightail it; on the run",
            # hiding from someone: "it followed me and I kept hiding" (not hiding a thing, a
            # game or from the rain: IDIOMS)
            "hide from; keep hiding",
        )
    ),
    # Something right behind the dreamer is after them: "he stayed right behind me".
    "chase": "; ".join(
        (
            "chase pursue pursuit pursuer follow hunt stalk",
            *("behind me", "behind us", "behind you", "at my back", "at our back", "after you"),
            *PURSUIT_PHRASES,
            *APPROACH_PHRASES,
        )
    ),
    "walk": "walk stroll trudge plod stride step wade",
    "behind": (
        "behind; after me; after us; at my heels; at our heels; right on my heels; "
        "hot on my heels; on my tail; catch up; close in; gain on; from the back; at my back"
    ),
    "legs": "leg limb knee thigh calf calves shin",
    "feet": "foot toe heel ankle shoe boot sneaker sole",
    "heavy": (
        "heavy heaviness weight weigh leaden concrete cement anchor sandbag burden; "
        "like lead; of lead; with lead; like stone; like bricks; full of bricks; full of sand; "
        "full of concrete; filled with sand; filled with concrete; filled with lead; "
        "filled with cement; stuffed with; packed with; like iron; iron rod; cinder block; "
        "breeze block; bag of potatoes; sack of potatoes; bag of spuds; sack of spuds; sack of"
    ),
    "sticky": (
        "glue glued sticky syrup molasses treacle honey tar mud muddy muck sludge quicksand "
        "thick viscous goo gooey clay flypaper superglue; wet cement; chewing gum"
    ),
    "sinking": "sink sinking quicksand sand bog swamp marsh mire mud muck",
    "liquid": "liquid liquefy liquify melt dissolve water watery flood",
    "slippery": "ice icy slip slippery slippy slick slide skid skate frictionless",
    # Losing one's footing, as something the dreamer does ("kept skidding").
    "slide": "slip skid skate slide slither; lose my footing",
    "grip": "grip traction foothold grasp claw cling",
    "stuck": (
        "stuck trapped freeze paralysed paralyzed paralysis paralyse paralyze immobile "
        "rooted pinned glued cemented locked rigid; like a statue; stock still; planted there; "
        "frozen to the spot; rooted to the spot; glued to the spot; stuck to the spot; "
        "like a rock; turned to stone; like statue"
    ),
    "stationary": (
        "nowhere standstill stationary treadmill conveyor motionless; in place; on the spot; "
        "stand still; stay put; same place; same spot; go backwards; roll backwards"
    ),
    "move": (
        "move movement motion budge shift stir; lift a finger; lift one finger; raise a finger; "
        "bend a finger"
    ),
    "slow": "slow slowly sluggish drag; slow motion; slow mo; slo mo",
    "fast": (
        "fast faster quick quickly speed rapid hurry; full speed; top speed; flat out; full pelt"
    ),
    "ground": (
        "ground floor road path street sidewalk pavement track trail highway lane terrain "
        "surface earth pathway"
    ),
    "collapse": (
        "collapse buckle crumple; give out; give way; fold under; fold beneath; "
        "go from under; go out from under; fold like; fold up like"
    ),
    "wobbly": (
        "blancmange jelly rubber rubbery wobbly wobble weak shaky shake tremble limp noodle "
        "unsteady floppy bendy"
    ),
    "exhausted": (
        "exhausted exhaustion exhausting drained tired tiredness fatigue fatigued weary "
        "spent depleted burnout knackered shattered flattened wrecked zonked; worn out; "
        "emptied out; wiped out; burnt out; done in; wrung out; cream crackered"
    ),
    "heart": (
        "heart heartbeat pulse palpitation pounding thumping throbbing hammering; heart racing; "
        "heart going; heart was going; heart beating; heart in my mouth; heart in my throat"
    ),
    "sweat": "sweat sweaty drenched clammy soaked perspiration",
    "breath": (
        "breath breathe breathless gasp pant winded suffocate choke; out of breath; short of breath"
    ),
    "chest": "chest ribs sternum lungs breastbone",
    # Something pressing on the body: "my chest squeezed in a vice".
    "pressed": "press pressed pressing squeeze squeezed crush crushed vice",
    "fear": "fear afraid scared terror terrified panic dread anxious anxiety frightened horror",
    "threat": (
        "threat threatening danger dangerous monster killer attacker pursuer predator shadow "
        "figure stranger presence beast intruder murderer zombie ghost demon creature gunman "
        "robber thief burglar kidnapper gang wolf bear police cop soldier sinister menacing"
    ),
    # Harm threatened or done: with the dreamer running near it, the running is flight.
    "harm": (
        "kill killer murder murderer gun knife weapon stab strangle rape hurt harm kidnap bomb "
        "axe machete chainsaw explode explosion tsunami tornado avalanche earthquake wildfire "
        "bushfire; tidal wave; shoot at; shot at; "
        "open fire; opened fire; shoot me; shot me; shoot us; shot us"
    ),
    "confront": (
        "confront face; turn around; turn round; turn back; spin around; spin round; look back; "
        "look behind; stand my ground; turn right round; spin right round; turn right around; "
        "spin right around; make myself turn; make myself look; make myself face; "
        "force myself to turn; force myself to look; force myself to face"
    ),
    # Limbs that do not feel one's own, and a body clenched tight.
    "numb": (
        "numb numbness tingle tingling fuzzy; dead legs; belong to someone else; "
        "belong to somebody else; pins and needles; someone else's; somebody else's"
    ),
    "clench": (
        "clench clenched fist fists tense tight grind grinding; balled up; ball up; "
        "shoulders hunched; hunched shoulders; teeth clamped; jaw clamped; clamped shut"
    ),
    "watch": "watch stare observe witness",
    # Seeing, and a pursuer never seen: "I never saw it", "I never got a look at him", "it had
    # no face" (denied, each is "unseen"), "an invisible thing was after me".
    "sight": "see glimpse; make out; get a look; get a good look; get a proper look; have no face",
    "unseen": "invisible unseen faceless shapeless",
    "others": (
        "others onlooker bystander spectator audience crowd family friends colleagues "
        "classmates everyone everybody"
    ),
    "incline": "uphill hill slope climb incline steep mountain stairs staircase",
    "progress": "progress advance forward destination goal reach arrive",
    "distance": "distance gap far farther closer nearer",
    "familiar": "familiar hometown home childhood recognisable recognizable",
    # Someone known, as what a pursuer turns out to be ("it was my old boss": the reading marks
    # it, interpretations.features), and the word for it.
    "known": "familiar recognisable recognizable",
    # Being spoken to: "it said I'd forgotten my bag".
    "speak": "speak talk whisper; say to me; tell me; ask me; ask if; ask why",
    "strange": "wrong strange weird distorted unfamiliar warped eerie",
    "extend": "extend stretch lengthen longer recede endless",
    "effort": "effort try strain struggle exertion push",
    "wake": (
        "wake awake waking morning alarm; out of bed; slept through; slept well; slept soundly; "
        "bolt upright"
    ),
    "ache": "muscle burn burning ache sore cramp",
    "restless": "restless twitch twitchy jittery fidget antsy agitated kick kicking",
    # How the dreamer woke: at peace, or doubting, or with someone on the mind.
    "calm": "calm calmer peaceful peace settled serene content relaxed rested refreshed; at peace",
    "doubt": "unsure doubt doubting uncertain insecure; second guess; second guessing",
    "mind": "mind head; on my mind; in my head; think about; thinking about",
    # The scary thing turned out small: "amazed it was only a tiny kitten".
    "small": "small tiny little harmless puny; itty bitty; no bigger than",
    "surprise": "surprised surprise amazed astonished stunned gobsmacked",
    "crawl": "crawl claw; all fours; hands and knees",
    "grab": (
        "grab seize snatch nab clutch fistful; get hold of; catch hold of; got me; "
        "hand on my shoulder; hand on my back"
    ),
    # Giving up and being caught: "I let it get me", "sat down and let it come".
    "catch": (
        "catch; let it get me; let him get me; let her get me; let them get me; let it come; "
        "let him come; let her come; let them come"
    ),
    # Running that comes easily: "it felt so easy", "light as a feather", "my legs worked".
    "ease": (
        "easy easily effortless effortlessly freely weightless springy bouncy joy joyful "
        "exhilarating elated amazing wonderful marvellous marvelous glorious incredible; "
        "feel great; feel strong; feel brilliant; feel fantastic; legs strong; legs feel strong; "
        "light as a feather; like a feather; legs work; " + "; ".join(WEIGHING_NOTHING)
    ),
    "futility": "futile futility pointless useless; for nothing; in vain; no matter how",
    "shout": "shout yell scream shriek holler bellow roar; cry out; call out",
}


def concept_words(concept: str) -> list[str]:
    """A concept class's single words, without its phrases."""
    return CONCEPTS[concept].split(";")[0].split()


# The concept classes that are something happening to the dreamer or done by them, rather
# than a thing, a place or a feeling: "chased" tells a story on its own, "legs" does not.
EVENT_CONCEPTS = _words(
    "run flight chase walk stuck stationary move slow fast collapse crawl sinking extend confront "
    "slide grab catch"
)

# Negators that say the dreamer could not do something, rather than did not: "I couldn't
# run" is a body that fails to move, as "I couldn't move" is; "I didn't run" is not.
# (Contractions are read as their first part: "couldn't" is "couldn".) "Could not" counts too.
INABILITY_NEGATORS = _words(
    "cannot cant couldnt can couldn unable wont wouldnt won wouldn couldnae cannae wouldnae cyaan "
    "cudnt cudn coudnt coudn cdnt wudnt wudn couldna wouldna canna winna"
)
INABILITY_MODALS = _words("can could will would")
# A negator of a deed ("couldn't", "never") reaches the verb, not where or on what it was done
# ("the mud" in "couldn't get out of the mud"); one of a thing ("no", "nobody") reaches it, and
# so does a denial before any verb ("it wasn't in the sand", "wasn't the mud").
THING_NEGATORS = _words("no nothing nobody none neither nor without lose loses losing lost")
OBJECT_OPENERS = _words(
    """
    the a an this that these those my our your his her their its of in into onto on through
    from at with across along over under
    """
)
# Words that pass on to the deed rather than being it ("couldn't make my legs move", "didn't
# have the strength to run"), or say nothing of it.
NOT_A_DEED = OBJECT_OPENERS | _words(
    """
    was were is are be been being am even really just ever quite actually still always
    make made get got have had find found let force forced
    """
)
# Pronouns that are only ever subjects open a clause of their own, even with no word or mark
# between, and a negator of a deed stops there ("I didn't know he was chasing me", a voice
# note's run-on); a negator of a thing reads on ("nothing I did made my legs move").
SUBJECTS = _words("i he she we they")
# ...but not after these: an inverted auxiliary ("nor could I move", "not once did I look
# back"), a verb whose negation belongs to what is thought ("I didn't think I could run any
# further"), or a supposition ("I didn't care if they caught me" tells of no catching).
SUBJECT_CARRIERS = _words(
    """
    can could do did does will would shall should may might must was were is are has have had
    think thought believe believed suppose supposed expect expected reckon reckoned imagine
    imagined guess guessed feel felt if whether
    """
)
# How someone moves, rather than what they do to someone: in "a dog walked slowly towards me"
# these are the dog's, though the clause names the dreamer.
MOVING_CONCEPTS = _words("run walk move slow fast crawl")
# What makes a moment dangerous, whoever it is about: a threat, harm, or the dreamer's fear.
DANGER_CONCEPTS = _words("threat harm fear")
# Movements that, when the dreamer cannot make them, are a failure to move.
MOVEMENT_CONCEPTS = _words("run walk")
# Speed words after a movement: "I can't move fast" negates the speed, not the movement.
SPEED_WORDS = _words("fast faster quick quickly quicker speed far")
# Words after which a second "as" measures and opens no clause: "as fast as I could".
AS_MEASURES = _words("fast quick quickly far hard slow slowly soon much well long many often")

# A negated concept that means another one: "not moving" is being stationary,
# "no grip" is slipping, "not fast" is slow.
NEGATED_CONCEPTS = {
    "move": "stationary",
    "progress": "stationary",
    "grip": "slippery",
    "fast": "slow",
    "sight": "unseen",
}

# Words typed without their apostrophe or in short: read as the words they stand for ("Im
# closing the bar" is the dreamer, not someone called Im; "chased thru the mall by" is a
# passive with its route).
PHONE_SPELLINGS = {"im": "i'm", "ive": "i've", "thru": "through", "somethings": "something's"}

# --- Who acts in a clause ---------------------------------------------------------------------

# The dreamer, as subject ("I ran") or as object ("it chased me"). Library texts address the
# reader as "you", and phone notes sometimes do too ("you try to run but your legs...").
# "mi" is Jamaican Patois for both "I" and "me" ("duppy chase mi", "mi run").
DREAMER_WORDS = _words("i we me us myself ourselves you yourself yourselves mi")
DREAMER_POSSESSIVES = _words("my our your")
# A dreamer's body part as the subject is the dreamer ("my legs would not move"); "my brother"
# is someone else.
BODY_PARTS = _words(
    """
    body leg legs knee knees foot feet toe toes ankle ankles calf calves thigh thighs hip hips
    arm arms hand hands finger fingers shoulder shoulders back chest heart lungs breath throat
    neck head face eye eyes mouth jaw teeth tooth tongue lips voice muscles muscle limbs limb
    skin stomach belly spine bones bone shoe shoes boot boots sneakers trainers wellies wellingtons
    """
)
# What the dreamer wears or rides: "it grabbed my hoodie" and "an SUV followed my cab" are
# done to the dreamer.
DREAMER_BELONGINGS = _words(
    """
    hoodie hood coat jacket shirt sleeve collar jumper sweater scarf bag backpack rucksack
    car cab taxi van truck lorry bike bicycle motorbike scooter
    """
)
# Limbs that refuse ("my legs wouldn't go", "my feet refused"): the dreamer cannot move.
REFUSING_LIMBS = _words("body leg legs knee knees foot feet limbs")
OBEYING_WORDS = _words("go do work obey listen respond cooperate budge")
REFUSING_WORDS = _words("refuse refused refuses refusing")
# People named with no article, as phone notes do ("man on screen running from a t-rex"),
# and kin called by what they are ("Mom ran and hid", at the start of a sentence).
BARE_PEOPLE = _words(
    "man men woman women guy guys bloke blokes dude dudes lady ladies girl girls boy boys kid "
    "kids child children mom mum mam mommy mummy dad daddy nan nana gran granny grandma grandpa "
    "grandad"
)
# Where a run after danger goes that is no refuge, besides people (interpretations.features):
# "ran to the nurse", "to the victim", "into the crowd", "to each other".
NOT_A_REFUGE = _words(
    "nurse doctor guard ranger police officer cop cops soldier soldiers victim victims body "
    "bodies injured wounded dog cat crowd fight window other"
)
# Someone or something else as the subject: the clause is theirs unless it names the dreamer.
OTHER_SUBJECTS = _words(
    "he she they him her them it someone somebody something anyone anything everyone everybody "
    "everything nobody people others"
)
# Words that open a noun phrase: what follows them is the subject, not the dreamer.
DETERMINERS = _words(
    "the a an this that these those his her their its some another any every each no one two"
)
# Times, which open a clause without acting in it: "after a night of running", "the next day
# he ran".
TIME_WORDS = _words(
    "day night morning evening afternoon week weekend month year hour minute moment while time"
)
# Words that carry no subject and may open a clause ("then", "suddenly", "and").
CLAUSE_FILLERS = _words(
    """
    and but or so then now suddenly soon later again also just still finally eventually
    immediately meanwhile anyway when while as because if though although after before until
    once yes no oh well next even only instead where what which who whom whose that how why
    dreamt dreamed
    """
)
# "there was ice", "it was dark": a scene, not an actor.
SCENE_SUBJECTS = _words("there it")
# After "I saw", "I told", the next words have a subject of their own: "I saw a cat run",
# "I told Ezra to hurry".
HANDOVER_VERBS = _words("see watch hear notice observe spot witness tell ask order warn urge beg")
# So do those after "I wanted" when someone is named: "I wanted him to run away" (but "I
# wanted to run away", "I didn't want to get caught" are the dreamer's, negation and all).
WANTING_VERBS = _words("want need expect")
# Words after which a new subject may start without "that": in "I am sure it will run away"
# and "I think he escaped" the one who runs is "it" and "he", not the dreamer. (After "saw",
# "heard" and the like, HANDOVER_VERBS already start a new clause.)
# The forms of seeing and hearing whose object acts in the clause after them ("watching
# eleven run from the monster"): the verbs of HANDOVER_VERBS that take a clause.
WATCHING_FORMS = _words(
    """
    see sees saw seeing seen watch watches watched watching hear hears heard hearing notice
    notices noticed noticing observe observes observed observing
    """
)
REPORTING_WORDS = _words(
    """
    think thought know knew sure hope hoped realise realised realize realized feel felt
    believe believed guess wish wished say said imagine imagined suppose supposed afraid
    scared worried glad convinced dream dreamt dreamed
    """
)
# Subjects that take over a clause after those words ("him", "them" are only objects).
NEW_SUBJECTS = _words("he she they it someone somebody something")
# ...and, after a word of thinking only, someone the dreamer names or knows ("I think Mom ran
# off"; not "I said Hello to the man", "I knew Dad from school").
THINKING_WORDS = _words(
    """
    think thought hope hoped sure realise realised realize realized believe believed guess
    imagine imagined suppose supposed afraid scared worried convinced
    """
)
# Verbs whose object is the one in danger: they are the dreamer's story only when the dreamer
# is on the receiving end ("it chased me", not "I chased the cat").
PURSUIT_VERBS = _words("chase pursue hunt stalk follow catch grab seize snatch nab attack corner")
# The people a dreamer runs to gladly ("I ran across the field to my dad"): a run toward one
# of them, with no danger near, is a run of the easy kind.
RUN_TO_PEOPLE = _words(
    """
    him her them mum mom mam mother dad father nan nana gran granny grandma grandmother grandad
    grandpa grandfather son daughter husband wife partner boyfriend girlfriend fiance fiancee
    girl boy baby kids children child family brother sister friend friends arms
    """
)
# The people a dream is written down for ("typing this for my son"), as "he" or "she".
RELAYED_HIS = _words(
    "son boy grandson husband dad father grandad grandpa grandfather brother nephew boyfriend "
    "stepson stepdad uncle"
)
RELAYED_HERS = _words(
    "daughter girl granddaughter wife mum mom mam mother gran granny grandma grandmother nan "
    "nana abuela sister niece girlfriend stepdaughter aunt auntie"
)
# People a dreamer knows, whom a pursuer may turn out to be ("it was my old boss").
KNOWN_PEOPLE = (RUN_TO_PEOPLE - _words("him her them arms")) | _words(
    """
    ex boss teacher headteacher headmaster headmistress landlord landlady neighbour neighbor
    colleague coworker cousin uncle auntie aunt nephew niece stepdad stepmum stepmom foreman
    manager classmate flatmate roommate housemate mate
    """
)
# Phrases whose words say nothing on their own: "legging it" is running, not legs, and
# "weighing nothing" is no weight.
WHOLE_PHRASES = ("leg it", "peg it", "bolt upright", *WEIGHING_NOTHING)
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _words("mr mrs ms dr st jr sr vs etc mt prof")
# A sentence opening with these words (after "then", "and"...) starts another episode of the
# dream: words from different episodes never add up to one scenario.
EPISODE_OPENERS = (
    "later",
    "the scene",
    "scene",
    "the dream change",
    "the dream shift",
    "the setting",
    "next scene",
    "in the next",
    "another dream",
    "another scene",
    "a new scene",
    "i wake up",
    "i woke up",
    "i woke",
)

# --- Other senses of the words ---------------------------------------------------------------

# What snags rather than reaches for the dreamer: what they wear, and feet ("my sleeve caught
# on a nail"); limbs too when they "get caught" ("my fingers get caught"), since a pursuer's
# fingers or arms that catch the dreamer are a grab.
_SNAGGING = (
    "foot|feet|hair|sleeve|sleeves|coat|jacket|dress|shirt|skirt|scarf|shoe|shoes|lace|laces|"
    "strap|straps"
)
_SNAGGED = "hand|hands|finger|fingers|leg|legs|arm|arms|" + _SNAGGING
# What someone runs as its head: "a woman who runs the committee" (not a place, whose name may
# open a compound the dreamer runs along: "running the school corridors").
_MANAGED = (
    "business|meeting|show|shop|store|company|office|committee|club|restaurant|cafe|firm|"
    "charity|household|department|team"
)
# People one runs into or across: "ran into an old friend", not "ran into a shop".
_MET = (
    "old|friend|friends|colleague|colleagues|neighbour|neighbor|acquaintance|ex|teacher|boss|"
    "cousin|mum|mom|mother|dad|father|brother|sister|aunt|uncle|gran|grandma|grandad|grandpa|"
    "classmate|coworker|co-worker|former|school|work|college|guy|girl|man|woman|lady|bloke|"
    "wife|husband|boyfriend|girlfriend|partner"
)
# What someone presses the dreamer for, when "chasing me" is about something owed.
_OWED = (
    "money|payment|payments|rent|timesheets|timesheet|paperwork|invoice|invoices|forms|form|"
    "reply|replies|answer|answers|update|updates|signature|report|reports|fees|bills|bill|tax|"
    "taxes|return|returns|deposit|figures|numbers|results|homework|essay|project|decision|"
    "contract|quote|receipts|receipt|data|targets|minutes"
)
# What someone is found out doing: "she catches me sliding the quarters", "caught speeding".
# (Not "lying" or "napping": "the killer caught me napping" is a capture.)
_FOUND_DOING = (
    "doing|watching|reading|eating|drinking|smoking|talking|using|wearing|kissing|touching|"
    "taking|stealing|sneaking|cheating|snooping|loafing|slacking|skiving|goofing|lazing|"
    "chatting|gossiping|speeding|shoplifting|peeing|pissing|sliding|trespassing|texting|"
    "copying|spying|daydreaming|smirking|undressing"
)
# Idioms whose words say nothing about running, fleeing or being stuck. "|" separates
# alternatives for one word, "*" stands for any one word, "*?" for one word or none, and "^"
# for any word but those listed ("ran out of milk", not "ran out of the house"), and "=" for
# words as written, not by their stem. Their words are dropped.
IDIOMS = (
    "run|running late",
    "run|running behind schedule|time",
    "run out of ^the|a|an|my|his|her|their|our|your|this|that|there|here",
    # time that runs short: "time was running out"; killing that harms no one
    "kill|kills|killed|killing time",
    "dressed to kill",
    "feet|legs|back|head|knees|shoes is|are|was|were killing me",
    "killer whale|whales|heels|app|deal|view|workout",
    "time|times|clock is|was|were *? run|runs|ran|running out|short|low",
    # meeting someone by chance, not "ran into a dark alley" or "ran across a field"
    "run into|across an|a|my|your|his|her|their|some|our|this|that " + _MET,
    "run into|across old|friend|friends|him|her|them|someone|somebody|everyone|everybody",
    "run|running water|tap|bath|errand|errands|business|meeting|show|shop|store|company|office",
    "run|running the|a|my|our|his|her|their bath|tap|errand|" + _MANAGED,
    "run|running the|a|my|our|his|her|their * *? workshop|" + _MANAGED,
    "run for office",
    "=running|run on empty",
    "run|running joke|gag",
    # water running, not the dreamer: "water running and running over the sink" (but "in the
    # water running from the shark" is the dreamer's run; taps and engines: OTHER_SENSES)
    "water|river|stream|creek|blood|tears|sweat run|runs|ran|running "
    "^from|away|for|after|to|towards|toward|into",
    "water|river|stream|creek|blood|tears|sweat run|runs|ran|running and run|runs|ran|running",
    # a ladder in tights (as written: "I ran in my tights" is running), and dye that bled
    "a|the|one =run|runs|ladder|ladders in my|her|the|these|those *? tights|stockings|nylons",
    "a|the|one massive|huge|big|little|small|long|great|giant|tiny|enormous =run|runs|ladder|"
    "ladders in my|her|the|these|those *? tights|stockings|nylons",
    "dye|colour|color|ink|mascara =ran|run|runs|running",
    "dye|colour|color|ink|mascara of|from|on my|her|the * =ran|run|runs|running",
    "ran|run|runs|running in the wash",
    "in the long run",
    "run down|rundown building|house|place|street|neighbourhood|neighborhood",
    "run over by",
    # someone let in, or a feeling let be, not a pursuer let reach the dreamer: "let them come
    # in", "let it come over me"
    "let it|him|her|them come in|inside|over|round|around|back|home|through|along|with",
    "catch|catching fire|sight|glimpse|cold|breath|flu",
    # news that spreads, relief that floods in, a drill: no disaster
    "spread|spreads|spreading like wildfire",
    "tidal wave of",
    "earthquake drill|drills",
    "catch|catching on fire",
    "on fire",
    "catch|catching the|a|my|our train|bus|plane|flight|ferry|tram|boat|subway|taxi|cab",
    "catch|catching up on",
    "catch|catching a|the|some fish|ball|wave|waves",
    "catch|catching my|his|her|their|your|me eye|attention",
    # snagged or out in something, not reached by a pursuer: "caught in the rain", "my
    # sleeve caught on a nail", "caught in the act"
    "catch|catching in|on the|a rain|storm|downpour|traffic|crossfire|act|nail|branch|fence|"
    "wire|wires|thorn|thorns|hook|door",
    # a limb or something worn snagged: "my fingers get caught", "my hand keeps getting
    # caught in it" (but "a hand caught my shoulder" is a grab)
    _SNAGGING + " catch",
    _SNAGGED + " get|be catch",
    # "my hand keeps getting caught", not "I tripped over my feet and got caught"
    _SNAGGED + " ^and|but|then|so get|be catch",
    # wondering at something, not a marvellous run: "I marvel at how quickly they got to work"
    "marvel|marvelled|marvelling|marveled|marveling at",
    "leg room",
    "legroom",
    # lamps, not weighing little: "ran for the diner lights"
    "=lights",
    "break a leg",
    "cold feet",
    "get|got away with",
    # a capture only feared: "I may get caught" (but "I would get caught" may be a habit)
    "might|may get|be caught",
    # arms put or held out to catch the dreamer jumping: "puts his arms out to catch me" (not
    # "came at me with his arms out to catch me")
    "put|hold his|her|their|its arm|arms|hand|hands out *? *? to catch me|us",
    "catch|caught|catching up in",
    "get|got|getting away from it all",
    "get|got|getting away from work|school|college|uni",
    "get|got|getting away early|late",
    "it escapes me",
    "escapes me",
    # someone else's escape, an escape from harm that never came, and a way out as a thing
    "his|her|their escape",
    "escape|escaped|escaping a|an|the collision|crash|accident|injury|fine",
    "escape ladder|ladders|hatch|pod|pods|chute",
    # a holiday, and stopping oneself: "escaped to the coast for the weekend", "I catch myself"
    "escape|escaped|escaping to the coast|country|countryside|beach|seaside|sun|cottage",
    "catch|caught|catching myself|ourselves|himself|herself|themselves",
    # found doing something: "mum caught me peeking at my presents" (but "caught me
    # looking back" is a capture)
    "catch|catches|caught|catching me|us looking|staring|peeking|peeping at|into|in|through|for",
    "catch|catches|caught|catching me|us " + _FOUND_DOING,
    # found out at something, not reached: "got caught speeding", "scared of being caught at it"
    "catch|catches|caught|catching " + _FOUND_DOING,
    "catch|catches|caught|catching red-handed|redhanded",
    "catch|catches|caught|catching at it",
    "catch|catches|caught|catching me|us on my|our phone|phones|mobile|laptop",
    # followed online, not pursued: "my crush followed me back on insta"
    "follow|follows|followed|following me|us *? on insta|instagram|twitter|tiktok|facebook|"
    "snapchat|linkedin|socials|threads|youtube",
    # found out by those in charge: "this teacher caught us", "they caught us and accused us"
    # (but "the police caught me and questioned me" is a capture)
    "teacher|teachers|principal|headmaster|headmistress|headteacher|boss|manager|librarian "
    "caught|catch|catches|catching me|us",
    "caught|catch|catches|catching me|us and|then accused|accuse|accuses|blamed|blame|blames|"
    "scolded|scold|scolds|lectured|grounded",
    # rushing, not running: "we were in a hurry"; slowing down, not crawling: "slowed to a crawl"
    "in a hurry",
    "to a crawl",
    # turning over in bed is no turning round
    "turn|turned|turning over in|onto|to|and",
    # round a place, not turning round: "he was after me all round the estate"
    "all round",
    "round the|my|his|her|their|our|your ^moment|minute|second|instant|time",
    "follow the|my|his|her|their rules|instructions|directions|advice|road|path|signs|recipe",
    "follow up",
    # tagging along: "he kept following me around" is company, and rarely a threat
    "follow|follows|followed|following me|us around|about",
    # asked along: "telling Dad to follow me", "I told the people to follow me", "I said to
    # follow me"
    # (not "I didn't want the creepy man to follow me")
    "tell|ask|want|beckon|wave|signal|motion * to follow me|us",
    "tell|ask|beckon|wave|signal|motion * * *? to follow me|us",
    "say|said|says|saying to follow me|us",
    "chase|chasing a|the dream|dreams",
    # grown children leaving home: "both lads fled the nest"
    "flee|fled|fleeing|fly|flew|flown|flying|leave|left|leaving the nest",
    # work pressing, not a pursuer: "chased by deadlines all night"
    "chase|chased|chasing by deadline|deadlines|emails|paperwork",
    # someone pressing for something owed: "the tax office chasing me for it", "the gaffer
    # chasing us for timesheets" (but "chased me for miles", "for stealing a car")
    "chase|chases|chased|chasing me|us for it|" + _OWED,
    # "my boss kept chasing me for the quarterly figures"
    "chase|chases|chased|chasing me|us for|about the|my|our|his|her|their|those|these|that|"
    "some *? *? " + _OWED,
    # sums: "ran the numbers three times"
    "run|ran|running the numbers|figures|sums|accounts",
    "stuck in traffic",
    "stuck in a|the *? jam|queue|tailback|gridlock|traffic",
    "frozen food|foods|juice|juices|fish|peas|stuff|yogurt|dinner|pizza",
    "freeze|frozen over",
    # locking something, not a body locked: "I locked the door", "shut the door and locked it"
    "lock|locks|locked|locking the|a|my|our|his|her|their *? door|doors|gate|gates|window|"
    "windows|car|cars",
    "door|doors|gate|gates|window|windows and *? lock|locks|locked|locking it|them",
    # someone locked in or out, not a body locked: "we ran inside and locked ourselves in"
    # (not "me" or "it": "fear locked me in place")
    "lock|locks|locked|locking myself|ourselves|themselves|himself|herself|them|him|her "
    "in|out|inside|outside|up|away",
    # a call or a device that hung, not the dreamer held still: "Teams call froze right as I
    # was presenting" (with no "the" or "my", which tell someone else's clause already; not
    # "I picked up the phone froze in fear")
    "call|calls|screen|screens|computer|laptop|video|stream|zoom|teams|skype|facetime|wifi|"
    "internet|connection freeze|froze ^me|us|in|with|to|still|solid|stiff|stock|rigid",
    # cold, not held still: "I could freeze to death up there"
    "freeze|freezing|froze|frozen to death",
    "freezing cold",
    "frozen lake|lakes|pond|ponds|river|rivers|sea|ground|waterfall|yogurt|dessert",
    "escape room|rooms|game",
    # the key on a keyboard: "kept hitting escape"
    "hit|hitting|press|pressed|pressing|tap|tapped|tapping|hammer|hammered|hammering escape",
    "escape key|button",
    "fire escape",
    # a thing kept from the dreamer, a thing kept hidden, a game, shelter from the weather:
    # "the flowers are being hidden from me", "I kept hiding my phone", "hide and seek"
    "be|being|been =hidden from",
    "keep|keeps|kept|keeping hiding my|the|a|an|it|them|his|her|their|our|this|that|those",
    "hide and seek",
    "hide|hides|hid|hiding from the rain|sun|heat|storm|wind|cold|weather",
    # doing nothing to help, not limbs that will not move: "didn't lift a finger to help him"
    "lift|lifts|lifted|lifting a finger to|for",
    # a look or a message sent, not a shot ("she shot me a dirty look"), unless a number
    # of shots is told; a refusal; a wish; a target
    "shoot|shoots|shot|shooting me|us a|an ^few|couple|second|third|bunch|lot|dozen|round",
    "shoot|shoots|shot|shooting me|us down|now",
    "shoot|shoots|shot|shooting at targets|target|cans|bottles|hoops|clays",
    # eating or busy, not a fugitive: "grabbed lunch on the run", "always on the run"
    "breakfast|lunch|dinner|food|snack|snacks|meal|meals|coffee on the run",
    "always|constantly on the run",
    # a following wind: "the wind at my back"
    "wind|breeze at my|our back|backs",
    "sit|sat|sitting|seated|stand|stood|standing|parked|queue|queued|queuing behind",
    "sit|sat|sitting|seated|stand|stood|standing|parked|queue|queued|queuing right|just behind",
    # a thing held out of sight: "holding my handbag behind me" (not "kept his distance
    # behind me", a pursuer)
    "hold|held|holding|hide|hid|hiding|tuck|tucked my|the|a|his|her|their|our * behind",
    # a stick and a sink are things, as written: "a stuck lift" is stuck
    "a|the|one|this|each|every|another|more|double|dirty|wooden|walking|long|big|sharp|"
    "skinny|hockey|salad|carrot|kitchen|bathroom =stick|sticks|sink|sinks",
    # feet as a measure, and the foot of the stairs: no one's feet
    "few|several|couple|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
    "thirty|forty|fifty|hundred|hundreds|thousand|thousands =feet|foot",
    "the foot of",
    "sinking feeling",
    "after =we|i",
    # a turn in an order, not a pursuit: "Melvin is after me in the batting order"
    "after me|us in line",
    "after me|us in the|a|our|my queue|list|rota",
    "after me|us in the|a|our|my * order|queue|list|rota",
    "scene|dream|focus|setting shift|shifts|shifted|shifting",
    "move|moving house|abroad",
    # someone collecting the dreamer: "my dad came for me after school"
    "mum|mom|mam|dad|mother|father|parents|husband|wife|taxi|cab|bus|lift come|came for me|us",
    "run|running shoe|shoes|shorts|gear|kit|club|track|top|tights|trainers",
    "moving day|van|truck|company",
    # a place, not meeting anyone: "walking home from the meeting house"
    "meeting house|houses|hall|halls|room|rooms|place|point",
    "turn|turning on|off the|a|my light|lights|lamp|tv|radio|oven|computer",
)
# Negators that negate nothing in these phrases: "no matter how fast I ran", "we barely
# escaped" (we did, just).
NOT_NEGATING = (
    "no matter", "not only", "no sooner", "barely escape", "barely get", "barely make",
    "hardly escape", "narrowly escape",
)  # fmt: skip

# Words that mean something else near these words: "filming in slow motion", "pumped some
# lotion". The word (or phrase) is dropped when any of its context words is in its clause.
# Slow motion on a screen or in a fall (another dream: "fell off a ladder in slow motion"),
# not in the legs; not "movie": "in slow mo like in a movie" is how the legs felt.
_SLOW_ELSEWHERE = "film filming camera replay replays video footage record tape fall fell"
OTHER_SENSES = {
    "slow motion": _SLOW_ELSEWHERE,
    "slow mo": _SLOW_ELSEWHERE,
    "slo mo": _SLOW_ELSEWHERE,
    "pump": "lotion soap gas petrol fuel water air tyre tire shampoo cream oil milk",
    "shift": "work night day gear gears weight eyes eye gaze attention focus",
    "run": "program programme engine machine computer meter nose tap faucet deadline deadlines",
    "race": "horse horses car cars",
    # someone else, not somewhere else: "I got someone else to take photos"
    "else": "someone somebody something anyone anybody anything everyone everybody nobody",
    # dodging a question, not a pursuer
    "evade": "question questions issue topic subject answer tax taxes",
    # found out, not caught by a pursuer: "embarrassed to be caught lounging in my robe"
    "catch": (
        "embarrass embarrassed embarrassing embarrassment naked red-handed steal stealing "
        "cheat cheating lounge lounging sneak sneaking kiss kissing reprimand scold"
    ),
}
