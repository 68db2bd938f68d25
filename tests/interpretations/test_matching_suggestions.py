"""Weaker suggestions (interpretations.suggesting): tags a dream echoes in other words than
their labels', offered below the tags found outright and never counted towards attaching."""

import os
import subprocess
import sys

import pytest

from interpretations.matching import TAG_THRESHOLD, InterpretationRef, Matcher, Tag, TagMatch
from journal.tagging import keeps_by_default
from tests.conftest import REPO_ROOT, matcher_for_folder

CATALOG = REPO_ROOT / "interpretations" / "catalog"

HEAVY = InterpretationRef("heavy", "Legs that will not carry you", "heavy.txt")
WADING = Tag(
    "wading",
    "scenario",
    "Wading, each step slow and dragging",
    "every step a struggle, as if through mud or deep water",
    "heavy",
)
DREAD = Tag(
    "dread",
    "marker",
    "Dull dread pressing on the chest",
    "more dread than panic; a slow ache rather than a sharp scare",
    "heavy",
)


@pytest.fixture(scope="module")
def matcher():
    return Matcher([HEAVY], [WADING, DREAD])


@pytest.fixture(scope="module")
def catalog_matcher():
    return matcher_for_folder(CATALOG)


def keys(matches: tuple[TagMatch, ...]) -> list[str]:
    return [str(match.tag.key) for match in matches]


def test_a_scenario_told_in_the_words_of_its_meaning_is_suggested_with_them(matcher):
    result = matcher.match("I struggled, every step, through deep water")
    (suggestion,) = result.scenarios
    assert suggestion.tag == WADING
    assert 0 < suggestion.score < TAG_THRESHOLD  # below every tag found outright
    assert suggestion.matched == ("struggled", "step", "deep water")
    assert result.interpretation is None  # weak evidence never attaches one


def test_one_word_in_common_suggests_nothing(matcher):
    assert matcher.match("I drank a glass of water").scenarios == ()


def test_someone_elses_struggle_is_not_the_dreamers(matcher):
    assert matcher.match("my sister struggled through deep water step by step").scenarios == ()


def test_a_denied_label_word_outweighs_the_meanings_words(matcher):
    assert matcher.match("I struggled through deep water with every step, not dragging") == (
        matcher.match("")
    )


def test_a_marker_in_everyday_words_is_suggested_from_the_waking_body_notes(matcher):
    result = matcher.match("went for a walk", "a slow ache in my chest")
    assert keys(result.markers) == ["dread"]
    assert result.markers[0].score < TAG_THRESHOLD
    assert result.markers[0].matched == ("slow ache in my chest",)


def test_weak_markers_are_read_only_where_the_waking_is_told(matcher):
    assert matcher.match("a slow ache in my chest as I went for a walk").markers == ()
    woke = matcher.match("went for a walk. Woke up with a slow ache in my chest")
    assert "dread" in keys(woke.markers)


def test_weak_suggestions_are_not_kept_by_default(catalog_matcher):
    result = catalog_matcher.match(
        "I was being chased by a man and my legs felt like wading through water. "
        "Woke up with legs feeling dead and fuzzy"
    )
    assert result.interpretation is not None
    weak = [m for m in result.scenarios + result.markers if m.score < TAG_THRESHOLD]
    assert weak
    assert not any(keeps_by_default(match, result) for match in weak)


def test_the_attached_interpretations_tags_need_more_than_waking():
    """With an interpretation attached, its tags are offered on one word of their label, but
    a word of waking alone says nothing about the dream."""
    catalog = matcher_for_folder(CATALOG)
    result = catalog.match("I was being chased by a man. I woke up.")
    assert result.interpretation is not None
    for match in (*result.scenarios, *result.markers):
        assert {word.lower() for word in match.matched} - {"woke", "wake", "awake"}, match


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        (
            "I was chased through a car park. Woke up with pins and needles in both legs.",
            "Numb legs that feel not your own",
        ),
        (
            "Something was after me. Woke with my jaw aching from grinding.",
            "Fists or jaw clenched hard",
        ),
        (
            "I turned round and it was a kitten. Woke up amazed it was so tiny.",
            "Surprised how small it was",
        ),
        (
            "I ran and ran but stayed in the same spot. Woke up completely emptied out.",
            "Woke exhausted rather than sore",
        ),
        # the sentence after the waking tells the body too
        (
            "Chased all night. Woke at four. Felt at peace, calm and settled.",
            "Calm and settled, something sorted",
        ),
    ],
)
def test_the_waking_body_in_everyday_words_suggests_its_marker(text, marker):
    result = matcher_for_folder(CATALOG).match(text)
    assert marker in [match.tag.label for match in result.markers[:3]]


def test_the_body_told_on_waking_comes_before_the_body_in_the_dream():
    text = (
        "Bees came for me across the orchard and my legs were heavy as fence posts. "
        "Woke with my shoulders hunched and my teeth clamped."
    )
    result = matcher_for_folder(CATALOG).match(text)
    assert result.markers[0].tag.label == "Tight shoulders, clenched jaw"


def test_the_attached_interpretations_own_marker_comes_first():
    # two articles name a tired waking; the one attached explains it
    text = (
        "I was running on the spot and getting nowhere, the road never got any closer. "
        "Woke up knackered."
    )
    result = matcher_for_folder(CATALOG).match(text)
    assert result.interpretation.interpretation.source == "running-in-place.txt"
    first = result.markers[0]
    assert first.tag.label == "Woke exhausted rather than sore"
    assert any(m.score > first.score for m in result.markers[1:])  # found, but another's


def test_phone_typing_slips_are_read_as_the_word_meant():
    from interpretations.stems import stem

    assert stem("runnin") == stem("runing") == stem("runnning") == stem("running")
    assert stem("diner") != stem("dinner")  # a word the lemmatiser knows is left alone


def test_british_and_american_spellings_and_the_noun_share_a_key():
    from interpretations.stems import stem

    assert stem("paralysed") == stem("paralyzed") == stem("paralysis") == stem("paralyse")
    assert stem("analysis") == stem("analyzed")
    assert stem("easy") != stem("eas")  # only a "y" before the ending is one


SUGGEST_IN_A_FRESH_PROCESS = """
import sys
import django
django.setup()
from tests.conftest import matcher_for_folder
from tests.interpretations.test_matching_suggestions import CATALOG
print(repr(matcher_for_folder(CATALOG).match(sys.stdin.read())))
"""


def test_the_suggestions_are_the_same_in_every_process():
    """Hits of equal weight once went in the order of a set of keys, which Python's string
    hashing changes from one process to the next: one dream got different words and scores."""
    dream = (
        "There was a lady in white at the foot of my bed and she was coming nearer nearer and I "
        "cannot move, not even my finger. Only my eyes can move. When I woke up I still cannot "
        "move for some seconds and my chest so tight."
    )
    results = {
        subprocess.run(  # noqa: S603 (our own code, in a fresh interpreter)
            [sys.executable, "-c", SUGGEST_IN_A_FRESH_PROCESS],
            input=dream,
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(results) == 1
