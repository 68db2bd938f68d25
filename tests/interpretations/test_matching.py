"""The dream matcher: pure unit tests on a small invented library."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interpretations.matching import TAG_THRESHOLD, InterpretationRef, Matcher, Tag

HEAVY = InterpretationRef("heavy", "Legs that will not carry you", "heavy.txt")
PURSUIT = InterpretationRef("pursuit", "Something keeps pace behind you", "pursuit.txt")
SWIM = InterpretationRef("swim", "Swimming against the tide", "swim.txt")

HEAVY_LEGS = Tag(
    "heavy-legs",
    "scenario",
    "Heavy legs as you try to escape",
    "Escape is wanted but the body will not supply it; a burden you carry by day.",
    "heavy",
)
SYRUP_FLOOR = Tag(
    "syrup-floor",
    "scenario",
    "The pavement melts into syrup under your shoes",
    "Footing you trusted has gone soft; the support itself slows you down.",
    "heavy",
)
STILL_GROUND = Tag(
    "still-ground",
    "scenario",
    "Sprinting while the ground is not moving",
    "Effort that produces no distance.",
    "heavy",
)
HEAVY_CALVES = Tag(
    "heavy-calves",
    "marker",
    "Calves aching on waking as if you had run all night",
    "The effort was rehearsed in full by the body.",
    "heavy",
)
KEEPS_PACE = Tag(
    "keeps-pace",
    "scenario",
    "A shadow follows you and keeps the same distance",
    "What you avoid stays exactly as close as the avoiding keeps it.",
    "pursuit",
)
SLOW_MOTION = Tag(
    "slow-motion",
    "scenario",
    "Fleeing in slow motion",
    "Your speed is no match for what is asked of you.",
    "pursuit",
)
HAMMERING = Tag(
    "hammering",
    "marker",
    "Heart pounding and breathless when you wake",
    "The alarm outlived the dream.",
    "pursuit",
)
CURRENT = Tag(
    "current",
    "scenario",
    "Swimming against a current toward a distant shore",
    "Progress bought at a high price.",
    "swim",
)
TREADMILL = Tag(
    "treadmill",
    "scenario",
    "The track rolls back beneath you",
    "Work that keeps you in place.",
    "swim",
    cues=("on a treadmill",),
)
LIBRARY = (HEAVY_LEGS, SYRUP_FLOOR, STILL_GROUND, HEAVY_CALVES, KEEPS_PACE, SLOW_MOTION)
LIBRARY += (HAMMERING, CURRENT, TREADMILL)


@pytest.fixture(scope="module")
def matcher():
    return Matcher([HEAVY, PURSUIT, SWIM], LIBRARY)


def scenario_keys(result):
    return [match.tag.key for match in result.scenarios]


def marker_keys(result):
    return [match.tag.key for match in result.markers]


def all_matches(result):
    return result.scenarios + result.markers


# --- Matching --------------------------------------------------------------------------------


def test_a_paraphrase_of_a_label_is_found(matcher):
    result = matcher.match("I tried to escape but my legs were so heavy.")
    assert scenario_keys(result)[0] == "heavy-legs"
    assert result.interpretation.interpretation == HEAVY


def test_any_inflection_of_a_label_word_counts(matcher):
    for verb in ("sprint", "sprinted", "sprinting"):
        result = matcher.match(f"I {verb} hard and the ground was not moving at all.")
        assert "still-ground" in scenario_keys(result), verb


@pytest.mark.parametrize(
    "text",
    [
        "I had to escape but my legs felt like lead.",
        "Trying to escape, my legs were like concrete.",
        "My limbs were leaden and I could feel the weight as I fled.",
    ],
)
def test_synonyms_from_the_lexicon_stand_for_label_words(matcher, text):
    assert "heavy-legs" in scenario_keys(matcher.match(text))


def test_synonyms_count_less_than_the_words_themselves(matcher):
    own_words = matcher.match("I tried to escape but my legs were heavy.")
    synonyms = matcher.match("I tried to flee but my limbs were like lead.")
    assert own_words.scenarios[0].score > synonyms.scenarios[0].score


def test_a_negated_word_does_not_trigger_its_tag(matcher):
    assert "heavy-legs" in scenario_keys(matcher.match("I tried to escape; my legs felt heavy."))
    negated = matcher.match("I tried to escape; my legs didn't feel heavy at all.")
    assert "heavy-legs" not in scenario_keys(negated)


def test_a_dream_of_not_sprinting_is_not_a_sprinting_dream(matcher):
    result = matcher.match("I was not sprinting, just strolling, and the ground was firm.")
    assert "still-ground" not in scenario_keys(result)


def test_negation_in_a_label_is_matched_by_negation_in_the_dream(matcher):
    result = matcher.match("I sprinted as hard as I could but the ground wasn't moving.")
    assert scenario_keys(result)[0] == "still-ground"
    assert any("wasn't moving" in words for words in result.scenarios[0].matched)


def test_a_phrase_kept_together_scores_higher_than_its_words_apart(matcher):
    together = matcher.match("I was fleeing in slow motion.")
    apart = matcher.match("I was slow, and every motion took an age.")
    assert scenario_keys(together) == ["slow-motion"]
    apart_scores = [m.score for m in apart.scenarios if m.tag.key == "slow-motion"]
    assert together.scenarios[0].score > max(apart_scores, default=0.0)


def test_a_complete_match_with_the_phrase_intact_ranks_first():
    intact = Tag("intact", "scenario", "Fleeing in slow motion", "", "pursuit")
    scattered = Tag("scattered", "scenario", "Motion while fleeing is slow", "", "pursuit")
    result = Matcher([PURSUIT], [scattered, intact]).match("I was fleeing in slow motion.")
    assert scenario_keys(result) == ["intact", "scattered"]


def test_editor_cue_phrases_sharpen_a_tag():
    text = "At the gym I was stuck on a treadmill that would not stop."
    with_cue = Matcher([SWIM], [TREADMILL])
    without_cue = Matcher([SWIM], [Tag(**{**TREADMILL.__dict__, "cues": ()})])
    assert scenario_keys(with_cue.match(text)) == ["treadmill"]
    assert with_cue.match(text).scenarios[0].matched == ("on a treadmill",)
    assert scenario_keys(without_cue.match(text)) == []


def test_a_cue_phrase_in_other_words_also_counts():
    tag = Tag(
        "lead", "scenario", "Slow legs", "", "heavy", cues=("legs full of lead while fleeing",)
    )
    result = Matcher([HEAVY], [tag]).match("I was fleeing and my legs were filled with lead.")
    assert scenario_keys(result) == ["lead"]


def test_a_denied_cue_phrase_does_not_count():
    assert Matcher([SWIM], [TREADMILL]).match("I was not on a treadmill.").scenarios == ()


def test_alternatives_offered_with_or_need_only_one_of_them():
    tag = Tag("jelly", "scenario", "Knees of jelly or rubber", "", "heavy")
    matcher = Matcher([HEAVY], [tag])
    assert scenario_keys(matcher.match("My knees were like rubber.")) == ["jelly"]
    assert scenario_keys(matcher.match("My knees turned to jelly.")) == ["jelly"]


def test_a_tag_added_now_is_matchable_at_once_from_its_label():
    new = Tag("new", "scenario", "Balloons carry you over the harbour", "Lightness.", "swim")
    result = Matcher([SWIM], [new]).match("A bunch of balloons carried me over the harbour.")
    assert scenario_keys(result) == ["new"]


@pytest.mark.parametrize(
    "text",
    [
        "We had a picnic by the lake and ate sandwiches with my aunt.",
        "I was late for an exam and could not find the classroom.",
        "My teeth were falling out one by one in front of the mirror.",
        "I was flying over the city at night and it felt wonderful.",
        "I ran into an old friend at the market.",
    ],
)
def test_a_dream_the_library_does_not_fit_gets_no_interpretation(matcher, text):
    result = matcher.match(text)
    assert result.interpretation is None
    assert result.scenarios == ()


def test_one_shared_word_is_not_a_match(matcher):
    assert matcher.match("The shadow of the tree was lovely.").scenarios == ()


def test_markers_are_read_from_the_body_notes_and_scenarios_are_not(matcher):
    result = matcher.match("A quiet dream about a garden.", "heart pounding, breathless on waking")
    assert marker_keys(result) == ["hammering"]
    assert scenario_keys(result) == []
    assert result.markers[0].matched == ("heart pounding", "breathless on waking")


def test_markers_alone_never_attach_an_interpretation(matcher):
    """A teeth dream with a pounding heart is not a chase dream: the dream must tell it."""
    garden = matcher.match("My teeth crumbled in a garden.", "heart pounding, breathless on waking")
    assert marker_keys(garden) == ["hammering"]
    assert garden.interpretation is None
    told = matcher.match("I woke up breathless with my heart pounding.")
    assert "hammering" in marker_keys(told)
    assert told.interpretation is None  # a marker in the narrative does not attach one either


def test_body_notes_imply_waking():
    tag = Tag("spent", "marker", "Waking up utterly spent", "", "heavy")
    result = Matcher([HEAVY], [tag]).match("A dream about a garden.", "spent")
    assert marker_keys(result) == ["spent"]
    assert result.markers[0].matched == ("spent",)
    assert Matcher([HEAVY], [tag]).match("I spent the day in a garden.").markers == ()


def test_markers_are_read_from_the_narrative_too(matcher):
    result = matcher.match("I woke up breathless with my heart pounding.")
    assert "hammering" in marker_keys(result)


def test_interpretation_comes_with_its_reasons_and_their_words(matcher):
    narrative = "Something followed me at the same distance, and I was fleeing in slow motion."
    result = matcher.match(narrative, "Woke with my heart pounding, breathless.")
    found = result.interpretation
    assert found.interpretation == PURSUIT
    assert {reason.tag.key for reason in found.reasons} == {
        "keeps-pace",
        "slow-motion",
        "hammering",
    }
    assert {words for reason in found.reasons for words in reason.matched} <= set(found.matched)
    assert 0.5 <= found.score <= 1  # a calibrated probability that it fits, attached from 0.5


def test_matched_words_are_the_users_own_words(matcher):
    narrative = "Trying to ESCAPE, my Legs felt like CONCRETE."
    result = matcher.match(narrative)
    assert result.scenarios[0].matched == ("Trying to ESCAPE", "Legs felt like CONCRETE")


def test_results_are_ordered_best_first_and_limited(matcher):
    narrative = (
        "I tried to escape, legs heavy. I sprinted but the ground was not moving. "
        "The pavement melted into syrup under my shoes. Fleeing in slow motion. "
        "A shadow followed me, always the same distance behind."
    )
    result = matcher.match(narrative, limit=3)
    scores = [match.score for match in result.scenarios]
    assert len(scores) == 3
    assert scores == sorted(scores, reverse=True)
    # five found outright; what is offered beyond them is echoed weakly and scores lower
    scores = [match.score for match in matcher.match(narrative, limit=10).scenarios]
    assert len([score for score in scores if score >= TAG_THRESHOLD]) == 5
    assert scores == sorted(scores, reverse=True)


def test_matching_is_deterministic():
    narrative = "I sprinted but the ground was not moving, and my legs were heavy as I fled."
    first = Matcher([HEAVY, PURSUIT, SWIM], LIBRARY).match(narrative)
    second = Matcher([HEAVY, PURSUIT, SWIM], LIBRARY).match(narrative)
    assert first == second


def test_match_many_matches_each_item(matcher):
    items = [
        "I tried to escape but my legs were heavy.",
        ("A garden.", "heart pounding, breathless"),
    ]
    assert matcher.match_many(items) == [matcher.match(items[0]), matcher.match(*items[1])]


def test_a_tag_of_an_unknown_interpretation_is_refused():
    with pytest.raises(ValueError, match="unknown interpretation"):
        Matcher([HEAVY], [CURRENT])


@pytest.mark.parametrize(
    "narrative",
    [
        "",
        "   \n\t ",
        "...!!! ??? —",
        "🏃‍♀️💨 j'ai couru, ich rannte über die Brücke, 私は走った",
        "Ｌｅｇｓ ｈｅａｖｙ while I tried to escape",
        "e\u0301scape with heavy legs",
        "run " * 5_000,  # one word over and over, as long as an entry can be
        "I tried to escape but my legs were heavy. " * 2_000,
    ],
)
def test_odd_input_does_not_crash(matcher, narrative):
    result = matcher.match(narrative, narrative[:500])
    for match in all_matches(result):
        assert 0 < match.score <= 1


LIBRARY_WORDS = (
    "I my legs heavy escape not didn't ground moving sprint fled slow motion shadow follows "
    "distance heart pounding breathless syrup pavement shoes , . — ( ) é 🏃"
)
words = st.sampled_from(LIBRARY_WORDS.split(" "))


@settings(max_examples=200, deadline=None)
@given(
    narrative=st.lists(st.one_of(words, st.text(max_size=8)), max_size=40).map(" ".join),
    body=st.lists(words, max_size=10).map(" ".join),
)
def test_any_text_gives_bounded_ordered_explained_results(matcher, narrative, body):
    result = matcher.match(narrative, body)
    attached = result.interpretation and result.interpretation.interpretation.key

    def told_on_waking(match):
        """True when its words are only in the body notes (which tell the waking), False when
        some are only in the narrative, None when the body notes hold them all and the
        narrative some too: either could be the one read, and the order says nothing then."""
        if not all(words in body for words in match.matched):
            return False
        if any(words in narrative for words in match.matched):
            return None
        return True

    for matches, kind in ((result.scenarios, "scenario"), (result.markers, "marker")):
        # best first, among the attached interpretation's own tags (which may come first) and
        # among the others; markers told on waking may come first too
        for own in (True, False):
            for told in (True, False) if kind == "marker" else (False,):
                scores = [
                    m.score
                    for m in matches
                    if (m.tag.interpretation_key == attached) == own
                    and (kind == "scenario" or told_on_waking(m) == told)
                ]
                assert scores == sorted(scores, reverse=True)
        assert all(0 < match.score <= 1 for match in matches)
    # of the markers found outright, those told on waking come first, then the attached
    # interpretation's
    found = [
        (told_on_waking(m), m.tag.interpretation_key == attached)
        for m in result.markers
        if m.score >= 0.6 and told_on_waking(m) is not None
    ]
    assert found == sorted(found, reverse=True)
    for match in all_matches(result):
        assert match.matched
        assert all(words in narrative or words in body for words in match.matched)
    if result.interpretation:  # the dreamer's words that point to it are always shown
        assert result.interpretation.matched
        assert all(words in narrative or words in body for words in result.interpretation.matched)
