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
    into is it its itself just let me more most my myself of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
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
    hadnt aint
    """
)

# Words that end a negation's reach: "I didn't know what I was running from" negates
# knowing, not running.
CLAUSE_BREAK_WORDS = _words(
    """
    but and or because so while when whenever although though until unless that what which who
    where then yet however since before after
    """
)

# Irregular forms the Snowball stemmer leaves alone ("ran" stems to "ran").
IRREGULAR_FORMS = {
    "ran": "run",
    "fled": "flee",
    "woke": "wake",
    "woken": "wake",
    "awoke": "wake",
    "awoken": "wake",
    "fell": "fall",
    "fallen": "fall",
    "froze": "freeze",
    "frozen": "freeze",
    "sank": "sink",
    "sunk": "sink",
    "caught": "catch",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "stood": "stand",
    "slid": "slide",
    "swam": "swim",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "drove": "drive",
    "driven": "drive",
    "rode": "ride",
    "ridden": "ride",
    "threw": "throw",
    "thrown": "throw",
    "hid": "hide",
    "hidden": "hide",
    "fought": "fight",
    "broke": "break",
    "broken": "break",
    "flew": "fly",
    "flown": "fly",
    "grew": "grow",
    "grown": "grow",
    "wore": "wear",
    "worn": "wear",
    "crept": "creep",
    "leapt": "leap",
    "knelt": "kneel",
    "burnt": "burn",
    "shook": "shake",
    "shaken": "shake",
    "clung": "cling",
    "strode": "stride",
    "tore": "tear",
    "torn": "tear",
    "trod": "tread",
    "trodden": "tread",
    "feet": "foot",
    "teeth": "tooth",
    "men": "man",
    "women": "woman",
    "children": "child",
    "mice": "mouse",
}

# Concept classes: name -> near-synonymous words and phrases. A word may sit in two classes.
CONCEPTS = {
    "run": "run sprint flee dash race bolt jog escape scramble",
    "chase": "chase pursue pursuit pursuer follow hunt stalk",
    "walk": "walk stroll trudge plod stride step wade",
    "behind": "behind; after me; at my heels; on my tail; catch up; close in",
    "legs": "leg limb knee thigh calf calves shin",
    "feet": "foot toe heel ankle shoe boot sneaker sole",
    "heavy": (
        "heavy heaviness weight weigh leaden concrete cement anchor sandbag burden; "
        "like lead; of lead; with lead; like stone; like bricks"
    ),
    "sticky": (
        "glue glued sticky syrup molasses treacle honey tar mud muddy sludge quicksand "
        "thick viscous goo gooey clay; wet cement"
    ),
    "sinking": "sink sinking quicksand sand bog swamp marsh mire mud",
    "liquid": "liquid liquefy liquify melt dissolve water watery flood",
    "slippery": "ice icy slip slippery slick slide skid skate frictionless",
    "grip": "grip traction foothold grasp claw cling",
    "stuck": (
        "stuck trapped freeze paralysed paralyzed paralysis paralyse paralyze immobile "
        "rooted pinned glued cemented locked"
    ),
    "stationary": (
        "nowhere standstill stationary treadmill motionless; in place; on the spot; "
        "stand still; stay put; same place; same spot"
    ),
    "move": "move movement motion budge",
    "slow": "slow slowly sluggish crawl drag; slow motion",
    "fast": "fast faster quick quickly speed rapid hurry; full speed; top speed; flat out",
    "ground": (
        "ground floor road path street sidewalk pavement track trail highway lane terrain "
        "surface earth pathway"
    ),
    "collapse": "collapse buckle crumple; give out; give way",
    "wobbly": "jelly rubber rubbery wobbly wobble weak shaky shake tremble limp noodle unsteady",
    "exhausted": (
        "exhausted exhaustion exhausting drained tired tiredness fatigue fatigued weary "
        "spent depleted burnout; worn out; wiped out; burnt out"
    ),
    "heart": "heart heartbeat pulse palpitation pounding thumping throbbing; heart racing",
    "sweat": "sweat sweaty drenched clammy soaked perspiration",
    "breath": (
        "breath breathe breathless gasp pant winded suffocate choke; out of breath; short of breath"
    ),
    "chest": "chest ribs sternum lungs breastbone",
    "fear": "fear afraid scared terror terrified panic dread anxious anxiety frightened horror",
    "threat": (
        "threat threatening danger dangerous monster killer attacker pursuer predator shadow "
        "figure stranger presence beast intruder"
    ),
    "confront": "confront face; turn around; turn back; stand my ground",
    "watch": "watch stare observe witness",
    "others": "others onlooker bystander spectator audience crowd",
    "incline": "uphill hill slope climb incline steep mountain stairs staircase",
    "progress": "progress advance forward destination goal reach arrive",
    "distance": "distance gap far farther closer nearer",
    "familiar": "familiar hometown home childhood recognisable recognizable",
    "strange": "wrong strange weird distorted unfamiliar warped eerie",
    "extend": "extend stretch lengthen longer recede endless",
    "effort": "effort try strain struggle exertion push",
    "wake": "wake awake waking morning",
    "ache": "muscle burn burning ache sore cramp",
    "restless": "restless twitch jittery fidget antsy agitated",
    "crawl": "crawl claw; all fours; hands and knees",
    "futility": "futile futility pointless useless; for nothing; in vain",
}

# A negated concept that means another one: "not moving" is being stationary,
# "no grip" is slipping, "not fast" is slow.
NEGATED_CONCEPTS = {
    "move": "stationary",
    "progress": "stationary",
    "grip": "slippery",
    "fast": "slow",
}
